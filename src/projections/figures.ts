import type Database from 'better-sqlite3';
import { CITY, LEDGER_KEYS } from './catalog.js';
import { firstDayOfMonth, monthOfDay, type Delta } from './contributions.js';

/**
 * The figures every query reads, held in memory with integer keys (day numbers, key and district
 * indexes): net changes per day and month as now known, and the knownAt ledger of changes with their
 * recorded time. SQLite only keeps them durable: each batch appends one blob of its changes to
 * `figure_log` and one of its ledger rows to `ledger_log`, so writing a batch costs two inserts
 * however many days it touched. Opening folds the blobs back; `figure_log` is compacted into a
 * snapshot (one blob of every non-zero day) once it has grown well past the live figures.
 */

/** A growable array of integers over an index range that may start below zero. */
class Span {
  base = 0;
  values: Float64Array = new Float64Array(0);

  add(i: number, n: number): void {
    let k = i - this.base;
    if (k < 0 || k >= this.values.length) k = this.grow(i);
    this.values[k] = (this.values[k] as number) + n;
  }

  private grow(i: number): number {
    const old = this.values;
    const empty = old.length === 0;
    const end = this.base + old.length - 1;
    const lo = empty ? i : Math.min(this.base, i);
    const hi = empty ? i : Math.max(end, i);
    // Headroom on the side that grew, so a log spreading over decades does not copy on every new day.
    const pad = Math.max(64, (hi - lo) >> 1);
    const base = empty || i < this.base ? lo - pad : this.base;
    const last = empty || i > end ? hi + pad : end;
    const next = new Float64Array(last - base + 1);
    if (!empty) next.set(old, this.base - base);
    this.base = base;
    this.values = next;
    return i - base;
  }

  /** Sum over indexes from..to inclusive. */
  sum(from: number, to: number): number {
    const v = this.values;
    const a = Math.max(0, from - this.base);
    const b = Math.min(v.length - 1, to - this.base);
    let n = 0;
    for (let k = a; k <= b; k++) n += v[k] as number;
    return n;
  }
}

class Cell {
  readonly days = new Span();
  readonly months = new Span();

  add(day: number, month: number, n: number): void {
    this.days.add(day, n);
    this.months.add(month, n);
  }

  /** Value on `day`: every change up to and including it. */
  valueOn(day: number, month: number): number {
    return this.months.sum(this.months.base, month - 1) + this.days.sum(firstDayOfMonth(month), day);
  }
}

const LEDGER_CHUNK = 65_536;

/** Ledger rows, column-wise in fixed-size chunks (no copying as it grows). */
interface LedgerChunk {
  readonly key: Uint16Array;
  readonly district: Uint16Array;
  readonly day: Int32Array;
  readonly delta: Int32Array;
  readonly rec: Float64Array;
  n: number;
  minRec: number;
  maxRec: number;
}

const newChunk = (): LedgerChunk => ({
  key: new Uint16Array(LEDGER_CHUNK),
  district: new Uint16Array(LEDGER_CHUNK),
  day: new Int32Array(LEDGER_CHUNK),
  delta: new Int32Array(LEDGER_CHUNK),
  rec: new Float64Array(LEDGER_CHUNK),
  n: 0,
  minRec: Infinity,
  maxRec: -Infinity,
});

/** A growable Int32 / Float64 buffer for what a batch appends. */
class Pending<T extends Int32Array | Float64Array> {
  n = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.n === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.n++] = v;
  }
  bytes(): Buffer {
    return Buffer.from(this.data.buffer, 0, this.n * this.data.BYTES_PER_ELEMENT);
  }
}

const KEY = 0;
const DISTRICT = 1;
/** Log entries (4 integers each) beyond which `figure_log` is compacted into one snapshot. */
const COMPACT_MIN = 2_000_000;

const aligned = (blob: Buffer): ArrayBuffer => {
  const ab = new ArrayBuffer(blob.length);
  new Uint8Array(ab).set(blob);
  return ab;
};

