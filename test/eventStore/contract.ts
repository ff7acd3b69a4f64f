/**
 * The event-store contract: every adapter's spec calls {@link describeEventStoreContract}, so the
 * embedded store and EventStoreDB are held to the same rules. Stream names carry a random UUID and
 * assertions about `$all` look only at this test's streams, so the suite also runs against a shared
 * real server that other tests write to at the same time.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventData,
  type EventStore,
  type ExpectedRevision,
  type JsonObject,
  type RecordedEvent,
} from '../../src/eventStore/port.js';
import {
  event,
  events,
  expectStrictlyIncreasing,
  expectWrongExpectedVersion,
  ids,
  streamName,
} from './contractHelpers.js';
import { describeSubscriptionContract } from './contractSubscriptions.js';

export interface ContractOptions {
  /** When set, the whole suite is skipped and the reason shows in its title. */
  readonly skip?: string;
}

export function describeEventStoreContract(
  name: string,
  open: () => Promise<EventStore>,
  options: ContractOptions = {},
): void {
  const title = `event-store contract: ${name}`;
  const body = function (this: Mocha.Suite): void {
    let store: EventStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const append = (streamId: string, batch: readonly EventData[], expectedRevision?: ExpectedRevision) =>
      store.appendToStream(streamId, batch, expectedRevision === undefined ? {} : { expectedRevision });

    describe('reading', () => {
      it('throws StreamNotFoundError for a stream that has no events', async () => {
        const s = streamName('missing');
        try {
          await store.readStream(s);
          expect.fail('readStream should have thrown');
        } catch (e) {
          expect(e).to.be.instanceOf(StreamNotFoundError);
          expect((e as StreamNotFoundError).streamId).to.equal(s);
        }
      });

      it('answers an empty list from readAll past the end and shows no event of an unwritten stream', async () => {
        const s = streamName('unwritten');
        const all = await store.readAll({ maxCount: 1000 });
        expect(all.filter((e) => e.streamId === s)).to.deep.equal([]);
        const written = await append(streamName('marker'), [event()]);
        expect(await store.readAll({ fromPosition: written.position + 1_000_000_000n })).to.deep.equal([]);
      });

      it('reads a stream forwards, backwards, from a revision and with a maximum count', async () => {
        const s = streamName('read');
        const batch = events(10);
        await append(s, batch, 'no_stream');
        const all = await store.readStream(s);
        expect(all.map((e) => e.revision)).to.deep.equal(batch.map((_, i) => BigInt(i)));
        expect(ids(all)).to.deep.equal(ids(batch));
        const backwards = await store.readStream(s, { direction: 'backwards' });
        expect(ids(backwards)).to.deep.equal(ids(batch).reverse());
        const fwdPage = await store.readStream(s, { fromRevision: 5n, maxCount: 3 });
        expect(fwdPage.map((e) => e.revision)).to.deep.equal([5n, 6n, 7n]);
        const backPage = await store.readStream(s, { fromRevision: 5n, direction: 'backwards', maxCount: 3 });
        expect(backPage.map((e) => e.revision)).to.deep.equal([5n, 4n, 3n]);
        const fromEnd = await store.readStream(s, {
          fromRevision: 'end',
          direction: 'backwards',
          maxCount: 2,
        });
        expect(fromEnd.map((e) => e.revision)).to.deep.equal([9n, 8n]);
        const first = await store.readStream(s, { maxCount: 1 });
        expect(first.map((e) => e.revision)).to.deep.equal([0n]);
        expect(await store.readStream(s, { fromRevision: 50n })).to.deep.equal([]);
      });

      it('round-trips data and metadata with Chinese text and nested objects', async () => {
        const s = streamName('roundtrip');
        const data: JsonObject = {
          markText: '西湖龙井',
          holder: { name: '杭州西湖龙井茶叶有限公司', address: { district: '杭州市西湖区', code: '330106' } },
          classes: [30, 35],
          nested: { list: [{ a: 1.5, b: null, c: true }, [], {}], empty: '' },
          emoji: '品字标 ✓',
        };
        const metadata: JsonObject = {
          $correlationId: randomUUID(),
          actor: { id: '王小明', role: 'officer' },
          recordedAt: '2024-03-01T09:30:00+08:00',
        };
        const before = Date.now();
        await append(s, [event('TrademarkFiled', data, metadata), event('Noted', { x: 1 })]);
        const [withMeta, withoutMeta] = await store.readStream(s);
        expect(withMeta?.type).to.equal('TrademarkFiled');
        expect(withMeta?.data).to.deep.equal(data);
        expect(withMeta?.metadata).to.deep.equal(metadata);
        expect(withMeta?.streamId).to.equal(s);
        expect(withoutMeta?.metadata).to.deep.equal({});
        const created = withMeta?.created;
        expect(created).to.be.instanceOf(Date);
        expect(Math.abs(created!.getTime() - before)).to.be.lessThan(10 * 60_000);
      });

      it('pages through a stream of 10,000 events with fromRevision and maxCount', async function () {
        this.timeout(180_000);
        const s = streamName('long');
        const written: string[] = [];
        let expected: ExpectedRevision = 'no_stream';
        for (let batch = 0; batch < 100; batch += 1) {
          const chunk = events(100);
          const result = await append(s, chunk, expected);
          expected = result.nextExpectedRevision;
          written.push(...ids(chunk));
        }
        expect(expected).to.equal(9_999n);
        const read: RecordedEvent[] = [];
        for (let from = 0n; ; from += 1000n) {
          const page = await store.readStream(s, { fromRevision: from, maxCount: 1000 });
          if (page.length === 0) break;
          read.push(...page);
        }
        expect(read.map((e) => e.revision)).to.deep.equal(written.map((_, i) => BigInt(i)));
        expect(ids(read)).to.deep.equal(written);
        const lastPage = await store.readStream(s, {
          fromRevision: 'end',
          direction: 'backwards',
          maxCount: 250,
        });
        expect(ids(lastPage)).to.deep.equal(written.slice(-250).reverse());
      });
    });

    describe('appending with an expected revision', () => {
      it('answers the next expected revision: 0 after the first event, n-1 after n', async () => {
        const s = streamName('next');
        expect((await append(s, [event()])).nextExpectedRevision).to.equal(0n);
        expect((await append(s, events(4))).nextExpectedRevision).to.equal(4n);
        expect((await store.readStream(s)).length).to.equal(5);
      });

      it('defaults to any and accepts any on new and existing streams', async () => {
        const s = streamName('any');
        expect((await append(s, [event()], 'any')).nextExpectedRevision).to.equal(0n);
        expect((await append(s, [event()])).nextExpectedRevision).to.equal(1n);
        expect((await append(s, [event()], 'any')).nextExpectedRevision).to.equal(2n);
      });

      it('accepts no_stream on a new stream and refuses it on an existing one', async () => {
        const s = streamName('nostream');
        expect((await append(s, events(2), 'no_stream')).nextExpectedRevision).to.equal(1n);
        const error = await expectWrongExpectedVersion(append(s, [event()], 'no_stream'), 1n);
        expect(error.streamId).to.equal(s);
        expect(error.expected).to.equal('no_stream');
        expect((await store.readStream(s)).length).to.equal(2);
      });

      it('accepts stream_exists on an existing stream and refuses it on a new one', async () => {
        const s = streamName('exists');
        await expectWrongExpectedVersion(append(s, [event()], 'stream_exists'), 'no_stream');
        await expectStreamMissing(s);
        await append(s, [event()]);
        expect((await append(s, [event()], 'stream_exists')).nextExpectedRevision).to.equal(1n);
      });

      it('accepts the exact revision of the last event and refuses any other', async () => {
        const s = streamName('exact');
        await expectWrongExpectedVersion(append(s, [event()], 0n), 'no_stream');
        await expectStreamMissing(s);
        await append(s, events(3));
        await expectWrongExpectedVersion(append(s, [event()], 1n), 2n);
        await expectWrongExpectedVersion(append(s, [event()], 3n), 2n);
        await expectWrongExpectedVersion(append(s, [event()], 100n), 2n);
        expect((await store.readStream(s)).length).to.equal(3);
        expect((await append(s, events(2), 2n)).nextExpectedRevision).to.equal(4n);
      });

      it('writes all events of a refused append or none', async () => {
        const s = streamName('atomic');
        await append(s, events(2));
        await expectWrongExpectedVersion(append(s, events(5), 0n), 1n);
        expect((await store.readStream(s)).length).to.equal(2);
      });

      it('lets exactly one of two racing appends at the same expected revision win', async () => {
        const s = streamName('race');
        await append(s, [event()]);
        const [a, b] = [events(2), events(3)];
        const results = await Promise.allSettled([append(s, a, 0n), append(s, b, 0n)]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).to.have.length(1);
        expect(lost).to.have.length(1);
        expect(lost[0]!.reason).to.be.instanceOf(WrongExpectedVersionError);
        const winner = results[0]!.status === 'fulfilled' ? a : b;
        expect((lost[0]!.reason as WrongExpectedVersionError).actual).to.equal(BigInt(winner.length));
        expect(ids(await store.readStream(s)).slice(1)).to.deep.equal(ids(winner));
      });

      it('lets exactly one of two racing creations with no_stream win', async () => {
        const s = streamName('racecreate');
        const results = await Promise.allSettled([
          append(s, [event()], 'no_stream'),
          append(s, [event()], 'no_stream'),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
        const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(lost?.reason).to.be.instanceOf(WrongExpectedVersionError);
        expect((await store.readStream(s)).length).to.equal(1);
      });
    });

    describe('idempotent re-append', () => {
      it('acknowledges the same events at the same exact revision again without writing', async () => {
        const s = streamName('idem');
        await append(s, [event()]);
        const batch = events(3);
        const first = await append(s, batch, 0n);
        const again = await append(s, batch, 0n);
        expect(again.nextExpectedRevision).to.equal(first.nextExpectedRevision).and.to.equal(3n);
        await append(s, [event()], 3n);
        const late = await append(s, batch, 0n);
        expect(late.nextExpectedRevision).to.equal(3n);
        expect((await store.readStream(s)).length).to.equal(5);
      });

      it('acknowledges a re-created stream with no_stream again without writing', async () => {
        const s = streamName('idemnostream');
        const batch = events(2);
        const first = await append(s, batch, 'no_stream');
        await append(s, [event()]);
        const again = await append(s, batch, 'no_stream');
        expect(again.nextExpectedRevision).to.equal(first.nextExpectedRevision).and.to.equal(1n);
        expect(ids(await store.readStream(s))).to.have.length(3);
      });

      it('acknowledges events already in the stream with any again without writing', async () => {
        const s = streamName('idemany');
        const batch = events(2);
        await append(s, [event()]);
        await append(s, batch, 'any');
        await append(s, [event()]);
        const again = await append(s, batch, 'any');
        expect(again.nextExpectedRevision).to.equal(2n);
        expect((await store.readStream(s)).length).to.equal(4);
      });

      it('refuses a partial match as a wrong expected version', async () => {
        const s = streamName('idempartial');
        const batch = events(3);
        await append(s, batch, 'no_stream');
        await expectWrongExpectedVersion(append(s, [batch[0]!, event()], 'no_stream'), 2n);
        await expectWrongExpectedVersion(append(s, [batch[1]!, event()], 0n), 2n);
        await expectWrongExpectedVersion(append(s, [batch[2]!, event()], 'any'), 2n);
        expect(ids(await store.readStream(s))).to.deep.equal(ids(batch));
        const tail = await append(s, [batch[1]!, batch[2]!], 0n);
        expect(tail.nextExpectedRevision).to.equal(2n);
      });
    });

    describe('the global log', () => {
      it('gives every event a strictly increasing position across streams', async () => {
        const [s1, s2] = [streamName('g1'), streamName('g2')];
        const r1 = await append(s1, events(2));
        const r2 = await append(s2, events(3));
        const r3 = await append(s1, events(1));
        expect(r2.position > r1.position && r3.position > r2.position).to.equal(true);
        const ours = new Set([s1, s2]);
        const s1Events = await store.readStream(s1);
        const all = (await store.readAll({ fromPosition: s1Events[0]!.position, maxCount: 10_000 })).filter(
          (e) => ours.has(e.streamId),
        );
        expect(all.map((e) => `${e.streamId}:${e.revision}`)).to.deep.equal([
          `${s1}:0`,
          `${s1}:1`,
          `${s2}:0`,
          `${s2}:1`,
          `${s2}:2`,
          `${s1}:2`,
        ]);
        expectStrictlyIncreasing(all.map((e) => e.position));
        const last = all.at(-1)!;
        const backwards = (
          await store.readAll({ fromPosition: last.position, direction: 'backwards', maxCount: 10_000 })
        ).filter((e) => ours.has(e.streamId));
        expect(ids(backwards.slice(0, all.length))).to.deep.equal(ids(all).reverse());
        const stream = [...s1Events, ...(await store.readStream(s2))];
        for (const e of stream) {
          expect(all.find((a) => a.id === e.id)?.position).to.equal(e.position);
        }
      });

      it('reads $all from an inclusive position, in both directions, up to a maximum count', async () => {
        const s = streamName('window');
        await append(s, events(5));
        const written = await store.readStream(s);
        const third = written[2]!;
        const one = await store.readAll({ fromPosition: third.position, maxCount: 1 });
        expect(ids(one)).to.deep.equal([third.id]);
        const oneBack = await store.readAll({
          fromPosition: third.position,
          direction: 'backwards',
          maxCount: 1,
        });
        expect(ids(oneBack)).to.deep.equal([third.id]);
        // Other writers may interleave on a shared server: ours are a prefix of what follows `third`.
        const forwards = await store.readAll({ fromPosition: third.position, maxCount: 3 });
        expect(forwards).to.have.length(3);
        expect(forwards[0]!.id).to.equal(third.id);
        expectStrictlyIncreasing(forwards.map((e) => e.position));
        const oursForwards = ids(forwards.filter((e) => e.streamId === s));
        expect(oursForwards).to.deep.equal(ids(written.slice(2, 2 + oursForwards.length)));
        const backwards = await store.readAll({
          fromPosition: third.position,
          direction: 'backwards',
          maxCount: 3,
        });
        expect(backwards).to.have.length(3);
        expect(backwards[0]!.id).to.equal(third.id);
        expectStrictlyIncreasing(backwards.map((e) => e.position).reverse());
        const oursBackwards = ids(backwards.filter((e) => e.streamId === s));
        expect(oursBackwards).to.deep.equal(
          ids(written.slice(0, 3)).reverse().slice(0, oursBackwards.length),
        );
      });

      it('keeps events with $-prefixed types out of $all but in their stream', async () => {
        const s = streamName('system');
        await append(s, [event('Noted'), event('$internal'), event('Noted')]);
        const written = await store.readStream(s);
        expect(written.map((e) => e.type)).to.deep.equal(['Noted', '$internal', 'Noted']);
        const all = await store.readAll({ fromPosition: written[0]!.position, maxCount: 10_000 });
        expect(all.filter((e) => e.streamId === s).map((e) => e.revision)).to.deep.equal([0n, 2n]);
        expect(all.some((e) => e.type.startsWith('$'))).to.equal(false);
      });
    });

    describeSubscriptionContract(() => store);

    async function expectStreamMissing(s: string): Promise<void> {
      try {
        await store.readStream(s);
      } catch (e) {
        expect(e).to.be.instanceOf(StreamNotFoundError);
        return;
      }
      expect.fail(`stream ${s} should not exist`);
    }
  };

  if (options.skip !== undefined) describe.skip(`${title} (skipped: ${options.skip})`, body);
  else describe(title, body);
}
