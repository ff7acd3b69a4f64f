import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { SqliteEventStore } from '../../src/eventStore/sqlite.js';
import { CITY } from '../../src/projections/catalog.js';
import { ProjectionHost } from '../../src/projections/host.js';
import { historyArb, historyOf } from './generate.js';
import { recount } from './recount.js';
import { toEventData } from './history.js';
import type { RecordedEvent } from '../../src/eventStore/port.js';

const KEYS = [
  'valid-trademarks',
  'geographical-indications',
  'madrid-registrations',
  'pinzibiao-enterprises',
  'pinzibiao-in-force',
  'zhejiang-made-premium',
  'single-champion-enterprises',
  'high-quality-service-certificates',
  'quality-brand-demonstration-zones',
];
const PROBE_DAYS = [
  '2007-06-30',
  '2010-01-01',
  '2014-03-15',
  '2017-12-31',
  '2020-07-01',
  '2025-12-31',
  '2031-06-30',
];
const PROBE_DISTRICTS = [undefined, '330102', '330105', '330106', '330110', '330113', '330114'];

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'projections-'));

function figures(host: ProjectionHost, day: string, district?: string, knownAt?: Date): Map<string, number> {
  const t = host.readModels.indicators({
    asOf: day,
    ...(district ? { district } : {}),
    ...(knownAt ? { knownAt } : {}),
  });
  const out = new Map<string, number>();
  for (const i of t.indicators) out.set(i.id, i.value);
  const pzb = t.indicators.find((i) => i.id === 'pinzibiao-enterprises');
  out.set('pinzibiao-in-force', (pzb?.details?.['inForce'] as number) ?? 0);
  return out;
}

function expectSame(actual: Map<string, number>, expected: Map<string, number>, where: string): void {
  for (const k of KEYS) expect(actual.get(k) ?? 0, `${k} ${where}`).to.equal(expected.get(k) ?? 0);
}

function fold(events: readonly RecordedEvent[], dir = tempDir()): ProjectionHost {
  const host = ProjectionHost.open(dir);
  for (const e of events) host.take(e);
  host.commit();
  return host;
}

describe('projections: incremental = rebuild = recount', () => {
  it('for random legal histories, the live projection, a rebuild and a direct recount agree on every day and district', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, fc.nat({ max: 100 }), async (steps, cut) => {
        const h = historyOf(steps);
        const dir = tempDir();
        const store = SqliteEventStore.open(path.join(dir, 'registry.db'), { pollIntervalMs: 5 });
        try {
          const split = Math.floor((h.events.length * cut) / 100);
          const append = async (from: number, to: number) => {
            for (let i = from; i < to; i++) {
              const e = h.events[i] as RecordedEvent;
              await store.appendToStream(e.streamId, [toEventData(e, i)]);
            }
          };
          // Live, with a restart in the middle of the log.
          await append(0, split);
          let live = ProjectionHost.open(path.join(dir, 'rm'), { batchSize: 7 });
          live.start(store);
          const head = async () =>
            (await store.readAll({ fromPosition: 'end', direction: 'backwards', maxCount: 1 }))[0];
          const first = await head();
          if (first) await live.waitFor(first.position);
          await live.close();
          await append(split, h.events.length);
          live = ProjectionHost.open(path.join(dir, 'rm'), { batchSize: 5 });
          live.start(store);
          const last = await head();
          if (last) await live.waitFor(last.position);
          const rebuilt = ProjectionHost.open(path.join(dir, 'rebuilt'));
          await rebuilt.rebuild(store);
          for (const day of PROBE_DAYS) {
            for (const district of PROBE_DISTRICTS) {
              const expected = recount(h.events, day, district);
              expectSame(figures(live, day, district), expected, `live ${day} ${district ?? CITY}`);
              expectSame(figures(rebuilt, day, district), expected, `rebuilt ${day} ${district ?? CITY}`);
            }
          }
          await live.close();
          await rebuilt.close();
        } finally {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 25 },
    );
  });

  it('answers as known at any moment: the figures of the events recorded by then', () => {
    fc.assert(
      fc.property(historyArb, fc.nat({ max: 100 }), (steps, cut) => {
        const h = historyOf(steps);
        const dir = tempDir();
        const host = fold(h.events, dir);
        try {
          const k = Math.floor((h.events.length * cut) / 100);
          const knownAt = k === 0 ? new Date('2020-01-01') : (h.events[k - 1] as RecordedEvent).created;
          const known = h.events.slice(0, k);
          for (const day of PROBE_DAYS) {
            for (const district of [undefined, '330102', '330106']) {
              expectSame(
                figures(host, day, district, knownAt),
                recount(known, day, district),
                `${day} known ${k}`,
              );
            }
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  });
});
