/**
 * The server side of bench/http.ts, in a process of its own so that the load generator does not
 * share its event loop (or its core) with the server it measures. Assembled as `npm start` assembles
 * the server, on the embedded store, with the default projection batching.
 */
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { IdempotencyStore } from '../src/application/idempotency.js';
import { SqliteEventStore } from '../src/eventStore/sqlite.js';
import { createApp } from '../src/http/app.js';
import { TokenIndex } from '../src/http/tokenIndex.js';
import { openProjections } from '../src/projections/index.js';

const dir = process.env['BENCH_DATA_DIR'];
const token = process.env['BENCH_TOKEN'];
if (dir === undefined || token === undefined || process.send === undefined) {
  throw new Error('bench/httpServer.ts runs as a child of bench/http.ts');
}
fs.mkdirSync(dir, { recursive: true });
const store = SqliteEventStore.open(path.join(dir, 'registry.db'));
const projections = openProjections(dir);
projections.start(store);
const tokens = TokenIndex.open(path.join(dir, 'tokens.db'));
tokens.setEnvAdminToken(token);
const idempotency = IdempotencyStore.open(path.join(dir, 'idempotency.db'));
const server = createServer(createApp({ store, projections, tokens, idempotency })).listen(0, '127.0.0.1');
server.once('listening', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('message', (message) => {
  if (message !== 'stop') return;
  server.close(async () => {
    await projections.close();
    await tokens.close();
    idempotency.close();
    await store.close();
    process.exit(0);
  });
  server.closeAllConnections();
});
