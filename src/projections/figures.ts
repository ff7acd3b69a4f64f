import type Database from 'better-sqlite3';
import { CITY, LEDGER_KEYS } from './catalog.js';
import { firstDayOfMonth, monthOfDay, type Delta } from './contributions.js';

/** Ledger rows per bucket: a knownAt query reads whole buckets from their monthly sums. */
export const BUCKET_ROWS = 16_384;

const SEP = '\u0001';

interface Bucket {
  minRec: number;
  maxRec: number;
}

type Sums = Map<string, number>;

function addTo(map: Map<string, number>, k: string, n: number): void {
  map.set(k, (map.get(k) ?? 0) + n);
}

/**
 * The figures every query reads: net changes per day and month as now known, and the ledger of
 * changes with their recorded time that answers "as known at". Month totals are kept in memory too,
 * so "value on day D" is one sum over months plus one short range of days.
 */
export class Figures {
  private readonly months = new Map<string, Map<number, number>>();
  private readonly buckets = new Map<number, Bucket>();
  private nextSeq: number;
  private readonly pendingDay: Sums = new Map();
  private readonly pendingMonth: Sums = new Map();
  private readonly pendingCells: Sums = new Map();
  private pendingLedger: (string | number)[][] = [];
  private readonly touchedBuckets = new Set<number>();
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      day: db.prepare(`INSERT INTO current_day (district, day, key, delta) VALUES (?, ?, ?, ?)
        ON CONFLICT (district, day, key) DO UPDATE SET delta = delta + excluded.delta`),
      month: db.prepare(`INSERT INTO current_month (key, district, month, delta) VALUES (?, ?, ?, ?)
        ON CONFLICT (key, district, month) DO UPDATE SET delta = delta + excluded.delta`),
      cell: db.prepare(`INSERT INTO ledger_cells (district, bucket, key, month, delta) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (district, bucket, key, month) DO UPDATE SET delta = delta + excluded.delta`),
      ledger: db.prepare(
        'INSERT INTO ledger (seq, key, district, day, rec, delta, position) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      bucket: db.prepare(`INSERT INTO ledger_buckets (bucket, min_rec, max_rec) VALUES (?, ?, ?)
        ON CONFLICT (bucket) DO UPDATE SET min_rec = excluded.min_rec, max_rec = excluded.max_rec`),
      daySums: db.prepare<[string, number, number], { key: string; n: number }>(
        'SELECT key, SUM(delta) AS n FROM current_day WHERE district = ? AND day BETWEEN ? AND ? GROUP BY key',
      ),
    };
    this.nextSeq = ((db.prepare('SELECT MAX(seq) FROM ledger').pluck().get() as number | null) ?? -1) + 1;
    this.load();
  }

  private load(): void {
    this.months.clear();
    this.buckets.clear();
    const rows = this.db.prepare('SELECT key, district, month, delta FROM current_month').raw().iterate();
    for (const [key, district, month, delta] of rows as Iterable<[string, string, number, number]>) {
      this.monthsOf(key, district).set(month, delta);
    }
    const bucketRows = this.db.prepare('SELECT bucket, min_rec, max_rec FROM ledger_buckets').raw().all();
    for (const [b, minRec, maxRec] of bucketRows as [number, number, number][])
      this.buckets.set(b, { minRec, maxRec });
  }

  reset(): void {
    this.nextSeq = 0;
    this.pendingDay.clear();
    this.pendingMonth.clear();
    this.pendingCells.clear();
    this.pendingLedger = [];
    this.touchedBuckets.clear();
    this.load();
  }

  private monthsOf(key: string, district: string): Map<number, number> {
    const k = key + SEP + district;
    let m = this.months.get(k);
    if (m === undefined) this.months.set(k, (m = new Map()));
    return m;
  }

  /** Takes in the changes one event made, recorded at `rec` (ms since the epoch). */
  add(deltas: readonly Delta[], rec: number, position: bigint): void {
    for (const d of deltas) {
      const month = monthOfDay(d.day);
      for (const district of [d.district, CITY]) {
        addTo(this.pendingDay, district + SEP + d.day + SEP + d.key, d.delta);
        addTo(this.pendingMonth, d.key + SEP + district + SEP + month, d.delta);
      }
      if (!LEDGER_KEYS.has(d.key)) continue;
      const seq = this.nextSeq++;
      const bucket = Math.floor(seq / BUCKET_ROWS);
      this.pendingLedger.push([seq, d.key, d.district, d.day, rec, d.delta, Number(position)]);
      addTo(this.pendingCells, d.district + SEP + bucket + SEP + d.key + SEP + month, d.delta);
      addTo(this.pendingCells, CITY + SEP + bucket + SEP + d.key + SEP + month, d.delta);
      const b = this.buckets.get(bucket);
      if (b === undefined) this.buckets.set(bucket, { minRec: rec, maxRec: rec });
      else {
        if (rec < b.minRec) b.minRec = rec;
        if (rec > b.maxRec) b.maxRec = rec;
      }
      this.touchedBuckets.add(bucket);
    }
  }

  /** Writes what `add` gathered; call inside the batch's transaction. */
  flush(): void {
    const s = this.stmts;
    for (const [k, n] of this.pendingDay) {
      if (n === 0) continue;
      const [district, day, key] = k.split(SEP) as [string, string, string];
      s.day.run(district, +day, key, n);
    }
    for (const [k, n] of this.pendingMonth) {
      if (n === 0) continue;
      const [key, district, month] = k.split(SEP) as [string, string, string];
      s.month.run(key, district, +month, n);
      const m = this.monthsOf(key, district);
      const v = (m.get(+month) ?? 0) + n;
      if (v === 0) m.delete(+month);
      else m.set(+month, v);
    }
    for (const row of this.pendingLedger) s.ledger.run(...row);
    for (const [k, n] of this.pendingCells) {
      if (n === 0) continue;
      const [district, bucket, key, month] = k.split(SEP) as [string, string, string, string];
      s.cell.run(district, +bucket, key, +month, n);
    }
    for (const b of this.touchedBuckets) {
      const v = this.buckets.get(b) as Bucket;
      s.bucket.run(b, v.minRec, v.maxRec);
    }
    this.pendingDay.clear();
    this.pendingMonth.clear();
    this.pendingCells.clear();
    this.pendingLedger = [];
    this.touchedBuckets.clear();
  }

  /** Every figure's value on `day` in `district` (CITY for the whole city), as now known. */
  valuesOn(day: number, district: string): Map<string, number> {
    const month = monthOfDay(day);
    const out = new Map<string, number>();
    const suffix = SEP + district;
    for (const [k, months] of this.months) {
      if (!k.endsWith(suffix)) continue;
      let n = 0;
      for (const [m, v] of months) if (m < month) n += v;
      out.set(k.slice(0, -suffix.length), n);
    }
    for (const row of this.stmts.daySums.all(district, firstDayOfMonth(month), day)) {
      out.set(row.key, (out.get(row.key) ?? 0) + row.n);
    }
    return out;
  }

  /** Month-end values of one figure for months `from`…`to` (months since year 0). */
  monthEnds(key: string, district: string, from: number, to: number): number[] {
    const months = this.months.get(key + SEP + district) ?? new Map<number, number>();
    const sorted = [...months].sort((a, b) => a[0] - b[0]);
    const out: number[] = [];
    let i = 0;
    let n = 0;
    for (let m = from; m <= to; m++) {
      while (i < sorted.length && (sorted[i] as [number, number])[0] <= m)
        n += (sorted[i++] as [number, number])[1];
      out.push(n);
    }
    return out;
  }

  /** The ledger's figures on `day` in `district`, counting only changes recorded by `knownAt` (ms). */
  valuesKnownAt(day: number, district: string, knownAt: number): Map<string, number> {
    const month = monthOfDay(day);
    const full: number[] = [];
    const partial: number[] = [];
    for (const [b, v] of this.buckets) {
      if (v.maxRec <= knownAt) full.push(b);
      else if (v.minRec <= knownAt) partial.push(b);
    }
    const out = new Map<string, number>();
    const take = (rows: { key: string; n: number }[]) => {
      for (const r of rows) out.set(r.key, (out.get(r.key) ?? 0) + r.n);
    };
    for (const [lo, hi] of runs(full)) {
      take(
        this.db
          .prepare<[string, number, number, number], { key: string; n: number }>(
            `SELECT key, SUM(delta) AS n FROM ledger_cells
             WHERE district = ? AND bucket BETWEEN ? AND ? AND month < ? GROUP BY key`,
          )
          .all(district, lo, hi, month),
      );
    }
    const byDistrict = district === CITY ? '' : 'AND district = @district';
    for (const b of partial) {
      take(
        this.db
          .prepare(
            `SELECT key, SUM(delta) AS n FROM ledger WHERE seq BETWEEN @lo AND @hi
             AND rec <= @knownAt AND day <= @day ${byDistrict} GROUP BY key`,
          )
          .all({ lo: b * BUCKET_ROWS, hi: (b + 1) * BUCKET_ROWS - 1, knownAt, day, district }) as {
          key: string;
          n: number;
        }[],
      );
    }
    take(
      this.db
        .prepare(
          `SELECT key, SUM(delta) AS n FROM ledger WHERE day BETWEEN @start AND @day AND rec <= @knownAt
           ${byDistrict} AND (seq / ${BUCKET_ROWS}) NOT IN (SELECT value FROM json_each(@partial)) GROUP BY key`,
        )
        .all({ start: firstDayOfMonth(month), day, knownAt, district, partial: JSON.stringify(partial) }) as {
        key: string;
        n: number;
      }[],
    );
    for (const k of LEDGER_KEYS) if (!out.has(k)) out.set(k, 0);
    return out;
  }
}

/** Sorted bucket numbers → contiguous [lo, hi] runs, so a query reads each run in one range. */
function runs(buckets: number[]): [number, number][] {
  buckets.sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const b of buckets) {
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === b - 1) last[1] = b;
    else out.push([b, b]);
  }
  return out;
}
