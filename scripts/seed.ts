import { runCli } from '../src/cli/run.js';
import { seedMain } from '../src/cli/seed.js';

await runCli('seed', () => seedMain(process.argv.slice(2)));
