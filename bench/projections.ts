import { CURRENT_DISTRICTS, RETIRED_DISTRICTS } from '../src/domain/shared/districts.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays, termEnd } from '../src/domain/shared/dates.js';
import type { JsonObject, RecordedEvent } from '../src/eventStore/port.js';
import { ProjectionHost } from '../src/projections/host.js';

/**
 * Projection benchmark: a synthetic log of `trademarks` registered marks (filed, published,
 * registered; a tenth renewed, a fiftieth assigned) plus GIs, Madrid IRs, 品字标 certificates and
 * honours, fed to the host as recorded events. Figures: rebuild throughput, indicator query latency
 * (as now known, and as known at a moment), peak RSS.
 */
// Today's divisions first (the city-wide queries below probe them), then the codes retired in 2021.
const DISTRICTS = [...Object.keys(CURRENT_DISTRICTS), ...Object.keys(RETIRED_DISTRICTS)];
const holderOf = (i: number) => ({
  name: `企业${i % 50_000}`,
  uscc: `91330100${String(i % 50_000).padStart(9, '0')}X`,
  district: DISTRICTS[i % DISTRICTS.length] as string,
});
const RECORD_START = Date.parse('2021-01-01T09:00:00+08:00');
const RECORD_SPAN = Date.parse('2025-06-01T00:00:00+08:00') - RECORD_START;

/**
 * Date arithmetic of the generator, memoized by input: the log has a few thousand distinct dates, and
 * the generator's own date library calls are not what this bench measures. The events are the same.
 */
const memo = <T>(f: (d: string) => T): ((d: string) => T) => {
  const cache = new Map<string, T>();
  return (d) => {
    let v = cache.get(d);
    if (v === undefined) cache.set(d, (v = f(d)));
    return v;
  };
};
const termEndOf = memo((d) => termEnd(d));
const renewalOf = memo((expiryDate) => {
  const termStart = addDays(expiryDate, 1);
  return { filedOn: addDays(expiryDate, -30), termStart, expiryDate: termEnd(termStart) };
});
const assignedOn = memo((registrationDate) => addDays(registrationDate, 900));

function* trademarkLog(n: number): Generator<[string, string, JsonObject]> {
  const dayCache = new Map<number, string>();
  const date = (d: number) => {
    let s = dayCache.get(d);
    if (s === undefined) dayCache.set(d, (s = addDays('1996-01-01', d)));
    return s;
  };
  for (let i = 0; i < n; i++) {
    const number = String(10_000_000 + i);
    const holder = holderOf(i);
    const classes = i % 3 === 0 ? [(i % 45) + 1, 35] : [(i % 45) + 1];
    const filed = (i * 7919) % 10_500;
    const registrationDate = date(filed + 400);
    const expiryDate = termEndOf(registrationDate);
    yield [
      'trademark-' + number,
      'TrademarkFiled',
      {
        number,
        markText: `标${i}`,
        kind: 'ordinary',
        classes,
        holder,
        holders: [holder],
        filingDate: date(filed),
      },
    ];
    yield [
      'trademark-' + number,
      'TrademarkPreliminarilyApproved',
      { number, publicationDate: date(filed + 250), oppositionPeriodEnds: date(filed + 340) },
    ];
    yield [
      'trademark-' + number,
      'TrademarkRegistered',
      {
        number,
        markText: `标${i}`,
        kind: 'ordinary',
        classes,
        holder,
        holders: [holder],
        filingDate: date(filed),
        registrationDate,
        termStart: registrationDate,
        expiryDate,
      },
    ];
    if (i % 10 === 0 && expiryDate < '2025-06-01') {
      const renewal = renewalOf(expiryDate);
      yield [
        'trademark-' + number,
        'TrademarkRenewed',
        {
          number,
          filedOn: renewal.filedOn,
          inGrace: false,
          lapseUndone: false,
          previousExpiryDate: expiryDate,
          termStart: renewal.termStart,
          expiryDate: renewal.expiryDate,
          registrationDate,
          holder,
          holders: [holder],
          classes,
        },
      ];
    }
    if (i % 50 === 0) {
      const to = holderOf(i + 7);
      yield [
        'trademark-' + number,
        'TrademarkAssigned',
        {
          number,
          announcedOn: assignedOn(registrationDate),
          previousHolder: holder,
          holder: to,
          holders: [to],
          classes,
        },
      ];
    }
  }
}

