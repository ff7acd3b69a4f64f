import {
  addDays,
  addMonths,
  addYears,
  oppositionPeriodEnd,
  renewalWindow,
  termEnd,
  type LocalDate,
} from '../domain/shared/dates.js';
import type { MadridCommand } from '../domain/madrid/index.js';
import type { TrademarkCommand } from '../domain/trademarks/index.js';
import { DESIGNATIONS, MARK_FIRST, MARK_SECOND, MARK_SUFFIX } from './seedNames.js';
import { dateBetween, daysFrom, earlierOf, laterOf, Rng, type CompanyBook } from './seedRandom.js';

/** What the trademark and Madrid generators share: the seed, the firms, the day, numbers given out. */
export interface SeedEnv {
  readonly seed: string;
  readonly asOf: LocalDate;
  readonly book: CompanyBook;
  readonly numbers: Set<string>;
}

export interface SeededMark {
  readonly commands: TrademarkCommand[];
  readonly number: string;
  readonly holderIndex: number;
  readonly classes: readonly number[];
  /** Set when the mark is registered, in force on `asOf` and never assigned: a fit basic mark. */
  readonly basicMarkSince?: LocalDate;
}

// Approximate CNIPA application numbers by filing date: numbers follow the filing volume.
const NUMBER_ANCHORS: readonly (readonly [LocalDate, number])[] = [
  ['1995-01-01', 800_000],
  ['2000-01-01', 1_400_000],
  ['2005-01-01', 4_400_000],
  ['2010-01-01', 8_000_000],
  ['2013-01-01', 12_000_000],
  ['2015-01-01', 16_000_000],
  ['2017-01-01', 22_500_000],
  ['2019-01-01', 35_500_000],
  ['2021-01-01', 52_000_000],
  ['2023-01-01', 68_000_000],
  ['2025-01-01', 81_000_000],
  ['2030-01-01', 110_000_000],
];

// WIPO international registration numbers by IR date, likewise approximate.
const IRN_ANCHORS: readonly (readonly [LocalDate, number])[] = [
  ['2005-01-01', 850_000],
  ['2010-01-01', 1_030_000],
  ['2015-01-01', 1_250_000],
  ['2020-01-01', 1_530_000],
  ['2025-01-01', 1_830_000],
  ['2030-01-01', 2_150_000],
];

function interpolate(anchors: readonly (readonly [LocalDate, number])[], date: LocalDate): number {
  const [first] = anchors;
  if (first === undefined || date <= first[0]) return first?.[1] ?? 0;
  for (let i = 1; i < anchors.length; i++) {
    const [d1, n1] = anchors[i] as readonly [LocalDate, number];
    const [d0, n0] = anchors[i - 1] as readonly [LocalDate, number];
    if (date <= d1) return Math.round(n0 + ((n1 - n0) * daysFrom(d0, date)) / daysFrom(d0, d1));
  }
  return (anchors[anchors.length - 1] as readonly [LocalDate, number])[1];
}

/**
 * Dates are generated backwards from `asOf`, numbers are not: they are read off the date as it would be
 * if `asOf` were {@link NOMINAL_AS_OF}, so that a record keeps its number (its stream) whatever day the
 * seed runs, and seeding again on a later day finds the records it made before.
 */
export const NOMINAL_AS_OF = '2026-01-01';

export const nominalDate = (env: { readonly asOf: LocalDate }, date: LocalDate): LocalDate =>
  addDays(date, daysFrom(env.asOf, NOMINAL_AS_OF));

/** A number near the one the office would have given on `date`, not given out before in this seed. */
function numberOn(env: SeedEnv, rng: Rng, anchors: typeof NUMBER_ANCHORS, date: LocalDate): string {
  let n = interpolate(anchors, nominalDate(env, date)) + rng.int(0, 40_000);
  while (env.numbers.has(String(n))) n++;
  env.numbers.add(String(n));
  return String(n);
}

/** Commands of one mark with the date each happened, so later steps follow earlier ones. */
class History {
  readonly commands: TrademarkCommand[] = [];
  last: LocalDate = '0000-01-01';

  add(command: TrademarkCommand, date: LocalDate): void {
    this.commands.push(command);
    this.last = laterOf(this.last, date);
  }
}

