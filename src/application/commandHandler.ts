import { DateTime } from 'luxon';
import { v5 as uuidv5 } from 'uuid';
import type { Command, Decider, DomainEvent } from '../domain/shared/decider.js';
import { RegistryError } from '../domain/shared/errors.js';
import { HASH_KEY, hashOf, sealMetadata } from './integrity.js';
import {
  isStoreUnavailable,
  isWrongExpectedVersion,
  readStreamOrEmpty,
  type EventData,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '../eventStore/port.js';

/** Who acts, as recorded in every event's metadata. */
export interface Actor {
  readonly id: string;
  readonly role: string;
}

export interface CommandContext {
  /** The command's identity: an idempotency key or a fresh UUID. Event ids derive from it. */
  readonly commandId: string;
  readonly actor: Actor;
  /** The request (or import run, or policy run) this command belongs to. */
  readonly correlationId: string;
  /** What caused the command: another event's id for a policy, else the command itself. */
  readonly causationId?: string;
  /** Why, in the officer's words, where given. */
  readonly reason?: string;
  /** The moment the command is handled; deciders judge future dates against it. */
  readonly now: Date;
  /** The revision the caller last saw (`If-Match`); when set, a changed stream is a conflict, not a retry. */
  readonly expectedRevision?: bigint;
}

export interface CommandResult {
  readonly streamId: string;
  /** The stream's revision after the command (-1n when the stream still has no events). */
  readonly revision: bigint;
  readonly events: readonly { readonly id: string; readonly type: string }[];
  /** True when the command created the record (its first event opened the stream). */
  readonly created: boolean;
  /** True when this command id had been handled before and nothing was appended now. */
  readonly replayed: boolean;
  /** The global position of the command's last event (null when it appended none). */
  readonly position: bigint | null;
}

const EVENT_ID_NAMESPACE = '6f1c9a62-3b0e-5d2c-9a43-1f2e8c7d4b15';
const MAX_ATTEMPTS = 5;

/** The id of the `index`-th event a command appends: the same command always yields the same ids. */
export const eventIdFor = (commandId: string, index: number): string =>
  uuidv5(`${commandId}#${index}`, EVENT_ID_NAMESPACE);

/** Recorded times are ISO 8601 with the China offset, as api.md asks. */
export const recordedAt = (now: Date): string =>
  DateTime.fromJSDate(now).setZone('Asia/Shanghai').toISO({ includeOffset: true }) ?? now.toISOString();

export function fold<S, E extends DomainEvent>(
  decider: Decider<Command, E, S>,
  events: readonly RecordedEvent[],
): S {
  let state = decider.initialState;
  for (const e of events) state = decider.evolve(state, { type: e.type, data: e.data } as E);
  return state;
}

interface StreamHead {
  readonly streamId: string;
  readonly revision: bigint;
  readonly hash: string | null;
}

function toEventData<E extends DomainEvent>(
  decider: Decider<Command, E, unknown>,
  events: readonly E[],
  ctx: CommandContext,
  head: StreamHead,
): EventData[] {
  const at = recordedAt(ctx.now);
  let previousHash = head.hash;
  return events.map((event, index) => {
    const id = eventIdFor(ctx.commandId, index);
    const effectiveDate = decider.effectiveDateOf(event);
    const metadata: JsonObject = {
      $correlationId: ctx.correlationId,
      $causationId: ctx.causationId ?? ctx.commandId,
      actor: { id: ctx.actor.id, role: ctx.actor.role },
      recordedAt: at,
      ...(effectiveDate === undefined ? {} : { effectiveDate }),
      ...(ctx.reason === undefined ? {} : { reason: ctx.reason }),
    };
    const revision = head.revision + 1n + BigInt(index);
    const sealed = sealMetadata(
      { streamId: head.streamId, revision, id, type: event.type, data: event.data, metadata },
      previousHash,
    );
    previousHash = sealed[HASH_KEY] as string;
    return { id, type: event.type, data: event.data, metadata: sealed };
  });
}

/** The answer a command gave the first time, rebuilt from the events its id produced. */
function replayedResult(
  streamId: string,
  history: readonly RecordedEvent[],
  commandId: string,
): CommandResult | undefined {
  const firstId = eventIdFor(commandId, 0);
  const start = history.findIndex((e) => e.id === firstId);
  if (start < 0) return undefined;
  const mine: RecordedEvent[] = [];
  for (let i = start; i < history.length && history[i]?.id === eventIdFor(commandId, mine.length); i++) {
    mine.push(history[i] as RecordedEvent);
  }
  const last = mine[mine.length - 1] as RecordedEvent;
  return {
    streamId,
    revision: last.revision,
    events: mine.map((e) => ({ id: e.id, type: e.type })),
    created: start === 0,
    replayed: true,
    position: last.position,
  };
}

/**
 * Load the stream, fold, decide, append with the exact expected revision. A command handled again
 * with the same id answers what it answered the first time and appends nothing. A concurrent writer
 * makes the command re-read and re-decide, a bounded number of times, unless the caller pinned the
 * revision it decided on.
 */
export async function handleCommand<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  command: C,
  ctx: CommandContext,
): Promise<CommandResult> {
  return handleCommands(store, decider, [command], ctx);
}

