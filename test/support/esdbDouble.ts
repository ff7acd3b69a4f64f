/**
 * An in-process EventStoreDB double: a `@grpc/grpc-js` server built from the service definitions that
 * `@eventstore/db-client` ships, answering the RPCs the EventStoreDB adapter uses, with EventStoreDB's
 * rules where they matter to the adapter:
 *
 * - `ServerFeatures.GetSupportedMethods` advertises `Streams.Read`, `Streams.Append` and
 *   `Streams.BatchAppend` (so the client appends through BatchAppend, as it does against a real server;
 *   `{ batchAppend: false }` hides it to exercise `Streams.Append`);
 * - appends check the expected revision (`any`, `no_stream`, `stream_exists`, exact) and answer a
 *   wrong-expected-version result carrying the current revision; a re-append of events whose ids are
 *   already recorded is acknowledged without writing, a partial overlap is a wrong expected version
 *   (the idempotency rules of EventStoreDB's documentation; unlike the server, which keeps a bounded
 *   cache of recent ids for `any`, the double remembers every id);
 * - `$all` positions are byte-like offsets that grow by more than one per event (commit = prepare);
 *   reading `$all` forwards from a position includes the event there, backwards excludes it;
 *   a fresh double holds a few system events (`$`-types in `$`-streams), as a fresh server does;
 * - stream reads answer `StreamNotFound` for a stream without events; `$all` reads and subscriptions
 *   apply the client's event-type / stream-name filters (regex or prefixes) and send checkpoints;
 * - subscriptions (to a stream and to `$all`) send the confirmation, replay, send `CaughtUp`, then
 *   deliver live; a subscription from a position or revision starts after it.
 *
 * It does not emulate: authentication and ACLs, TLS, gossip and clusters (no leader redirects),
 * persistent subscriptions, projections (no `$ce-`/`$et-` link streams, no link resolution), stream
 * metadata, deletes and tombstones, `$`-system streams beyond the seeded events, scavenging, stream
 * truncation, maximum append size, deadlines in BatchAppend options, structured UUIDs (ids are always
 * answered as strings), `FellBehind`, operations, users, monitoring and the HTTP API. Data lives in
 * memory: `restart()` keeps it, a new double starts empty.
 */
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import {
  Server,
  ServerCredentials,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
} from '@grpc/grpc-js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  ReadReq,
  ReadResp,
} from '@eventstore/db-client/generated/streams_pb.js';
import type { Any } from 'google-protobuf/google/protobuf/any_pb.js';
import type { Empty } from 'google-protobuf/google/protobuf/empty_pb.js';

// The client's own copy of google-protobuf, so that `Any` serialises inside its messages.
const clientRequire = createRequire(
  createRequire(import.meta.url).resolve('@eventstore/db-client/generated/status_pb.js'),
);
const { Any: AnyMessage } = clientRequire('google-protobuf/google/protobuf/any_pb.js') as {
  Any: new () => Any;
};
const { Empty: GoogleEmpty } = clientRequire('google-protobuf/google/protobuf/empty_pb.js') as {
  Empty: new () => Empty;
};

const {
  ReadReq: ReadReqMsg,
  ReadResp: ReadRespMsg,
  AppendResp: AppendRespMsg,
  BatchAppendResp: BatchAppendRespMsg,
} = streamsPb;
const StreamOptionCase = ReadReqMsg.Options.StreamOptions.RevisionOptionCase;
const AllOptionCase = ReadReqMsg.Options.AllOptions.AllOptionCase;
const WRONG_EXPECTED_VERSION = 'event_store.client.WrongExpectedVersion';
const FAILED_PRECONDITION = 9;
const SERVER_VERSION = '23.10.0';

interface StoredEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  readonly created: bigint;
  readonly position: bigint;
}

