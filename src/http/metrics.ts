import type { Request, Response } from 'express';
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

  /**
   * The labelled series of each route, found by the route object express matched (a WeakMap lookup)
   * rather than by a label string built per request; prom-client hashes label values on every
   * unlabelled call, a child made once per label set hashes them once.
   */
  private readonly series = new WeakMap<object, Map<string, RouteSeries>>();
  private readonly unmatched = {};
  /** The series of requests answered outside express's router, by `method route`. */
  private readonly byLabel = new Map<string, RouteSeries>();

  /** Counts and times one answered request under its route pattern (not its URL, which would explode the labels). */
  observe(req: Request, res: Response, seconds: number): void {
    const routeKey = (req.route as object | undefined) ?? this.unmatched;
    let byMethod = this.series.get(routeKey);
    if (byMethod === undefined) this.series.set(routeKey, (byMethod = new Map()));
    let series = byMethod.get(req.method);
    if (series === undefined) byMethod.set(req.method, (series = this.seriesOf(req.method, routeOf(req))));
    this.count(series, res.statusCode, seconds);
  }

  /**
   * Counts and times a request answered outside express's router (see fastPath.ts), under the same
   * route label express's route would give it.
   */
  observeRoute(method: string, route: string, status: number, seconds: number): void {
    const label = `${method} ${route}`;
    let series = this.byLabel.get(label);
    if (series === undefined) this.byLabel.set(label, (series = this.seriesOf(method, route)));
    this.count(series, status, seconds);
  }

  private seriesOf(method: string, route: string): RouteSeries {
    return {
      timer: this.latency.labels(method, route),
      counters: new Map(),
      counter: (status) => this.requests.labels(method, route, String(status)),
    };
  }

  private count(series: RouteSeries, status: number, seconds: number): void {
    let counter = series.counters.get(status);
    if (counter === undefined) series.counters.set(status, (counter = series.counter(status)));
    counter.inc();
    series.timer.observe(seconds);
  }
}

interface RouteSeries {
  readonly timer: { observe(v: number): void };
  readonly counters: Map<number, { inc(): void }>;
  readonly counter: (status: number) => { inc(): void };
}

function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern !== 'string') return 'unmatched';
  // A router mounted at its path has its collection route at '/': label it without the slash.
  return pattern === '/' && req.baseUrl !== '' ? req.baseUrl : `${req.baseUrl}${pattern}`;
}
