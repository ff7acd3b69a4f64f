import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * The read models' own SQLite file under DATA_DIR. One long-lived connection in WAL mode: the host
 * writes each batch (states, figures, records and the checkpoint) in one transaction, so a restart
 * resumes from a checkpoint that matches everything written.
 */
const SCHEMA_VERSION = 2;

const TABLES = `
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
  -- Figures and the knownAt ledger live in memory (figures.ts); these keep them durable, one blob
  -- per batch. Names map the integer key and district indexes the blobs use.
  CREATE TABLE figure_names (kind INTEGER NOT NULL, idx INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (kind, idx));
  CREATE TABLE figure_log (seq INTEGER PRIMARY KEY, data BLOB NOT NULL);
  CREATE TABLE ledger_log (seq INTEGER PRIMARY KEY, rows INTEGER NOT NULL, data BLOB NOT NULL);
  CREATE TABLE records (
    stream_id TEXT PRIMARY KEY, register TEXT NOT NULL, id TEXT NOT NULL, text TEXT NOT NULL,
    holder_name TEXT, uscc TEXT, district TEXT, classes TEXT, status TEXT NOT NULL,
    valid_from TEXT, expiry TEXT, grace_ends TEXT, renewal_opens TEXT, opposition_ends TEXT,
    surveillance_due TEXT, state TEXT NOT NULL
  );
`;

/** Secondary indexes: a rebuild into a fresh file creates them once at the end (one sort each). */
const INDEXES = `
  CREATE UNIQUE INDEX IF NOT EXISTS records_by_id ON records (register, id);
  CREATE INDEX IF NOT EXISTS records_by_expiry ON records (register, expiry);
  CREATE INDEX IF NOT EXISTS records_by_uscc ON records (uscc);
  CREATE INDEX IF NOT EXISTS records_by_opposition ON records (opposition_ends) WHERE opposition_ends IS NOT NULL;
  CREATE INDEX IF NOT EXISTS records_by_surveillance ON records (surveillance_due) WHERE surveillance_due IS NOT NULL;
`;

/** Tables the host fills from events; a rebuild empties them. */
export const PROJECTED_TABLES = [
  'projections',
  'partitions',
  'figure_names',
  'figure_log',
  'ledger_log',
  'records',
] as const;

/** Tables of earlier layouts, dropped when an old file is opened. */
const RETIRED_TABLES = ['current_day', 'current_month', 'ledger', 'ledger_buckets', 'ledger_cells'];

export const READ_MODELS_FILE = 'read-models.db';
const REBUILD_SUFFIX = '.rebuild';

function tune(db: Database.Database): void {
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

export function openReadModelDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, READ_MODELS_FILE);
  // A rebuild that did not finish leaves its file behind; the live file was never touched.
  rmSync(file + REBUILD_SUFFIX, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // A lost last batch after a power cut is replayed from the checkpoint; no need to fsync each commit.
  db.pragma('synchronous = NORMAL');
  tune(db);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SCHEMA_VERSION) {
    // Read models are derived data: an old layout is dropped and rebuilt from the log.
    db.transaction(() => {
      for (const t of [...PROJECTED_TABLES, ...RETIRED_TABLES]) db.exec(`DROP TABLE IF EXISTS ${t}`);
      db.exec(TABLES);
      db.exec(INDEXES);
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

/**
 * A new, empty read-model file next to the live one, for a rebuild from the start of the log. It is
 * written without a journal and without syncing: nothing reads it until `swapInRebuilt` renames it over
 * the live file at the end, and a crash part-way leaves only a file the next open deletes. That is
 * safe because read models are derived data: the log can always fold them again.
 */
export function createRebuildDatabase(dataDir: string): Database.Database {
  const file = path.join(dataDir, READ_MODELS_FILE + REBUILD_SUFFIX);
  rmSync(file, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  tune(db);
  db.exec(TABLES);
  return db;
}

/**
 * Finishes a rebuilt file (secondary indexes, durable on disk) and renames it over the live one; the
 * caller has closed the live connection. Answers the reopened live database.
 */
export function swapInRebuilt(dataDir: string, rebuilt: Database.Database): Database.Database {
  rebuilt.exec(INDEXES);
  rebuilt.pragma(`user_version = ${SCHEMA_VERSION}`);
  rebuilt.pragma('locking_mode = NORMAL');
  rebuilt.pragma('journal_mode = DELETE');
  rebuilt.close();
  const file = path.join(dataDir, READ_MODELS_FILE);
  // Pages were written without syncing: they reach the disk before the rename makes the file live.
  const fd = openSync(file + REBUILD_SUFFIX, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // The old file's WAL must not be replayed onto the new one.
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
  renameSync(file + REBUILD_SUFFIX, file);
  return openReadModelDatabase(dataDir);
}

export const readModelFile = (dataDir: string): string => path.join(dataDir, READ_MODELS_FILE);
