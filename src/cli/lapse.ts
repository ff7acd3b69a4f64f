import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { runLapsePolicy } from '../application/lapsePolicy.js';
import { isLocalDate, todayInShanghai } from '../domain/shared/dates.js';
import { validationError } from '../domain/shared/errors.js';
import { exitOverride, withStore } from './run.js';

export async function lapseMain(argv: readonly string[], now = new Date()): Promise<number> {
  const program = new Command('lapse')
    .description(
      'Records the lapse of every registration whose grace period ended on or before the date, unrenewed.',
    )
    .option('--as-of <date>', 'YYYY-MM-DD, China time (default: today)')
    .exitOverride(exitOverride)
    .parse(argv, { from: 'user' });
  const asOf = program.opts<{ asOf?: string }>().asOf ?? todayInShanghai(now);
  if (!isLocalDate(asOf)) throw validationError(`--as-of must be a date YYYY-MM-DD, not "${asOf}"`);
  const report = await withStore((store) =>
    runLapsePolicy(store, { asOf, now, correlationId: randomUUID() }),
  );
  for (const streamId of report.lapsed) process.stdout.write(`lapsed ${streamId}\n`);
  process.stdout.write(
    `${report.checked} registrations checked, ${report.lapsed.length} lapsed as of ${asOf}\n`,
  );
  return 0;
}
