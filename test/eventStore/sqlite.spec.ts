import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import {
  EventStoreError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventData,
  type RecordedEvent,
} from '../../src/eventStore/port.js';
import { SQLITE_SCHEMA_VERSION, SqliteEventStore } from '../../src/eventStore/sqlite.js';
import { describeEventStoreContract } from './contract.js';

const writerScript = path.resolve('test/support/sqliteWriter.ts');

const tempDirs: string[] = [];
const tempFile = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-store-'));
  tempDirs.push(dir);
  return path.join(dir, 'nested', `${randomUUID()}.db`);
};

after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const noted = (i: number): EventData => ({ id: randomUUID(), type: 'Noted', data: { i } });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function rejection(attempt: Promise<unknown>): Promise<unknown> {
  try {
    await attempt;
  } catch (e) {
    return e;
  }
  return expect.fail('expected a rejection');
}

function expectIncreasing(positions: readonly bigint[]): void {
  positions.slice(1).forEach((p, i) => expect(p > positions[i]!, `position ${i + 1} grows`).to.equal(true));
}

interface WriterRun {
  readonly own: string;
  readonly shared: string;
  readonly counts: readonly [own: number, shared: number];
}

/**
 * Starts test/support/sqliteWriter.ts in their own OS processes, lets them all write at the same
 * moment once each has opened the store, and answers how many retries each needed.
 */
