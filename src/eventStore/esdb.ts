/**
 * The EventStoreDB adapter: a thin mapping of the port onto `@eventstore/db-client`.
 *
 * - Revisions, expected revisions and event ids pass through unchanged; EventStoreDB itself enforces
 *   them and answers duplicate event ids idempotently.
 * - Position = the commit position. Every event this registry writes is a single, non-transactional
 *   append, for which EventStoreDB reports the same commit and prepare position; reading `$all` or
 *   subscribing from a position therefore passes `{ commit: p, prepare: p }`.
 * - The port sees user events only: `readAll` drops events whose type or stream starts with `$`
 *   (the client's `readAll` has no server-side filter, so it pages and filters here); the subscription
 *   asks the server for `excludeSystemEvents()` and drops `$`-streams too.
 * - `$all` read backwards from a position excludes the event at that position in EventStoreDB; the port
 *   includes it, so that one event is fetched by a forwards read of one.
 * - Needs EventStoreDB 22.10 or later: older servers do not report `$all` positions on stream reads
 *   (the port's `RecordedEvent.position` would be wrong there).
 * - Errors: wrong expected version → {@link WrongExpectedVersionError} (actual revision or `no_stream`),
 *   stream not found → {@link StreamNotFoundError}, unreachable / unavailable / deadline / cancelled by
 *   the server / not leader → {@link StoreUnavailableError}.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  FORWARDS,
  START,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { redactUrl } from '../config.js';
import {
  EventStoreError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  isStoreUnavailable,
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

const PAGE_SIZE = 512;
const CONNECT_TIMEOUT_MS = 5_000;
const RETRY_DELAY_MS = { first: 100, max: 5_000 };
/** Errors other than "unavailable" a subscription retries before it gives up and reports. */
const MAX_UNEXPECTED_FAILURES = 5;

const UNAVAILABLE_TYPES = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
]);
/** gRPC status codes: CANCELLED, DEADLINE_EXCEEDED, UNAVAILABLE. */
const UNAVAILABLE_CODES = new Set([1, 4, 14]);

const isUserEvent = (e: RecordedEvent): boolean => !e.type.startsWith('$') && !e.streamId.startsWith('$');
const allPosition = (p: bigint | 'start' | 'end'): ReadPosition =>
  p === 'start' ? START : p === 'end' ? END : { commit: p, prepare: p };
const fits = (expected: ExpectedRevision, actual: bigint | 'no_stream'): boolean =>
  expected === 'any' || (expected === 'stream_exists' ? actual !== 'no_stream' : expected === actual);
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function asJsonObject(value: unknown): JsonObject {
  if (value instanceof Uint8Array) {
    if (value.length === 0) return {};
    try {
      return asJsonObject(JSON.parse(Buffer.from(value).toString('utf8')));
    } catch {
      return {};
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}

function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const e = resolved.event;
  if (!e) return undefined;
  return {
    streamId: e.streamId,
    revision: e.revision,
    id: e.id,
    type: e.type,
    data: asJsonObject(e.data),
    metadata: asJsonObject(e.metadata),
    position: e.position?.commit ?? resolved.commitPosition ?? -1n,
    created: e.created,
  };
}

async function collect(
  read: AsyncIterable<ResolvedEvent | AllStreamResolvedEvent>,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const resolved of read) {
    const event = toRecorded(resolved);
    if (event) events.push(event);
  }
  return events;
}

const errorType = (e: unknown): string | undefined =>
  e !== null && typeof e === 'object' && 'type' in e && typeof e.type === 'string' ? e.type : undefined;
const grpcCode = (e: unknown): number | undefined =>
  e !== null && typeof e === 'object' && 'code' in e && typeof e.code === 'number' ? e.code : undefined;

function isUnavailable(e: unknown): boolean {
  const type = errorType(e);
  if (type !== undefined) return UNAVAILABLE_TYPES.has(type);
  const code = grpcCode(e);
  if (code !== undefined) return UNAVAILABLE_CODES.has(code);
  return /failed to discover|no connection established|ECONNREFUSED/i.test(messageOf(e));
}

