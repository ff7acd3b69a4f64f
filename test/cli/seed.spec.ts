import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import fc from 'fast-check';
import { fold } from '../../src/application/commandHandler.js';
import { verifyLog } from '../../src/application/integrity.js';
import { runSeed, SEED_ACTOR, type SeedOptions } from '../../src/application/seedData.js';
import type { CliIo } from '../../src/cli/bulkProgress.js';
import { seedMain } from '../../src/cli/seed.js';
import { addDays, todayInShanghai } from '../../src/domain/shared/dates.js';
import { isDistrictCode } from '../../src/domain/shared/districts.js';
import { RegistryError } from '../../src/domain/shared/errors.js';
import { isValidUscc } from '../../src/domain/shared/uscc.js';
import { trademarks, type TrademarkState } from '../../src/domain/trademarks/index.js';
import {
  categoryOf,
  readAllAfter,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '../../src/eventStore/port.js';
import { esdbDoubleFixture, sqliteFixture, type StoreFixture } from '../support/stores.js';

const NOW = new Date('2026-11-30T10:00:00+08:00');
const AS_OF = todayInShanghai(NOW);
const options = (o: Partial<SeedOptions> = {}): SeedOptions => ({
  seed: 'spec',
  trademarks: 40,
  asOf: AS_OF,
  ...o,
});

async function log(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const e of readAllAfter(store, 'start', 1000)) all.push(e);
  return all;
}

/** The log as a reader compares it: everything but where and when the store put it. */
const content = (events: readonly RecordedEvent[]) =>
  events.map(({ streamId, revision, id, type, data, metadata }) => ({
    streamId,
    revision,
    id,
    type,
    data,
    metadata,
  }));

const byStream = (events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const e of events) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
  return streams;
};

const holdersIn = (e: RecordedEvent): JsonObject[] =>
  ['holder', 'enterprise', 'assignee', 'licensee']
    .map((k) => e.data[k])
    .filter((h): h is JsonObject => typeof h === 'object' && h !== null && !Array.isArray(h));

const fixtures: StoreFixture[] = [sqliteFixture(), esdbDoubleFixture()];

