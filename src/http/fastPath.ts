import type { IncomingMessage, ServerResponse } from 'node:http';
import querystring from 'node:querystring';
import type { RequestHandler } from 'express';
import { bearerActor, may } from './auth.js';
import type { Ctx } from './context.js';
import { logCompleted, requestIdOf } from './requestLog.js';
import { INDICATORS_ROUTE, INDICATORS_TYPE, type IndicatorAnswerer } from './routes/queries.js';

/**
 * GET /api/v1/indicators is what dashboards and reporting scripts poll, and express's router, request
 * and response wrappers cost several times what answering it does. This answers the plain case of
 * that route straight from node's request: a known reader's token, a valid query, no conditional
 * headers. It uses the same token check, the same answer (and its cache), the same security headers,
 * the same request id, log line and metrics as the express route, and sends the same bytes. Anything
 * else — no or a bad token, a role that may not read, a bad query, If-None-Match, HEAD, a trailing
 * slash — is left to express, which answers it as every other route (problem+json, 304, …).
 */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

const PATH = `/api/v1${INDICATORS_ROUTE}`;

/** The headers a middleware that sets fixed headers (helmet) sets, found by running it once. */
export function headersSetBy(middleware: RequestHandler): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name] = String(value);
      return res;
    },
    removeHeader(name: string) {
      delete headers[name];
    },
  };
  let failure: unknown;
  let passed = false;
  middleware({ headers: {}, method: 'GET', url: '/' } as never, res as never, (e?: unknown) => {
    failure = e;
    passed = true;
  });
  if (!passed || failure !== undefined) throw new Error('the middleware did not pass a plain request on');
  return headers;
}

export function indicatorsFastPath(
  ctx: Ctx,
  answerIndicators: IndicatorAnswerer,
  fixedHeaders: Readonly<Record<string, string>>,
): FastPath {
  return (req, res) => {
    if (req.method !== 'GET') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    if ((q < 0 ? url : url.slice(0, q)) !== PATH) return false;
    const headers = req.headers;
    if (headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined) return false;
    const start = performance.now();
    const actor = bearerActor(ctx.tokens, headers.authorization);
    if (actor === undefined || !may('read', actor.role)) return false;
    let answer;
    try {
      // express's 'simple' query parser is node's querystring.parse of the same text.
      answer = answerIndicators(querystring.parse(q < 0 ? '' : url.slice(q + 1)));
    } catch {
      return false;
    }
    const id = requestIdOf(req);
    const out: Record<string, string | number> = { ...fixedHeaders, 'X-Request-Id': id };
    if (answer.etag !== undefined) out['ETag'] = answer.etag;
    out['Content-Type'] = INDICATORS_TYPE;
    out['Content-Length'] = Buffer.byteLength(answer.body);
    res.writeHead(200, out);
    res.end(answer.body);
    const ms = performance.now() - start;
    ctx.metrics.observeRoute('GET', PATH, 200, ms / 1000);
    logCompleted(ctx.logger, { id, method: 'GET', url, status: 200, ms, actor });
    return true;
  };
}