export class EsdbEventStore implements EventStore {
  readonly description: string;
  private readonly subscriptions = new Set<CatchUpSubscription>();

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly url: string,
  ) {
    this.description = `EventStoreDB ${url}`;
  }

  /** Connects and checks that the server answers; throws {@link StoreUnavailableError} when it does not. */
  static async connect(
    connectionString: string,
    options: { readonly timeoutMs?: number } = {},
  ): Promise<EsdbEventStore> {
    const url = redactUrl(connectionString);
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(connectionString);
    } catch (e) {
      throw new EventStoreError(`invalid EventStoreDB connection string ${url}: ${messageOf(e)}`);
    }
    const store = new EsdbEventStore(client, url);
    const timeoutMs = options.timeoutMs ?? CONNECT_TIMEOUT_MS;
    const probe = client.readAll({ maxCount: 1, direction: BACKWARDS, fromPosition: END });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([collect(probe), timeout]);
      return store;
    } catch (e) {
      void probe.cancel().catch(() => undefined);
      await client.dispose().catch(() => undefined);
      throw new StoreUnavailableError(`cannot reach EventStoreDB at ${url}: ${messageOf(e)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  async appendToStream(
    streamId: string,
    events: readonly EventData[],
    options: { readonly expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    if (events.length === 0) return this.appendNothing(streamId, expected);
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
        { expectedRevision: expected },
      );
      const position =
        result.position?.commit ??
        (await this.eventAt(streamId, result.nextExpectedRevision))?.position ??
        -1n;
      return { nextExpectedRevision: result.nextExpectedRevision, position };
    } catch (e) {
      throw this.translate(e, streamId, expected);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    // A read of nothing still says whether the stream exists.
    const maxCount = options.maxCount === undefined ? Number.MAX_SAFE_INTEGER : Math.max(options.maxCount, 1);
    try {
      const events = await collect(
        this.client.readStream(streamId, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision: from === 'start' ? START : from === 'end' ? END : from,
          maxCount,
        }),
      );
      return options.maxCount !== undefined && options.maxCount < 1 ? [] : events;
    } catch (e) {
      throw this.translate(e, streamId);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    if (maxCount < 1) return events;
    try {
      for await (const event of this.scanAll(direction, from)) {
        if (!isUserEvent(event)) continue;
        events.push(event);
        if (events.length >= maxCount) break;
      }
      return events;
    } catch (e) {
      throw this.translate(e);
    }
  }

  subscribeToAll(handler: SubscriptionHandler): Subscription {
    const subscription = new CatchUpSubscription(this, handler, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  /** Every event of `$all`, system events included, paging through the client's reads. */
  async *scanAll(
    direction: 'forwards' | 'backwards',
    from: bigint | 'start' | 'end',
  ): AsyncGenerator<RecordedEvent> {
    const forwards = direction === 'forwards';
    // The position of the last event yielded: pages overlap by one, and it keeps them apart.
    let bound: bigint | undefined;
    if (!forwards && typeof from === 'bigint') {
      const [atFrom] = await this.readAllPage(from, 'forwards', 1);
      if (atFrom && atFrom.position === from) yield atFrom;
      bound = from;
    }
    let cursor = from;
    for (;;) {
      const page = await this.readAllPage(cursor, direction, PAGE_SIZE);
      for (const event of page) {
        if (bound !== undefined && (forwards ? event.position <= bound : event.position >= bound)) continue;
        bound = event.position;
        yield event;
      }
      const last = page.at(-1);
      if (!last || page.length < PAGE_SIZE) return;
      cursor = last.position;
    }
  }

  /** A live subscription to user events after `after` (exclusive), as the client delivers them. */
  subscribeLive(after: bigint | undefined): AllStreamSubscription {
    return this.client.subscribeToAll({
      fromPosition: after === undefined ? START : allPosition(after),
      filter: excludeSystemEvents(),
    });
  }

  translate(e: unknown, streamId = '$all', expected: ExpectedRevision = 'any'): Error {
    const type = errorType(e);
    if (type === ErrorType.WRONG_EXPECTED_VERSION) {
      const actual = (e as { actualVersion?: bigint | 'no_stream' }).actualVersion ?? 'no_stream';
      return new WrongExpectedVersionError(streamId, expected, actual);
    }
    if (type === ErrorType.STREAM_NOT_FOUND) return new StreamNotFoundError(streamId);
    if (isUnavailable(e)) {
      return new StoreUnavailableError(`EventStoreDB at ${this.url} is unavailable: ${messageOf(e)}`, {
        cause: e,
      });
    }
    return e instanceof Error ? e : new EventStoreError(messageOf(e));
  }

  private readAllPage(from: bigint | 'start' | 'end', direction: 'forwards' | 'backwards', maxCount: number) {
    return collect(
      this.client.readAll({
        fromPosition: allPosition(from),
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        maxCount,
      }),
    );
  }

  private async eventAt(streamId: string, revision: bigint): Promise<RecordedEvent | undefined> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    return event;
  }

  /** EventStoreDB checks an empty append's expectation but records nothing; so does this, by reading. */
  private async appendNothing(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 }).catch(
      (e: unknown) => {
        if (e instanceof StreamNotFoundError) return [];
        throw e;
      },
    );
    const actual = last?.revision ?? 'no_stream';
    if (!fits(expected, actual)) throw new WrongExpectedVersionError(streamId, expected, actual);
    return { nextExpectedRevision: last?.revision ?? -1n, position: last?.position ?? -1n };
  }
}

/** Marks an error thrown by the subscriber's own `onEvent`, which ends the subscription. */
class HandlerFailure extends Error {
  constructor(readonly error: Error) {
    super(error.message);
  }
}

/**
 * Catch-up by paging `readAll` (a server's "caught up" signal is not sent by every EventStoreDB
 * version), then a live subscription from the last delivered position. A dropped connection is
 * retried with backoff from the last delivered position, so nothing is skipped or delivered twice.
 */
class CatchUpSubscription implements Subscription {
  private last: bigint | undefined;
  private stopped = false;
  private live: AllStreamSubscription | undefined;
  private running: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;
  private readonly insideHandler = new AsyncLocalStorage<true>();

  constructor(
    private readonly store: EsdbEventStore,
    private readonly handler: SubscriptionHandler,
    private readonly onEnd: () => void,
  ) {
    this.last = typeof handler.fromPosition === 'bigint' ? handler.fromPosition : undefined;
  }

  start(): void {
    this.running = this.run().finally(this.onEnd);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const live = this.live;
    if (live) {
      await live.unsubscribe().catch(() => undefined);
      live.destroy();
    }
    // Called from inside onEvent, waiting for the loop would wait for the caller itself.
    if (!this.insideHandler.getStore()) await this.running;
  }

  private async run(): Promise<void> {
    let attempts = 0;
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.catchUp();
        if (this.stopped) return;
        this.caughtUp();
        attempts = 0;
        failures = 0;
        await this.followLive();
      } catch (e) {
        if (this.stopped) return;
        if (e instanceof HandlerFailure) return this.fail(e.error);
        const error = this.store.translate(e);
        failures = isStoreUnavailable(error) ? failures : failures + 1;
        if (failures > MAX_UNEXPECTED_FAILURES) return this.fail(error);
        attempts += 1;
        await this.pause(attempts);
      }
    }
  }

  private async catchUp(): Promise<void> {
    for await (const event of this.store.scanAll('forwards', this.last ?? 'start')) {
      if (this.stopped) return;
      await this.deliver(event);
    }
  }

  private async followLive(): Promise<void> {
    const live = this.store.subscribeLive(this.last);
    this.live = live;
    try {
      for await (const resolved of live) {
        if (this.stopped) return;
        const event = toRecorded(resolved);
        if (event) await this.deliver(event);
      }
    } finally {
      this.live = undefined;
      live.destroy();
    }
  }

  private caughtUp(): void {
    try {
      this.handler.onCaughtUp?.();
    } catch (e) {
      throw new HandlerFailure(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private async deliver(event: RecordedEvent): Promise<void> {
    if (!isUserEvent(event) || (this.last !== undefined && event.position <= this.last)) return;
    try {
      await this.insideHandler.run(true, async () => this.handler.onEvent(event));
    } catch (e) {
      throw new HandlerFailure(e instanceof Error ? e : new Error(String(e)));
    }
    this.last = event.position;
  }

  private fail(error: Error): void {
    this.stopped = true;
    this.handler.onError?.(error);
  }

  private pause(attempt: number): Promise<void> {
    const delay = Math.min(RETRY_DELAY_MS.first * 2 ** attempt, RETRY_DELAY_MS.max);
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, delay);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