const markText = (rng: Rng): string => {
  const first = rng.pick(MARK_FIRST);
  const second = first.length > 1 && rng.chance(0.5) ? '' : rng.pick(MARK_SECOND);
  return `${first}${second}${rng.pick(MARK_SUFFIX)}`;
};

// Steps before registration are counted back in days, not months, so that a mark's filing lies the
// same number of days before `asOf` on any day the seed runs: its number then stays the same.

/** Days before `asOf` of the registration: skewed to recent years, as filings have grown steeply. */
const registrationDaysAgo = (rng: Rng): number =>
  Math.max(1, Math.round(24 * Math.pow(rng.next(), 2.2) * 365.25));

/** Published early enough that the opposition period (three months, at most 92 days) ended before `registered`. */
const publicationBefore = (rng: Rng, registered: LocalDate, opposed: boolean): LocalDate =>
  addDays(registered, -(opposed ? rng.int(365, 600) : rng.int(93, 112)));

const filingBefore = (rng: Rng, publication: LocalDate): LocalDate =>
  addDays(publication, -rng.int(150, 330));

/** Basic marks for Madrid are registered within these many days, so none is due for renewal yet. */
const BASIC_MARK_DAYS = 8 * 365;

const STAGES = [
  ['registered', 84],
  ['filed', 5],
  ['published', 5],
  ['opposed', 3],
  ['refused', 3],
] as const;

/** Another firm than `holderIndex`, for opponents, licensees and assignees. */
const otherFirm = (rng: Rng, holderIndex: number, upTo: number): number => {
  const k = rng.int(0, upTo);
  return k === holderIndex ? k + 1 : k;
};

export function seedTrademark(env: SeedEnv, i: number): SeededMark {
  const rng = new Rng(`${env.seed}|trademark|${i}`);
  const pool = Math.floor(i / 3) + 4;
  const holderIndex = rng.int(0, pool);
  const industry = env.book.get(holderIndex).industry;
  const [main = 35, ...others] = industry.classes;
  const classes = [main, ...others.filter(() => rng.chance(0.25))];
  const stage = rng.weighted(STAGES);
  const draft = { rng, holderIndex, pool, classes, text: markText(rng) };
  return stage === 'registered' ? registered(env, draft) : pending(env, draft, stage);
}

interface Draft {
  readonly rng: Rng;
  readonly holderIndex: number;
  readonly pool: number;
  readonly classes: number[];
  readonly text: string;
}

function file(env: SeedEnv, d: Draft, history: History, filingDate: LocalDate): string {
  const number = numberOn(env, d.rng, NUMBER_ANCHORS, filingDate);
  const applicant = env.book.holderOn(d.holderIndex, filingDate);
  history.add(
    {
      type: 'FileTrademark',
      data: {
        number,
        markText: d.text,
        kind: 'ordinary',
        classes: d.classes,
        applicants: [applicant],
        filingDate,
      },
    },
    filingDate,
  );
  return number;
}

function publish(env: SeedEnv, d: Draft, publicationDate: LocalDate): { history: History; number: string } {
  const history = new History();
  const number = file(env, d, history, filingBefore(d.rng, publicationDate));
  history.add({ type: 'ApproveTrademarkPreliminarily', data: { number, publicationDate } }, publicationDate);
  return { history, number };
}

function oppose(env: SeedEnv, d: Draft, h: History, at: { number: string; filedOn: LocalDate }): void {
  const opponent = env.book.get(otherFirm(d.rng, d.holderIndex, d.pool)).name;
  h.add({ type: 'OpposeTrademark', data: { number: at.number, filedOn: at.filedOn, opponent } }, at.filedOn);
}

