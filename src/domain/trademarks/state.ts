import type { LocalDate } from '../shared/dates.js';
import type { Holder } from '../shared/districts.js';
import type {
  InvalidationGround,
  OppositionOutcome,
  Opponent,
  RevocationGround,
  TrademarkKind,
} from './commands.js';
import type { TrademarkEvent } from './events.js';

export type Opposition = {
  filedOn: LocalDate;
  opponent: Opponent;
  outcome?: OppositionOutcome;
  decidedOn?: LocalDate;
};

export type Licence = { licensee: Holder; recordedOn: LocalDate; from: LocalDate; to: LocalDate };

/** What every existing record knows, from filing on. */
export type TrademarkRecord = {
  number: string;
  markText: string;
  kind: TrademarkKind;
  classes: number[];
  holder: Holder;
  holders: Holder[];
  /** The date from which `holder` holds it: filing, or the last assignment's announcement. */
  holderSince: LocalDate;
  filingDate: LocalDate;
  publicationDate?: LocalDate;
  gazetteNumber?: string;
  oppositionPeriodEnds?: LocalDate;
  oppositions: Opposition[];
  licences: Licence[];
};

export type Publication = { publicationDate: LocalDate; oppositionPeriodEnds: LocalDate };

export type Registration = {
  registrationDate: LocalDate;
  /** The current term: the first from registration, each renewal's from the day after the last expiry. */
  termStart: LocalDate;
  expiryDate: LocalDate;
  renewals: number;
};

export type RegisteredRecord = TrademarkRecord & Registration;

export type TrademarkState =
  | { status: 'absent' }
  | (TrademarkRecord & { status: 'filed' })
  | (TrademarkRecord & Publication & { status: 'published' })
  | (TrademarkRecord & Publication & { status: 'refused'; refusedOn: LocalDate })
  | (RegisteredRecord & { status: 'registered' })
  | (RegisteredRecord & { status: 'lapsed'; lapsedOn: LocalDate })
  | (RegisteredRecord & { status: 'revoked'; revokedOn: LocalDate; revocationGround: RevocationGround })
  | (RegisteredRecord & { status: 'surrendered'; surrenderedOn: LocalDate })
  | (RegisteredRecord & {
      status: 'invalidated';
      invalidatedOn: LocalDate;
      invalidationGround: InvalidationGround;
    });

export type TrademarkStatus = TrademarkState['status'];
export type ExistingTrademark = Exclude<TrademarkState, { status: 'absent' }>;
export type RegisteredTrademark = Extract<TrademarkState, { status: 'registered' }>;
export type PublishedTrademark = Extract<TrademarkState, { status: 'published' }>;

export const initialTrademarkState: TrademarkState = { status: 'absent' };

/** Statuses in which the mark has been registered at some point. */
export const isPostRegistration = (s: TrademarkState): s is Extract<TrademarkState, Registration> =>
  'registrationDate' in s;

// Copies only the record's own fields, so that leaving a status never carries its fields along.
const recordOf = (s: ExistingTrademark): TrademarkRecord => ({
  number: s.number,
  markText: s.markText,
  kind: s.kind,
  classes: s.classes,
  holder: s.holder,
  holders: s.holders,
  holderSince: s.holderSince,
  filingDate: s.filingDate,
  ...(s.publicationDate === undefined ? {} : { publicationDate: s.publicationDate }),
  ...(s.gazetteNumber === undefined ? {} : { gazetteNumber: s.gazetteNumber }),
  ...(s.oppositionPeriodEnds === undefined ? {} : { oppositionPeriodEnds: s.oppositionPeriodEnds }),
  oppositions: s.oppositions,
  licences: s.licences,
});

const registeredOf = (s: Extract<TrademarkState, Registration>): RegisteredRecord => ({
  ...recordOf(s),
  registrationDate: s.registrationDate,
  termStart: s.termStart,
  expiryDate: s.expiryDate,
  renewals: s.renewals,
});

