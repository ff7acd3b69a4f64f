import { lapseMain } from '../src/cli/lapse.js';
import { runCli } from '../src/cli/run.js';

await runCli('lapse', () => lapseMain(process.argv.slice(2)));
