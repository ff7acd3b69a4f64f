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
  private readonly cache = new Map<string, unknown>();
  private readonly dirty = new Set<string>();

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
    if (state === undefined) state = this.backing.load(partition) ?? def.init();
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
    return this.cache.get(partition) ?? this.backing.load(partition);
  }

  /** The partitions changed since the last call, with their states, for the host to write. */
  takeDirty(): [string, unknown][] {
    const out: [string, unknown][] = [];
    for (const p of this.dirty) out.push([p, this.cache.get(p)]);
    this.dirty.clear();
    return out;
  }

  /** Forgets the oldest clean partition states once the cache holds more than `max`. */
  trim(max: number): void {
    if (this.cache.size <= max) return;
    const target = Math.floor(max * 0.75);
    for (const p of this.cache.keys()) {
      if (this.cache.size <= target) break;
      if (!this.dirty.has(p)) this.cache.delete(p);
    }
  }
}
