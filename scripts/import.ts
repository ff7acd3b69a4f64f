import { importMain } from '../src/cli/import.js';
import { runCli } from '../src/cli/run.js';

await runCli('import', () => importMain(process.argv.slice(2)));
