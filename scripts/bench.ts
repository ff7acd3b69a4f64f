/**
 * `npm run bench`: runs every bench section in turn, or one with `--only <name>`.
 * A new section is one more entry in BENCHES.
 */
import { benchEventStore } from '../bench/eventStore.js';
import { benchHttp } from '../bench/http.js';
import { benchProjections } from '../bench/projections.js';
import { benchRebuildFromStore } from '../bench/rebuildFromStore.js';

interface Bench {
  readonly name: string;
  readonly run: () => Promise<void>;
}

const BENCHES: readonly Bench[] = [
  { name: 'event-store', run: benchEventStore },
  { name: 'projections', run: async () => void (await benchProjections()) },
  { name: 'http', run: async () => void (await benchHttp()) },
  { name: 'rebuild-from-store', run: () => benchRebuildFromStore() },
];

const HELP = `usage: npm run bench -- [--only <name>]

Runs the benchmarks and prints their figures. Sections: ${BENCHES.map((b) => b.name).join(', ')}`;

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const onlyAt = args.indexOf('--only');
  const only = onlyAt < 0 ? undefined : args[onlyAt + 1];
  if (onlyAt >= 0 && only === undefined) {
    console.error('--only needs a section name');
    return 2;
  }
  const selected = only === undefined ? BENCHES : BENCHES.filter((b) => b.name === only);
  if (selected.length === 0) {
    console.error(`no bench section "${only}"; sections: ${BENCHES.map((b) => b.name).join(', ')}`);
    return 2;
  }
  for (const bench of selected) {
    console.log(`\n== ${bench.name} ==`);
    await bench.run();
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