async function runWriters(file: string, runs: readonly WriterRun[]): Promise<number[]> {
  const children = runs.map(({ own, shared, counts }) =>
    spawn(
      process.execPath,
      ['--import', 'tsx', writerScript, file, own, shared, String(counts[0]), String(counts[1])],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    ),
  );
  const outputs = children.map((child) => {
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    const ready = new Promise<void>((resolve) => {
      const check = (): void => void (text.includes('ready\n') && resolve());
      child.stdout.on('data', check);
    });
    const exited = new Promise<string>((resolve, reject) =>
      child.on('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`writer exited with ${code}`)),
      ),
    );
    return { ready, exited };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const child of children) child.stdin.end('go\n');
  const texts = await Promise.all(outputs.map((o) => o.exited));
  return texts.map((t) => (JSON.parse(t.slice(t.indexOf('{'))) as { retries: number }).retries);
}

describeEventStoreContract('SqliteEventStore', async () =>
  SqliteEventStore.open(tempFile(), { pollIntervalMs: 50 }),
);

describe('SqliteEventStore', () => {
  it('creates the parent directory and starts with an empty log', async () => {
    const file = tempFile();
    const store = SqliteEventStore.open(file);
    expect(fs.existsSync(file)).to.equal(true);
    expect(store.description).to.equal(`sqlite:${file}`);
    expect(await store.readAll()).to.deep.equal([]);
    expect(await store.readAll({ direction: 'backwards' })).to.deep.equal([]);
    await store.close();
  });

  it('keeps events across a reopen and keeps positions growing', async () => {
    const file = tempFile();
    const first = SqliteEventStore.open(file);
    const before = await first.appendToStream('trademark-1', [noted(0), noted(1)]);
    await first.close();
    const second = SqliteEventStore.open(file);
    const kept = await second.readStream('trademark-1');
    expect(kept.map((e) => e.data)).to.deep.equal([{ i: 0 }, { i: 1 }]);
    expect(kept.at(-1)!.position).to.equal(before.position);
    const afterReopen = await second.appendToStream('trademark-2', [noted(2)], {
      expectedRevision: 'no_stream',
    });
    expect(afterReopen.position > before.position).to.equal(true);
    expect(
      (await second.appendToStream('trademark-1', [noted(3)], { expectedRevision: 1n })).nextExpectedRevision,
    ).to.equal(2n);
    expectIncreasing((await second.readAll()).map((e) => e.position));
    await second.close();
  });

  it('answers the position of the last event written, and the original one for a replay', async () => {
    const store = SqliteEventStore.open(tempFile());
    const batch = [noted(0), noted(1), noted(2)];
    const written = await store.appendToStream('gi-longjing', batch, { expectedRevision: 'no_stream' });
    await store.appendToStream('gi-other', [noted(3)]);
    const events = await store.readStream('gi-longjing');
    expect(written.position).to.equal(events.at(-1)!.position);
    const replayed = await store.appendToStream('gi-longjing', batch, { expectedRevision: 'no_stream' });
    expect(replayed).to.deep.equal(written);
    await store.close();
  });

  it('records its schema version and refuses a file written by a newer version', async () => {
    const file = tempFile();
    await SqliteEventStore.open(file).close();
    const raw = new Database(file);
    expect(raw.prepare('SELECT version FROM event_store_schema').pluck().all()).to.deep.equal([
      SQLITE_SCHEMA_VERSION,
    ]);
    expect(raw.pragma('journal_mode', { simple: true })).to.equal('wal');
    raw.prepare('UPDATE event_store_schema SET version = ?').run(SQLITE_SCHEMA_VERSION + 1);
    raw.close();
    expect(() => SqliteEventStore.open(file))
      .to.throw(EventStoreError)
      .with.property('message')
      .that.matches(/schema version 2, newer than the 1/);
  });

  it('reports a lock held past the busy timeout as StoreUnavailableError and writes once it is free', async () => {
    const file = tempFile();
    const store = SqliteEventStore.open(file, { busyTimeoutMs: 100 });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    expect(await rejection(store.appendToStream('honour-1', [noted(0)]))).to.be.instanceOf(
      StoreUnavailableError,
    );
    other.exec('COMMIT');
    other.close();
    expect((await store.appendToStream('honour-1', [noted(1)])).nextExpectedRevision).to.equal(0n);
    await store.close();
  });

  describe('group commit', () => {
    it('commits appends called together, refusing only the one whose expected revision fails', async () => {
      const file = tempFile();
      const store = SqliteEventStore.open(file);
      await store.appendToStream('trademark-g', [noted(0)]);
      const results = await Promise.allSettled([
        store.appendToStream('trademark-g', [noted(1)], { expectedRevision: 0n }),
        store.appendToStream('trademark-g', [noted(2)], { expectedRevision: 0n }),
        store.appendMany([
          { streamId: 'trademark-h', events: [noted(3), noted(4)], expectedRevision: 'no_stream' },
          { streamId: 'trademark-g', events: [noted(5)], expectedRevision: 1n },
        ]),
        store.appendToStream('trademark-i', [noted(6)], { expectedRevision: 'no_stream' }),
      ]);
      expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).to.be.instanceOf(WrongExpectedVersionError);
      const [first, , many, last] = results as PromiseFulfilledResult<unknown>[];
      const positions = [
        (first!.value as { position: bigint }).position,
        ...(many!.value as { position: bigint }[]).map((r) => r.position),
        (last!.value as { position: bigint }).position,
      ];
      expectIncreasing(positions);
      expect((await store.readStream('trademark-g')).map((e) => e.data)).to.deep.equal([
        { i: 0 },
        { i: 1 },
        { i: 5 },
      ]);
      // Acknowledged means committed: another connection sees every accepted event.
      const other = new Database(file, { readonly: true });
      expect(other.prepare('SELECT count(*) FROM events').pluck().get()).to.equal(6);
      other.close();
      await store.close();
    });

    it('rejects the whole group when the write lock cannot be had, and writes the next one', async () => {
      const file = tempFile();
      const store = SqliteEventStore.open(file, { busyTimeoutMs: 100 });
      const other = new Database(file);
      other.exec('BEGIN IMMEDIATE');
      const refused = await Promise.allSettled([
        store.appendToStream('honour-g1', [noted(0)]),
        store.appendToStream('honour-g2', [noted(1)]),
      ]);
      for (const r of refused) {
        expect((r as PromiseRejectedResult).reason).to.be.instanceOf(StoreUnavailableError);
      }
      other.exec('COMMIT');
      other.close();
      expect((await store.appendToStream('honour-g1', [noted(2)])).nextExpectedRevision).to.equal(0n);
      expect(await store.readAll()).to.have.length(1);
      await store.close();
    });

    it('writes appends still queued when the store is closed', async () => {
      const file = tempFile();
      const store = SqliteEventStore.open(file);
      const pending = store.appendToStream('gi-closing', [noted(0)]);
      await store.close();
      expect((await pending).nextExpectedRevision).to.equal(0n);
      const reopened = SqliteEventStore.open(file);
      expect(await reopened.readStream('gi-closing')).to.have.length(1);
      await reopened.close();
    });
  });

  describe('appendMany', () => {
    it('writes many appends in one transaction, chaining revisions within the batch', async () => {
      const store = SqliteEventStore.open(tempFile());
      const results = await store.appendMany([
        { streamId: 'madrid-1', events: [noted(0), noted(1)], expectedRevision: 'no_stream' },
        { streamId: 'madrid-2', events: [noted(2)] },
        { streamId: 'madrid-1', events: [noted(3)], expectedRevision: 1n },
      ]);
      expect(results.map((r) => r.nextExpectedRevision)).to.deep.equal([1n, 0n, 2n]);
      expectIncreasing(results.map((r) => r.position));
      expect((await store.readStream('madrid-1')).map((e) => e.data)).to.deep.equal([
        { i: 0 },
        { i: 1 },
        { i: 3 },
      ]);
      await store.close();
    });

    it('writes nothing when one of the appends is refused', async () => {
      const store = SqliteEventStore.open(tempFile());
      await store.appendToStream('pinzibiao-1', [noted(0)]);
      const error = await rejection(
        store.appendMany([
          { streamId: 'pinzibiao-2', events: [noted(1)], expectedRevision: 'no_stream' },
          { streamId: 'pinzibiao-1', events: [noted(2)], expectedRevision: 0n },
          { streamId: 'pinzibiao-1', events: [noted(3)], expectedRevision: 'no_stream' },
        ]),
      );
      expect(error).to.be.instanceOf(WrongExpectedVersionError);
      expect(await rejection(store.readStream('pinzibiao-2'))).to.be.instanceOf(StreamNotFoundError);
      expect(await store.readStream('pinzibiao-1')).to.have.length(1);
      expect(await store.readAll()).to.have.length(1);
      const next = await store.appendToStream('pinzibiao-3', [noted(4)]);
      expect(next.position).to.equal((await store.readAll()).at(-1)!.position);
      await store.close();
    });
  });

  describe('several processes on one file', () => {
    it('loses no append when two processes write at the same time', async function () {
      this.timeout(120_000);
      const file = tempFile();
      await SqliteEventStore.open(file).close();
      const [own, shared] = [200, 150];
      const retries = await runWriters(file, [
        { own: 'trademark-a', shared: 'trademark-shared', counts: [own, shared] },
        { own: 'trademark-b', shared: 'trademark-shared', counts: [own, shared] },
      ]);
      const store = SqliteEventStore.open(file);
      const [a, b] = [await store.readStream('trademark-a'), await store.readStream('trademark-b')];
      for (const events of [a, b]) {
        expect(events.map((e) => e.data)).to.deep.equal(Array.from({ length: own }, (_, i) => ({ i })));
      }
      // The writers really ran at the same time: their own streams interleave in the log.
      expect(a[0]!.position < b.at(-1)!.position && b[0]!.position < a.at(-1)!.position).to.equal(true);
      const sharedEvents = await store.readStream('trademark-shared');
      expect(sharedEvents.map((e) => e.revision)).to.deep.equal(
        Array.from({ length: 2 * shared }, (_, i) => BigInt(i)),
      );
      for (const w of ['trademark-a', 'trademark-b']) {
        const mine = sharedEvents.filter((e) => (e.data as { writer: string }).writer === w);
        expect(mine.map((e) => e.data['i'])).to.deep.equal(Array.from({ length: shared }, (_, i) => i));
      }
      const all = await store.readAll();
      expect(all).to.have.length(2 * own + 2 * shared);
      expectIncreasing(all.map((e) => e.position));
      expect(retries.every((r) => Number.isInteger(r) && r >= 0)).to.equal(true);
      await store.close();
    });

    it('delivers to a live subscription the events another process appends', async function () {
      this.timeout(60_000);
      const file = tempFile();
      const store = SqliteEventStore.open(file, { pollIntervalMs: 50 });
      await store.appendToStream('gi-local', [noted(0)]);
      const seen: RecordedEvent[] = [];
      let caughtUp = false;
      const subscription = store.subscribeToAll({
        onEvent: (e) => {
          seen.push(e);
        },
        onCaughtUp: () => {
          caughtUp = true;
        },
      });
      while (!caughtUp) await sleep(10);
      expect(seen).to.have.length(1);
      await runWriters(file, [{ own: 'gi-remote', shared: 'gi-remote-shared', counts: [20, 5] }]);
      for (let waited = 0; seen.length < 26 && waited < 5000; waited += 20) await sleep(20);
      await subscription.stop();
      expect(seen.filter((e) => e.streamId === 'gi-remote').map((e) => e.data)).to.deep.equal(
        Array.from({ length: 20 }, (_, i) => ({ i })),
      );
      expect(seen.filter((e) => e.streamId === 'gi-remote-shared')).to.have.length(5);
      expect(seen).to.have.length(26);
      expectIncreasing(seen.map((e) => e.position));
      await store.close();
    });
  });
});