interface Proposed {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

type Expected = 'any' | 'no_stream' | 'stream_exists' | bigint;
type AppendOutcome =
  | { readonly ok: true; readonly revision: bigint | undefined; readonly position: bigint | undefined }
  | { readonly ok: false; readonly current: bigint | undefined };

type Match = (event: StoredEvent) => boolean;

/** The expected-revision check itself (after idempotent replays are ruled out). */
const fits = (expected: Expected, current: bigint | undefined): boolean =>
  expected === 'any' ||
  (expected === 'no_stream'
    ? current === undefined
    : expected === 'stream_exists'
      ? current !== undefined
      : expected === current);

/** The log: every event in `$all` order, and each stream's events by revision. */
class Log {
  readonly all: StoredEvent[] = [];
  readonly streams = new Map<string, StoredEvent[]>();
  readonly listeners = new Set<() => void>();
  private nextPosition = 0n;

  current(streamId: string): bigint | undefined {
    const stream = this.streams.get(streamId);
    return stream && stream.length > 0 ? BigInt(stream.length - 1) : undefined;
  }

  append(streamId: string, expected: Expected, proposed: readonly Proposed[]): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const current = this.current(streamId);
    if (expected === 'stream_exists' && current === undefined) return { ok: false, current };
    const replay = this.replayed(stream, expected, proposed);
    if (replay === 'conflict') return { ok: false, current };
    if (replay) return { ok: true, revision: replay.revision, position: replay.position };
    if (!fits(expected, current)) return { ok: false, current };
    let last: StoredEvent | undefined;
    for (const p of proposed) {
      last = {
        ...p,
        streamId,
        revision: BigInt(stream.length),
        created: BigInt(Date.now()) * 10_000n,
        position: this.nextPosition,
      };
      // Positions are offsets in the transaction file: they grow by the record's size, not by one.
      this.nextPosition += 128n + BigInt(p.data.length + p.metadata.length + p.type.length + streamId.length);
      stream.push(last);
      this.all.push(last);
    }
    this.streams.set(streamId, stream);
    for (const listener of this.listeners) listener();
    return { ok: true, revision: last?.revision ?? current, position: last?.position };
  }

  /** EventStoreDB's idempotency check: the proposed ids already sit, in order, where they would go. */
  private replayed(
    stream: readonly StoredEvent[],
    expected: Expected,
    proposed: readonly Proposed[],
  ): StoredEvent | 'conflict' | undefined {
    if (proposed.length === 0) return undefined;
    const start = replayStart(stream, expected, proposed[0]?.id);
    if (start === undefined || start === 'conflict') return start;
    for (const [i, p] of proposed.entries()) {
      if (stream[start + i]?.id !== p.id) return 'conflict';
    }
    return stream[start + proposed.length - 1];
  }
}

/**
 * Where a re-append would have to sit: for an exact expectation right after it (ids elsewhere are a
 * conflict); for `any` / `stream_exists` wherever the first id already is.
 */
function replayStart(
  stream: readonly StoredEvent[],
  expected: Expected,
  firstId: string | undefined,
): number | 'conflict' | undefined {
  if (expected === 'any' || expected === 'stream_exists') {
    const at = stream.findIndex((e) => e.id === firstId);
    return at < 0 ? undefined : at;
  }
  const start = expected === 'no_stream' ? 0 : Number(expected) + 1;
  if (start >= stream.length) return undefined;
  return stream[start]?.id === firstId ? start : 'conflict';
}

