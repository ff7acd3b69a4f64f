import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestListener } from 'node:http';
import express, { Router } from 'express';
import helmet from 'helmet';
import { pino } from 'pino';
import { runLapsePolicy } from '../application/lapsePolicy.js';
import { allow, authenticate } from './auth.js';
import type { AppDeps, Ctx } from './context.js';
import { headersSetBy, indicatorsFastPath } from './fastPath.js';
import { HttpMetrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { problemMiddleware, sendProblem } from './problem.js';
import { REGISTERS } from './registers.js';
import { auditRouter } from './routes/audit.js';
import { healthRouter, projectionLag } from './routes/health.js';
import { policyRouter } from './routes/policies.js';
import { indicatorAnswerer, queryRouter } from './routes/queries.js';
import { registerRouter } from './routes/registers.js';
import { observeRequests } from './requestLog.js';
import { tokenRouter } from './routes/tokens.js';

export type { AppDeps } from './context.js';

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const METRICS_LAG_CAP = 100_000;

function contextOf(deps: AppDeps): Ctx {
  return {
    ...deps,
    logger: deps.logger ?? pino({ level: 'silent' }),
    metrics: deps.metrics ?? new HttpMetrics(),
    clock: deps.clock ?? (() => new Date()),
    bodyLimit: deps.bodyLimit ?? '256kb',
    readYourWritesTimeoutMs: deps.readYourWritesTimeoutMs ?? 5000,
    readinessMaxLag: deps.readinessMaxLag ?? 1000,
    lapse: deps.lapse ?? runLapsePolicy,
  };
}

function metricsRoute(app: express.Express, ctx: Ctx): void {
  app.get('/metrics', authenticate(ctx.tokens), allow('metrics'), async (_req, res) => {
    const checkpoint = ctx.projections.readModels.checkpoint();
    if (checkpoint !== null) ctx.metrics.projectionCheckpoint.set(Number(checkpoint));
    try {
      ctx.metrics.projectionLag.set(await projectionLag(ctx.store, checkpoint, METRICS_LAG_CAP));
    } catch {
      // The store is down: the lag is unknown, and the rest of the metrics are still worth scraping.
    }
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
}

/**
 * The registry's HTTP API (api.md), in-process: the server listens on it, the specs drive it with
 * supertest. Express answers every route; the polled indicator table's plain case is answered ahead
 * of it (fastPath.ts) unless `fastPaths` is false.
 */
export function createApp(deps: AppDeps): RequestListener {
  const ctx = contextOf(deps);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Without upgrade-insecure-requests: docker-compose serves plain HTTP on 0.0.0.0, and a browser
  // told to upgrade would send the page's own API calls to an HTTPS port nobody listens on.
  const secure = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  app.use(secure);
  app.use(observeRequests(ctx.logger, ctx.metrics));
  app.use(express.json({ limit: ctx.bodyLimit, type: ['application/json', 'application/*+json'] }));

  app.use(healthRouter(ctx));
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  metricsRoute(app, ctx);

  const answerIndicators = indicatorAnswerer(
    ctx,
    app.get('etag fn') as ((body: string, encoding: string) => string) | undefined,
  );
  const api = Router();
  api.use(authenticate(ctx.tokens));
  // Mounted at their paths, so a request for another register or a query skips their routes at once.
  for (const spec of REGISTERS) api.use(spec.path, registerRouter(ctx, spec));
  api.use(queryRouter(ctx, answerIndicators));
  api.use(auditRouter(ctx));
  api.use(policyRouter(ctx));
  api.use(tokenRouter(ctx));
  app.use('/api/v1', api);
  // After the API: serve-static stats the file system for every request it sees, which an API call
  // would pay for nothing.
  if (fs.existsSync(PUBLIC_DIR)) app.use(express.static(PUBLIC_DIR));

  app.use((req, res) => {
    sendProblem(res, { status: 404, slug: 'no-route', detail: `no route ${req.method} ${req.path}` });
  });
  app.use(problemMiddleware(ctx.logger));

  if (deps.fastPaths === false) return app;
  const fast = indicatorsFastPath(ctx, answerIndicators, headersSetBy(secure));
  return (req, res) => {
    if (!fast(req, res)) app(req, res);
  };
}
