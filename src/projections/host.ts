import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { readAllAfter, type EventStore, type RecordedEvent, type Subscription } from '../eventStore/port.js';
import { contributionDelta } from './contributions.js';
import { clearReadModels, openReadModelDatabase } from './database.js';
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
  /** Partition states kept in memory between batches. */
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
  private readonly stmts;
  private readonly batchSize: number;
  private readonly lingerMs: number;
  private readonly cachedPartitions: number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly db: Database.Database,
    definitions: readonly ProjectionDefinition[],
    options: ProjectionHostOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 20_000;
    this.lingerMs = options.lingerMs ?? 20;
    this.cachedPartitions = options.cachedPartitions ?? 300_000;
    this.log = options.log ?? (() => undefined);
    this.stmts = {
      saveProjection: db.prepare(`INSERT INTO projections (name, position, shared, source) VALUES (?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET position = excluded.position, shared = excluded.shared, source = excluded.source`),
      savePartition: db.prepare(`INSERT INTO partitions (name, partition, state) VALUES (?, ?, ?)
        ON CONFLICT (name, partition) DO UPDATE SET state = excluded.state`),
      loadPartition: db
        .prepare<[string, string], string>('SELECT state FROM partitions WHERE name = ? AND partition = ?')
        .pluck(),
    };
    const stored = db.prepare('SELECT name, position, shared, source FROM projections').all() as {
      name: string;
      position: number | null;
      shared: string | null;
      source: string;
    }[];
    const outdated =
      stored.length > 0 &&
      (stored.length !== definitions.length ||
        definitions.some((d) => stored.find((s) => s.name === d.name)?.source !== hashOf(d.source)));
    if (outdated) {
      this.log('projection definitions changed: rebuilding the read models from the start of the log');
      clearReadModels(db);
    }
    const position = outdated ? null : (stored[0]?.position ?? null);
    this.committed = position === null ? null : BigInt(position);
    this.taken = this.committed;
    this.engines = definitions.map((d) => {
      const row = outdated ? undefined : stored.find((s) => s.name === d.name);
      const shared = row?.shared ? (JSON.parse(row.shared) as unknown) : undefined;
      const load = (p: string) => {
        const text = this.stmts.loadPartition.get(d.name, p);
        return text === undefined ? undefined : (JSON.parse(text) as unknown);
      };
      return new ProjectionEngine(d, { load }, shared);
    });
    this.figures = new Figures(db);
    this.records = new RecordsProjection(db);
    this.readModels = new RegistryReadModels(db, this.figures, () => this.committed);
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
        for (const [p, state] of engine.takeDirty())
          this.stmts.savePartition.run(name, p, JSON.stringify(state));
        this.stmts.saveProjection.run(
          name,
          position === null ? null : Number(position),
          engine.shared === undefined ? null : JSON.stringify(engine.shared),
          hashOf(engine.definition.source),
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
    await this.stop();
    this.resetAll();
    let n = 0;
    for await (const event of readAllAfter(store, 'start', 5_000)) {
      this.take(event);
      if (++n % this.batchSize === 0) {
        this.commit();
        progress?.(n);
      }
    }
    this.commit();
    return n;
  }

  /** Empties the read models and the in-memory states (the next events start from nothing). */
  resetAll(): void {
    clearReadModels(this.db);
    for (let i = 0; i < this.engines.length; i++) {
      const e = this.engines[i] as ProjectionEngine;
      const d = e.definition;
      this.engines[i] = new ProjectionEngine(d, {
        load: (p) => {
          const text = this.stmts.loadPartition.get(d.name, p);
          return text === undefined ? undefined : (JSON.parse(text) as unknown);
        },
      });
    }
    this.figures.reset();
    this.records.reset();
    this.committed = null;
    this.taken = null;
    this.uncommitted = 0;
  }
}

/** The factory the server and the CLI use: read models under DATA_DIR. */
export const openProjections = (dataDir: string, options: ProjectionHostOptions = {}): ProjectionHost =>
  ProjectionHost.open(dataDir, options);
