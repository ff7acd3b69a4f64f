import type { LocalDate } from '../shared/dates.js';
import type { DomainEvent } from '../shared/decider.js';
import type { Holder } from '../shared/districts.js';
import type {
  InvalidationGround,
  OppositionOutcome,
  Opponent,
  RevocationGround,
  TrademarkKind,
} from './commands.js';

/*
 * Events carry every fact a projection needs without reading other events: the holder and its
 * district wherever the mark's standing can change, the classes, and the term dates.
 * `holder` is the first applicant (it places the mark in a district); `holders` are all of them.
 */

export type TrademarkFiled = DomainEvent<
  'TrademarkFiled',
  {
    number: string;
    markText: string;
    kind: TrademarkKind;
    classes: number[];
    holder: Holder;
    holders: Holder[];
    filingDate: LocalDate;
  }
>;

export type TrademarkPreliminarilyApproved = DomainEvent<
  'TrademarkPreliminarilyApproved',
  { number: string; publicationDate: LocalDate; gazetteNumber?: string; oppositionPeriodEnds: LocalDate }
>;

export type TrademarkOpposed = DomainEvent<
  'TrademarkOpposed',
  { number: string; filedOn: LocalDate; opponent: Opponent; oppositionPeriodEnds: LocalDate }
>;

/** Decides the earliest undecided opposition (the command names none, and the office rules in turn). */
export type TrademarkOppositionDecided = DomainEvent<
  'TrademarkOppositionDecided',
  {
    number: string;
    decidedOn: LocalDate;
    outcome: OppositionOutcome;
    oppositionFiledOn: LocalDate;
    opponent: Opponent;
  }
>;

/** Follows an upheld opposition: the application is not registered (Art. 35). */
export type TrademarkRefused = DomainEvent<
  'TrademarkRefused',
  {
    number: string;
    refusedOn: LocalDate;
    reason: 'opposition-upheld';
    holder: Holder;
    classes: number[];
  }
>;

export type TrademarkRegistered = DomainEvent<
  'TrademarkRegistered',
  {
    number: string;
    markText: string;
    kind: TrademarkKind;
    classes: number[];
    holder: Holder;
    holders: Holder[];
    filingDate: LocalDate;
    registrationDate: LocalDate;
    termStart: LocalDate;
    expiryDate: LocalDate;
  }
>;

export type TrademarkRenewed = DomainEvent<
  'TrademarkRenewed',
  {
    number: string;
    filedOn: LocalDate;
    /** Filed after expiry, inside the 6-month grace period. */
    inGrace: boolean;
    /** Filed in time but recorded after the lapse: the lapse no longer holds. */
    lapseUndone: boolean;
    previousExpiryDate: LocalDate;
    termStart: LocalDate;
    expiryDate: LocalDate;
    registrationDate: LocalDate;
    holder: Holder;
    holders: Holder[];
    classes: number[];
  }
>;

export type TrademarkAssigned = DomainEvent<
  'TrademarkAssigned',
  {
    number: string;
    announcedOn: LocalDate;
    previousHolder: Holder;
    holder: Holder;
    holders: Holder[];
    classes: number[];
  }
>;

/** A licence changes nothing about ownership (Art. 43). */
export type TrademarkLicenceRecorded = DomainEvent<
  'TrademarkLicenceRecorded',
  { number: string; licensee: Holder; recordedOn: LocalDate; from: LocalDate; to: LocalDate }
>;

export type TrademarkRevoked = DomainEvent<
  'TrademarkRevoked',
  {
    number: string;
    effectiveDate: LocalDate;
    ground: RevocationGround;
    registrationDate: LocalDate;
    holder: Holder;
    classes: number[];
  }
>;

/** Deemed never to have existed: it ceases as from `registrationDate`. */
export type TrademarkInvalidated = DomainEvent<
  'TrademarkInvalidated',
  {
    number: string;
    requestedOn: LocalDate;
    decidedOn: LocalDate;
    ground: InvalidationGround;
    registrationDate: LocalDate;
    holder: Holder;
    classes: number[];
  }
>;

export type TrademarkSurrendered = DomainEvent<
  'TrademarkSurrendered',
  { number: string; effectiveDate: LocalDate; registrationDate: LocalDate; holder: Holder; classes: number[] }
>;

/** Not renewed by the end of grace; effective from the day after expiry. */
export type TrademarkLapsed = DomainEvent<
  'TrademarkLapsed',
  {
    number: string;
    asOf: LocalDate;
    expiryDate: LocalDate;
    graceEndedOn: LocalDate;
    effectiveDate: LocalDate;
    registrationDate: LocalDate;
    holder: Holder;
    classes: number[];
  }
>;

export type TrademarkEvent =
  | TrademarkFiled
  | TrademarkPreliminarilyApproved
  | TrademarkOpposed
  | TrademarkOppositionDecided
  | TrademarkRefused
  | TrademarkRegistered
  | TrademarkRenewed
  | TrademarkAssigned
  | TrademarkLicenceRecorded
  | TrademarkRevoked
  | TrademarkInvalidated
  | TrademarkSurrendered
  | TrademarkLapsed;

export type TrademarkEventType = TrademarkEvent['type'];