export class Figures {
  private readonly keys: string[] = [];
  private readonly keyIndex = new Map<string, number>();
  private readonly districts: string[] = [];
  private readonly districtIndex = new Map<string, number>();
  /** Per district index: key index → cell. */
  private readonly cells: Map<number, Cell>[] = [];
  private city = 0;
  private ledgerKey: boolean[] = [];
  private readonly ledger: LedgerChunk[] = [];
  private newNames: [number, number, string][] = [];
  private pendingFigures = new Pending(new Int32Array(4096), (n) => new Int32Array(n));
  private ledgerFlushed = { chunk: 0, row: 0 };
  /** Entries in `figure_log` since its last snapshot, and in that snapshot. */
  private logEntries = 0;
  private snapshotEntries = 0;
  private stmts!: ReturnType<typeof prepare>;

  constructor(private db: Database.Database) {
    this.attach(db);
    this.load();
  }

  /** Writes to another connection from now on (a rebuilt file swapped in); memory stays as it is. */
  attach(db: Database.Database): void {
    this.db = db;
    this.stmts = prepare(db);
  }

  private clear(): void {
    this.keys.length = 0;
    this.keyIndex.clear();
    this.districts.length = 0;
    this.districtIndex.clear();
    this.cells.length = 0;
    this.ledgerKey = [];
    this.ledger.length = 0;
    this.newNames = [];
    this.pendingFigures.n = 0;
    this.ledgerFlushed = { chunk: 0, row: 0 };
    this.logEntries = 0;
    this.snapshotEntries = 0;
    this.city = this.districtOf(CITY);
  }

  private load(): void {
    this.clear();
    const names = this.db.prepare('SELECT kind, idx, name FROM figure_names ORDER BY kind, idx').raw().all();
    for (const [kind, idx, name] of names as [number, number, string][]) {
      if (kind === KEY) this.setKey(idx, name);
      else this.setDistrict(idx, name);
    }
    // The city is always district 0: made first by clear(), stored with the first batch.
    if (names.length > 0) this.newNames = [];
    for (const [data] of this.db
      .prepare('SELECT data FROM figure_log ORDER BY seq')
      .raw()
      .iterate() as Iterable<[Buffer]>) {
      const q = new Int32Array(aligned(data));
      for (let i = 0; i + 3 < q.length; i += 4)
        this.apply(q[i] as number, q[i + 1] as number, q[i + 2] as number, q[i + 3] as number);
      this.logEntries += q.length / 4;
    }
    for (const [rows, data] of this.db
      .prepare('SELECT rows, data FROM ledger_log ORDER BY seq')
      .raw()
      .iterate() as Iterable<[number, Buffer]>) {
      const ab = aligned(data);
      const rec = new Float64Array(ab, 0, rows);
      const ints = new Int32Array(ab, rows * 8, rows * 4);
      for (let r = 0; r < rows; r++) {
        const i = r * 4;
        this.ledgerRow(ints.subarray(i, i + 4), rec[r] as number);
      }
    }
    const last = this.ledger[this.ledger.length - 1];
    this.ledgerFlushed = { chunk: Math.max(0, this.ledger.length - 1), row: last?.n ?? 0 };
  }

  reset(): void {
    this.clear();
  }

  /** Forgets memory and folds what the database holds again. */
  reload(): void {
    this.load();
  }

  private setKey(idx: number, name: string): void {
    this.keys[idx] = name;
    this.keyIndex.set(name, idx);
    this.ledgerKey[idx] = LEDGER_KEYS.has(name);
  }

  private setDistrict(idx: number, name: string): void {
    this.districts[idx] = name;
    this.districtIndex.set(name, idx);
    this.cells[idx] = new Map();
  }

