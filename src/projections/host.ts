import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { readAllAfter, type EventStore, type RecordedEvent, type Subscription } from '../eventStore/port.js';
import path from 'node:path';
import { BatchedInsert, StoredKeys } from './batchWrite.js';
import { contributionDelta } from './contributions.js';
import { clearReadModels, createRebuildDatabase, openReadModelDatabase, swapInRebuilt } from './database.js';
import { loadProjection, type ProjectionDefinition } from './dialect.js';
import { ProjectionEngine } from './engine.js';
import { Figures } from './figures.js';
import { RegistryReadModels } from './queries.js';
import type { ProjectionRuntime } from './readModels.js';
import { RecordsProjection } from './records.js';

export interface ProjectionHostOptions {
  /** Names of `projections/*.js` to run; default: the brand indicators. */
  readonly projections?: readonly string[];
  /** Events per transaction while catching up. */
  readonly batchSize?: number;
  /** How long a live event may wait for others before its batch is written (ms). */
  readonly lingerMs?: number;
  /**
   * Partition states kept in memory between batches. Default 150,000: at the plan's 1.25M marks a
   * rebuild peaks at 856 MiB RSS with it, and at 1,044 MiB with 300,000, at the same speed.
   */
  readonly cachedPartitions?: number;
  readonly log?: (message: string) => void;
}

export const DEFAULT_PROJECTIONS = ['brand-indicators'] as const;

interface Waiter {
  readonly position: bigint;
  resolve(): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Recorded time of an event: its `recordedAt` metadata, or when the store wrote it. */
export function recordedMs(event: RecordedEvent): number {
  const at = event.metadata['recordedAt'];
  const ms = typeof at === 'string' ? Date.parse(at) : NaN;
  return Number.isNaN(ms) ? event.created.getTime() : ms;
}

/** Whether stored states come from other projection sources than `definitions`. */
const isOutdated = (
  stored: readonly { name: string; source: string }[],
  definitions: readonly ProjectionDefinition[],
): boolean =>
  stored.length > 0 &&
  (stored.length !== definitions.length ||
    definitions.some((d) => stored.find((s) => s.name === d.name)?.source !== hashOf(d.source)));

/**
 * Runs the dialect projections and the TypeScript read models over a catch-up subscription of either
 * store. Every batch — partition states, shared states, figures, records and the checkpoint — is one
 * SQLite transaction, so a restart resumes exactly where the last batch ended.
 */
export class ProjectionHost implements ProjectionRuntime {
  readonly readModels: RegistryReadModels;
  private readonly engines: ProjectionEngine[];
  private readonly figures: Figures;
  private readonly records: RecordsProjection;
  private committed: bigint | null;
  private taken: bigint | null;
  private uncommitted = 0;
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  private readonly waiters = new Set<Waiter>();
  private stmts!: ReturnType<ProjectionHost['prepare']>;
  /** Which partitions may have a stored state (none yet after a reset: no lookups for new ones). */
  private readonly storedPartitions: StoredKeys;
  private readonly sourceHashes = new Map<string, string>();
  private readonly batchSize: number;
  private readonly lingerMs: number;
  private readonly cachedPartitions: number;
  private readonly log: (message: string) => void;

  constructor(
    private db: Database.Database,
    definitions: readonly ProjectionDefinition[],
    options: ProjectionHostOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 20_000;
    this.lingerMs = options.lingerMs ?? 20;
    this.cachedPartitions = options.cachedPartitions ?? 150_000;
    this.log = options.log ?? (() => undefined);
    this.stmts = this.prepare(db);
    const stored = db.prepare('SELECT name, position, shared, source FROM projections').all() as {
      name: string;
      position: number | null;
      shared: string | null;
      source: string;
    }[];
    const outdated = isOutdated(stored, definitions);
    if (outdated) {
      this.log('projection definitions changed: rebuilding the read models from the start of the log');
      clearReadModels(db);
    }
    this.storedPartitions = new StoredKeys(
      outdated || db.prepare('SELECT 1 FROM partitions LIMIT 1').get() === undefined,
    );
    const position = outdated ? null : (stored[0]?.position ?? null);
    this.committed = position === null ? null : BigInt(position);
    this.taken = this.committed;
    this.engines = definitions.map((d) => {
      const row = outdated ? undefined : stored.find((s) => s.name === d.name);
      const shared = row?.shared ? (JSON.parse(row.shared) as unknown) : undefined;
      return new ProjectionEngine(d, this.backingOf(d.name), shared);
    });
    this.figures = new Figures(db);
    this.records = new RecordsProjection(db);
    this.readModels = new RegistryReadModels(
      () => this.db,
      this.figures,
      () => this.committed,
    );
  }