/** Marks not (yet) registered: filed, published, opposed and waiting, or refused on an upheld opposition. */
function pending(
  env: SeedEnv,
  d: Draft,
  stage: Exclude<(typeof STAGES)[number][0], 'registered'>,
): SeededMark {
  const { rng } = d;
  const base = { holderIndex: d.holderIndex, classes: d.classes };
  if (stage === 'filed') {
    const history = new History();
    const number = file(env, d, history, addDays(env.asOf, -rng.int(1, 200)));
    return { ...base, number, commands: history.commands };
  }
  const back = { published: [1, 110], opposed: [30, 400], refused: [300, 3000] }[stage];
  const publication = addDays(env.asOf, -rng.int(back[0] ?? 1, back[1] ?? 1));
  const { history, number } = publish(env, d, publication);
  if (stage !== 'published') {
    const filedOn = dateBetween(rng, publication, earlierOf(oppositionPeriodEnd(publication), env.asOf));
    oppose(env, d, history, { number, filedOn });
    if (stage === 'refused') {
      const decidedOn = earlierOf(addDays(filedOn, rng.int(200, 600)), env.asOf);
      history.add(
        { type: 'DecideTrademarkOpposition', data: { number, decidedOn, outcome: 'upheld' } },
        decidedOn,
      );
    }
  }
  return { ...base, number, commands: history.commands };
}

function registered(env: SeedEnv, d: Draft): SeededMark {
  const { rng } = d;
  const opposed = rng.chance(0.04);
  const daysAgo = registrationDaysAgo(rng);
  const regDate = addDays(env.asOf, -daysAgo);
  const publication = publicationBefore(rng, regDate, opposed);
  const { history, number } = publish(env, d, publication);
  if (opposed) {
    const filedOn = earlierOf(addDays(publication, rng.int(5, 85)), oppositionPeriodEnd(publication));
    oppose(env, d, history, { number, filedOn });
    const decidedOn = addDays(regDate, -rng.int(1, 30));
    history.add(
      { type: 'DecideTrademarkOpposition', data: { number, decidedOn, outcome: 'rejected' } },
      decidedOn,
    );
  }
  history.add({ type: 'RegisterTrademark', data: { number, registrationDate: regDate } }, regDate);
  const firstExpiry = termEnd(regDate);
  licence(env, d, history, { number, regDate, firstExpiry });
  const assigned = assign(env, d, history, { number, regDate, firstExpiry });
  const { expiry, lapsed } = renewals(env, rng, history, { number, expiry: firstExpiry });
  const ended = !lapsed && expiry >= env.asOf && ending(env, rng, history, { number, regDate });
  const inForce = !lapsed && !ended && expiry >= env.asOf;
  return {
    commands: history.commands,
    number,
    holderIndex: d.holderIndex,
    classes: d.classes,
    ...(inForce && !assigned && daysAgo > 30 && daysAgo <= BASIC_MARK_DAYS
      ? { basicMarkSince: regDate }
      : {}),
  };
}

interface Term {
  readonly number: string;
  readonly regDate: LocalDate;
  readonly firstExpiry: LocalDate;
}

function licence(env: SeedEnv, d: Draft, h: History, t: Term): void {
  if (!d.rng.chance(0.05)) return;
  const from = addDays(t.regDate, d.rng.int(30, 1500));
  if (from > env.asOf || from > addDays(t.firstExpiry, -30)) return;
  const to = earlierOf(addDays(addYears(from, d.rng.int(1, 5)), -1), t.firstExpiry);
  const recordedOn = earlierOf(addDays(from, d.rng.int(0, 60)), env.asOf);
  const licensee = env.book.holderOn(otherFirm(d.rng, d.holderIndex, d.pool), recordedOn);
  h.add(
    { type: 'RecordTrademarkLicence', data: { number: t.number, licensee, recordedOn, from, to } },
    recordedOn,
  );
}

/** An assignment inside the first term, well before its renewal window. */
function assign(env: SeedEnv, d: Draft, h: History, t: Term): boolean {
  if (!d.rng.chance(0.06)) return false;
  const announcedOn = laterOf(addDays(t.regDate, d.rng.int(60, 3000)), addDays(h.last, 1));
  if (announcedOn > env.asOf || announcedOn > addMonths(t.firstExpiry, -13)) return false;
  const assignee = env.book.holderOn(otherFirm(d.rng, d.holderIndex, d.pool), announcedOn);
  h.add({ type: 'AssignTrademark', data: { number: t.number, assignee, announcedOn } }, announcedOn);
  return true;
}

/**
 * Renewals term after term while the window has opened by `asOf`: most holders renew (a few in
 * grace); an unrenewed term whose grace has ended is recorded as lapsed, one still in grace is left.
 */