const streamName = (identifier: { getStreamName_asU8(): Uint8Array } | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

const identifierOf = (name: string) => {
  const id = new sharedPb.StreamIdentifier();
  id.setStreamName(Buffer.from(name, 'utf8'));
  return id;
};

const uuidOf = (value: string) => {
  const id = new sharedPb.UUID();
  id.setString(value);
  return id;
};

function proposedOf(message: {
  getId(): { getString(): string } | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}): Proposed {
  const map = message.getMetadataMap();
  return {
    id: (message.getId()?.getString() ?? randomUUID()).toLowerCase(),
    type: map.get('type') ?? '',
    contentType: map.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

function readEventOf(event: StoredEvent): ReadResp {
  const recorded = new ReadRespMsg.ReadEvent.RecordedEvent();
  recorded.setId(uuidOf(event.id));
  recorded.setStreamIdentifier(identifierOf(event.streamId));
  recorded.setStreamRevision(event.revision.toString());
  recorded.setPreparePosition(event.position.toString());
  recorded.setCommitPosition(event.position.toString());
  recorded.getMetadataMap().set('type', event.type);
  recorded.getMetadataMap().set('content-type', event.contentType);
  recorded.getMetadataMap().set('created', event.created.toString());
  recorded.setCustomMetadata(event.metadata);
  recorded.setData(event.data);
  const read = new ReadRespMsg.ReadEvent();
  read.setEvent(recorded);
  read.setCommitPosition(event.position.toString());
  const resp = new ReadRespMsg();
  resp.setEvent(read);
  return resp;
}

function filterOf(options: ReadReq.Options): Match {
  const filter = options.getFilter();
  if (!options.hasFilter() || !filter) return () => true;
  const onType = filter.hasEventType();
  const expression = onType ? filter.getEventType() : filter.getStreamIdentifier();
  const regex = expression?.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression?.getPrefixList() ?? [];
  return (event) => {
    const subject = onType ? event.type : event.streamId;
    if (regex && !regex.test(subject)) return false;
    return prefixes.length === 0 || prefixes.some((p) => subject.startsWith(p));
  };
}

type From = 'start' | 'end' | bigint;
type Mode = 'live' | 'forwards' | 'backwards';

/**
 * The part of an ordered sequence a read or subscription covers, in delivery order. A subscription
 * starts after its position; a forwards read starts at it; a backwards read of a stream includes its
 * revision, a backwards read of `$all` stops before its position.
 */
function range<T>(
  ordered: readonly T[],
  key: (t: T) => bigint,
  { from, mode, backIncludes }: { from: From; mode: Mode; backIncludes: boolean },
): T[] {
  const backwards = mode === 'backwards';
  if (from === 'start') return backwards ? [] : [...ordered];
  if (from === 'end') return backwards ? [...ordered].reverse() : [];
  if (mode === 'live') return ordered.filter((t) => key(t) > from);
  if (mode === 'forwards') return ordered.filter((t) => key(t) >= from);
  return ordered.filter((t) => (backIncludes ? key(t) <= from : key(t) < from)).reverse();
}

function modeOf(options: ReadReq.Options): Mode {
  if (options.hasSubscription()) return 'live';
  return options.getReadDirection() === ReadReqMsg.Options.ReadDirection.BACKWARDS ? 'backwards' : 'forwards';
}

type Selection = { events: StoredEvent[]; match: Match };

function streamSelection(
  log: Log,
  stream: ReadReq.Options.StreamOptions,
  mode: Mode,
): Selection | 'not-found' {
  const name = streamName(stream.getStreamIdentifier());
  const events = log.streams.get(name) ?? [];
  if (mode !== 'live' && events.length === 0) return 'not-found';
  const revisionCase = stream.getRevisionOptionCase();
  let from: From = revisionCase === StreamOptionCase.END ? 'end' : 'start';
  // Backwards from the start of a stream is its first event (revision 0).
  if (revisionCase === StreamOptionCase.REVISION || (from === 'start' && mode === 'backwards')) {
    from = BigInt(stream.getRevision() || '0');
  }
  const match: Match = (e) => e.streamId === name;
  return { events: range(events, (e) => e.revision, { from, mode, backIncludes: true }), match };
}

function allSelection(log: Log, options: ReadReq.Options, mode: Mode): Selection {
  const all = options.getAll();
  const allCase = all?.getAllOptionCase();
  let from: From = allCase === AllOptionCase.END ? 'end' : 'start';
  if (allCase === AllOptionCase.POSITION) from = BigInt(all?.getPosition()?.getCommitPosition() ?? '0');
  const match = filterOf(options);
  return {
    events: range(log.all, (e) => e.position, { from, mode, backIncludes: false }).filter(match),
    match,
  };
}

/** Which events a read or subscription covers, in the order it delivers them. */
function selection(log: Log, options: ReadReq.Options): Selection | 'not-found' {
  const mode = modeOf(options);
  const stream = options.getStream();
  return stream ? streamSelection(log, stream, mode) : allSelection(log, options, mode);
}

/** Writes to a server stream, waiting for the client when its buffer is full. */
async function send(call: ServerWritableStream<ReadReq, ReadResp>, message: ReadResp): Promise<void> {
  if (!call.write(message)) await new Promise<void>((resolve) => call.once('drain', resolve));
}

export interface EventStoreDbDoubleOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Advertise and serve `Streams.BatchAppend` (default true, as EventStoreDB 21.10+ does). */
  readonly batchAppend?: boolean;
}

export class EventStoreDbDouble {
  private readonly log = new Log();
  private server: Server | undefined;
  private subscriptionEnders = new Set<() => void>();

  private constructor(
    private port: number,
    private readonly batchAppend: boolean,
  ) {
    this.log.append('$epochs', 'any', [systemEvent('$epoch-information', { epochNumber: 0 })]);
    this.log.append('$users', 'any', [systemEvent('$User', { loginName: 'admin' })]);
  }

  static async start(options: EventStoreDbDoubleOptions = {}): Promise<EventStoreDbDouble> {
    const double = new EventStoreDbDouble(options.port ?? 0, options.batchAppend ?? true);
    await double.listen();
    return double;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Every event in `$all` order, system events included (for assertions). */
  get events(): readonly { streamId: string; type: string; position: bigint }[] {
    return this.log.all;
  }

  /** Writes an event the store itself would write (a `$`-type in a `$`-stream), e.g. to test filtering. */
  appendSystemEvent(streamId = '$stats-127.0.0.1:2113', type = '$statsCollected'): void {
    this.log.append(streamId, 'any', [systemEvent(type, { at: Date.now() })]);
  }

  /** Drops every connection and stops listening (like killing the server). */
  async stop(): Promise<void> {
    for (const end of this.subscriptionEnders) end();
    this.subscriptionEnders.clear();
    this.server?.forceShutdown();
    this.server = undefined;
  }

  /** Stops, then listens again on the same port with the same data. */
  async restart(): Promise<void> {
    await this.stop();
    await this.listen();
  }

  private async listen(): Promise<void> {
    const server = new Server();
    server.addService(featuresGrpc.ServerFeaturesService, {
      getSupportedMethods: (_call: ServerUnaryCall<unknown, unknown>, done: sendUnaryData<unknown>) =>
        done(null, this.supportedMethods()),
    });
    server.addService(streamsGrpc.StreamsService, {
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => void this.read(call),
      append: (call: ServerReadableStream<AppendReq, AppendResp>, done: sendUnaryData<AppendResp>) =>
        this.append(call, done),
      batchAppend: (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => this.batchAppendCall(call),
      delete: (_call: unknown, done: sendUnaryData<unknown>) => done({ code: 12, details: 'not emulated' }),
      tombstone: (_call: unknown, done: sendUnaryData<unknown>) =>
        done({ code: 12, details: 'not emulated' }),
    });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.server = server;
  }

  private supportedMethods() {
    const method = (service: string, name: string, features: string[] = []) => {
      const m = new featuresPb.SupportedMethod();
      m.setServiceName(service);
      m.setMethodName(name);
      m.setFeaturesList(features);
      return m;
    };
    const streams = 'event_store.client.streams.streams';
    const methods = [
      method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
      method(streams, 'read', ['position', 'events']),
      method(streams, 'append'),
    ];
    if (this.batchAppend) methods.push(method(streams, 'batchappend'));
    const supported = new featuresPb.SupportedMethods();
    supported.setEventStoreServerVersion(SERVER_VERSION);
    supported.setMethodsList(methods);
    return supported;
  }

  private async read(call: ServerWritableStream<ReadReq, ReadResp>): Promise<void> {
    const options = call.request.getOptions();
    if (!options) {
      call.destroy(Object.assign(new Error('options are required'), { code: 3 }));
      return;
    }
    const selected = selection(this.log, options);
    if (selected === 'not-found') {
      const notFound = new ReadRespMsg.StreamNotFound();
      notFound.setStreamIdentifier(options.getStream()?.getStreamIdentifier());
      const resp = new ReadRespMsg();
      resp.setStreamNotFound(notFound);
      call.write(resp);
      call.end();
      return;
    }
    if (!options.hasSubscription()) {
      const count = Number(BigInt(options.getCount() || '0'));
      for (const event of selected.events.slice(0, count)) {
        if (call.cancelled) return;
        await send(call, readEventOf(event));
      }
      call.end();
      return;
    }
    // Live delivery starts with the first event appended after this point: nothing falls in between.
    await this.subscribe(call, options, { ...selected, cursor: this.log.all.length });
  }

  private async subscribe(
    call: ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options,
    selected: { events: StoredEvent[]; match: Match; cursor: number },
  ): Promise<void> {
    const confirmation = new ReadRespMsg.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    const confirm = new ReadRespMsg();
    confirm.setConfirmation(confirmation);
    await send(call, confirm);
    let cursor = selected.cursor;
    let ended = false;
    let pumping = false;
    const checkpointEvery = options.hasFilter()
      ? 32 * Math.max(1, options.getFilter()?.getCheckpointintervalmultiplier() ?? 1)
      : 0;
    let scanned = 0;
    const deliver = async (event: StoredEvent) => {
      if (selected.match(event)) await send(call, readEventOf(event));
      scanned += 1;
      if (checkpointEvery > 0 && scanned % checkpointEvery === 0) {
        const checkpoint = new ReadRespMsg.Checkpoint();
        checkpoint.setCommitPosition(event.position.toString());
        checkpoint.setPreparePosition(event.position.toString());
        const resp = new ReadRespMsg();
        resp.setCheckpoint(checkpoint);
        await send(call, resp);
      }
    };
    const pump = async () => {
      if (pumping) return;
      pumping = true;
      while (!ended && cursor < this.log.all.length) {
        const event = this.log.all[cursor];
        cursor += 1;
        if (event) await deliver(event);
      }
      pumping = false;
    };
    const end = () => {
      ended = true;
      this.log.listeners.delete(listener);
      this.subscriptionEnders.delete(end);
    };
    const listener = () => void pump();
    call.on('cancelled', end);
    call.on('error', end);
    this.subscriptionEnders.add(end);
    for (const event of selected.events) {
      if (ended) return;
      await send(call, readEventOf(event));
    }
    if (ended) return;
    const caughtUp = new ReadRespMsg();
    caughtUp.setCaughtUp(new ReadRespMsg.CaughtUp());
    await send(call, caughtUp);
    this.log.listeners.add(listener);
    await pump();
  }

  private append(call: ServerReadableStream<AppendReq, AppendResp>, done: sendUnaryData<AppendResp>): void {
    let options: AppendReq.Options | undefined;
    const proposed: Proposed[] = [];
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) options = req.getOptions();
      const message = req.getProposedMessage();
      if (message) proposed.push(proposedOf(message));
    });
    call.on('end', () => {
      if (!options) return done({ code: 3, details: 'the first message must carry the options' });
      const Case = streamsPb.AppendReq.Options.ExpectedStreamRevisionCase;
      const expected = ((): Expected => {
        switch (options.getExpectedStreamRevisionCase()) {
          case Case.NO_STREAM:
            return 'no_stream';
          case Case.STREAM_EXISTS:
            return 'stream_exists';
          case Case.REVISION:
            return BigInt(options.getRevision());
          default:
            return 'any';
        }
      })();
      const outcome = this.log.append(streamName(options.getStreamIdentifier()), expected, proposed);
      done(null, appendRespOf(outcome, expected));
    });
  }

  private batchAppendCall(call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    const pending = new Map<string, { options: BatchAppendReq.Options | undefined; proposed: Proposed[] }>();
    call.on('data', (req: BatchAppendReq) => {
      const correlation = req.getCorrelationId()?.getString() ?? '';
      const entry = pending.get(correlation) ?? { options: undefined, proposed: [] };
      if (req.hasOptions()) entry.options = req.getOptions();
      entry.proposed.push(...req.getProposedMessagesList().map(proposedOf));
      pending.set(correlation, entry);
      if (!req.getIsFinal()) return;
      pending.delete(correlation);
      const options = entry.options;
      const name = streamName(options?.getStreamIdentifier());
      const Case = streamsPb.BatchAppendReq.Options.ExpectedStreamPositionCase;
      const expected = ((): Expected => {
        switch (options?.getExpectedStreamPositionCase()) {
          case Case.NO_STREAM:
            return 'no_stream';
          case Case.STREAM_EXISTS:
            return 'stream_exists';
          case Case.STREAM_POSITION:
            return BigInt(options?.getStreamPosition() ?? '0');
          default:
            return 'any';
        }
      })();
      const outcome = this.log.append(name, expected, entry.proposed);
      const resp = batchAppendRespOf(outcome, expected);
      resp.setCorrelationId(uuidOf(correlation));
      resp.setStreamIdentifier(identifierOf(name));
      call.write(resp);
    });
    call.on('end', () => call.end());
  }
}

function systemEvent(type: string, data: object): Proposed {
  return {
    id: randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify(data)),
    metadata: new Uint8Array(),
  };
}