  private prepare(db: Database.Database) {
    return {
      saveProjection: db.prepare(`INSERT INTO projections (name, position, shared, source) VALUES (?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET position = excluded.position, shared = excluded.shared, source = excluded.source`),
      savePartitions: new BatchedInsert(
        db,
        'INSERT INTO partitions (name, partition, state)',
        3,
        'ON CONFLICT (name, partition) DO UPDATE SET state = excluded.state',
      ),
      loadPartition: db
        .prepare<[string, string], string>('SELECT state FROM partitions WHERE name = ? AND partition = ?')
        .pluck(),
    };
  }

  private backingOf(name: string) {
    return {
      load: (p: string) => {
        if (!this.storedPartitions.mayHave(`${name}\u0000${p}`)) return undefined;
        const text = this.stmts.loadPartition.get(name, p);
        return text === undefined ? undefined : (JSON.parse(text) as unknown);
      },
    };
  }

  private sourceHash(d: ProjectionDefinition): string {
    let h = this.sourceHashes.get(d.name);
    if (h === undefined) this.sourceHashes.set(d.name, (h = hashOf(d.source)));
    return h;
  }

  /** Opens (or creates) the read models under `dataDir`. */
  static open(dataDir: string, options: ProjectionHostOptions = {}): ProjectionHost {
    const names = options.projections ?? DEFAULT_PROJECTIONS;
    return new ProjectionHost(
      openReadModelDatabase(dataDir),
      names.map((n) => loadProjection(n)),
      options,
    );
  }

  /** The shared state of a dialect projection, as EventStoreDB would show it. */
  sharedState(name: string): unknown {
    return this.engines.find((e) => e.definition.name === name)?.shared;
  }

  partitionState(name: string, partition: string): unknown {
    return this.engines.find((e) => e.definition.name === name)?.state(partition);
  }

  checkpoint(): bigint | null {
    return this.committed;
  }

  /** Folds one event into every projection, in memory; `commit` writes the batch. */
  take(event: RecordedEvent): void {
    if (this.taken !== null && event.position <= this.taken) return;
    const rec = recordedMs(event);
    for (const engine of this.engines) {
      const applied = engine.apply(event);
      if (applied === undefined) continue;
      const deltas = contributionDelta(applied.before, applied.after);
      if (deltas.length > 0) this.figures.add(deltas, rec, event.position);
    }
    this.records.apply(event);
    this.taken = event.position;
    this.uncommitted++;
  }

  /** Writes everything taken since the last commit, with the checkpoint, in one transaction. */
  commit(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.uncommitted === 0 && this.taken === this.committed) return;
    const position = this.taken;
    this.db.transaction(() => {
      for (const engine of this.engines) {
        const name = engine.definition.name;
        engine.writeDirty((p, text) => {
          this.stmts.savePartitions.add(name, p, text);
          this.storedPartitions.add(`${name}\u0000${p}`);
        });
        this.stmts.savePartitions.flush();
        this.stmts.saveProjection.run(
          name,
          position === null ? null : Number(position),
          engine.shared === undefined ? null : JSON.stringify(engine.shared),
          this.sourceHash(engine.definition),
        );
      }
      this.figures.flush();
      this.records.flush();
    })();
    for (const engine of this.engines) engine.trim(this.cachedPartitions);
    this.committed = position;
    this.uncommitted = 0;
    this.settleWaiters();
  }

  start(store: EventStore): void {
    if (this.subscription) return;
    this.failure = undefined;
    this.subscription = store.subscribeToAll({
      fromPosition: this.committed ?? 'start',
      onEvent: (event) => {
        this.take(event);
        if (this.uncommitted >= this.batchSize) this.commit();
        else if (this.timer === undefined) this.timer = setTimeout(() => this.safeCommit(), this.lingerMs);
      },
      onCaughtUp: () => this.safeCommit(),
      onError: (error) => {
        this.failure = error;
        this.log(`projections stopped: ${error.message}`);
        for (const w of this.waiters) w.reject(error);
      },
    });
  }

