import type { LocalDate } from '../domain/shared/dates.js';
import type { EventStore } from '../eventStore/port.js';

/**
 * What the query side offers the HTTP API, the report CLI and the readiness check. The projections
 * behind it are kept by the in-process host (catch-up subscription + checkpoints under DATA_DIR).
 */

export interface IndicatorQuery {
  readonly asOf: LocalDate;
  /** A Hangzhou division code; absent = the whole city. */
  readonly district?: string;
  /** Answer as the registry knew it at this moment (only events recorded by then). */
  readonly knownAt?: Date;
}

export interface IndicatorValue {
  readonly id: string;
  readonly name: string;
  readonly unit: string;
  readonly baseline: { readonly year: number; readonly value: number };
  readonly target: { readonly year: number; readonly value: number };
  readonly value: number;
  /** (value − baseline) / (target − baseline), where the target differs from the baseline. */
  readonly progress: number | null;
  /** Extra figures some indicators carry (per-class counts, in grace, in force vs cumulative). */
  readonly details?: Record<string, unknown>;
}

export interface IndicatorTable {
  readonly asOf: LocalDate;
  readonly district: string | null;
  readonly knownAt: string | null;
  readonly indicators: readonly IndicatorValue[];
}

export interface SeriesPoint {
  readonly month: string;
  readonly value: number;
}

export type RegisterName =
  'trademarks' | 'geographical-indications' | 'madrid-registrations' | 'pinzibiao' | 'brand-honours';

export interface RecordSearch {
  readonly q?: string;
  readonly holder?: string;
  readonly uscc?: string;
  readonly class?: number;
  readonly status?: string;
  readonly district?: string;
  readonly expiringBefore?: LocalDate;
  readonly limit: number;
  readonly cursor?: string;
}

export interface RecordPage {
  readonly items: readonly Record<string, unknown>[];
  readonly nextCursor: string | null;
}

export interface DocketEntry {
  readonly streamId: string;
  readonly register: RegisterName;
  readonly kind: string;
  readonly date: LocalDate;
  readonly description: string;
}

export interface ForecastQuery {
  readonly asOf: LocalDate;
  /** E.g. 2025-12-31, the plan's horizon. */
  readonly target: LocalDate;
  readonly district?: string;
}

export interface ForecastResult {
  readonly asOf: LocalDate;
  readonly target: LocalDate;
  readonly district: string | null;
  /** Registrations valid on `asOf`. */
  readonly validNow: number;
  /** Of those, the ones still valid on `target` if none is renewed. */
  readonly stillValid: number;
}

export interface ReadModels {
  indicators(query: IndicatorQuery): IndicatorTable;
  series(indicatorId: string, from: string, to: string, district?: string): SeriesPoint[];
  search(register: RegisterName, query: RecordSearch): RecordPage;
  /** Deadlines from `today` to `today + withinDays`, earliest first (at most `limit`, default 1000). */
  docket(today: LocalDate, withinDays: number, limit?: number): DocketEntry[];
  /** Trademark registrations valid now that remain valid on a target date without renewals. */
  forecast?(query: ForecastQuery): ForecastResult;
  /** The position of the last event the read models have taken in, or null before the first. */
  checkpoint(): bigint | null;
}

/** The in-process projection host as the server sees it. */
export interface ProjectionRuntime {
  readonly readModels: ReadModels;
  /** Subscribes to the store from the stored checkpoint; projections then follow the log live. */
  start(store: EventStore): void;
  /** Resolves once every projection has taken in the event at `position` (read-your-writes). */
  waitFor(position: bigint, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}
