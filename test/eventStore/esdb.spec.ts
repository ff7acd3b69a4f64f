import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EsdbEventStore } from '../../src/eventStore/esdb.js';
import {
  StoreUnavailableError,
  WrongExpectedVersionError,
  type EventData,
  type RecordedEvent,
} from '../../src/eventStore/port.js';
import { EventStoreDbDouble } from '../support/esdbDouble.js';
import { describeEventStoreContract } from './contract.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const stream = (label: string): string => `esdbTest-${label}_${randomUUID().replaceAll('-', '')}`;
const noted = (i: number): EventData => ({ id: randomUUID(), type: 'Noted', data: { i } });

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function rejection(attempt: Promise<unknown>): Promise<unknown> {
  try {
    await attempt;
  } catch (e) {
    return e;
  }
  return expect.fail('expected a rejection');
}

describe('EsdbEventStore over the in-process EventStoreDB double', () => {
  let double: EventStoreDbDouble;
  before(async () => {
    double = await EventStoreDbDouble.start();
  });
  after(async () => {
    await double?.stop();
  });

  describeEventStoreContract('EventStoreDB (in-process double)', () =>
    EsdbEventStore.connect(double.connectionString),
  );

  describe('connecting', () => {
    it('fails with one line naming the address, without credentials, when nothing answers', async () => {
      const gone = await EventStoreDbDouble.start();
      await gone.stop();
      const url = gone.connectionString.replace('esdb://', 'esdb://admin:changeit@');
      const error = await rejection(EsdbEventStore.connect(url));
      expect(error).to.be.instanceOf(StoreUnavailableError);
      const message = (error as Error).message;
      expect(message).to.contain(gone.connectionString.replace('esdb://', 'esdb://***@'));
      expect(message).not.to.contain('changeit');
      expect(message).not.to.contain('\n');
    });

    it('describes itself by its address only', async () => {
      const store = await EsdbEventStore.connect(double.connectionString);
      expect(store.description).to.equal(`EventStoreDB ${double.connectionString}`);
      await store.close();
    });
  });

  describe('the events the store writes itself', () => {
    it('are kept out of readAll and subscriptions, even many pages of them in a row', async function () {
      this.timeout(30_000);
      const store = await EsdbEventStore.connect(double.connectionString);
      const s = stream('system');
      const before = await store.appendToStream(s, [noted(0)]);
      for (let i = 0; i < 1_200; i += 1) double.appendSystemEvent();
      const after = await store.appendToStream(s, [noted(1)]);
      expect(
        double.events.filter((e) => e.position > before.position && e.type.startsWith('$')),
      ).to.have.length(1_200);

      const next = await store.readAll({ fromPosition: before.position, maxCount: 2 });
      expect(next.map((e) => e.position)).to.deep.equal([before.position, after.position]);
      const back = await store.readAll({ fromPosition: after.position, direction: 'backwards', maxCount: 2 });
      expect(back.map((e) => e.position)).to.deep.equal([after.position, before.position]);

      const delivered: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({
        fromPosition: before.position,
        onEvent: (e) => void delivered.push(e),
      });
      double.appendSystemEvent();
      await store.appendToStream(s, [noted(2)]);
      await waitUntil(() => delivered.some((e) => e.revision === 2n && e.streamId === s), 'the live event');
      await subscription.stop();
      expect(delivered.filter((e) => e.streamId === s).map((e) => e.revision)).to.deep.equal([1n, 2n]);
      expect(delivered.some((e) => e.type.startsWith('$') || e.streamId.startsWith('$'))).to.equal(false);
      await store.close();
    });
  });

  describe('the double itself, driven by the client directly', () => {
    it('serves stream subscriptions: confirmation, catch-up after a revision, caught-up, then live', async () => {
      const client = EventStoreDBClient.connectionString(double.connectionString);
      const s = stream('raw');
      await client.appendToStream(
        s,
        [0, 1, 2].map((i) => jsonEvent({ type: 'Noted', data: { i } })),
      );
      const seen: string[] = [];
      const subscription = client
        .subscribeToStream(s, { fromRevision: 0n })
        .on('confirmation', () => seen.push('confirmed'))
        .on('caughtUp', () => seen.push('caught up'))
        .on('data', (e: { event?: { revision: bigint } }) => seen.push(`event ${String(e.event?.revision)}`));
      await waitUntil(() => seen.includes('caught up'), 'caught up');
      await client.appendToStream(s, jsonEvent({ type: 'Noted', data: { i: 3 } }), { expectedRevision: 2n });
      await waitUntil(() => seen.includes('event 3'), 'the live event');
      await subscription.unsubscribe();
      expect(seen).to.deep.equal(['confirmed', 'event 1', 'event 2', 'caught up', 'event 3']);
      await client.dispose();
    });
  });

  describe('appending through Streams.Append (a server without BatchAppend)', () => {
    let plain: EventStoreDbDouble;
    before(async () => {
      plain = await EventStoreDbDouble.start({ batchAppend: false });
    });
    after(async () => {
      await plain?.stop();
    });

    it('applies the same expected-revision and idempotency rules', async () => {
      const store = await EsdbEventStore.connect(plain.connectionString);
      const s = stream('append');
      const batch = [noted(0), noted(1)];
      const first = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
      expect(first.nextExpectedRevision).to.equal(1n);
      const again = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
      expect(again).to.deep.equal(first);
      const wrong = await rejection(store.appendToStream(s, [noted(2)], { expectedRevision: 5n }));
      expect(wrong).to.be.instanceOf(WrongExpectedVersionError);
      expect((wrong as WrongExpectedVersionError).actual).to.equal(1n);
      const missing = await rejection(
        store.appendToStream(stream('none'), [noted(0)], { expectedRevision: 0n }),
      );
      expect((missing as WrongExpectedVersionError).actual).to.equal('no_stream');
      expect((await store.readStream(s)).map((e) => e.id)).to.deep.equal(batch.map((e) => e.id));
      await store.close();
    });
  });

  describe('when EventStoreDB goes down and comes back', () => {
    let flaky: EventStoreDbDouble;
    beforeEach(async () => {
      flaky = await EventStoreDbDouble.start();
    });
    afterEach(async () => {
      await flaky?.stop();
    });

    it('reports StoreUnavailableError while it is down and works again after it restarts', async function () {
      this.timeout(30_000);
      const store = await EsdbEventStore.connect(flaky.connectionString);
      const s = stream('down');
      await store.appendToStream(s, [noted(0)]);
      await flaky.stop();
      expect(await rejection(store.appendToStream(s, [noted(1)]))).to.be.instanceOf(StoreUnavailableError);
      expect(await rejection(store.readStream(s))).to.be.instanceOf(StoreUnavailableError);
      expect(await rejection(store.readAll())).to.be.instanceOf(StoreUnavailableError);
      await flaky.restart();
      const appended = await store.appendToStream(s, [noted(1)], { expectedRevision: 0n });
      expect(appended.nextExpectedRevision).to.equal(1n);
      expect((await store.readStream(s)).map((e) => e.data)).to.deep.equal([{ i: 0 }, { i: 1 }]);
      await store.close();
    });

    it('resumes a subscription after a restart without gaps or repeats', async function () {
      this.timeout(40_000);
      const store = await EsdbEventStore.connect(flaky.connectionString);
      const s = stream('resume');
      const delivered: RecordedEvent[] = [];
      const errors: Error[] = [];
      let caughtUp = 0;
      const subscription = store.subscribeToAll({
        onEvent: (e) => void delivered.push(e),
        onCaughtUp: () => void (caughtUp += 1),
        onError: (e) => void errors.push(e),
      });
      await store.appendToStream(s, [noted(0), noted(1)]);
      await waitUntil(() => delivered.length >= 2 && caughtUp >= 1, 'the first events');

      await flaky.stop();
      await sleep(300);
      await flaky.restart();
      // Written by another client while this one is reconnecting.
      const other = await EsdbEventStore.connect(flaky.connectionString);
      await other.appendToStream(s, [noted(2), noted(3)]);
      await waitUntil(() => delivered.length >= 4, 'the events written after the restart');
      await store.appendToStream(s, [noted(4)]);
      await waitUntil(() => delivered.length >= 5, 'a live event after the restart');
      await sleep(200);
      await subscription.stop();

      expect(delivered.map((e) => e.data['i'])).to.deep.equal([0, 1, 2, 3, 4]);
      expect(caughtUp).to.be.at.least(2);
      expect(errors).to.deep.equal([]);
      await other.close();
      await store.close();
    });
  });
});

const url = process.env['EVENT_STORE_URL'] ?? '';
const isEsdbUrl = url.startsWith('esdb://') || url.startsWith('esdb+discover://');
describeEventStoreContract(
  'EventStoreDB at EVENT_STORE_URL',
  () => EsdbEventStore.connect(url),
  isEsdbUrl ? {} : { skip: 'set EVENT_STORE_URL to an esdb:// or esdb+discover:// URL to run it' },
);
