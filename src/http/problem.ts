import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { isRegistryError, type ErrorCode, type FieldError } from '../domain/shared/errors.js';
import { isStoreUnavailable, isStreamNotFound } from '../eventStore/port.js';
import { requestLogger } from './requestLog.js';

/** The one place where the registry's error codes become HTTP statuses. */
export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  validation: 400,
  auth: 401,
  forbidden: 403,
  'not-found': 404,
  rule: 409,
  concurrency: 412,
  idempotency: 422,
  unavailable: 503,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Seconds a client should wait before retrying a write while the store is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

export const problemType = (slug: string): string =>
  `https://hangzhou-brand-registry.example/problems/${slug}`;

export interface Problem {
  readonly status: number;
  readonly slug: string;
  readonly detail: string;
  readonly rule?: string;
  readonly errors?: readonly FieldError[];
}

export function sendProblem(res: Response, p: Problem): void {
  if (p.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="registry"');
  if (p.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res
    .status(p.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: problemType(p.slug),
        title: TITLES[p.status] ?? 'Error',
        status: p.status,
        detail: p.detail,
        ...(p.rule === undefined ? {} : { rule: p.rule }),
        ...(p.errors === undefined ? {} : { errors: p.errors }),
        instance: res.req.originalUrl,
      }),
    );
}

/** body-parser's errors (malformed JSON, too large, bad charset) are the client's, never a 500. */
const BODY_ERRORS: Readonly<Record<string, { status: number; slug: string; detail: string }>> = {
  'entity.parse.failed': { status: 400, slug: 'malformed-json', detail: 'the body is not valid JSON' },
  'entity.too.large': { status: 413, slug: 'too-large', detail: 'the body is larger than the limit' },
  'encoding.unsupported': { status: 415, slug: 'encoding', detail: 'unsupported content encoding' },
  'charset.unsupported': { status: 415, slug: 'charset', detail: 'unsupported charset' },
  'request.aborted': { status: 400, slug: 'aborted', detail: 'the request was aborted' },
  'request.size.invalid': { status: 400, slug: 'size', detail: 'the body does not match its length' },
};

export function problemOf(error: unknown): Problem {
  if (isRegistryError(error)) {
    return {
      status: STATUS_BY_CODE[error.code],
      slug: error.code,
      detail: error.message,
      ...(error.details.rule === undefined ? {} : { rule: error.details.rule }),
      ...(error.code === 'validation' ? { errors: error.details.errors ?? [] } : {}),
    };
  }
  if (isStoreUnavailable(error)) return { status: 503, slug: 'unavailable', detail: error.message };
  if (isStreamNotFound(error)) return { status: 404, slug: 'not-found', detail: error.message };
  const type = (error as { type?: unknown } | null)?.type;
  const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (known)
    return known.status === 400 ? { ...known, errors: [{ path: 'body', message: known.detail }] } : known;
  return { status: 500, slug: 'internal', detail: 'an unexpected error; the request id is in X-Request-Id' };
}

/** The last middleware: every error becomes RFC 9457 problem details. */
export const problemMiddleware =
  (logger: Logger): ErrorRequestHandler =>
  (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const problem = problemOf(error);
    if (problem.status >= 500) {
      requestLogger(logger, req).error({ err: error }, 'request failed');
    }
    sendProblem(res, problem);
  };