/** Decides each command in turn on the state the previous ones left; if one is refused, none is appended. */
function decideAll<C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  commands: readonly C[],
  state: S,
  now: Date,
): E[] {
  const all: E[] = [];
  let current = state;
  for (const command of commands) {
    const events = decider.decide(command, current, now);
    for (const e of events) current = decider.evolve(current, e);
    all.push(...events);
  }
  return all;
}

/**
 * Several commands on one record, appended as one: a bulk import's row (filed, published,
 * registered) lands whole or not at all.
 */
export async function handleCommands<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  commands: readonly C[],
  ctx: CommandContext,
): Promise<CommandResult> {
  const streamId = singleStreamOf(decider, commands);
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptCommands(store, decider, commands, { streamId, ctx });
    } catch (e) {
      if (!isWrongExpectedVersion(e)) throw e;
      if (ctx.expectedRevision !== undefined)
        throw revisionConflict(streamId, ctx.expectedRevision, e.actual);
      if (attempt >= MAX_ATTEMPTS) {
        throw new RegistryError(
          'concurrency',
          `${streamId} kept changing while the command was decided; try again`,
        );
      }
    }
  }
}

function singleStreamOf<C extends Command>(
  decider: Decider<C, DomainEvent, unknown>,
  commands: readonly C[],
): string {
  const [first] = commands;
  if (first === undefined) throw new Error('handleCommands needs at least one command');
  const streamId = decider.streamIdOf(first);
  if (commands.some((c) => decider.streamIdOf(c) !== streamId)) {
    throw new Error('handleCommands takes commands on one record only');
  }
  return streamId;
}

/** One read → fold → decide → append; a concurrent writer surfaces as WrongExpectedVersionError. */
async function attemptCommands<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  commands: readonly C[],
  { streamId, ctx }: { readonly streamId: string; readonly ctx: CommandContext },
): Promise<CommandResult> {
  const history = await withStore(() => readStreamOrEmpty(store, streamId));
  const replayed = replayedResult(streamId, history, ctx.commandId);
  if (replayed) return replayed;
  const last = history[history.length - 1];
  const revision = last === undefined ? -1n : last.revision;
  if (ctx.expectedRevision !== undefined && ctx.expectedRevision !== revision) {
    throw revisionConflict(streamId, ctx.expectedRevision, revision);
  }
  const state = fold(decider as unknown as Decider<Command, E, S>, history);
  const events = decideAll(decider, commands, state, ctx.now);
  if (events.length === 0)
    return { streamId, revision, events: [], created: false, replayed: false, position: null };
  const head = { streamId, revision, hash: last === undefined ? null : hashOf(last) };
  const data = toEventData(decider as unknown as Decider<Command, E, unknown>, events, ctx, head);
  const result = await withStore(() =>
    store.appendToStream(streamId, data, { expectedRevision: revision < 0n ? 'no_stream' : revision }),
  );
  return {
    streamId,
    revision: result.nextExpectedRevision,
    events: data.map((e) => ({ id: e.id, type: e.type })),
    created: revision < 0n,
    replayed: false,
    position: result.position,
  };
}

function revisionConflict(streamId: string, expected: bigint, actual: bigint | 'no_stream'): RegistryError {
  const now = actual === 'no_stream' ? 'has no events' : `is at revision ${actual}`;
  return new RegistryError('concurrency', `${streamId} ${now}, not at revision ${expected}`);
}

/** Store outages become the registry's `unavailable` error, so callers can answer 503 and retry later. */
async function withStore<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (isStoreUnavailable(e)) throw new RegistryError('unavailable', e.message);
    throw e;
  }
}
