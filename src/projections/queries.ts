import type Database from 'better-sqlite3';
import { addDays, isLocalDate, type LocalDate } from '../domain/shared/dates.js';
import { currentDistrictOf, isDistrictCode } from '../domain/shared/districts.js';
import { validationError } from '../domain/shared/errors.js';
import {
  CITY,
  CLASS_KEY_PREFIX,
  IN_GRACE_KEY,
  INDICATORS,
  PINZIBIAO_IN_FORCE_KEY,
  indicatorById,
  progressOf,
} from './catalog.js';
import { dayNumber, monthOfText, monthText } from './contributions.js';
import type { Figures } from './figures.js';
import type {
  DocketEntry,
  ForecastQuery,
  ForecastResult,
  IndicatorQuery,
  IndicatorTable,
  IndicatorValue,
  ReadModels,
  RecordPage,
  RecordSearch,
  RegisterName,
  SeriesPoint,
} from './readModels.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MAX_SERIES_MONTHS = 1200;

function checkDate(value: string, field: string): void {
  if (!isLocalDate(value)) throw validationError(`${field} must be a date YYYY-MM-DD, not "${value}"`);
}

/** A division code as asked → the division it counts under today ('*' for the whole city). */
function districtKey(district: string | undefined): string {
  if (district === undefined || district === '') return CITY;
  if (!isDistrictCode(district)) throw validationError(`unknown Hangzhou division code "${district}"`);
  return currentDistrictOf(district);
}

const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');
const decodeCursor = (cursor: string): string => Buffer.from(cursor, 'base64url').toString('utf8');

interface RecordRow {
  register: RegisterName;
  id: string;
  stream_id: string;
  district: string | null;
  status: string;
  expiry: string | null;
  state: string;
}

export class RegistryReadModels implements ReadModels {
  constructor(
    /** A getter: a rebuild swaps a new file in under the same read models. */
    private readonly connection: () => Database.Database,
    private readonly figures: Figures,
    private readonly position: () => bigint | null,
  ) {}

  private get db(): Database.Database {
    return this.connection();
  }

  checkpoint(): bigint | null {
    return this.position();
  }

  indicators(query: IndicatorQuery): IndicatorTable {
    checkDate(query.asOf, 'asOf');
    const district = districtKey(query.district);
    const day = dayNumber(query.asOf);
    const knownAt = query.knownAt;
    if (knownAt !== undefined && Number.isNaN(knownAt.getTime()))
      throw validationError('knownAt is not a valid time');
    const values =
      knownAt === undefined
        ? this.figures.valuesOn(day, district)
        : this.figures.valuesKnownAt(day, district, knownAt.getTime());
    const v = (key: string) => values.get(key) ?? 0;
    const indicators: IndicatorValue[] = INDICATORS.map((def) => {
      const value = v(def.id);
      const details = detailsOf(def.id, values, knownAt !== undefined);
      return {
        id: def.id,
        name: def.name,
        unit: def.unit,
        baseline: def.baseline,
        target: def.target,
        value,
        progress: progressOf(def, value),
        ...(details === undefined ? {} : { details }),
      };
    });
    return {
      asOf: query.asOf,
      district: district === CITY ? null : district,
      knownAt: knownAt === undefined ? null : knownAt.toISOString(),
      indicators,
    };
  }

  series(indicatorId: string, from: string, to: string, district?: string): SeriesPoint[] {
    if (indicatorById(indicatorId) === undefined) throw validationError(`unknown indicator "${indicatorId}"`);
    if (!MONTH.test(from) || !MONTH.test(to)) throw validationError('from and to must be months YYYY-MM');
    const a = monthOfText(from);
    const b = monthOfText(to);
    if (b < a) throw validationError('to must not come before from');
    if (b - a >= MAX_SERIES_MONTHS) throw validationError(`at most ${MAX_SERIES_MONTHS} months at once`);
    const values = this.figures.monthEnds(indicatorId, districtKey(district), a, b);
    return values.map((value, i) => ({ month: monthText(a + i), value }));
  }

