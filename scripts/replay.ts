import { replayMain } from '../src/cli/replay.js';
import { runCli } from '../src/cli/run.js';

await runCli('replay', () => replayMain(process.argv.slice(2)));