for (const stores of fixtures) {
  describe(`npm run seed on the ${stores.name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      await stores.setUp();
      store = await stores.open();
    });
    afterEach(() => stores.tearDown());

    it('fills every register through the command handlers, every event sealed, no date after the day', async () => {
      const summary = await runSeed(store, options(), { now: NOW });

      expect(summary.refused).to.deep.equal([]);
      expect(summary).to.deep.include({ created: summary.records, unchanged: 0, present: 0 });
      const events = await log(store);
      expect((await verifyLog(store)).ok).to.equal(true);
      const streams = [...byStream(events).keys()];
      const count = (category: string) => streams.filter((s) => categoryOf(s) === category).length;
      expect(count('trademark')).to.equal(40);
      expect(count('gi')).to.equal(11);
      expect(count('madrid')).to.be.at.least(1);
      expect(count('pinzibiao')).to.equal(3);
      const honourKinds = new Set(
        events.filter((e) => e.type === 'BrandHonourAwarded').map((e) => e.data['kind']),
      );
      expect([...honourKinds].sort()).to.deep.equal([
        'high-quality-service-certificate',
        'quality-brand-demonstration-zone',
        'single-champion',
        'zhejiang-made-premium',
      ]);
      for (const e of events) {
        expect(e.metadata).to.deep.include({ actor: SEED_ACTOR });
        expect(e.metadata['$correlationId']).to.be.a('string');
        // A renewal takes effect when the new term starts, which may be ahead; its filing may not.
        const date = (e.type.endsWith('Renewed') && e.data['filedOn']) || e.metadata['effectiveDate'];
        if (date !== undefined) expect(String(date) <= AS_OF, `${e.type} ${String(date)}`).to.equal(true);
      }
    });

    it('appends nothing when seeded again with the same seed, on the same day or a later one', async () => {
      const first = await runSeed(store, options(), { now: NOW });
      const before = await log(store);

      const again = await runSeed(store, options(), { now: NOW });
      const later = await runSeed(store, options({ asOf: addDays(AS_OF, 45) }), {
        now: new Date(NOW.getTime() + 45 * 86_400_000),
      });

      expect(again).to.deep.include({ created: 0, unchanged: first.records, present: 0 });
      expect(later).to.deep.include({ created: 0, present: 0 });
      expect(later.refused).to.deep.equal([]);
      expect((await log(store)).map((e) => e.id)).to.deep.equal(before.map((e) => e.id));
    });

    it('extends a smaller run when asked for more marks, leaving the records it made before', async () => {
      await runSeed(store, options({ trademarks: 20 }), { now: NOW });
      const before = byStream(await log(store));

      const more = await runSeed(store, options({ trademarks: 40 }), { now: NOW });

      expect(more.refused).to.deep.equal([]);
      expect(more.present).to.equal(0);
      const after = byStream(await log(store));
      for (const [streamId, events] of before)
        expect(content(after.get(streamId) ?? [])).to.deep.equal(content(events));
      expect([...after.keys()].filter((s) => s.startsWith('trademark-'))).to.have.length(40);
    });
  });
}

describe('seeded data', () => {
  const stores = sqliteFixture();
  before(() => stores.setUp());
  after(() => stores.tearDown());

  it('is the same log for the same seed and day on another store, and another for another seed', async () => {
    const [a, b, c] = [await stores.open(), await stores.open(), await stores.open()];
    await runSeed(a, options(), { now: NOW });
    await runSeed(b, options(), { now: NOW });
    await runSeed(c, options({ seed: 'other' }), { now: NOW });

    const logA = content(await log(a));
    expect(content(await log(b))).to.deep.equal(logA);
    const marks = (events: ReturnType<typeof content>) =>
      events.filter((e) => e.type === 'TrademarkFiled').map((e) => e.data['markText']);
    expect(marks(content(await log(c)))).to.not.deep.equal(marks(logA));
  });

  it('passes the domain rules for any seed: no command is refused', async function () {
    this.timeout(60_000);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 30 }),
        async (seed, n) => {
          const store = await stores.open();
          const summary = await runSeed(store, options({ seed, trademarks: n }), { now: NOW });
          expect(summary.refused).to.deep.equal([]);
          expect(summary.created).to.equal(summary.records);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('looks like Hangzhou: real divisions and GIs, valid codes, most marks registered and in term', async function () {
    this.timeout(30_000);
    const store = await stores.open();
    await runSeed(store, options({ trademarks: 300 }), { now: NOW });
    const events = await log(store);

    for (const holder of events.flatMap(holdersIn)) {
      expect(isValidUscc(String(holder['uscc'])), String(holder['uscc'])).to.equal(true);
      expect(isDistrictCode(String(holder['district'])), String(holder['district'])).to.equal(true);
    }
    const gis = new Map(
      events
        .filter((e) => e.type === 'GiRegistered')
        .map((e) => [e.data['name'], (e.data['holder'] as Record<string, unknown>)['district']]),
    );
    expect(Object.fromEntries(gis)).to.deep.include({
      西湖龙井: '330106',
      龙井茶: '330106',
      萧山萝卜干: '330109',
      径山茶: '330110',
      塘栖枇杷: '330113',
      鸬鸟蜜梨: '330110',
    });

    const states: TrademarkState[] = [...byStream(events)]
      .filter(([s]) => categoryOf(s) === 'trademark')
      .map(([, stream]) => fold(trademarks, stream));
    const inTerm = states.filter((s) => s.status === 'registered' && s.expiryDate >= AS_OF);
    const inGrace = states.filter((s) => s.status === 'registered' && s.expiryDate < AS_OF);
    expect(inTerm.length / states.length).to.be.greaterThan(0.6);
    expect(inGrace.length).to.be.greaterThan(0);
    expect(states.filter((s) => s.status === 'lapsed').length).to.be.greaterThan(0);
    const types = new Set(events.map((e) => e.type));
    for (const t of [
      'TrademarkRenewed',
      'TrademarkAssigned',
      'TrademarkLicenceRecorded',
      'TrademarkRefused',
    ]) {
      expect(types.has(t), t).to.equal(true);
    }
    const districts = new Set(states.map((s) => (s.status === 'absent' ? '' : s.holder.district)));
    expect(districts.has('330103') || districts.has('330104'), 'a retired division code').to.equal(true);
  });
});

describe('npm run seed', () => {
  let dir: string;
  const saved = process.env['EVENT_STORE_URL'];
  const io = (): CliIo & { out: string[] } => {
    const out: string[] = [];
    return {
      out,
      stdout: { write: (t: string) => out.push(t) },
      stderr: Object.assign(new PassThrough(), { isTTY: false }),
    };
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-spec-'));
    process.env['EVENT_STORE_URL'] = `sqlite:${path.join(dir, 'registry.db')}`;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['EVENT_STORE_URL'];
    else process.env['EVENT_STORE_URL'] = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints what it created, then that nothing changed on a rerun', async () => {
    const first = io();
    expect(await seedMain(['--trademarks', '10', '--seed', 'cli'], { now: NOW, io: first })).to.equal(0);
    const second = io();
    expect(await seedMain(['--trademarks', '10', '--seed', 'cli'], { now: NOW, io: second })).to.equal(0);

    const [records] = /^\d+/.exec(first.out.join('')) ?? [];
    expect(first.out.join('')).to.equal(
      `${records} records: ${records} created, 0 unchanged, 0 already present from another seed, 0 refused\n`,
    );
    expect(second.out.join('')).to.equal(
      `${records} records: 0 created, ${records} unchanged, 0 already present from another seed, 0 refused\n`,
    );
  });

  it('refuses a --trademarks that is not a whole number', async () => {
    try {
      await seedMain(['--trademarks', 'many'], { now: NOW, io: io() });
      expect.fail('expected a refusal');
    } catch (e) {
      expect(e).to.be.instanceOf(RegistryError);
      expect((e as RegistryError).message).to.equal('--trademarks must be a whole number ≥ 0, not "many"');
    }
  });
});
