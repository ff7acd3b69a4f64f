import type { RecordedEvent } from '../eventStore/port.js';
import type { Interval } from './contributions.js';
import { toDialectEvent, type ProjectionDefinition } from './dialect.js';

/** Where partition states live between batches (SQLite in the host, nothing in a plain recount). */
export interface PartitionBacking {
  load(partition: string): unknown;
}

export interface Applied {
  readonly partition: string;
  readonly before: readonly Interval[] | undefined;
  readonly after: readonly Interval[] | undefined;
}

const noBacking: PartitionBacking = { load: () => undefined };

const contributionOf = (state: unknown): readonly Interval[] | undefined =>
  state !== null && typeof state === 'object' && 'c' in state ? (state.c as readonly Interval[]) : undefined;

/**
 * Runs one dialect projection the way EventStoreDB does: a state per partition (and a shared state
 * for bi-state projections), each event handed to the handler of its type or `$any`. Partition
 * states stay in memory until the host writes the dirty ones and trims the cache.
 */
export class ProjectionEngine {
  shared: unknown;
  /** States changed since the last write, as live objects. */
  private readonly cache = new Map<string, unknown>();
  private readonly dirty = new Set<string>();
  /**
   * Clean states as the JSON text last written: one flat string holds a partition's state in about a
   * third of the memory its object graph takes, and it is garbage collection's cheapest kind of object.
   * Partition states are JSON-plain (they are stored as JSON), so parsing one back loses nothing.
   */
  private readonly written = new Map<string, string>();

  constructor(
    readonly definition: ProjectionDefinition,
    private readonly backing: PartitionBacking = noBacking,
    shared?: unknown,
  ) {
    this.shared = shared ?? (definition.biState ? definition.initShared() : undefined);
  }

  /** Folds one event in; answers how the partition's contribution changed, or undefined if it was skipped. */
  apply(event: RecordedEvent): Applied | undefined {
    const def = this.definition;
    if (!def.accepts(event)) return undefined;
    const handler = def.handlerFor(event.type);
    if (handler === undefined) return undefined;
    const e = toDialectEvent(event);
    const partition = def.partitionOf(e);
    if (partition === undefined) return undefined;
    e.partition = partition;
    let state = this.cache.get(partition);
    if (state === undefined) {
      const text = this.written.get(partition);
      if (text !== undefined) {
        this.written.delete(partition);
        state = JSON.parse(text) as unknown;
      } else state = this.backing.load(partition) ?? def.init();
    }
    const before = contributionOf(state);
    if (def.biState) {
      const pair = [state, this.shared];
      const result = handler(pair, e);
      const next = Array.isArray(result) ? result : pair;
      state = next[0];
      this.shared = next[1];
    } else {
      const result = handler(state, e);
      if (result !== undefined) state = result;
    }
    this.cache.set(partition, state);
    this.dirty.add(partition);
    return { partition, before, after: contributionOf(state) };
  }

  state(partition: string): unknown {
    const live = this.cache.get(partition);
    if (live !== undefined) return live;
    const text = this.written.get(partition);
    return text === undefined ? this.backing.load(partition) : (JSON.parse(text) as unknown);
  }

  /** Hands each partition changed since the last call to `write` as JSON text, and keeps that text. */
  writeDirty(write: (partition: string, text: string) => void): void {
    for (const p of this.dirty) {
      const text = JSON.stringify(this.cache.get(p));
      write(p, text);
      this.cache.delete(p);
      this.written.set(p, text);
    }
    this.dirty.clear();
  }

  /** Forgets the least recently written partition states once more than `max` are kept. */
  trim(max: number): void {
    if (this.cache.size + this.written.size <= max) return;
    const target = Math.floor(max * 0.75) - this.cache.size;
    for (const p of this.written.keys()) {
      if (this.written.size <= target) break;
      this.written.delete(p);
    }
  }
}
