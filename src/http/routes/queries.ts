import { Router } from 'express';
import { todayInShanghai } from '../../domain/shared/dates.js';
import { notFoundError } from '../../domain/shared/errors.js';
import { indicatorById } from '../../projections/catalog.js';
import { allow } from '../auth.js';
import type { Ctx } from '../context.js';
import {
  docketQuerySchema,
  forecastQuerySchema,
  indicatorIdSchema,
  indicatorsQuerySchema,
  seriesQuerySchema,
} from '../schemas.js';
import { parse } from '../validate.js';

/** Indicators, series and docket: answered from the read models, so they keep working while the store is down. */
export function queryRouter(ctx: Ctx, answerIndicators: IndicatorAnswerer): Router {
  const router = Router();
  const models = () => ctx.projections.readModels;

  router.get(INDICATORS_ROUTE, allow('read'), (req, res) => {
    const answer = answerIndicators(req.query as Record<string, unknown>);
    // What res.json would send, with the ETag it would compute; send still answers 304 when fresh.
    if (answer.etag !== undefined) res.setHeader('ETag', answer.etag);
    res.type(INDICATORS_TYPE).send(answer.body);
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

  // The renewals at stake for a target: of the marks valid today, how many are still valid on the
  // target day if none is renewed.
  router.get('/indicators/valid-trademarks/forecast', allow('read'), (req, res) => {
    const q = parse(forecastQuerySchema, req.query, 'query');
    const asOf = todayInShanghai(ctx.clock());
    const forecast = models().forecast?.({
      asOf,
      target: q.target,
      ...(q.district === undefined ? {} : { district: q.district }),
    });
    if (forecast === undefined) throw notFoundError('these read models make no forecast');
    res.json({ ...forecast, renewalsAtStake: forecast.validNow - forecast.stillValid });
  });

  router.get('/docket', allow('read'), (req, res) => {
    const q = parse(docketQuerySchema, req.query, 'query');
    const today = todayInShanghai(ctx.clock());
    res.json({ today, within: q.within, entries: models().docket(today, q.within, q.limit) });
  });
  return router;
}

/** The indicator table's path inside /api/v1, and the type of its answer. */
export const INDICATORS_ROUTE = '/indicators';
export const INDICATORS_TYPE = 'application/json; charset=utf-8';

export interface IndicatorAnswer {
  readonly checkpoint: bigint | null;
  readonly body: string;
  readonly etag: string | undefined;
}

/** The indicator table for a query string's fields; throws the validation error of a bad query. */
export type IndicatorAnswerer = (query: Record<string, unknown>) => IndicatorAnswer;

const MAX_CACHED_ANSWERS = 512;

/**
 * Answers the indicator table. The answer is a function of the query and of the read models'
 * checkpoint (and of today when asOf is left out), and a dashboard asks the same few questions over
 * and over between writes: answers are kept by query until the checkpoint moves.
 */
export function indicatorAnswerer(
  ctx: Ctx,
  etagOf: ((body: string, encoding: string) => string) | undefined,
): IndicatorAnswerer {
  const byKey = new Map<string, IndicatorAnswer>();
  const models = () => ctx.projections.readModels;
  return (raw) => {
    const key = `${JSON.stringify(raw)}${raw['asOf'] === undefined ? todayInShanghai(ctx.clock()) : ''}`;
    const checkpoint = models().checkpoint();
    const kept = byKey.get(key);
    if (kept !== undefined && kept.checkpoint === checkpoint) return kept;
    const q = parse(indicatorsQuerySchema, raw, 'query');
    const table = models().indicators({
      asOf: q.asOf ?? todayInShanghai(ctx.clock()),
      ...(q.district === undefined ? {} : { district: q.district }),
      ...(q.knownAt === undefined ? {} : { knownAt: new Date(q.knownAt) }),
    });
    const body = JSON.stringify({ ...table, knownAt: q.knownAt ?? null });
    const answer = { checkpoint, body, etag: etagOf?.(body, 'utf8') };
    // Bounded: odd queries (every knownAt a client can think of) must not grow it without end.
    if (byKey.size >= MAX_CACHED_ANSWERS && !byKey.has(key)) byKey.clear();
    byKey.set(key, answer);
    return answer;
  };
}
