import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { v5 as uuidv5 } from 'uuid';
import { canonicalJson } from './integrity.js';
import type { JsonValue } from '../eventStore/port.js';

/**
 * `Idempotency-Key` answers. The first answer to a key is kept here, in SQLite under DATA_DIR, so it
 * works whichever event store is configured. The table is a convenience, not the guarantee: the
 * command id derives from actor and key (`commandIdFor`), so a retry whose answer was lost still
 * appends nothing — the command handler recognises the events it produced the first time.
 */

export interface StoredAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: JsonValue;
}

export interface Remembered {
  readonly requestHash: string;
  readonly answer: StoredAnswer;
}

const COMMAND_NAMESPACE = '2d7b0c0e-6a55-5b7e-a1d4-93f0c8e1b6a2';

/** The command id of a keyed request: the same actor sending the same key is the same command. */
export const commandIdFor = (actorId: string, key: string): string =>
  uuidv5(`${actorId}\u0000${key}`, COMMAND_NAMESPACE);

/** What identifies "the same request": method, path and body (key order in the body does not matter). */
export const requestHashOf = (method: string, url: string, body: JsonValue): string =>
  createHash('sha256')
    .update(`${method.toUpperCase()} ${url}\n${canonicalJson(body)}`)
    .digest('hex');

export class IdempotencyStore {
  private readonly statements;

  private constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    // NORMAL: in WAL mode a commit no longer waits for an fsync (the WAL is synced at checkpoints), so
    // a keyed write pays the event append's fsync only. A crash may lose the last few answers here,
    // and that is harmless: the retry's command id derives from actor and key (commandIdFor), so its
    // events carry the ids already recorded and the store appends nothing; the command handler
    // answers the first result again. The log, not this table, is what must not lose a commit.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      actor_id     TEXT NOT NULL,
      key          TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      answer       TEXT NOT NULL,
      created      INTEGER NOT NULL,
      PRIMARY KEY (actor_id, key)) WITHOUT ROWID`);
    this.statements = {
      get: db.prepare<[string, string], { request_hash: string; answer: string }>(
        'SELECT request_hash, answer FROM idempotency_keys WHERE actor_id = ? AND key = ?',
      ),
      // The first answer wins: a concurrent duplicate that finished second must not replace it.
      put: db.prepare<[string, string, string, string, number]>(
        `INSERT OR IGNORE INTO idempotency_keys (actor_id, key, request_hash, answer, created)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      prune: db.prepare<[number]>('DELETE FROM idempotency_keys WHERE created < ?'),
    };
  }

  /** Opens (or creates) the store in `file`; `:memory:` for a throwaway one. */
  static open(file: string): IdempotencyStore {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    return new IdempotencyStore(new Database(file));
  }

  lookup(actorId: string, key: string): Remembered | undefined {
    const row = this.statements.get.get(actorId, key);
    if (row === undefined) return undefined;
    return { requestHash: row.request_hash, answer: JSON.parse(row.answer) as StoredAnswer };
  }

  remember(actorId: string, key: string, requestHash: string, answer: StoredAnswer): void {
    this.statements.put.run(actorId, key, requestHash, JSON.stringify(answer), Date.now());
  }

  /** Forgets answers older than `before`; the command ids still keep retries from appending. */
  prune(before: Date): number {
    return this.statements.prune.run(before.getTime()).changes;
  }

  close(): void {
    this.db.close();
  }
}
