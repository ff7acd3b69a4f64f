import { createHash } from 'node:crypto';
import {
  readAllAfter,
  type EventStore,
  type JsonObject,
  type JsonValue,
  type RecordedEvent,
} from '../eventStore/port.js';

/**
 * Tamper evidence. Every event the registry appends carries, in its metadata, the hash of its own
 * content and the hash of the event before it in the same stream, so that editing, removing or
 * reordering a recorded event breaks a link that `verifyLog` finds. (Per stream, not across the
 * log: at decision time a command knows its stream's head, not the global position it will get.)
 */

export const HASH_KEY = 'hash';
export const PREVIOUS_HASH_KEY = 'previousHash';

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface HashInput {
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  /** Metadata without the hash itself (the previous hash included). */
  readonly metadata: JsonObject;
}

export function eventHash(e: HashInput): string {
  const body = canonicalJson({
    streamId: e.streamId,
    revision: e.revision.toString(),
    id: e.id,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
  });
  return createHash('sha256').update(body).digest('hex');
}

/** The metadata of an event about to be appended, sealed with its hash and its link to the previous event. */
export function sealMetadata(
  e: Omit<HashInput, 'metadata'> & { readonly metadata: JsonObject },
  previousHash: string | null,
): JsonObject {
  const metadata: JsonObject = { ...e.metadata, [PREVIOUS_HASH_KEY]: previousHash };
  return { ...metadata, [HASH_KEY]: eventHash({ ...e, metadata }) };
}

export const hashOf = (e: RecordedEvent): string | null => {
  const h = e.metadata[HASH_KEY];
  return typeof h === 'string' ? h : null;
};

export interface IntegrityProblem {
  readonly streamId: string;
  readonly revision: string | null;
  readonly position: string | null;
  readonly problem: string;
}

export interface IntegrityReport {
  readonly ok: boolean;
  readonly streamsChecked: number;
  readonly eventsChecked: number;
  readonly problems: IntegrityProblem[];
}

const REQUIRED_METADATA = ['$correlationId', '$causationId', 'actor', 'recordedAt'] as const;

interface StreamHead {
  revision: bigint;
  hash: string | null;
}

function checkEvent(e: RecordedEvent, head: StreamHead | undefined, problems: IntegrityProblem[]): void {
  const at = (problem: string): void => {
    problems.push({
      streamId: e.streamId,
      revision: e.revision.toString(),
      position: e.position.toString(),
      problem,
    });
  };
  const expectedRevision = head === undefined ? 0n : head.revision + 1n;
  if (e.revision !== expectedRevision)
    at(`revision ${e.revision} follows ${expectedRevision - 1n}: an event is missing`);
  for (const key of REQUIRED_METADATA) if (!(key in e.metadata)) at(`metadata lacks ${key}`);
  const { [HASH_KEY]: stored, ...rest } = e.metadata;
  if (typeof stored !== 'string') {
    at('metadata carries no content hash');
    return;
  }
  const previous = rest[PREVIOUS_HASH_KEY] ?? null;
  if (previous !== (head?.hash ?? null)) at('the link to the previous event does not match its hash');
  const actual = eventHash({
    streamId: e.streamId,
    revision: e.revision,
    id: e.id,
    type: e.type,
    data: e.data,
    metadata: rest,
  });
  if (actual !== stored) at('content does not match its hash: the event was altered');
}

/** One pass over the whole log in global order: revisions contiguous, every hash and link intact. */
export async function verifyLog(store: EventStore, pageSize = 5000): Promise<IntegrityReport> {
  const heads = new Map<string, StreamHead>();
  const problems: IntegrityProblem[] = [];
  let events = 0;
  for await (const e of readAllAfter(store, 'start', pageSize)) {
    checkEvent(e, heads.get(e.streamId), problems);
    heads.set(e.streamId, { revision: e.revision, hash: hashOf(e) });
    events++;
  }
  return { ok: problems.length === 0, streamsChecked: heads.size, eventsChecked: events, problems };
}
