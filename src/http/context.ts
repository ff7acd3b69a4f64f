import type { Logger } from 'pino';
import type { IdempotencyStore } from '../application/idempotency.js';
import type { EventStore } from '../eventStore/port.js';
import type { ProjectionRuntime } from '../projections/readModels.js';
import type { HttpMetrics } from './metrics.js';
import type { TokenIndex } from './tokenIndex.js';

/** What the HTTP app needs; the server (scripts/start.ts) and the specs build it. */
export interface AppDeps {
  readonly store: EventStore;
  readonly projections: ProjectionRuntime;
  readonly tokens: TokenIndex;
  readonly idempotency: IdempotencyStore;
  /** Default: silent. */
  readonly logger?: Logger;
  readonly metrics?: HttpMetrics;
  /** The moment a command is handled; specs pin it. */
  readonly clock?: () => Date;
  /** express.json's limit; larger bodies get 413. Default 256kb. */
  readonly bodyLimit?: string;
  /** How long a write waits for the read models to take it in before answering anyway. Default 5 s. */
  readonly readYourWritesTimeoutMs?: number;
  /** `/readyz` fails when the read models are more than this many events behind the log. Default 1000. */
  readonly readinessMaxLag?: number;
  /** Runs the lapse policy for `POST /api/v1/policies/lapse`; default the application's policy. */
  readonly lapse?: LapseRunner;
  /** Answer GET /api/v1/indicators ahead of express when it can (fastPath.ts). Default true. */
  readonly fastPaths?: boolean;
}

export type LapseRunner = (
  store: EventStore,
  run: { asOf: string; now: Date; correlationId: string; actor: { id: string; role: string } },
) => Promise<{ asOf: string; checked: number; lapsed: readonly string[] }>;

/** AppDeps with every default filled in, as the routes see them. */
export interface Ctx extends Required<Omit<AppDeps, 'logger' | 'metrics' | 'fastPaths'>> {
  readonly logger: Logger;
  readonly metrics: HttpMetrics;
}
