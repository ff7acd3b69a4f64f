import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Level, Logger } from 'pino';
import type { HttpMetrics } from './metrics.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id: the caller's X-Request-Id when it is sane, else a fresh UUID; echoed back. */
    id: string;
  }
}

const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

function requestIdOf(req: Request): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

const levelOf = (status: number): Level => (status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info');

/** A logger for something about one request, carrying its id; made only when there is something to say. */
export const requestLogger = (logger: Logger, req: Request): Logger => logger.child({ reqId: req.id });

/**
 * Request id, one log line per request (id, method, URL, status, time, actor) and the HTTP metrics,
 * from a single `finish` listener. It does what pino-http did for the log line, without a child
 * logger and serializer run per request: those were ~40% of a GET's CPU, spent even at level silent.
 */
export function observeRequests(logger: Logger, metrics: HttpMetrics): RequestHandler {
  return (req, res, next) => {
    const start = performance.now();
    const id = requestIdOf(req);
    req.id = id;
    res.setHeader('X-Request-Id', id);
    res.once('finish', () => {
      const ms = performance.now() - start;
      metrics.observe(req, res, ms / 1000);
      logCompleted(logger, req, res, ms);
    });
    next();
  };
}

function logCompleted(logger: Logger, req: Request, res: Response, ms: number): void {
  const level = levelOf(res.statusCode);
  if (!logger.isLevelEnabled(level)) return;
  const line = {
    req: { id: req.id, method: req.method, url: req.originalUrl },
    res: { statusCode: res.statusCode },
    responseTime: Math.round(ms),
    ...(req.actor === undefined ? {} : { actor: req.actor }),
  };
  logger[level](line, 'request completed');
}
