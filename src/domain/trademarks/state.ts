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

/**
 * A new state is built field by field into one fresh object: folding runs for every event of a
 * rebuild, and spreading the whole record into intermediate objects (once for the record, again for
 * the status) was most of its cost. Fields are set in the order the record declares them and the
 * status fields after, so the state (and its JSON) has the same keys in the same order as before.
 */
type Draft = Record<string, unknown>;

// Copies only the record's own fields, so that leaving a status never carries its fields along.
function recordOf(s: ExistingTrademark): Draft {
  const r: Draft = {
    number: s.number,
    markText: s.markText,
    kind: s.kind,
    classes: s.classes,
    holder: s.holder,
    holders: s.holders,
    holderSince: s.holderSince,
    filingDate: s.filingDate,
  };
  if (s.publicationDate !== undefined) r['publicationDate'] = s.publicationDate;
  if (s.gazetteNumber !== undefined) r['gazetteNumber'] = s.gazetteNumber;
  if (s.oppositionPeriodEnds !== undefined) r['oppositionPeriodEnds'] = s.oppositionPeriodEnds;
  r['oppositions'] = s.oppositions;
  r['licences'] = s.licences;
  return r;
}

function registeredOf(s: Extract<TrademarkState, Registration>): Draft {
  const r = recordOf(s);
  r['registrationDate'] = s.registrationDate;
  r['termStart'] = s.termStart;
  r['expiryDate'] = s.expiryDate;
  r['renewals'] = s.renewals;
  return r;
}

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
  switch (event.type) {
    case 'TrademarkPreliminarilyApproved': {
      const { publicationDate, oppositionPeriodEnds, gazetteNumber } = event.data;
      const r = recordOf(state);
      if (gazetteNumber !== undefined) r['gazetteNumber'] = gazetteNumber;
      r['status'] = 'published';
      r['publicationDate'] = publicationDate;
      r['oppositionPeriodEnds'] = oppositionPeriodEnds;
      return r as TrademarkState;
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
      const r = recordOf(state);
      r['status'] = 'registered';
      r['registrationDate'] = registrationDate;
      r['termStart'] = termStart;
      r['expiryDate'] = expiryDate;
      r['renewals'] = 0;
      return r as TrademarkState;
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
  switch (event.type) {
    case 'TrademarkRenewed': {
      const { termStart, expiryDate } = event.data;
      const r = registeredOf(state);
      r['termStart'] = termStart;
      r['expiryDate'] = expiryDate;
      r['renewals'] = state.renewals + 1;
      r['status'] = 'registered';
      return r as TrademarkState;
    }
    case 'TrademarkAssigned':
      return withHolder(state, event.data.holder, event.data.holders, event.data.announcedOn);
    case 'TrademarkLicenceRecorded': {
      const { licensee, recordedOn, from, to } = event.data;
      return { ...state, licences: [...state.licences, { licensee, recordedOn, from, to }] };
    }
    case 'TrademarkRevoked':
      return ended(state, 'revoked', {
        revokedOn: event.data.effectiveDate,
        revocationGround: event.data.ground,
      });
    case 'TrademarkSurrendered':
      return ended(state, 'surrendered', { surrenderedOn: event.data.effectiveDate });
    case 'TrademarkLapsed':
      return ended(state, 'lapsed', { lapsedOn: event.data.effectiveDate });
    case 'TrademarkInvalidated':
      return ended(state, 'invalidated', {
        invalidatedOn: event.data.decidedOn,
        invalidationGround: event.data.ground,
      });
    default:
      return state;
  }
}

/** The registered record in an ending status, with that status's own fields after it. */
function ended(
  state: Extract<TrademarkState, Registration>,
  status: TrademarkStatus,
  fields: Draft,
): TrademarkState {
  const r = registeredOf(state);
  r['status'] = status;
  for (const k in fields) r[k] = fields[k];
  return r as TrademarkState;
}
