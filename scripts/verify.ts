import { verifyMain } from '../src/cli/verify.js';
import { runCli } from '../src/cli/run.js';

await runCli('verify', () => verifyMain(process.argv.slice(2)));
