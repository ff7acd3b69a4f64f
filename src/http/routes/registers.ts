import { Router, type Request, type Response } from 'express';
import { fold } from '../../application/commandHandler.js';
import { validationError, notFoundError } from '../../domain/shared/errors.js';
import { readStreamOrEmpty, type RecordedEvent } from '../../eventStore/port.js';
import { allow } from '../auth.js';
import type { Ctx } from '../context.js';
import type { RecordSearch } from '../../projections/readModels.js';
import type { ActionSpec, RegisterSpec } from '../registers.js';
import { knownAtQuerySchema, searchQuerySchema } from '../schemas.js';
import { definedOnly, parse } from '../validate.js';
import { etagOf, performWrite } from '../writes.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The id from the path goes into the command; a body naming another id is a client error. */
function commandData(spec: RegisterSpec, req: Request): unknown {
  const id = parse(spec.idSchema, req.params['id'], 'params');
  const body: unknown = req.body ?? {};
  if (!isPlainObject(body)) return body;
  const named = body[spec.idField];
  if (named !== undefined && named !== id) {
    throw validationError(`${spec.idField} in the body differs from the path`, [
      { path: `body.${spec.idField}`, message: `must be ${id} or absent` },
    ]);
  }
  return { ...body, [spec.idField]: id };
}

function recordedBy(events: readonly RecordedEvent[], knownAt: string | undefined): readonly RecordedEvent[] {
  if (knownAt === undefined) return events;
  const limit = Date.parse(knownAt);
  return events.filter((e) => {
    const at = e.metadata['recordedAt'];
    const ms = typeof at === 'string' ? Date.parse(at) : e.created.getTime();
    return ms <= limit;
  });
}

/** The register's routes, relative to `spec.path`: mount it there (`api.use(spec.path, …)`). */
export function registerRouter(ctx: Ctx, spec: RegisterSpec): Router {
  const router = Router();
  const base = `/api/v1${spec.path}`;

  router.post('/', allow('write'), async (req, res) => {
    const data = parse(spec.create.schema, req.body, 'body') as Record<string, unknown>;
    const id = String(data[spec.idField]);
    await performWrite(ctx, req, res, {
      id,
      decider: spec.decider,
      command: { type: spec.create.commandType, data },
      location: `${base}/${encodeURIComponent(id)}`,
    });
  });

  for (const a of spec.actions) router.post(`/:id/${a.path}`, allow('write'), actionHandler(ctx, spec, a));

  router.get('/', allow('read'), (req, res) => {
    const query = parse(searchQuerySchema, req.query, 'query');
    res.json(
      ctx.projections.readModels.search(spec.name, {
        ...definedOnly(query),
        limit: query.limit,
      } as RecordSearch),
    );
  });

  router.get('/:id', allow('read'), async (req, res) => {
    const id = parse(spec.idSchema, req.params['id'], 'params');
    const { knownAt } = parse(knownAtQuerySchema, req.query, 'query');
    await sendRecord(ctx, spec, res, { id, knownAt, ifNoneMatch: req.headers['if-none-match'] });
  });
  return router;
}

function actionHandler(ctx: Ctx, spec: RegisterSpec, a: ActionSpec) {
  return async (req: Request, res: Response): Promise<void> => {
    const data = parse(a.schema, commandData(spec, req), 'body') as Record<string, unknown>;
    await performWrite(ctx, req, res, {
      id: String(data[spec.idField]),
      decider: spec.decider,
      command: { type: a.commandType, data },
    });
  };
}

async function sendRecord(
  ctx: Ctx,
  spec: RegisterSpec,
  res: Response,
  q: { id: string; knownAt: string | undefined; ifNoneMatch: string | undefined },
): Promise<void> {
  const streamId = spec.decider.streamIdOf({ type: spec.create.commandType, data: { [spec.idField]: q.id } });
  const events = recordedBy(await readStreamOrEmpty(ctx.store, streamId), q.knownAt);
  const last = events[events.length - 1];
  const state = fold(spec.decider, events) as { status?: string } & Record<string, unknown>;
  if (last === undefined || state.status === 'absent') {
    throw notFoundError(
      q.knownAt === undefined ? `no record ${streamId}` : `no record ${streamId} as known at ${q.knownAt}`,
    );
  }
  const etag = etagOf(last.revision);
  res.setHeader('ETag', etag);
  if (q.ifNoneMatch === etag) {
    res.status(304).end();
    return;
  }
  res.json({ ...state, streamId, revision: Number(last.revision) });
}
