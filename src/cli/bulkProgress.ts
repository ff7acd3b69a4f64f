import cliProgress from 'cli-progress';

/** Where a CLI writes; the tests pass their own. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr });

export interface Progress {
  tick(): void;
  stop(): void;
}

/**
 * A progress bar on stderr when a person is watching (a TTY); piped or redirected output gets no bar,
 * only the summary the caller prints at the end, so logs stay free of control characters.
 */
export function startProgress(io: CliIo, label: string, total: number): Progress {
  if (!io.stderr.isTTY || total === 0) return { tick: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let done = 0;
  bar.start(total, 0, { rate: 0 });
  return {
    tick() {
      done++;
      const seconds = (Date.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
    },
    stop: () => bar.stop(),
  };
}