const decideEarliestPending = (
  oppositions: Opposition[],
  outcome: OppositionOutcome,
  decidedOn: LocalDate,
) => {
  const i = oppositions.findIndex((o) => o.outcome === undefined);
  return oppositions.map((o, j) => (j === i ? { ...o, outcome, decidedOn } : o));
};

/** Folds one event. Events that do not apply to the state leave it unchanged (decide never emits them). */
export function evolveTrademark(state: TrademarkState, event: TrademarkEvent): TrademarkState {
  if (event.type === 'TrademarkFiled') {
    const d = event.data;
    return {
      status: 'filed',
      number: d.number,
      markText: d.markText,
      kind: d.kind,
      classes: d.classes,
      holder: d.holder,
      holders: d.holders,
      holderSince: d.filingDate,
      filingDate: d.filingDate,
      oppositions: [],
      licences: [],
    };
  }
  if (state.status === 'absent') return state;
  return isPostRegistration(state) ? evolveRegistered(state, event) : evolveApplication(state, event);
}

function evolveApplication(state: ExistingTrademark, event: TrademarkEvent): TrademarkState {
  const record = recordOf(state);
  switch (event.type) {
    case 'TrademarkPreliminarilyApproved': {
      const { publicationDate, oppositionPeriodEnds, gazetteNumber } = event.data;
      const gazette = gazetteNumber === undefined ? {} : { gazetteNumber };
      return { ...record, ...gazette, status: 'published', publicationDate, oppositionPeriodEnds };
    }
    case 'TrademarkOpposed':
      if (state.status !== 'published') return state;
      return {
        ...state,
        oppositions: [...state.oppositions, { filedOn: event.data.filedOn, opponent: event.data.opponent }],
      };
    case 'TrademarkOppositionDecided':
      if (state.status !== 'published') return state;
      return {
        ...state,
        oppositions: decideEarliestPending(state.oppositions, event.data.outcome, event.data.decidedOn),
      };
    case 'TrademarkRefused':
      if (state.status !== 'published') return state;
      return { ...state, status: 'refused', refusedOn: event.data.refusedOn };
    case 'TrademarkRegistered': {
      const { registrationDate, termStart, expiryDate } = event.data;
      return { ...record, status: 'registered', registrationDate, termStart, expiryDate, renewals: 0 };
    }
    case 'TrademarkAssigned':
      return withHolder(state, event.data.holder, event.data.holders, event.data.announcedOn);
    default:
      return state;
  }
}

function withHolder<S extends ExistingTrademark>(
  state: S,
  holder: Holder,
  holders: Holder[],
  since: LocalDate,
): S {
  return { ...state, holder, holders, holderSince: since };
}

function evolveRegistered(
  state: Extract<TrademarkState, Registration>,
  event: TrademarkEvent,
): TrademarkState {
  const record = registeredOf(state);
  switch (event.type) {
    case 'TrademarkRenewed': {
      const { termStart, expiryDate } = event.data;
      return { ...record, status: 'registered', termStart, expiryDate, renewals: record.renewals + 1 };
    }
    case 'TrademarkAssigned':
      return withHolder(state, event.data.holder, event.data.holders, event.data.announcedOn);
    case 'TrademarkLicenceRecorded': {
      const { licensee, recordedOn, from, to } = event.data;
      return { ...state, licences: [...state.licences, { licensee, recordedOn, from, to }] };
    }
    case 'TrademarkRevoked':
      return {
        ...record,
        status: 'revoked',
        revokedOn: event.data.effectiveDate,
        revocationGround: event.data.ground,
      };
    case 'TrademarkSurrendered':
      return { ...record, status: 'surrendered', surrenderedOn: event.data.effectiveDate };
    case 'TrademarkLapsed':
      return { ...record, status: 'lapsed', lapsedOn: event.data.effectiveDate };
    case 'TrademarkInvalidated':
      return {
        ...record,
        status: 'invalidated',
        invalidatedOn: event.data.decidedOn,
        invalidationGround: event.data.ground,
      };
    default:
      return state;
  }
}
