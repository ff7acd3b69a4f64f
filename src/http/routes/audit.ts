import { once } from 'node:events';
import { Router, type Response } from 'express';
import { verifyLog } from '../../application/integrity.js';
import { notFoundError } from '../../domain/shared/errors.js';
import {
  readAllAfter,
  readStreamOrEmpty,
  type EventStore,
  type RecordedEvent,
} from '../../eventStore/port.js';
import { recordedMs } from '../../projections/host.js';
import { allow } from '../auth.js';
import type { Ctx } from '../context.js';
import { eventsQuerySchema, streamIdSchema } from '../schemas.js';
import { parse } from '../validate.js';

const NDJSON = 'application/x-ndjson';
const DEFAULT_PAGE = 100;

/** An event as the audit routes show it; positions are strings because EventStoreDB's are 64-bit. */
export const eventJson = (e: RecordedEvent) => ({
  streamId: e.streamId,
  revision: Number(e.revision),
  eventId: e.id,
  type: e.type,
  data: e.data,
  metadata: e.metadata,
  position: e.position.toString(),
  created: e.created.toISOString(),
});

/** The global log from `from` (inclusive), in order, a page at a time. */
async function* logFrom(store: EventStore, from: bigint | 'start'): AsyncGenerator<RecordedEvent> {
  if (from === 'start') {
    yield* readAllAfter(store, 'start');
    return;
  }
  const [first] = await store.readAll({ fromPosition: from, maxCount: 1 });
  if (first === undefined) return;
  yield first;
  yield* readAllAfter(store, first.position);
}

interface LogQuery {
  readonly from: bigint | 'start';
  readonly fromMs: number | undefined;
  readonly toMs: number | undefined;
}

async function* selected(store: EventStore, q: LogQuery): AsyncGenerator<RecordedEvent> {
  for await (const e of logFrom(store, q.from)) {
    const at = recordedMs(e);
    if (q.fromMs !== undefined && at < q.fromMs) continue;
    if (q.toMs !== undefined && at > q.toMs) continue;
    yield e;
  }
}

async function streamNdjson(
  res: Response,
  events: AsyncGenerator<RecordedEvent>,
  limit: number,
): Promise<void> {
  // The first event is read before the headers go out, so a failing store still gets a problem answer.
  let next = await events.next();
  res.status(200).type(NDJSON);
  let sent = 0;
  while (!next.done && sent < limit) {
    if (res.destroyed) break;
    if (!res.write(`${JSON.stringify(eventJson(next.value))}\n`)) await once(res, 'drain');
    sent++;
    if (sent < limit) next = await events.next();
  }
  await events.return(undefined);
  res.end();
}

export function auditRouter(ctx: Ctx): Router {
  const router = Router();

  router.get('/streams/:streamId', allow('audit'), async (req, res) => {
    const streamId = parse(streamIdSchema, req.params['streamId'], 'params');
    const events = await readStreamOrEmpty(ctx.store, streamId);
    if (events.length === 0) throw notFoundError(`no stream ${streamId}`);
    res.setHeader('ETag', `"${events[events.length - 1]?.revision}"`);
    res.json({ streamId, events: events.map(eventJson) });
  });

  router.get('/events', allow('audit'), async (req, res) => {
    const q = parse(eventsQuerySchema, req.query, 'query');
    const query: LogQuery = {
      from: q.fromPosition === undefined ? 'start' : BigInt(q.fromPosition),
      fromMs: q.from === undefined ? undefined : Date.parse(q.from),
      toMs: q.to === undefined ? undefined : Date.parse(q.to),
    };
    if (req.accepts(['application/json', NDJSON]) === NDJSON) {
      await streamNdjson(res, selected(ctx.store, query), q.limit ?? Number.POSITIVE_INFINITY);
      return;
    }
    const limit = q.limit ?? DEFAULT_PAGE;
    const page: RecordedEvent[] = [];
    let nextPosition: string | null = null;
    const events = selected(ctx.store, query);
    for await (const e of events) {
      if (page.length === limit) {
        nextPosition = e.position.toString();
        break;
      }
      page.push(e);
    }
    res.json({ events: page.map(eventJson), nextPosition });
  });

  router.post('/audit/verify', allow('audit'), async (_req, res) => {
    res.json(await verifyLog(ctx.store));
  });
  return router;
}
