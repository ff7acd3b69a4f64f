import { Router } from 'express';
import { todayInShanghai } from '../../domain/shared/dates.js';
import { notFoundError } from '../../domain/shared/errors.js';
import { indicatorById } from '../../projections/catalog.js';
import { allow } from '../auth.js';
import type { Ctx } from '../context.js';
import {
  docketQuerySchema,
  indicatorIdSchema,
  indicatorsQuerySchema,
  seriesQuerySchema,
} from '../schemas.js';
import { parse } from '../validate.js';

/** Indicators, series and docket: answered from the read models, so they keep working while the store is down. */
export function queryRouter(ctx: Ctx): Router {
  const router = Router();
  const models = () => ctx.projections.readModels;

  router.get('/indicators', allow('read'), (req, res) => {
    const q = parse(indicatorsQuerySchema, req.query, 'query');
    const table = models().indicators({
      asOf: q.asOf ?? todayInShanghai(ctx.clock()),
      ...(q.district === undefined ? {} : { district: q.district }),
      ...(q.knownAt === undefined ? {} : { knownAt: new Date(q.knownAt) }),
    });
    res.json({ ...table, knownAt: q.knownAt ?? null });
  });

  router.get('/indicators/:id/series', allow('read'), (req, res) => {
    const id = parse(indicatorIdSchema, req.params['id'], 'params');
    const q = parse(seriesQuerySchema, req.query, 'query');
    const def = indicatorById(id);
    if (def === undefined) throw notFoundError(`no indicator ${id}`);
    const values = models().series(id, q.from, q.to, q.district);
    res.json({
      id,
      name: def.name,
      unit: def.unit,
      district: q.district ?? null,
      from: q.from,
      to: q.to,
      values,
    });
  });

  router.get('/docket', allow('read'), (req, res) => {
    const q = parse(docketQuerySchema, req.query, 'query');
    const today = todayInShanghai(ctx.clock());
    res.json({ today, within: q.within, entries: models().docket(today, q.within, q.limit) });
  });
  return router;
}
