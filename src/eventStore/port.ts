/**
 * The event-store port. It speaks EventStoreDB's semantics so that the EventStoreDB adapter is a thin
 * mapping and the embedded SQLite adapter is the one that emulates:
 *
 * - stream revisions count from 0; a stream exists once it has an event;
 * - an append carries an expected revision: `any`, `no_stream`, `stream_exists` or the exact revision
 *   of the stream's last event; a mismatch is a {@link WrongExpectedVersionError} carrying the actual
 *   revision;
 * - an append whose event ids equal, in order, the ids of events already recorded right after the
 *   expected revision is acknowledged again without writing (idempotent re-append);
 * - every event has a global position in the log (`$all`) that only grows; `readAll` and the
 *   subscription see user events only (types starting with `$` are the store's own).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** An event to append. `id` is a UUID; commands derive it deterministically so retries are no-ops. */
export interface EventData {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata?: JsonObject;
}

export interface RecordedEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** Global position in `$all` (EventStoreDB: the commit position). */
  readonly position: bigint;
  /** When the store wrote it. */
  readonly created: Date;
}

export interface AppendResult {
  readonly nextExpectedRevision: bigint;
  readonly position: bigint;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive. Default: `start` forwards, `end` backwards. */
  readonly fromRevision?: 'start' | 'end' | bigint;
  readonly direction?: Direction;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Inclusive. Default: `start` forwards, `end` backwards. */
  readonly fromPosition?: 'start' | 'end' | bigint;
  readonly direction?: Direction;
  readonly maxCount?: number;
}

export interface SubscriptionHandler {
  /** Exclusive: the position of the last event already processed (a checkpoint), or `start`. */
  readonly fromPosition?: 'start' | bigint;
  /** Called once per event, in global order; the next event waits for the returned promise. */
  onEvent(event: RecordedEvent): void | Promise<void>;
  /** Called each time the subscription has delivered everything the log held and turns live. */
  onCaughtUp?(): void;
  /** Called when the subscription ends on an error (also when `onEvent` throws). */
  onError?(error: Error): void;
}

export interface Subscription {
  /** Stops delivery; resolves once no `onEvent` call is running. */
  stop(): Promise<void>;
}

export interface EventStore {
  /** What the store is, for logs and `/healthz` (never includes credentials). */
  readonly description: string;
  appendToStream(
    streamId: string,
    events: readonly EventData[],
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /** Throws {@link StreamNotFoundError} when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** A catch-up subscription to `$all`: replays from `fromPosition`, then turns live. */
  subscribeToAll(handler: SubscriptionHandler): Subscription;
  close(): Promise<void>;
}

export class EventStoreError extends Error {
  override name = 'EventStoreError';
}

export class WrongExpectedVersionError extends EventStoreError {
  override name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

export class StreamNotFoundError extends EventStoreError {
  override name = 'StreamNotFoundError';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
  }
}

/** The store cannot be reached (EventStoreDB down, network): callers may retry later. */
export class StoreUnavailableError extends EventStoreError {
  override name = 'StoreUnavailableError';
}

export const isWrongExpectedVersion = (e: unknown): e is WrongExpectedVersionError =>
  e instanceof WrongExpectedVersionError;
export const isStreamNotFound = (e: unknown): e is StreamNotFoundError => e instanceof StreamNotFoundError;
export const isStoreUnavailable = (e: unknown): e is StoreUnavailableError =>
  e instanceof StoreUnavailableError;

/** Reads a stream, answering an empty list (not an error) for a stream that has no events yet. */
export async function readStreamOrEmpty(
  store: EventStore,
  streamId: string,
  options?: ReadStreamOptions,
): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId, options);
  } catch (e) {
    if (isStreamNotFound(e)) return [];
    throw e;
  }
}

/** The category of a stream, as EventStoreDB's `$by_category` reads it: the text before the first `-`. */
export const categoryOf = (streamId: string): string => {
  const i = streamId.indexOf('-');
  return i < 0 ? streamId : streamId.slice(0, i);
};

/**
 * Every user event after `after` (exclusive; `start` = from the beginning), in global order, read a
 * page at a time so that a long log never sits in memory at once.
 */
export async function* readAllAfter(
  store: EventStore,
  after: bigint | 'start' = 'start',
  pageSize = 1000,
): AsyncGenerator<RecordedEvent> {
  let from = after;
  for (;;) {
    const page = await store.readAll({
      fromPosition: from,
      maxCount: from === 'start' ? pageSize : pageSize + 1,
    });
    const fresh = from === 'start' ? page : page.filter((e) => e.position > (from as bigint));
    const last = fresh[fresh.length - 1];
    if (last === undefined) return;
    yield* fresh;
    from = last.position;
  }
}
