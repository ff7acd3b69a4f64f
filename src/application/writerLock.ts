import fs from 'node:fs';

/**
 * One process at a time writes the read models under DATA_DIR: two hosts folding the same log into
 * the same tables would each apply events the other already applied. The lock is a file holding the
 * owner's pid, created exclusively; a file left by a process that no longer runs is taken over.
 */
export class WriterLock {
  private released = false;

  private constructor(
    readonly file: string,
    private readonly onExit: () => void,
  ) {}

  /** The lock, or the pid of the live process that holds it. */
  static tryAcquire(file: string): WriterLock | { readonly heldBy: number } {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
        const onExit = (): void => removeIfOurs(file);
        process.once('exit', onExit);
        return new WriterLock(file, onExit);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const holder = Number(readOrEmpty(file));
        if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) return { heldBy: holder };
        fs.rmSync(file, { force: true }); // left by a process that has gone
      }
    }
    const holder = Number(readOrEmpty(file));
    return { heldBy: holder };
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.onExit);
    removeIfOurs(this.file);
  }
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

function removeIfOurs(file: string): void {
  if (readOrEmpty(file) === String(process.pid)) fs.rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const READ_MODELS_LOCK = 'read-models.lock';
