/**
 * A projection partition's contribution, as `projections/brand-indicators.js` keeps it in `c`: the
 * intervals `[indicator, district, from, until]` (until exclusive, null = open) its record counts in.
 * The host does not interpret the counting rules; it only turns the difference an event made to a
 * contribution into net changes per day, which is arithmetic on intervals.
 */
export type Interval = readonly [key: string, district: string, from: string, until: string | null];

export interface Delta {
  readonly key: string;
  readonly district: string;
  /** Days since 1970-01-01. */
  readonly day: number;
  readonly delta: number;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (integer arithmetic: no Date object per call). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

/** `YYYY-MM-DD` → days since 1970-01-01 (a calendar date, no zone involved). */
export function dayNumber(date: string): number {
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  const n = daysFromCivil(y, m, d);
  if (!Number.isFinite(n) || date.length !== 10) throw new RangeError(`not a calendar date: ${date}`);
  return n;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Months since 0000-01 of a day number (integer arithmetic, as `daysFromCivil` backwards). */
export const monthOfDay = (day: number): number => {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + m - 1;
};

export const firstDayOfMonth = (month: number): number =>
  daysFromCivil(Math.floor(month / 12), (month % 12) + 1, 1);

export const monthText = (month: number): string =>
  `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;

export const monthOfText = (text: string): number => +text.slice(0, 4) * 12 + (+text.slice(5, 7) - 1);

const sameInterval = (a: Interval, b: Interval): boolean =>
  a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];

type MutableDelta = { key: string; district: string; day: number; delta: number };

/** Merges one change of the interval's cell on `date` into `out`. */
function pushDay(out: MutableDelta[], i: Interval, date: string, change: number): void {
  const key = i[0];
  const district = i[1];
  const day = dayNumber(date);
  for (const d of out) {
    if (d.day === day && d.key === key && d.district === district) {
      d.delta += change;
      return;
    }
  }
  out.push({ key, district, day, delta: change });
}

/** Counts `i` with sign `n`: `n` from its first day, `-n` from its end; merges changes of one cell. */
// Two direct calls rather than a loop over [date, change] pairs: this runs for every interval of
// every event, and the pairs were three short-lived arrays each time.
function push(out: MutableDelta[], i: Interval, n: number): void {
  pushDay(out, i, i[2], n);
  if (i[3] !== null) pushDay(out, i, i[3], -n);
}

/**
 * The net changes per (indicator, district, day) that replacing `before` by `after` makes. A record
 * has a handful of intervals, so plain scans beat building keyed maps per event.
 */
export function contributionDelta(
  before: readonly Interval[] | undefined,
  after: readonly Interval[] | undefined,
): Delta[] {
  if (before === after) return [];
  const b = before ?? [];
  const a = after ?? [];
  // Intervals present on both sides (as a multiset) change nothing.
  const matched = new Uint8Array(b.length);
  const out: MutableDelta[] = [];
  for (const i of a) {
    const j = b.findIndex((x, k) => matched[k] === 0 && sameInterval(i, x));
    if (j >= 0) matched[j] = 1;
    else push(out, i, 1);
  }
  for (let j = 0; j < b.length; j++) if (matched[j] === 0) push(out, b[j] as Interval, -1);
  return out.filter((d) => d.delta !== 0);
}
