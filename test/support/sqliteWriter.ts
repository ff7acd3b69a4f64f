/**
 * A second OS process for the SQLite store's spec: appends to its own stream and to a stream it shares
 * with other writers, retrying a shared append whenever another process got there first.
 *
 * usage: node --import tsx test/support/sqliteWriter.ts <file> <ownStream> <sharedStream> <own> <shared>
 *
 * It prints `ready` once the store is open and starts writing when a line arrives on stdin, so that a
 * test can start several writers at the same moment; at the end it prints `{"retries": n}`.
 */
import { randomUUID } from 'node:crypto';
import { isStoreUnavailable, isWrongExpectedVersion, readStreamOrEmpty } from '../../src/eventStore/port.js';
import { SqliteEventStore } from '../../src/eventStore/sqlite.js';

const [file, ownStream, sharedStream, ownText, sharedText] = process.argv.slice(2);
if (!file || !ownStream || !sharedStream || !ownText || !sharedText) {
  throw new Error('usage: sqliteWriter <file> <ownStream> <sharedStream> <own> <shared>');
}
const store = SqliteEventStore.open(file);

async function appendShared(i: number): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    const head = (await readStreamOrEmpty(store, sharedStream!, { direction: 'backwards', maxCount: 1 }))[0];
    try {
      await store.appendToStream(
        sharedStream!,
        [{ id: randomUUID(), type: 'Shared', data: { writer: ownStream!, i } }],
        {
          expectedRevision: head === undefined ? 'no_stream' : head.revision,
        },
      );
      return attempt - 1;
    } catch (e) {
      if (!isWrongExpectedVersion(e) && !isStoreUnavailable(e)) throw e;
    }
  }
}

/** Another writer may hold the lock past the busy timeout; an audit writer retries rather than drops. */
async function retryingUnavailable<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (e) {
      if (!isStoreUnavailable(e)) throw e;
    }
  }
}

process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
const own = Number(ownText);
const shared = Number(sharedText);
let retries = 0;
for (let i = 0; i < Math.max(own, shared); i += 1) {
  if (i < own) {
    const event = { id: randomUUID(), type: 'Own', data: { i } };
    await retryingUnavailable(() =>
      store.appendToStream(ownStream, [event], { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) }),
    );
  }
  if (i < shared) retries += await appendShared(i);
  // Appends arrive like requests, with gaps: SQLite's busy handler polls, so a writer looping with no
  // pause at all would take the lock back before the other process's next poll.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
}
await store.close();
process.stdout.write(JSON.stringify({ retries }) + '\n');