  private keyOf(name: string): number {
    let k = this.keyIndex.get(name);
    if (k === undefined) {
      k = this.keys.length;
      this.setKey(k, name);
      this.newNames.push([KEY, k, name]);
    }
    return k;
  }

  private districtOf(name: string): number {
    let d = this.districtIndex.get(name);
    if (d === undefined) {
      d = this.districts.length;
      this.setDistrict(d, name);
      this.newNames.push([DISTRICT, d, name]);
    }
    return d;
  }

  private cell(district: number, key: number): Cell {
    const m = this.cells[district] as Map<number, Cell>;
    let c = m.get(key);
    if (c === undefined) m.set(key, (c = new Cell()));
    return c;
  }

  /** One change of a district's figure, also counted for the whole city. */
  private apply(key: number, district: number, day: number, n: number): void {
    const month = monthOfDay(day);
    this.cell(district, key).add(day, month, n);
    this.cell(this.city, key).add(day, month, n);
  }

  /** Appends a ledger row: `row` is [key, district, day, delta]. */
  private ledgerRow(row: ArrayLike<number>, rec: number): void {
    let c = this.ledger[this.ledger.length - 1];
    if (c === undefined || c.n === LEDGER_CHUNK) this.ledger.push((c = newChunk()));
    const r = c.n++;
    c.key[r] = row[0] as number;
    c.district[r] = row[1] as number;
    c.day[r] = row[2] as number;
    c.delta[r] = row[3] as number;
    c.rec[r] = rec;
    if (rec < c.minRec) c.minRec = rec;
    if (rec > c.maxRec) c.maxRec = rec;
  }

  /** Takes in the changes one event made, recorded at `rec` (ms since the epoch). */
  add(deltas: readonly Delta[], rec: number, _position?: bigint): void {
    const p = this.pendingFigures;
    for (const d of deltas) {
      const key = this.keyOf(d.key);
      const district = this.districtOf(d.district);
      this.apply(key, district, d.day, d.delta);
      p.push(key);
      p.push(district);
      p.push(d.day);
      p.push(d.delta);
      if (this.ledgerKey[key]) this.ledgerRow([key, district, d.day, d.delta], rec);
    }
  }

  /** Writes what `add` gathered; call inside the batch's transaction. */
  flush(): void {
    const s = this.stmts;
    for (const row of this.newNames) s.name.run(...row);
    this.newNames = [];
    const entries = this.pendingFigures.n / 4;
    if (entries > 0) {
      s.figures.run(this.pendingFigures.bytes());
      this.logEntries += entries;
      this.pendingFigures.n = 0;
    }
    this.flushLedger();
    if (this.logEntries > Math.max(COMPACT_MIN, 2 * this.snapshotEntries)) this.compact();
  }

  private flushLedger(): void {
    const parts: { c: LedgerChunk; from: number; to: number }[] = [];
    let { chunk, row } = this.ledgerFlushed;
    for (; chunk < this.ledger.length; chunk++, row = 0) {
      const c = this.ledger[chunk] as LedgerChunk;
      if (c.n > row) parts.push({ c, from: row, to: c.n });
    }
    const last = this.ledger[this.ledger.length - 1];
    this.ledgerFlushed = { chunk: Math.max(0, this.ledger.length - 1), row: last?.n ?? 0 };
    const rows = parts.reduce((n, p) => n + p.to - p.from, 0);
    if (rows === 0) return;
    const rec = new Float64Array(rows);
    const ints = new Int32Array(rows * 4);
    let r = 0;
    for (const { c, from, to } of parts) {
      for (let i = from; i < to; i++, r++) {
        rec[r] = c.rec[i] as number;
        ints[r * 4] = c.key[i] as number;
        ints[r * 4 + 1] = c.district[i] as number;
        ints[r * 4 + 2] = c.day[i] as number;
        ints[r * 4 + 3] = c.delta[i] as number;
      }
    }
    this.stmts.ledger.run(rows, Buffer.concat([Buffer.from(rec.buffer), Buffer.from(ints.buffer)]));
  }