function renewals(
  env: SeedEnv,
  rng: Rng,
  h: History,
  start: { number: string; expiry: LocalDate },
): { expiry: LocalDate; lapsed: boolean } {
  let expiry = start.expiry;
  for (;;) {
    const { opens, graceEnds } = renewalWindow(expiry);
    if (opens > env.asOf) return { expiry, lapsed: false };
    const expired = expiry < env.asOf;
    // Many holders leave it to the grace period: a term that ended less than six months ago is often unrenewed yet.
    const renewing = !expired ? 0.35 : graceEnds > env.asOf ? 0.45 : 0.72;
    if (!rng.chance(renewing)) {
      if (graceEnds > env.asOf) return { expiry, lapsed: false };
      h.add({ type: 'RecordTrademarkLapse', data: { number: start.number, asOf: env.asOf } }, env.asOf);
      return { expiry, lapsed: true };
    }
    const inGrace = expired && rng.chance(0.15);
    const filedOn = inGrace
      ? dateBetween(rng, addDays(expiry, 1), earlierOf(graceEnds, env.asOf))
      : dateBetween(rng, laterOf(opens, h.last), earlierOf(expiry, env.asOf));
    h.add({ type: 'RenewTrademark', data: { number: start.number, filedOn } }, filedOn);
    expiry = termEnd(addDays(expiry, 1));
  }
}

/** A few registrations end early: surrendered, revoked for non-use, or invalidated. */
function ending(env: SeedEnv, rng: Rng, h: History, t: { number: string; regDate: LocalDate }): boolean {
  if (!rng.chance(0.03)) return false;
  const from = addDays(h.last, 1);
  const nonUseFrom = laterOf(addDays(termEnd(t.regDate, 3), 1), from);
  if (from > env.asOf) return false;
  const way = rng.pick(['surrender', 'revoke', 'invalidate'] as const);
  const number = t.number;
  if (way === 'revoke' && nonUseFrom <= env.asOf) {
    const effectiveDate = dateBetween(rng, nonUseFrom, env.asOf);
    h.add({ type: 'RevokeTrademark', data: { number, effectiveDate, ground: 'non-use' } }, effectiveDate);
  } else if (way === 'invalidate') {
    const requestedOn = dateBetween(rng, from, env.asOf);
    const decidedOn = dateBetween(rng, requestedOn, env.asOf);
    h.add(
      { type: 'InvalidateTrademark', data: { number, requestedOn, decidedOn, ground: 'absolute' } },
      decidedOn,
    );
  } else {
    const effectiveDate = dateBetween(rng, from, env.asOf);
    h.add({ type: 'SurrenderTrademark', data: { number, effectiveDate } }, effectiveDate);
  }
  return true;
}

/**
 * An international registration resting on a seeded mark that is registered and in force (so the
 * dependency policy has nothing to cancel), recorded at least 30 days after it (so within the last
 * eight years: no renewal due yet).
 */
export function seedMadrid(env: SeedEnv, mark: SeededMark, always: boolean): MadridCommand[] | undefined {
  const rng = new Rng(`${env.seed}|madrid|${mark.number}`);
  if (mark.basicMarkSince === undefined || !(always || rng.chance(0.03))) return undefined;
  const registrationDate = dateBetween(rng, addDays(mark.basicMarkSince, 30), env.asOf);
  const irn = numberOn(env, rng, IRN_ANCHORS, registrationDate);
  const chosen = rng.distinct(DESIGNATIONS, rng.int(1, 7));
  const designations = chosen.slice(0, Math.max(1, chosen.length - 1));
  const holder = env.book.holderOn(mark.holderIndex, registrationDate);
  const commands: MadridCommand[] = [
    {
      type: 'RecordMadridRegistration',
      data: {
        irn,
        basicTrademarkNumber: mark.number,
        holder,
        registrationDate,
        designations,
        classes: [...mark.classes],
      },
    },
  ];
  const later = chosen.slice(designations.length);
  const recordedFrom = addDays(registrationDate, 60);
  if (later.length > 0 && recordedFrom <= env.asOf && rng.chance(0.4)) {
    const recordedOn = dateBetween(rng, recordedFrom, env.asOf);
    commands.push({ type: 'RecordSubsequentDesignations', data: { irn, designations: later, recordedOn } });
  }
  return commands;
}
