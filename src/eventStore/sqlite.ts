/**
 * The embedded event store: one SQLite file, emulating EventStoreDB's semantics (see port.ts).
 *
 * Why these settings:
 * - WAL lets readers (the server's queries, subscriptions, an auditor's CLI) run while one process
 *   writes, and makes a commit a single append to the log instead of rewriting pages.
 * - `synchronous = FULL` syncs the WAL on every commit: once an append is acknowledged it survives a
 *   crash or power loss. NORMAL would be faster but may lose the last commits, which an audit trail
 *   must not.
 * - Every append transaction begins IMMEDIATE: it takes the write lock before reading the stream's
 *   head, so the expected-revision check and the insert see the same state even when another process
 *   (the server and a CLI sharing the file) writes at the same time. A DEFERRED transaction would read
 *   under a shared lock and could fail to upgrade (SQLITE_BUSY) without waiting on busy_timeout.
 * - Writers are serialised by SQLite, so positions (an AUTOINCREMENT key, never reused) become visible
 *   in order: a reader that has seen position p will never later find a committed event below p. That
 *   is what lets a subscription resume from a checkpoint without gaps.
 *
 * better-sqlite3 is synchronous and one long-lived connection with statements prepared once is the
 * fast path; reads do their work synchronously and only wrap the answer in a promise.
 *
 * Group commit: the cost of an append is the fsync of its commit, not the rows. Appends called while
 * an event-loop turn runs (the requests one poll phase delivered, say) are queued and written by one
 * IMMEDIATE transaction on setImmediate, each in a savepoint of its own, so one append refused with
 * WrongExpectedVersionError rolls back alone and the others still commit. The queue keeps call order,
 * so positions are what sequential appends would have got; every promise settles only after the
 * shared COMMIT (synchronous=FULL), so an acknowledged append is as durable as before and a read
 * issued after it resolved sees it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  EventStoreError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendResult,
  type EventData,
  type EventStore,
  type ExpectedRevision,
  type JsonObject,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type Subscription,
  type SubscriptionHandler,
} from './port.js';

export const SQLITE_SCHEMA_VERSION = 1;

/** Each entry brings the schema from version `index` to `index + 1`. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE streams (
     stream_id     TEXT PRIMARY KEY,
     last_revision INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE events (
     position  INTEGER PRIMARY KEY AUTOINCREMENT,
     stream_id TEXT NOT NULL,
     revision  INTEGER NOT NULL,
     event_id  TEXT NOT NULL,
     type      TEXT NOT NULL,
     data      TEXT NOT NULL,
     metadata  TEXT,
     created   INTEGER NOT NULL
   );
   CREATE UNIQUE INDEX events_by_stream ON events (stream_id, revision);
   CREATE INDEX events_by_id ON events (event_id);`,
];

export interface SqliteEventStoreOptions {
  /** How long a writer waits for another process's write lock before giving up. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** How often a live subscription looks for appends made by other processes. Default 200. */
  readonly pollIntervalMs?: number;
  /** How many events a subscription reads per query while catching up. Default 1000. */
  readonly pageSize?: number;
}

export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly EventData[];
  readonly expectedRevision?: ExpectedRevision;
}

/** A row of `events` as read: the columns of COLUMNS, in that order (statements read rows as arrays). */
type EventRow = [
  position: number,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string | null,
  created: number,
];

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, created';
const USER_EVENTS = `type NOT GLOB '$*'`;
/** SQLite reads a negative LIMIT as "no limit". */
const NO_LIMIT = -1;

const toRecorded = (row: EventRow): RecordedEvent => ({
  streamId: row[1],
  revision: BigInt(row[2]),
  id: row[3],
  type: row[4],
  data: JSON.parse(row[5]) as JsonObject,
  metadata: row[6] === null ? {} : (JSON.parse(row[6]) as JsonObject),
  position: BigInt(row[0]),
  created: new Date(row[7]),
});

const isBusy = (e: unknown): boolean =>
  e instanceof Database.SqliteError && (e.code === 'SQLITE_BUSY' || e.code.startsWith('SQLITE_BUSY_'));

