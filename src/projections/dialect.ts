import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { categoryOf, type RecordedEvent } from '../eventStore/port.js';

/**
 * Evaluates a projection written in EventStoreDB's JavaScript dialect (`fromAll()`, `fromCategory()`,
 * `partitionBy`, `foreachStream`, `when({$init, $initShared, $any, Type})`, `outputState()`,
 * `options({biState})`) in a separate V8 context, so the very file deployed to EventStoreDB also runs
 * here. What EventStoreDB would do beyond folding state (emit, linkTo) is not offered: the registry's
 * projections only fold.
 */

/** The event object EventStoreDB hands to a handler. */
export interface DialectEvent {
  readonly eventType: string;
  readonly streamId: string;
  readonly sequenceNumber: number;
  readonly eventId: string;
  readonly isJson: true;
  readonly body: unknown;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly category: string;
  partition: string;
  readonly bodyRaw: string;
  readonly metadataRaw: string;
}

export type Handler = (state: unknown, event: DialectEvent) => unknown;

interface Source {
  readonly all: boolean;
  readonly categories: readonly string[];
  readonly streams: readonly string[];
}

export interface ProjectionDefinition {
  readonly name: string;
  readonly source: string;
  readonly biState: boolean;
  readonly partitioned: boolean;
  /** Whether the projection reads this event at all (its `from…` selection). */
  accepts(event: RecordedEvent): boolean;
  /** The partition of an accepted event; `undefined` skips it; '' is the single state of an unpartitioned projection. */
  partitionOf(event: DialectEvent): string | undefined;
  handlerFor(type: string): Handler | undefined;
  init(): unknown;
  initShared(): unknown;
}

class DialectError extends Error {
  override name = 'DialectError';
}

interface Captured {
  options: Record<string, unknown>;
  source?: Source;
  partitionBy?: (e: DialectEvent) => unknown;
  foreachStream: boolean;
  handlers?: Record<string, Handler>;
}

function builder(captured: Captured) {
  const chain = {
    partitionBy(fn: (e: DialectEvent) => unknown) {
      captured.partitionBy = fn;
      return chain;
    },
    foreachStream() {
      captured.foreachStream = true;
      return chain;
    },
    when(handlers: Record<string, Handler>) {
      captured.handlers = handlers;
      return chain;
    },
    outputState() {
      return chain;
    },
    outputTo() {
      return chain;
    },
  };
  return chain;
}

function globalsFor(captured: Captured): Record<string, unknown> {
  const from = (source: Source) => {
    captured.source = source;
    return builder(captured);
  };
  const unsupported = (name: string) => () => {
    throw new DialectError(`${name} is not supported by the in-process projection host`);
  };
  return {
    options: (o: Record<string, unknown>) => {
      captured.options = { ...captured.options, ...o };
    },
    fromAll: () => from({ all: true, categories: [], streams: [] }),
    fromCategory: (c: string) => from({ all: false, categories: [c], streams: [] }),
    fromCategories: (cs: string[]) => from({ all: false, categories: [...cs], streams: [] }),
    fromStream: (s: string) => from({ all: false, categories: [], streams: [s] }),
    fromStreams: (...s: (string | string[])[]) => from({ all: false, categories: [], streams: s.flat() }),
    emit: unsupported('emit'),
    linkTo: unsupported('linkTo'),
    log: () => undefined,
  };
}

function selects(source: Source, event: RecordedEvent): boolean {
  if (source.all) return true;
  return source.categories.includes(categoryOf(event.streamId)) || source.streams.includes(event.streamId);
}

/** Compiles a projection's source text; `name` is the name it is deployed under. */
export function compileProjection(name: string, source: string): ProjectionDefinition {
  const captured: Captured = { options: {}, foreachStream: false };
  const context = vm.createContext(globalsFor(captured));
  // Wrapped in a function so the file's own helpers are closure variables: top-level names in a vm
  // context live on its global object, and every lookup there goes through a slow interceptor.
  new vm.Script(`(function () {\n${source}\n})();`, { filename: `${name}.js`, lineOffset: -1 }).runInContext(
    context,
  );
  const { handlers, source: from } = captured;
  if (handlers === undefined || from === undefined) {
    throw new DialectError(`projection ${name} must select events (from…) and define handlers (when)`);
  }
  const byStream = captured.foreachStream;
  const by = captured.partitionBy;
  const partitionOf = (e: DialectEvent): string | undefined => {
    if (byStream) return e.streamId;
    if (by === undefined) return '';
    const p = by(e);
    return p === undefined || p === null ? undefined : String(p);
  };
  return {
    name,
    source,
    biState: captured.options['biState'] === true,
    partitioned: byStream || by !== undefined,
    accepts: (event) => selects(from, event),
    partitionOf,
    handlerFor: (type) => (Object.hasOwn(handlers, type) ? handlers[type] : handlers['$any']),
    init: () => (handlers['$init'] ? handlers['$init'](undefined, undefined as never) : {}),
    initShared: () => (handlers['$initShared'] ? handlers['$initShared'](undefined, undefined as never) : {}),
  };
}

/** The projections this registry deploys, from `projections/*.js` at the project root. */
export const PROJECTIONS_DIR = path.resolve(import.meta.dirname, '../../projections');

export function loadProjection(name: string, dir = PROJECTIONS_DIR): ProjectionDefinition {
  return compileProjection(name, readFileSync(path.join(dir, `${name}.js`), 'utf8'));
}

/** EventStoreDB's view of a recorded event; raw texts are made only if a handler asks for them. */
export function toDialectEvent(event: RecordedEvent): DialectEvent {
  return {
    eventType: event.type,
    streamId: event.streamId,
    sequenceNumber: Number(event.revision),
    eventId: event.id,
    isJson: true,
    body: event.data,
    data: event.data,
    metadata: event.metadata,
    category: categoryOf(event.streamId),
    partition: '',
    get bodyRaw() {
      return JSON.stringify(event.data);
    },
    get metadataRaw() {
      return JSON.stringify(event.metadata);
    },
  };
}