function appendRespOf(outcome: AppendOutcome, expected: Expected): AppendResp {
  const resp = new AppendRespMsg();
  if (outcome.ok) {
    const success = new AppendRespMsg.Success();
    if (outcome.revision === undefined) success.setNoStream(new sharedPb.Empty());
    else success.setCurrentRevision(outcome.revision.toString());
    if (outcome.position === undefined) success.setNoPosition(new sharedPb.Empty());
    else {
      const position = new AppendRespMsg.Position();
      position.setCommitPosition(outcome.position.toString());
      position.setPreparePosition(outcome.position.toString());
      success.setPosition(position);
    }
    resp.setSuccess(success);
    return resp;
  }
  const wrong = new AppendRespMsg.WrongExpectedVersion();
  if (outcome.current === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
  else wrong.setCurrentRevision(outcome.current.toString());
  if (expected === 'any') wrong.setExpectedAny(new sharedPb.Empty());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
  else wrong.setExpectedRevision(expected.toString());
  resp.setWrongExpectedVersion(wrong);
  return resp;
}

function batchAppendRespOf(outcome: AppendOutcome, expected: Expected): BatchAppendResp {
  const resp = new BatchAppendRespMsg();
  if (outcome.ok) {
    const success = new BatchAppendRespMsg.Success();
    if (outcome.revision !== undefined) success.setCurrentRevision(outcome.revision.toString());
    if (outcome.position !== undefined) {
      const position = new sharedPb.AllStreamPosition();
      position.setCommitPosition(outcome.position.toString());
      position.setPreparePosition(outcome.position.toString());
      success.setPosition(position);
    }
    resp.setSuccess(success);
    return resp;
  }
  // The wrong expected version travels as a google.rpc.Status whose details pack the shared message.
  const wrong = new sharedPb.WrongExpectedVersion();
  if (outcome.current === undefined) wrong.setCurrentNoStream(new GoogleEmpty());
  else wrong.setCurrentStreamRevision(outcome.current.toString());
  if (expected === 'any') wrong.setExpectedAny(new GoogleEmpty());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new GoogleEmpty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new GoogleEmpty());
  else wrong.setExpectedStreamPosition(expected.toString());
  const details = new AnyMessage();
  details.pack(wrong.serializeBinary(), WRONG_EXPECTED_VERSION);
  const status = new statusPb.Status();
  status.setCode(FAILED_PRECONDITION);
  status.setMessage('WrongExpectedVersion');
  status.setDetails(details);
  resp.setError(status);
  return resp;
}