function prepareStatements(db: Database.Database) {
  return {
    head: db.prepare<[string], number>('SELECT last_revision FROM streams WHERE stream_id = ?').pluck(),
    setHead: db.prepare<[string, number], void>(
      `INSERT INTO streams (stream_id, last_revision) VALUES (?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision`,
    ),
    insert: db.prepare<[string, number, string, string, string, string | null, number], void>(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    idsFrom: db
      .prepare<[string, number, number], string>(
        'SELECT event_id FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      )
      .pluck(),
    revisionOfId: db
      .prepare<[string, string], number>(
        'SELECT revision FROM events WHERE event_id = ? AND stream_id = ? ORDER BY revision LIMIT 1',
      )
      .pluck(),
    positionAt: db
      .prepare<[string, number], number>('SELECT position FROM events WHERE stream_id = ? AND revision = ?')
      .pluck(),
    lastPosition: db.prepare<[], number | null>('SELECT max(position) FROM events').pluck(),
    streamForwards: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .raw(),
    streamBackwards: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .raw(),
    allForwards: db
      .prepare<[number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE position >= ? AND ${USER_EVENTS} ORDER BY position LIMIT ?`,
      )
      .raw(),
    allBackwards: db
      .prepare<[number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE position <= ? AND ${USER_EVENTS} ORDER BY position DESC LIMIT ?`,
      )
      .raw(),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

function migrate(db: Database.Database, file: string): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS event_store_schema (version INTEGER NOT NULL)');
    const recorded = db.prepare<[], number>('SELECT version FROM event_store_schema').pluck().get() ?? 0;
    if (recorded > SQLITE_SCHEMA_VERSION) {
      throw new EventStoreError(
        `${file} has event-store schema version ${recorded}, newer than the ${SQLITE_SCHEMA_VERSION} this program knows; run a newer release`,
      );
    }
    for (let version = recorded; version < SQLITE_SCHEMA_VERSION; version += 1) {
      db.exec(MIGRATIONS[version]!);
    }
    if (recorded === 0)
      db.prepare('INSERT INTO event_store_schema (version) VALUES (?)').run(SQLITE_SCHEMA_VERSION);
    else if (recorded < SQLITE_SCHEMA_VERSION) {
      db.prepare('UPDATE event_store_schema SET version = ?').run(SQLITE_SCHEMA_VERSION);
    }
  }).immediate();
}

/** One appendToStream or appendMany waiting for the next group commit. */
interface Pending {
  readonly appends: readonly StreamAppend[];
  readonly resolve: (results: AppendResult[]) => void;
  readonly reject: (error: unknown) => void;
  results?: AppendResult[];
  error?: unknown;
}

export class SqliteEventStore implements EventStore {
  readonly description: string;
  private readonly statements: Statements;
  /** Nested in `group`, so it runs as a savepoint: a refused append undoes only its own rows. */
  private readonly appendOne: Database.Transaction<(pending: Pending, now: number) => AppendResult[]>;
  private readonly group: Database.Transaction<(queue: readonly Pending[]) => void>;
  /** A group of one needs no savepoint: a refusal rolls back the whole transaction, which is just it. */
  private readonly single: Database.Transaction<(pending: Pending) => AppendResult[]>;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private queue: Pending[] = [];
  private flushScheduled = false;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    file: string,
    private readonly options: SqliteEventStoreOptions,
  ) {
    this.description = `sqlite:${file}`;
    this.statements = prepareStatements(db);
    this.appendOne = db.transaction((pending: Pending, now: number) =>
      pending.appends.map((append) => this.write(append, now)),
    );
    this.single = db.transaction((pending: Pending) => {
      const now = Date.now();
      return pending.appends.map((append) => this.write(append, now));
    });
    this.group = db.transaction((queue: readonly Pending[]) => {
      const now = Date.now();
      for (const pending of queue) {
        try {
          pending.results = this.appendOne(pending, now);
        } catch (e) {
          pending.error = e;
        }
      }
    });
  }

  static open(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const inMemory = file === ':memory:';
    if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      migrate(db, file);
      return new SqliteEventStore(db, inMemory ? file : path.resolve(file), options);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  async appendToStream(
    streamId: string,
    events: readonly EventData[],
    options: { readonly expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const append: StreamAppend =
      options.expectedRevision === undefined
        ? { streamId, events }
        : { streamId, events, expectedRevision: options.expectedRevision };
    const [result] = await this.enqueue([append]);
    return result!;
  }

  /** Many appends in one transaction: all are written or none (bulk import, benches). */
  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return this.enqueue(appends);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const head = this.statements.head.get(streamId);
    if (head === undefined) throw new StreamNotFoundError(streamId);
    const limit = options.maxCount ?? NO_LIMIT;
    const from = options.fromRevision;
    if (options.direction === 'backwards') {
      const start = from === undefined || from === 'end' ? head : from === 'start' ? 0 : Number(from);
      return this.statements.streamBackwards.all(streamId, start, limit).map(toRecorded);
    }
    const start = from === undefined || from === 'start' ? 0 : from === 'end' ? head + 1 : Number(from);
    return this.statements.streamForwards.all(streamId, start, limit).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    return this.readAllRows(options).map(toRecorded);
  }

  subscribeToAll(handler: SubscriptionHandler): Subscription {
    this.ensureOpen();
    const from =
      handler.fromPosition === undefined || handler.fromPosition === 'start' ? 0 : handler.fromPosition;
    const subscription = new SqliteSubscription(
      (after, count) => this.statements.allForwards.all(after + 1, count),
      handler,
      {
        after: Number(from),
        pageSize: this.options.pageSize ?? 1000,
        pollIntervalMs: this.options.pollIntervalMs ?? 200,
        onEnd: () => this.subscriptions.delete(subscription),
      },
    );
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends called before close were accepted: write them rather than drop them.
    this.flush();
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.db.close();
  }

  private readAllRows(options: ReadAllOptions): EventRow[] {
    const limit = options.maxCount ?? NO_LIMIT;
    const from = options.fromPosition;
    if (options.direction === 'backwards') {
      const start =
        from === undefined || from === 'end' ? Number.MAX_SAFE_INTEGER : from === 'start' ? 0 : Number(from);
      return this.statements.allBackwards.all(start, limit);
    }
    if (from === 'end') return [];
    return this.statements.allForwards.all(from === undefined || from === 'start' ? 0 : Number(from), limit);
  }

  private ensureOpen(): void {
    if (this.closed) throw new EventStoreError(`${this.description} is closed`);
  }

  private enqueue(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.ensureOpen();
    return new Promise((resolve, reject) => {
      this.queue.push({ appends, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // setImmediate, not a microtask: it runs after the poll phase, so every request that phase
        // delivered has queued its append by then and they share one fsync.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes the queued appends in one transaction, then settles each one's promise. */
  private flush(): void {
    this.flushScheduled = false;
    const queue = this.queue;
    if (queue.length === 0) return;
    this.queue = [];
    try {
      if (queue.length === 1) {
        const only = queue[0]!;
        try {
          only.results = this.single.immediate(only);
        } catch (e) {
          if (isBusy(e)) throw e;
          only.error = e;
        }
      } else this.group.immediate(queue);
    } catch (e) {
      // BEGIN or COMMIT failed: nothing of this group is in the log.
      const error = isBusy(e)
        ? new StoreUnavailableError(`${this.description} is locked by another writer; retry later`)
        : e;
      for (const pending of queue) pending.reject(error);
      return;
    }
    for (const pending of queue) {
      if (pending.results === undefined) pending.reject(pending.error);
      else pending.resolve(pending.results);
    }
    for (const subscription of this.subscriptions) subscription.wake();
  }

  /** Runs inside an IMMEDIATE transaction: the head read here cannot change before the insert. */
  private write(append: StreamAppend, now: number): AppendResult {
    const { streamId, events } = append;
    const expected = append.expectedRevision ?? 'any';
    const head = this.statements.head.get(streamId);
    const replayed = this.checkExpected(streamId, events, expected, head);
    if (replayed !== undefined) return replayed;
    if (events.length === 0) {
      return {
        nextExpectedRevision: BigInt(head ?? -1),
        position: BigInt(this.statements.lastPosition.get() ?? 0),
      };
    }
    let revision = head ?? -1;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const metadata = event.metadata === undefined ? null : JSON.stringify(event.metadata);
      const info = this.statements.insert.run(
        streamId,
        revision,
        event.id,
        event.type,
        JSON.stringify(event.data),
        metadata,
        now,
      );
      position = info.lastInsertRowid as number;
    }
    this.statements.setHead.run(streamId, revision);
    return { nextExpectedRevision: BigInt(revision), position: BigInt(position) };
  }

  /**
   * Answers the earlier result when this append repeats one already recorded (idempotent re-append),
   * undefined when it may be written, and throws when the expected revision does not hold.
   */
  private checkExpected(
    streamId: string,
    events: readonly EventData[],
    expected: ExpectedRevision,
    head: number | undefined,
  ): AppendResult | undefined {
    const refuse = (): never => {
      throw new WrongExpectedVersionError(
        streamId,
        expected,
        head === undefined ? 'no_stream' : BigInt(head),
      );
    };
    if (head === undefined) {
      if (expected === 'stream_exists' || typeof expected === 'bigint') refuse();
      return undefined;
    }
    if (expected === 'any' || expected === 'stream_exists') {
      // EventStoreDB's rule for `any`: a batch whose first id is already in the stream must be a replay.
      const at = this.revisionOf(streamId, events[0]);
      return at === undefined ? undefined : (this.replayFrom(streamId, events, at) ?? refuse());
    }
    const after = expected === 'no_stream' ? -1 : Number(expected);
    if (after === head) return undefined;
    const replayed = after < head ? this.replayFrom(streamId, events, after + 1) : undefined;
    return replayed ?? refuse();
  }

  private revisionOf(streamId: string, event: EventData | undefined): number | undefined {
    return event === undefined ? undefined : this.statements.revisionOfId.get(event.id, streamId);
  }

  /** The result of the earlier append when `events` are exactly the ones recorded from `revision` on. */
  private replayFrom(
    streamId: string,
    events: readonly EventData[],
    revision: number,
  ): AppendResult | undefined {
    if (events.length === 0) return undefined;
    const recorded = this.statements.idsFrom.all(streamId, revision, events.length);
    if (recorded.length !== events.length || events.some((e, i) => e.id !== recorded[i])) return undefined;
    const last = revision + events.length - 1;
    return {
      nextExpectedRevision: BigInt(last),
      position: BigInt(this.statements.positionAt.get(streamId, last) ?? 0),
    };
  }
}

interface SubscriptionSettings {
  /** The position of the last event already delivered (exclusive start); 0 means from the start. */
  readonly after: number;
  readonly pageSize: number;
  readonly pollIntervalMs: number;
  readonly onEnd: () => void;
}

/**
 * Delivers user events in position order, one at a time: pages through history, reports catch-up
 * when a read comes back short, then waits to be woken by this process's appends or by the poll
 * timer (appends from other processes sharing the file).
 */
class SqliteSubscription implements Subscription {
  private after: number;
  private stopped = false;
  private caughtUp = false;
  private wakeUp: (() => void) | undefined;
  /** Set by an append while this subscription was busy delivering, so the next idle reads again at once. */
  private woken = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly readAfter: (after: number, count: number) => EventRow[],
    private readonly handler: SubscriptionHandler,
    private readonly settings: SubscriptionSettings,
  ) {
    this.after = settings.after;
  }

  start(): void {
    this.loop = this.run();
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Waits for the running onEvent, so an onEvent must not await its own subscription's stop(). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    // Let subscribeToAll return before the first delivery, as a network subscription would.
    await Promise.resolve();
    try {
      while (!this.stopped) {
        this.woken = false;
        const page = this.readAfter(this.after, this.settings.pageSize);
        for (const row of page) {
          if (this.stopped) return;
          await this.handler.onEvent(toRecorded(row));
          this.after = row[0];
        }
        if (page.length === this.settings.pageSize) {
          this.caughtUp = false;
          continue;
        }
        if (!this.caughtUp && !this.stopped) {
          this.caughtUp = true;
          this.handler.onCaughtUp?.();
        }
        await this.idle();
      }
    } catch (e) {
      this.stopped = true;
      this.handler.onError?.(e instanceof Error ? e : new Error(String(e)));
    } finally {
      this.settings.onEnd();
    }
  }

  private idle(): Promise<void> {
    if (this.stopped || this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.settings.pollIntervalMs);
      this.wakeUp = done;
    });
  }
}