function* otherLog(): Generator<[string, string, JsonObject]> {
  for (let i = 0; i < 45; i++)
    yield [
      `gi-g${i}`,
      'GiRegistered',
      {
        id: `g${i}`,
        route: 'gi-product',
        holder: holderOf(i),
        name: `地标${i}`,
        product: '茶',
        registeredOn: addDays('2005-01-01', i * 90),
      },
    ];
  for (let i = 0; i < 1300; i++) {
    const registrationDate = addDays('2012-01-01', i * 3);
    yield [
      `madrid-${1_000_000 + i}`,
      'MadridRegistrationRecorded',
      {
        irn: String(1_000_000 + i),
        holder: holderOf(i),
        basicTrademarkNumber: String(10_000_000 + i),
        registrationDate,
        expiryDate: addDays(registrationDate, 3652),
        dependencyEndsOn: addDays(registrationDate, 1826),
        designations: ['US', 'EM'],
        classes: [9],
      },
    ];
  }
  for (let i = 0; i < 600; i++) {
    yield [
      `pinzibiao-C${i}`,
      'PinzibiaoCertificateIssued',
      {
        certificateNumber: `C${i}`,
        enterprise: holderOf(i % 420),
        product: '泵',
        standardCode: 'T/ZZB 0001—2016',
        certificationBody: '联盟',
        issuedOn: addDays('2016-01-01', i * 5),
        expiresOn: addDays('2019-01-01', i * 5),
        expiryAssumed: true,
      },
    ];
  }
  const kinds = [
    'zhejiang-made-premium',
    'single-champion',
    'high-quality-service-certificate',
    'quality-brand-demonstration-zone',
  ];
  for (let i = 0; i < 1800; i++)
    yield [
      `honour-h${i}`,
      'BrandHonourAwarded',
      {
        id: `h${i}`,
        kind: kinds[i % 4] as string,
        holder: holderOf(i),
        title: '荣誉',
        awardedOn: addDays('2015-01-01', i),
      },
    ];
}

/** Events in the log (an estimate, for spreading recorded times over it). */
const logSize = (trademarks: number) => trademarks * 3.12 + 3745;

/**
 * The log as a store would hand it over: positions, revisions per stream, recorded times. Each
 * stream's events are contiguous in it.
 */
export function* recordedLog(trademarks: number): Generator<RecordedEvent> {
  const total = logSize(trademarks);
  let position = 0;
  let stream = '';
  let revision = 0;
  for (const source of [trademarkLog(trademarks), otherLog()]) {
    for (const [streamId, type, data] of source) {
      position += 1;
      revision = streamId === stream ? revision + 1 : 0;
      stream = streamId;
      const at = RECORD_START + Math.floor((position / total) * RECORD_SPAN);
      yield {
        streamId,
        revision: BigInt(revision),
        id: String(position),
        type,
        data,
        metadata: { recordedAt: new Date(at).toISOString() },
        position: BigInt(position),
        created: new Date(at),
      };
    }
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

export interface ProjectionBenchFigures {
  readonly events: number;
  readonly rebuildSeconds: number;
  readonly eventsPerSecond: number;
  readonly queryP99Ms: number;
  readonly knownAtQueryP99Ms: number;
  readonly peakRssMiB: number;
}

export async function benchProjections(
  trademarks = 1_250_000,
  log: (s: string) => void = console.log,
): Promise<ProjectionBenchFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-projections-'));
  // The host as `npm run projections:rebuild` and the server open it: default batching and cache.
  const host = ProjectionHost.open(dir);
  try {
    const started = performance.now();
    // The host's rebuild from the start of the log, a transaction per batch.
    const events = await host.rebuildFrom(recordedLog(trademarks));
    const seconds = (performance.now() - started) / 1000;
    log(
      `rebuild: ${events} events in ${seconds.toFixed(1)} s = ${Math.round(events / seconds)} events/s (target ≥ 200000)`,
    );

    const districts = [undefined, ...DISTRICTS.slice(0, 13)];
    const asOfs = Array.from({ length: 50 }, (_, i) => addDays('2015-01-01', i * 83));
    const time = (q: (i: number) => void, n: number) => {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        q(i);
        ms.push(performance.now() - t);
      }
      return ms.sort((a, b) => a - b);
    };
    const plain = time((i) => {
      const district = districts[i % districts.length];
      host.readModels.indicators({
        asOf: asOfs[i % asOfs.length] as string,
        ...(district ? { district } : {}),
      });
    }, 2000);
    log(
      `indicators(asOf, district): p50 ${percentile(plain, 0.5).toFixed(2)} ms, p99 ${percentile(plain, 0.99).toFixed(2)} ms (target < 5)`,
    );
    const known = time((i) => {
      const district = districts[i % districts.length];
      const knownAt = new Date(RECORD_START + (((i * 7919) % 1000) / 1000) * RECORD_SPAN);
      host.readModels.indicators({
        asOf: asOfs[i % asOfs.length] as string,
        knownAt,
        ...(district ? { district } : {}),
      });
    }, 300);
    log(
      `indicators(asOf, district, knownAt): p50 ${percentile(known, 0.5).toFixed(1)} ms, p99 ${percentile(known, 0.99).toFixed(1)} ms (target < 200)`,
    );
    const rss = process.resourceUsage().maxRSS / 1024;
    log(`peak RSS: ${rss.toFixed(0)} MiB (target < 1024)`);
    return {
      events,
      rebuildSeconds: seconds,
      eventsPerSecond: events / seconds,
      queryP99Ms: percentile(plain, 0.99),
      knownAtQueryP99Ms: percentile(known, 0.99),
      peakRssMiB: rss,
    };
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchProjections(Number(process.env['BENCH_TRADEMARKS'] ?? 1_250_000));
}
