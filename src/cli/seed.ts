import { Command } from 'commander';
import { runSeed, seedJobs } from '../application/seedData.js';
import { todayInShanghai } from '../domain/shared/dates.js';
import { validationError } from '../domain/shared/errors.js';
import { processIo, startProgress, type CliIo } from './bulkProgress.js';
import { exitOverride, withStore } from './run.js';

const wholeNumber = (flag: string, text: string, min: number): number => {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min)
    throw validationError(`${flag} must be a whole number ≥ ${min}, not "${text}"`);
  return n;
};

export async function seedMain(
  argv: readonly string[],
  options: { readonly now?: Date; readonly io?: CliIo } = {},
): Promise<number> {
  const io = options.io ?? processIo();
  const program = new Command('seed')
    .description(
      'Fills the registry with realistic synthetic data (real Hangzhou divisions and GIs) through the ' +
        'command handlers. The same seed on the same day gives the same records; seeding again appends nothing.',
    )
    .option('--trademarks <n>', 'how many trademarks', '1000')
    .option('--seed <s>', 'the PRNG seed (any text)', '1')
    .option('--concurrency <n>', 'records in flight at once', '8')
    .exitOverride(exitOverride)
    .parse(argv, { from: 'user' });
  const opts = program.opts<{ trademarks: string; seed: string; concurrency: string }>();
  const now = options.now ?? new Date();
  const seedOptions = {
    seed: opts.seed,
    trademarks: wholeNumber('--trademarks', opts.trademarks, 0),
    asOf: todayInShanghai(now),
  };
  const concurrency = wholeNumber('--concurrency', opts.concurrency, 1);
  const total = seedJobs(seedOptions).length;
  const summary = await withStore(async (store) => {
    const progress = startProgress(io, `seed ${seedOptions.seed}`, total);
    try {
      return await runSeed(store, seedOptions, { now, concurrency, onSettled: () => progress.tick() });
    } finally {
      progress.stop();
    }
  });
  for (const r of summary.refused) io.stderr.write(`${r.streamId}: ${r.reason}\n`);
  io.stdout.write(
    `${summary.records} records: ${summary.created} created, ${summary.unchanged} unchanged, ` +
      `${summary.present} already present from another seed, ${summary.refused.length} refused\n`,
  );
  return summary.refused.length > 0 ? 1 : 0;
}
