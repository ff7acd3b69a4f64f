import type Database from 'better-sqlite3';

/**
 * Multi-row INSERT … VALUES (…), (…) statements: one call into SQLite per `ROWS` rows instead of per
 * row, which is most of the cost of a row when the rows are small.
 */
const ROWS = 64;

export class BatchedInsert {
  private readonly statements = new Map<number, Database.Statement>();
  private values: unknown[] = [];

  constructor(
    private readonly db: Database.Database,
    private readonly head: string,
    private readonly columns: number,
    private readonly tail = '',
  ) {}

  private statement(rows: number): Database.Statement {
    let s = this.statements.get(rows);
    if (s === undefined) {
      const one = `(${Array.from({ length: this.columns }, () => '?').join(', ')})`;
      s = this.db.prepare(
        `${this.head} VALUES ${Array.from({ length: rows }, () => one).join(', ')} ${this.tail}`,
      );
      this.statements.set(rows, s);
    }
    return s;
  }

  add(...row: unknown[]): void {
    for (const v of row) this.values.push(v);
    if (this.values.length === ROWS * this.columns) this.flush();
  }

  /** Writes the rows added so far; call inside the batch's transaction. */
  flush(): void {
    const rows = this.values.length / this.columns;
    if (rows > 0) this.statement(rows).run(this.values);
    this.values = [];
  }
}

/**
 * Which keys may have a stored row, so a key first seen during a build from an empty table costs no
 * lookup. A Bloom filter (no false negatives): a table that was not empty when the filter was made
 * answers "maybe" for every key.
 */
export class StoredKeys {
  private static readonly BITS = 1 << 24;
  private bits: Uint32Array | undefined;

  constructor(empty: boolean) {
    this.reset(empty);
  }

  reset(empty: boolean): void {
    this.bits = empty ? new Uint32Array(StoredKeys.BITS >>> 5) : undefined;
  }

  private static hashes(key: string): [number, number] {
    let a = 0x811c9dc5;
    let b = 0x9e3779b9;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    return [(a >>> 0) & (StoredKeys.BITS - 1), (b >>> 0) & (StoredKeys.BITS - 1)];
  }

  add(key: string): void {
    const bits = this.bits;
    if (bits === undefined) return;
    for (const h of StoredKeys.hashes(key)) bits[h >>> 5] = (bits[h >>> 5] as number) | (1 << (h & 31));
  }

  mayHave(key: string): boolean {
    const bits = this.bits;
    if (bits === undefined) return true;
    for (const h of StoredKeys.hashes(key))
      if (((bits[h >>> 5] as number) & (1 << (h & 31))) === 0) return false;
    return true;
  }
}
