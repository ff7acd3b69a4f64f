import { Command } from 'commander';
import { exitOverride, runCli, withStore } from '../src/cli/run.js';
import path from 'node:path';
import { READ_MODELS_LOCK, WriterLock } from '../src/application/writerLock.js';
import { RegistryError } from '../src/domain/shared/errors.js';
import { openProjections } from '../src/projections/host.js';

await runCli('projections:rebuild', async () => {
  new Command('projections:rebuild')
    .description('Empties the read models under DATA_DIR and folds the whole event log into them again.')
    .exitOverride(exitOverride)
    .parse(process.argv.slice(2), { from: 'user' });
  await withStore(async (store, config) => {
    const lock = WriterLock.tryAcquire(path.join(config.dataDir, READ_MODELS_LOCK));
    if (!(lock instanceof WriterLock)) {
      throw new RegistryError(
        'concurrency',
        `the server (pid ${lock.heldBy}) keeps these read models; stop it first`,
      );
    }
    const host = openProjections(config.dataDir);
    const started = performance.now();
    try {
      const n = await host.rebuild(store, (k) => process.stderr.write(`\r${k} events`));
      const s = (performance.now() - started) / 1000;
      process.stdout.write(
        `\nrebuilt from ${n} events in ${s.toFixed(1)} s (${Math.round(n / Math.max(s, 1e-3))} events/s)\n`,
      );
    } finally {
      await host.close();
      lock.release();
    }
  });
});
