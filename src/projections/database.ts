import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * The read models' own SQLite file under DATA_DIR. One long-lived connection in WAL mode: the host
 * writes each batch (states, figures, records and the checkpoint) in one transaction, so a restart
 * resumes from a checkpoint that matches everything written.
 */
const SCHEMA_VERSION = 1;

const SCHEMA = `
  CREATE TABLE projections (
    name     TEXT PRIMARY KEY,
    position INTEGER,
    shared   TEXT,
    source   TEXT NOT NULL
  );
  CREATE TABLE partitions (
    name      TEXT NOT NULL,
    partition TEXT NOT NULL,
    state     TEXT NOT NULL,
    PRIMARY KEY (name, partition)
  ) WITHOUT ROWID;
  -- As now known: net change per district, day and figure; district '*' is the whole city.
  CREATE TABLE current_day (
    district TEXT NOT NULL, day INTEGER NOT NULL, key TEXT NOT NULL, delta INTEGER NOT NULL,
    PRIMARY KEY (district, day, key)
  ) WITHOUT ROWID;
  CREATE TABLE current_month (
    key TEXT NOT NULL, district TEXT NOT NULL, month INTEGER NOT NULL, delta INTEGER NOT NULL,
    PRIMARY KEY (key, district, month)
  ) WITHOUT ROWID;
  -- The knownAt ledger: every change an event made, with its recorded time (ms) and position.
  CREATE TABLE ledger (
    seq INTEGER PRIMARY KEY, key TEXT NOT NULL, district TEXT NOT NULL, day INTEGER NOT NULL,
    rec INTEGER NOT NULL, delta INTEGER NOT NULL, position INTEGER NOT NULL
  );
  CREATE INDEX ledger_by_day ON ledger (day);
  -- Ledger rows come in fixed-size buckets by seq; each bucket's changes are also summed per month.
  CREATE TABLE ledger_buckets (bucket INTEGER PRIMARY KEY, min_rec INTEGER NOT NULL, max_rec INTEGER NOT NULL);
  CREATE TABLE ledger_cells (
    district TEXT NOT NULL, bucket INTEGER NOT NULL, key TEXT NOT NULL, month INTEGER NOT NULL,
    delta INTEGER NOT NULL,
    PRIMARY KEY (district, bucket, key, month)
  ) WITHOUT ROWID;
  CREATE TABLE records (
    register TEXT NOT NULL, id TEXT NOT NULL, stream_id TEXT NOT NULL, text TEXT NOT NULL,
    holder_name TEXT, uscc TEXT, district TEXT, classes TEXT, status TEXT NOT NULL,
    valid_from TEXT, expiry TEXT, grace_ends TEXT, renewal_opens TEXT, opposition_ends TEXT,
    surveillance_due TEXT, state TEXT NOT NULL,
    PRIMARY KEY (register, id)
  ) WITHOUT ROWID;
  CREATE INDEX records_by_expiry ON records (register, expiry);
  CREATE INDEX records_by_stream ON records (stream_id);
  CREATE INDEX records_by_uscc ON records (uscc);
  CREATE INDEX records_by_opposition ON records (opposition_ends) WHERE opposition_ends IS NOT NULL;
  CREATE INDEX records_by_surveillance ON records (surveillance_due) WHERE surveillance_due IS NOT NULL;
`;

/** Tables the host fills from events; a rebuild empties them. */
export const PROJECTED_TABLES = [
  'projections',
  'partitions',
  'current_day',
  'current_month',
  'ledger',
  'ledger_buckets',
  'ledger_cells',
  'records',
] as const;

export const READ_MODELS_FILE = 'read-models.db';

export function openReadModelDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, READ_MODELS_FILE));
  db.pragma('journal_mode = WAL');
  // A lost last batch after a power cut is replayed from the checkpoint; no need to fsync each commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SCHEMA_VERSION) {
    // Read models are derived data: an old layout is dropped and rebuilt from the log.
    db.transaction(() => {
      for (const t of PROJECTED_TABLES) db.exec(`DROP TABLE IF EXISTS ${t}`);
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }
  return db;
}

export function clearReadModels(db: Database.Database): void {
  db.transaction(() => {
    for (const t of PROJECTED_TABLES) db.exec(`DELETE FROM ${t}`);
  })();
}