  /** Replaces `figure_log` by one blob of every non-zero day of every district (the city is derived). */
  private compact(): void {
    const out = new Pending(new Int32Array(65_536), (n) => new Int32Array(n));
    for (let d = 0; d < this.cells.length; d++) {
      if (d === this.city) continue;
      for (const [key, cell] of this.cells[d] as Map<number, Cell>) {
        const { base, values } = cell.days;
        for (let i = 0; i < values.length; i++) {
          const v = values[i] as number;
          if (v === 0) continue;
          out.push(key);
          out.push(d);
          out.push(base + i);
          out.push(v);
        }
      }
    }
    this.stmts.clearFigures.run();
    if (out.n > 0) this.stmts.figures.run(out.bytes());
    this.snapshotEntries = out.n / 4;
    this.logEntries = this.snapshotEntries;
  }

  /** Every figure's value on `day` in `district` (CITY for the whole city), as now known. */
  valuesOn(day: number, district: string): Map<string, number> {
    const month = monthOfDay(day);
    const out = new Map<string, number>();
    const d = this.districtIndex.get(district);
    if (d === undefined) return out;
    for (const [key, cell] of this.cells[d] as Map<number, Cell>)
      out.set(this.keys[key] as string, cell.valueOn(day, month));
    return out;
  }

  /** Month-end values of one figure for months `from`…`to` (months since year 0). */
  monthEnds(key: string, district: string, from: number, to: number): number[] {
    const d = this.districtIndex.get(district);
    const k = this.keyIndex.get(key);
    const cell = d === undefined || k === undefined ? undefined : this.cells[d]?.get(k);
    const out: number[] = [];
    if (cell === undefined) {
      for (let m = from; m <= to; m++) out.push(0);
      return out;
    }
    const months = cell.months;
    let n = months.sum(months.base, from - 1);
    for (let m = from; m <= to; m++) {
      n += months.sum(m, m);
      out.push(n);
    }
    return out;
  }

  /** The ledger's figures on `day` in `district`, counting only changes recorded by `knownAt` (ms). */
  valuesKnownAt(day: number, district: string, knownAt: number): Map<string, number> {
    const sums = new Float64Array(this.keys.length);
    const want = district === CITY ? -1 : (this.districtIndex.get(district) ?? -2);
    for (const c of this.ledger) if (c.minRec <= knownAt) sumChunk(c, sums, { day, want, knownAt });
    const out = new Map<string, number>();
    for (let k = 0; k < this.keys.length; k++)
      if (this.ledgerKey[k]) out.set(this.keys[k] as string, sums[k] as number);
    for (const k of LEDGER_KEYS) if (!out.has(k)) out.set(k, 0);
    return out;
  }
}

/** Adds a chunk's rows on or before `day`, recorded by `knownAt`, in district `want` (-1: all). */
function sumChunk(
  c: LedgerChunk,
  sums: Float64Array,
  q: { day: number; want: number; knownAt: number },
): void {
  const { key, district, day, delta, rec } = c;
  const every = c.maxRec <= q.knownAt;
  for (let r = 0; r < c.n; r++) {
    if ((day[r] as number) > q.day) continue;
    if (q.want !== -1 && district[r] !== q.want) continue;
    if (!every && (rec[r] as number) > q.knownAt) continue;
    const k = key[r] as number;
    sums[k] = (sums[k] as number) + (delta[r] as number);
  }
}

function prepare(db: Database.Database) {
  return {
    name: db.prepare('INSERT OR REPLACE INTO figure_names (kind, idx, name) VALUES (?, ?, ?)'),
    figures: db.prepare('INSERT INTO figure_log (data) VALUES (?)'),
    clearFigures: db.prepare('DELETE FROM figure_log'),
    ledger: db.prepare('INSERT INTO ledger_log (rows, data) VALUES (?, ?)'),
  };
}
