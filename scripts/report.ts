import { reportMain } from '../src/cli/report.js';
import { runCli } from '../src/cli/run.js';

await runCli('report', () => reportMain(process.argv.slice(2)));
