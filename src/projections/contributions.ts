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
const dayCache = new Map<string, number>();

/** `YYYY-MM-DD` → days since 1970-01-01 (a calendar date, no zone involved). */
export function dayNumber(date: string): number {
  let n = dayCache.get(date);
  if (n === undefined) {
    n = Math.round(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS);
    if (!Number.isFinite(n)) throw new RangeError(`not a calendar date: ${date}`);
    if (dayCache.size < 200_000) dayCache.set(date, n);
  }
  return n;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Months since 0000-01: the slot a day falls in for month-end figures. */
export const monthOfDay = (day: number): number => {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

export const firstDayOfMonth = (month: number): number =>
  Math.round(Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY_MS);

export const monthText = (month: number): string =>
  `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;

export const monthOfText = (text: string): number => +text.slice(0, 4) * 12 + (+text.slice(5, 7) - 1);

const keyOf = (i: Interval): string => `${i[0]}\u0001${i[1]}\u0001${i[2]}\u0001${i[3] ?? ''}`;

function add(acc: Map<string, number>, i: Interval, sign: number): void {
  const from = `${i[0]}\u0001${i[1]}\u0001${i[2]}`;
  acc.set(from, (acc.get(from) ?? 0) + sign);
  if (i[3] !== null) {
    const until = `${i[0]}\u0001${i[1]}\u0001${i[3]}`;
    acc.set(until, (acc.get(until) ?? 0) - sign);
  }
}

/** The net changes per (indicator, district, day) that replacing `before` by `after` makes. */
export function contributionDelta(
  before: readonly Interval[] | undefined,
  after: readonly Interval[] | undefined,
): Delta[] {
  if (before === after) return [];
  const counts = new Map<string, number>();
  for (const i of before ?? []) counts.set(keyOf(i), (counts.get(keyOf(i)) ?? 0) - 1);
  for (const i of after ?? []) counts.set(keyOf(i), (counts.get(keyOf(i)) ?? 0) + 1);
  const acc = new Map<string, number>();
  const byKey = new Map<string, Interval>();
  for (const i of [...(before ?? []), ...(after ?? [])]) byKey.set(keyOf(i), i);
  for (const [k, n] of counts) if (n !== 0) add(acc, byKey.get(k) as Interval, n);
  const out: Delta[] = [];
  for (const [k, delta] of acc) {
    if (delta === 0) continue;
    const [key, district, date] = k.split('\u0001') as [string, string, string];
    out.push({ key, district, day: dayNumber(date), delta });
  }
  return out;
}