  search(register: RegisterName, query: RecordSearch): RecordPage {
    const where = ['register = @register'];
    const params: Record<string, unknown> = { register, limit: Math.max(1, Math.min(query.limit, 500)) + 1 };
    for (const [clause, name, value] of filtersOf(query)) {
      if (value === undefined) continue;
      where.push(clause);
      params[name] = value;
    }
    const rows = this.db
      .prepare(`SELECT * FROM records WHERE ${where.join(' AND ')} ORDER BY id LIMIT @limit`)
      .all(params) as RecordRow[];
    const limit = (params['limit'] as number) - 1;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(itemOf),
      nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last.id) : null,
    };
  }

  docket(today: LocalDate, withinDays: number, limit = 1000): DocketEntry[] {
    checkDate(today, 'today');
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 3660) {
      throw validationError('within must be a whole number of days from 0 to 3660');
    }
    const horizon = addDays(today, withinDays);
    const rows = this.db
      .prepare(
        `SELECT * FROM (
           SELECT register, stream_id, id, 'renewal-window-opens' AS kind, renewal_opens AS date FROM records
             WHERE status = 'registered' AND renewal_opens BETWEEN @today AND @horizon
           UNION ALL SELECT register, stream_id, id, 'term-expires', expiry FROM records
             WHERE status IN ('registered', 'certified', 'suspended', 'awarded') AND expiry BETWEEN @today AND @horizon
           UNION ALL SELECT register, stream_id, id,
               CASE WHEN expiry < @today THEN 'in-grace' ELSE 'grace-period-ends' END, grace_ends FROM records
             WHERE status = 'registered' AND grace_ends BETWEEN @today AND @horizon
           UNION ALL SELECT register, stream_id, id, 'opposition-period-ends', opposition_ends FROM records
             WHERE opposition_ends BETWEEN @today AND @horizon
           UNION ALL SELECT register, stream_id, id, 'surveillance-due', surveillance_due FROM records
             WHERE status IN ('certified', 'suspended') AND surveillance_due BETWEEN @today AND @horizon
         ) ORDER BY date, stream_id, kind LIMIT @limit`,
      )
      .all({ today, horizon, limit }) as {
      register: RegisterName;
      stream_id: string;
      id: string;
      kind: string;
      date: string;
    }[];
    return rows.map((r) => ({
      streamId: r.stream_id,
      register: r.register,
      kind: r.kind,
      date: r.date,
      description: describe(r.kind, r.id, r.date),
    }));
  }

  /**
   * How many registrations valid on `asOf` would still be valid on `target` if none were renewed:
   * those whose current term runs to `target` or beyond.
   */
  forecast(query: ForecastQuery): ForecastResult {
    checkDate(query.asOf, 'asOf');
    checkDate(query.target, 'target');
    const district = districtKey(query.district);
    const params = { asOf: query.asOf, target: query.target, district };
    const byDistrict = district === CITY ? '' : 'AND district = @district';
    const count = (upTo: string) =>
      this.db
        .prepare(
          `SELECT COUNT(*) FROM records WHERE register = 'trademarks' AND status = 'registered'
           AND valid_from <= @asOf AND expiry >= ${upTo} ${byDistrict}`,
        )
        .pluck()
        .get(params) as number;
    return {
      asOf: query.asOf,
      target: query.target,
      district: district === CITY ? null : district,
      validNow: count('@asOf'),
      stillValid: count('MAX(@asOf, @target)'),
    };
  }
}

/** Each search filter as [SQL condition, parameter, value]; an absent value drops the filter. */
function filtersOf(query: RecordSearch): [string, string, unknown][] {
  if (query.expiringBefore) checkDate(query.expiringBefore, 'expiringBefore');
  const like = (s: string | undefined) => (s ? `%${escapeLike(s)}%` : undefined);
  return [
    ["(text LIKE @q ESCAPE '\\' OR id LIKE @q ESCAPE '\\')", 'q', like(query.q)],
    ["holder_name LIKE @holder ESCAPE '\\'", 'holder', like(query.holder)],
    ['uscc = @uscc', 'uscc', query.uscc ? query.uscc.toUpperCase() : undefined],
    ['classes LIKE @cls', 'cls', query.class === undefined ? undefined : `%,${query.class},%`],
    ['status = @status', 'status', query.status || undefined],
    ['district = @district', 'district', query.district ? districtKey(query.district) : undefined],
    ['expiry < @expiringBefore', 'expiringBefore', query.expiringBefore || undefined],
    ['id > @after', 'after', query.cursor ? decodeCursor(query.cursor) : undefined],
  ];
}

function detailsOf(
  id: string,
  values: Map<string, number>,
  knownAt: boolean,
): Record<string, unknown> | undefined {
  if (id === 'pinzibiao-enterprises') {
    return { cumulative: values.get(id) ?? 0, inForce: values.get(PINZIBIAO_IN_FORCE_KEY) ?? 0 };
  }
  if (id !== 'valid-trademarks' || knownAt) return undefined;
  const byClass: Record<string, number> = {};
  for (const [key, n] of [...values].sort()) {
    if (key.startsWith(CLASS_KEY_PREFIX) && n !== 0)
      byClass[String(Number(key.slice(CLASS_KEY_PREFIX.length)))] = n;
  }
  return { inGrace: values.get(IN_GRACE_KEY) ?? 0, byClass };
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function itemOf(row: RecordRow): Record<string, unknown> {
  const state = JSON.parse(row.state) as Record<string, unknown>;
  return { ...state, streamId: row.stream_id, register: row.register, district: row.district };
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'renewal-window-opens': 'renewal may be filed from',
  'term-expires': 'term expires on',
  'in-grace': 'in grace; renewal possible until',
  'grace-period-ends': 'grace period for renewal ends on',
  'opposition-period-ends': 'opposition period ends on',
  'surveillance-due': 'annual surveillance due on',
};

const describe = (kind: string, id: string, date: string): string =>
  `${id}: ${DESCRIPTIONS[kind] ?? kind} ${date}`;