  private safeCommit(): void {
    try {
      this.commit();
    } catch (e) {
      this.failure = e instanceof Error ? e : new Error(String(e));
      this.log(`projections could not write a batch: ${this.failure.message}`);
      for (const w of this.waiters) w.reject(this.failure);
    }
  }

  waitFor(position: bigint, timeoutMs = 5_000): Promise<void> {
    if (this.committed !== null && this.committed >= position) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`read models did not reach position ${position} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  private settleWaiters(): void {
    for (const w of this.waiters) {
      if (this.committed !== null && this.committed >= w.position) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve();
      }
    }
  }

  async stop(): Promise<void> {
    const sub = this.subscription;
    this.subscription = undefined;
    if (sub) await sub.stop();
    this.safeCommit();
  }

  /** Stops, closes the read-model database. */
  async close(): Promise<void> {
    await this.stop();
    this.db.close();
  }

  /** Empties every read model and folds the whole log again, batch by batch. */
  async rebuild(store: EventStore, progress?: (events: number) => void): Promise<number> {
    return this.rebuildFrom(readAllAfter(store, 'start', 5_000), progress);
  }

  /**
   * Folds `events` (a whole log, from its start) into new read models. A file-backed host builds them
   * in a fresh file (see createRebuildDatabase) and swaps it in once every event is in; until then
   * the live file stays as it was, so a failed rebuild changes nothing.
   */
  async rebuildFrom(
    events: Iterable<RecordedEvent> | AsyncIterable<RecordedEvent>,
    progress?: (events: number) => void,
  ): Promise<number> {
    await this.stop();
    const live = this.db;
    const dataDir = live.memory ? undefined : path.dirname(live.name);
    if (dataDir === undefined) this.resetAll();
    else this.useDatabase(createRebuildDatabase(dataDir), true);
    let n = 0;
    try {
      for await (const event of events) {
        this.take(event);
        if (++n % this.batchSize === 0) {
          this.commit();
          progress?.(n);
        }
      }
      this.commit();
    } catch (e) {
      if (dataDir !== undefined) {
        this.db.close();
        this.reopen(live);
      }
      throw e;
    }
    if (dataDir !== undefined) {
      live.close();
      this.useDatabase(swapInRebuilt(dataDir, this.db), false);
    }
    return n;
  }

  /** Back to the live file after a failed rebuild: its states and checkpoint as stored. */
  private reopen(live: Database.Database): void {
    this.useDatabase(live, false);
    this.figures.reload();
    this.records.reset(false);
    this.storedPartitions.reset(false);
    const stored = live.prepare('SELECT name, position, shared FROM projections').all() as {
      name: string;
      position: number | null;
      shared: string | null;
    }[];
    for (let i = 0; i < this.engines.length; i++) {
      const d = (this.engines[i] as ProjectionEngine).definition;
      const row = stored.find((r) => r.name === d.name);
      const shared = row?.shared ? (JSON.parse(row.shared) as unknown) : undefined;
      this.engines[i] = new ProjectionEngine(d, this.backingOf(d.name), shared);
    }
    const position = stored[0]?.position ?? null;
    this.committed = position === null ? null : BigInt(position);
    this.taken = this.committed;
    this.uncommitted = 0;
  }

  /**
   * Reads and writes `db` from now on. With `empty`, the read models start from nothing there;
   * otherwise it holds what memory holds (the rebuilt file, reopened).
   */
  private useDatabase(db: Database.Database, empty: boolean): void {
    this.db = db;
    this.stmts = this.prepare(db);
    this.figures.attach(db);
    this.records.attach(db);
    if (empty) this.resetMemory();
  }

  /** Empties the read models and the in-memory states (the next events start from nothing). */
  resetAll(): void {
    clearReadModels(this.db);
    this.resetMemory();
  }

  private resetMemory(): void {
    for (let i = 0; i < this.engines.length; i++) {
      const d = (this.engines[i] as ProjectionEngine).definition;
      this.engines[i] = new ProjectionEngine(d, this.backingOf(d.name));
    }
    this.storedPartitions.reset(true);
    this.figures.reset();
    this.records.reset(true);
    this.committed = null;
    this.taken = null;
    this.uncommitted = 0;
  }
}

/** The factory the server and the CLI use: read models under DATA_DIR. */
export const openProjections = (dataDir: string, options: ProjectionHostOptions = {}): ProjectionHost =>
  ProjectionHost.open(dataDir, options);
