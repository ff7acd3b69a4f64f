/**
 * The HTTP API on loopback, embedded store: commands/s and p99 for recording trademarks (distinct
 * numbers) against the rate of calling handleCommand in-process in the same run (the ratio is what
 * HTTP, auth, validation, idempotency bookkeeping and read-your-writes cost; target ≥ 0.5), and
 * GET /api/v1/indicators requests/s (target ≥ 5,000/s). The server runs in a child process
 * (bench/httpServer.ts) assembled as `npm start` assembles it, projections with their default
 * batching, so a write's answer waits for the read models as it does in production; autocannon runs
 * here.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { handleCommand } from '../src/application/commandHandler.js';
import { trademarks, type FileTrademark } from '../src/domain/trademarks/index.js';
import { SqliteEventStore } from '../src/eventStore/sqlite.js';

const TOKEN = 'bench-admin-token';
const HOLDER = { name: '杭州西湖龙井茶叶有限公司', uscc: '91330100799655058B', district: '330106' };
const IN_PROCESS_COMMANDS = 3000;
const DURATION_S = 8;
const WRITE_CONNECTIONS = 64;
const READ_CONNECTIONS = 32;

const filing = (n: number) => ({
  number: String(n),
  markText: `西湖${n}`,
  classes: [30],
  applicants: [HOLDER],
  filingDate: '2020-01-01',
});

async function inProcessRate(dir: string): Promise<number> {
  const store = SqliteEventStore.open(path.join(dir, 'in-process.db'));
  const actor = { id: 'bench', role: 'officer' };
  const start = process.hrtime.bigint();
  for (let i = 0; i < IN_PROCESS_COMMANDS; i++) {
    const command: FileTrademark = {
      type: 'FileTrademark',
      data: { ...filing(20_000_000 + i), kind: 'ordinary' },
    };
    await handleCommand(store, trademarks, command, {
      commandId: randomUUID(),
      actor,
      correlationId: randomUUID(),
      now: new Date(),
    });
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await store.close();
  return IN_PROCESS_COMMANDS / seconds;
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Starts bench/httpServer.ts in a child process and answers its URL. */
async function startServer(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(new URL('./httpServer.ts', import.meta.url), [], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env['BENCH_PROF'] ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
    ],
    env: { ...process.env, BENCH_DATA_DIR: path.join(dir, 'server'), BENCH_TOKEN: TOKEN },
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

export async function benchHttp(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-bench-http-'));
  const { child, url } = await startServer(dir);
  try {
    const baseline = await inProcessRate(dir);
    let next = 10_000_000;
    const writes = await run({
      url,
      connections: WRITE_CONNECTIONS,
      duration: DURATION_S,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/trademarks',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: JSON.stringify(filing(next++)) }),
        },
      ],
    });
    const reads = await run({
      url: `${url}/api/v1/indicators?asOf=2024-01-01&district=330106`,
      connections: READ_CONNECTIONS,
      duration: DURATION_S,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const writeRate = writes.requests.average;
    const ratio = writeRate / baseline;
    console.log(`in-process handleCommand (FileTrademark, sequential): ${baseline.toFixed(0)} commands/s`);
    console.log(
      `POST /api/v1/trademarks, ${WRITE_CONNECTIONS} connections: ${writeRate.toFixed(0)} commands/s, ` +
        `p99 ${writes.latency.p99} ms, non-2xx ${writes.non2xx}, errors ${writes.errors}`,
    );
    console.log(
      `ratio HTTP / in-process: ${ratio.toFixed(2)} (target ≥ 0.5) ${ratio >= 0.5 ? 'ok' : 'BELOW TARGET'}`,
    );
    console.log(
      `GET /api/v1/indicators, ${READ_CONNECTIONS} connections: ${reads.requests.average.toFixed(0)} req/s, ` +
        `p99 ${reads.latency.p99} ms, non-2xx ${reads.non2xx} (target ≥ 5000/s) ` +
        `${reads.requests.average >= 5000 ? 'ok' : 'BELOW TARGET'}`,
    );
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('stop');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
