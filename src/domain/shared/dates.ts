import { DateTime } from 'luxon';
import { z } from 'zod';
import { ruleError } from './errors.js';

/** A calendar date, `YYYY-MM-DD`, as China counts days (Asia/Shanghai). */
export type LocalDate = string;

const SHANGHAI = 'Asia/Shanghai';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Arithmetic on calendar dates runs in UTC so that no historical offset change (China kept DST in
// 1986–1991) can shift a date; only "what day is it now" needs the Shanghai zone.
const parse = (d: LocalDate): DateTime<true> => {
  const dt = DateTime.fromISO(d, { zone: 'utc' });
  if (!ISO_DATE.test(d) || !dt.isValid) throw new RangeError(`not a calendar date: ${d}`);
  return dt;
};
const format = (dt: DateTime<true>): LocalDate => dt.toISODate();

export const isLocalDate = (value: string): boolean =>
  ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;

export const localDateSchema = z
  .string()
  .refine(isLocalDate, { error: 'must be a real calendar date in the form YYYY-MM-DD' });

export const todayInShanghai = (now: Date): LocalDate => {
  const dt = DateTime.fromJSDate(now, { zone: SHANGHAI });
  if (!dt.isValid) throw new RangeError('not a valid instant');
  return dt.toISODate();
};

export const addDays = (d: LocalDate, n: number): LocalDate => format(parse(d).plus({ days: n }));

/** Luxon clamps to the month's last day (2024-01-31 + 1 month = 2024-02-29). */
export const addMonths = (d: LocalDate, n: number): LocalDate => format(parse(d).plus({ months: n }));

/** Feb 29 plus a year lands on Feb 28. */
export const addYears = (d: LocalDate, n: number): LocalDate => format(parse(d).plus({ years: n }));

const daysInMonth = (year: number, month: number): number => DateTime.utc(year, month, 1).daysInMonth ?? 31;

/**
 * A period counted in months from `start`, that day included (Regs Art. 12 ¶2 for terms): it ends the
 * day before the same calendar day `months` later, or on the last day of that month when that day
 * does not exist. Plain `addMonths(start, n) - 1 day` would be wrong for 2016-02-29 (→ 2026-02-27).
 */
const inclusivePeriodEnd = (start: LocalDate, months: number): LocalDate => {
  const s = parse(start);
  const target = s.startOf('month').plus({ months });
  if (s.day > daysInMonth(target.year, target.month)) return format(target.endOf('month').startOf('day'));
  return format(target.set({ day: s.day }).minus({ days: 1 }));
};

/** 2015-06-14 → 2025-06-13; 2016-02-29 → 2026-02-28; 2020-03-31 → 2030-03-30; 2026-03-01 → 2036-02-29. */
export const termEnd = (start: LocalDate, years = 10): LocalDate => inclusivePeriodEnd(start, years * 12);

/**
 * The renewal window of a term ending on `expiry` (Art. 40).
 *
 * - `opens`: the window is exactly the last 12 months of the term, counted the way the term itself
 *   is counted: it opens on the day after expiry less 12 months (expiry 2025-06-13 → 2024-06-14;
 *   expiry 2026-02-28 → 2025-03-01). Taking `expiry − 12 months` instead would make the window
 *   12 months and a day.
 * - `graceEnds`: a period counted from an event does not include that day and ends on the
 *   corresponding day of its last month, or that month's last day (Regs Art. 10), so the 6 months of
 *   grace after expiry 2025-06-13 end on 2025-12-13, and after 2026-02-28 on 2026-08-28.
 */
export const renewalWindow = (expiry: LocalDate): { opens: LocalDate; graceEnds: LocalDate } => ({
  opens: addMonths(addDays(expiry, 1), -12),
  graceEnds: addMonths(expiry, 6),
});

/**
 * Art. 33: three months from publication. As in Regs Art. 10 the publication day is not counted and
 * the period ends on the corresponding day (2024-01-13 → 2024-04-13; 2023-11-30 → 2024-02-29).
 */
export const oppositionPeriodEnd = (publicationDate: LocalDate): LocalDate => addMonths(publicationDate, 3);

/** Madrid: WIPO puts the expiry on the N-th anniversary of the registration date. */
export const anniversary = (date: LocalDate, years: number): LocalDate => addYears(date, years);

/** Legal dates may not lie after today as counted in Shanghai. */
export const assertNotFuture = (date: LocalDate, now: Date, field: string): void => {
  const today = todayInShanghai(now);
  if (date > today)
    throw ruleError('future-date', `${field} ${date} is in the future (today is ${today} in Shanghai)`);
};
