import path from 'node:path';
import { Command, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { isLocalDate, todayInShanghai } from '../domain/shared/dates.js';
import { READ_MODELS_LOCK, WriterLock } from '../application/writerLock.js';
import { RegistryError, validationError } from '../domain/shared/errors.js';
import { openProjections } from '../projections/host.js';
import type { IndicatorTable } from '../projections/readModels.js';
import { exitOverride, withStore } from './run.js';

/** Columns a character takes in a terminal: East Asian wide and fullwidth characters take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

const pad = (text: string, width: number, right = false): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
};

const progressText = (p: number | null): string => (p === null ? '-' : `${(p * 100).toFixed(1)}%`);

const rowsOf = (t: IndicatorTable): string[][] =>
  t.indicators.map((i) => [
    i.id,
    i.name,
    i.unit,
    String(i.baseline.value),
    String(i.target.value),
    String(i.value),
    progressText(i.progress),
  ]);

const HEADER = ['id', 'name', 'unit', 'baseline 2020', 'target 2025', 'value', 'progress'];

export function formatTable(t: IndicatorTable): string {
  const rows = [HEADER, ...rowsOf(t)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c] ?? ''))));
  const numeric = (c: number) => c >= 3;
  const line = (r: string[]) =>
    r
      .map((cell, c) => pad(cell, widths[c] ?? 0, numeric(c)))
      .join('  ')
      .trimEnd();
  const title = `asOf ${t.asOf}  district ${t.district ?? 'all'}${t.knownAt ? `  knownAt ${t.knownAt}` : ''}`;
  return (
    [title, line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...rowsOf(t).map(line)].join('\n') +
    '\n'
  );
}

export const formatCsv = (t: IndicatorTable): string =>
  stringify([
    ['asOf', 'district', 'knownAt', ...HEADER],
    ...rowsOf(t).map((r) => [t.asOf, t.district ?? '', t.knownAt ?? '', ...r]),
  ]);

async function waitForCheckpoint(checkpoint: () => bigint | null, position: bigint, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while ((checkpoint() ?? -1n) < position) {
    if (Date.now() > deadline)
      throw new RegistryError('unavailable', 'the server has not caught up with the log; try again');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function reportMain(argv: readonly string[], now = new Date()): Promise<number> {
  const program = new Command('report')
    .description("Prints the plan's brand indicators for a day, a district and a moment of knowledge.")
    .option('--as-of <date>', 'the day the figures are for (YYYY-MM-DD, default today in Shanghai)')
    .option('--district <code>', 'a Hangzhou division code (default: the whole city)')
    .option('--known-at <timestamp>', 'answer as the registry knew it at this moment (ISO 8601)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'),
    )
    .exitOverride(exitOverride)
    .parse(argv, { from: 'user' });
  const opts = program.opts<{ asOf?: string; district?: string; knownAt?: string; format: string }>();
  const asOf = opts.asOf ?? todayInShanghai(now);
  if (!isLocalDate(asOf)) throw validationError(`--as-of must be a date YYYY-MM-DD, not "${asOf}"`);
  const knownAt = opts.knownAt === undefined ? undefined : new Date(opts.knownAt);
  if (knownAt !== undefined && Number.isNaN(knownAt.getTime())) {
    throw validationError(`--known-at must be an ISO 8601 timestamp, not "${opts.knownAt}"`);
  }
  const query = {
    asOf,
    ...(opts.district ? { district: opts.district } : {}),
    ...(knownAt ? { knownAt } : {}),
  };
  const table = await withStore(async (store, config) => {
    const host = openProjections(config.dataDir);
    const lock = WriterLock.tryAcquire(path.join(config.dataDir, READ_MODELS_LOCK));
    try {
      // Catch up with the log first, so the report reflects every event recorded so far: itself, or,
      // when a server keeps the read models, by waiting for it.
      const last = (await store.readAll({ fromPosition: 'end', direction: 'backwards', maxCount: 1 }))[0];
      if (lock instanceof WriterLock) {
        host.start(store);
        if (last) await host.waitFor(last.position, 600_000);
      } else if (last) {
        await waitForCheckpoint(() => host.readModels.checkpoint(), last.position);
      }
      return host.readModels.indicators(query);
    } finally {
      await host.close();
      if (lock instanceof WriterLock) lock.release();
    }
  });
  const out =
    opts.format === 'json'
      ? `${JSON.stringify(table, null, 2)}\n`
      : opts.format === 'csv'
        ? formatCsv(table)
        : formatTable(table);
  process.stdout.write(out);
  return 0;
}
