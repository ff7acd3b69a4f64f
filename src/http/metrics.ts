import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The server's Prometheus metrics, in a registry of its own so that several apps in one process stay apart. */
export class HttpMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'registry_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'registry_http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly appends = new Counter({
    name: 'registry_events_appended_total',
    help: 'Events appended by commands received over HTTP, by stream category',
    labelNames: ['category'] as const,
    registers: [this.registry],
  });
  readonly projectionLag = new Gauge({
    name: 'registry_projection_lag_events',
    help: 'Events in the log that the read models have not taken in yet (capped)',
    registers: [this.registry],
  });
  readonly projectionCheckpoint = new Gauge({
    name: 'registry_projection_checkpoint_position',
    help: 'Global position of the last event the read models have taken in',
    registers: [this.registry],
  });

  constructor(options: { readonly defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  // prom-client hashes the labels on every call; a child made once per label set hashes them once.
  private readonly counted = new Map<string, { inc(): void }>();
  private readonly timed = new Map<string, { observe(v: number): void }>();

  /** Counts and times every request under its route pattern (not its URL, which would explode the labels). */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const start = process.hrtime.bigint();
      res.on('finish', () => {
        const route = routeOf(req);
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const status = String(res.statusCode);
        const key = `${req.method} ${route}`;
        let timer = this.timed.get(key);
        if (timer === undefined) this.timed.set(key, (timer = this.latency.labels(req.method, route)));
        let counter = this.counted.get(`${key} ${status}`);
        if (counter === undefined)
          this.counted.set(`${key} ${status}`, (counter = this.requests.labels(req.method, route, status)));
        counter.inc();
        timer.observe(seconds);
      });
      next();
    };
  }
}

function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern !== 'string') return 'unmatched';
  // A router mounted at its path has its collection route at '/': label it without the slash.
  return pattern === '/' && req.baseUrl !== '' ? req.baseUrl : `${req.baseUrl}${pattern}`;
}
