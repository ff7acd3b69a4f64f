import { Command } from 'commander';
import { exitOverride, runCli, withStore } from '../src/cli/run.js';
import { openProjections } from '../src/projections/host.js';

await runCli('projections:rebuild', async () => {
  new Command('projections:rebuild')
    .description('Empties the read models under DATA_DIR and folds the whole event log into them again.')
    .exitOverride(exitOverride)
    .parse(process.argv.slice(2), { from: 'user' });
  await withStore(async (store, config) => {
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
    }
  });
});
