import { Command } from 'commander';
import { verifyLog } from '../application/integrity.js';
import { exitOverride, withStore } from './run.js';

export async function verifyMain(argv: readonly string[]): Promise<number> {
  const program = new Command('verify')
    .description(
      'Checks the integrity of the whole event log: revisions contiguous, every hash and link intact.',
    )
    .option('--json', 'print the report as JSON')
    .exitOverride(exitOverride)
    .parse(argv, { from: 'user' });
  const { json } = program.opts<{ json?: boolean }>();
  const report = await withStore((store) => verifyLog(store));
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const p of report.problems) {
      process.stdout.write(
        `${p.streamId}@${p.revision ?? '-'} (position ${p.position ?? '-'}): ${p.problem}\n`,
      );
    }
    const verdict = report.ok ? 'ok' : `${report.problems.length} problem(s)`;
    process.stdout.write(
      `${report.streamsChecked} streams, ${report.eventsChecked} events checked: ${verdict}\n`,
    );
  }
  return report.ok ? 0 : 1;
}
