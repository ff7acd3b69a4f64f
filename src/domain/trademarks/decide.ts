import {
  addDays,
  assertNotFuture,
  oppositionPeriodEnd,
  renewalWindow,
  termEnd,
  type LocalDate,
} from '../shared/dates.js';
import { notFoundError, ruleError } from '../shared/errors.js';
import type {
  ApproveTrademarkPreliminarily,
  AssignTrademark,
  DecideTrademarkOpposition,
  FileTrademark,
  InvalidateTrademark,
  OpposeTrademark,
  RecordTrademarkLapse,
  RecordTrademarkLicence,
  RegisterTrademark,
  RenewTrademark,
  RevokeTrademark,
  SurrenderTrademark,
  TrademarkCommand,
} from './commands.js';
import type { TrademarkEvent, TrademarkRenewed } from './events.js';
import type { ExistingTrademark, PublishedTrademark, RegisteredTrademark, TrademarkState } from './state.js';

/** Art. 39: ten years from registration, that day counted. */
export const TRADEMARK_TERM_YEARS = 10;
/** Art. 49 ¶2: non-use for three consecutive years, so not before three years have passed. */
export const NON_USE_YEARS = 3;
/** Art. 45: relative grounds within five years of registration. */
export const RELATIVE_GROUNDS_YEARS = 5;

/** The first day on which `years` whole years have passed since `date`, counted as terms are. */
const yearsPassedOn = (date: LocalDate, years: number): LocalDate => addDays(termEnd(date, years), 1);

const notBefore = (date: LocalDate, floor: LocalDate, what: string): void => {
  if (date < floor) throw ruleError('date-order', `${what} ${date} is before ${floor}`);
};

const statusError = (s: ExistingTrademark, action: string): Error =>
  ruleError('lifecycle', `trademark ${s.number} is ${s.status}: cannot ${action}`);

const requirePublished = (s: ExistingTrademark, action: string): PublishedTrademark => {
  if (s.status !== 'published') throw statusError(s, action);
  return s;
};

const requireRegistered = (s: ExistingTrademark, action: string): RegisteredTrademark => {
  if (s.status !== 'registered') throw statusError(s, action);
  return s;
};

function fileTrademark({ data }: FileTrademark, state: TrademarkState, now: Date): TrademarkEvent[] {
  if (state.status !== 'absent') {
    throw ruleError('already-recorded', `trademark ${data.number} is already recorded (${state.status})`);
  }
  assertNotFuture(data.filingDate, now, 'filingDate');
  const [holder] = data.applicants;
  if (holder === undefined) throw ruleError('applicants', 'a trademark is filed by at least one applicant');
  const { number, markText, kind, classes, filingDate } = data;
  return [
    {
      type: 'TrademarkFiled',
      data: { number, markText, kind, classes, holder, holders: data.applicants, filingDate },
    },
  ];
}

function approve({ data }: ApproveTrademarkPreliminarily, s: ExistingTrademark, now: Date): TrademarkEvent[] {
  if (s.status !== 'filed') throw statusError(s, 'publish a preliminary approval');
  assertNotFuture(data.publicationDate, now, 'publicationDate');
  notBefore(data.publicationDate, s.filingDate, 'publicationDate');
  const gazette = data.gazetteNumber === undefined ? {} : { gazetteNumber: data.gazetteNumber };
  return [
    {
      type: 'TrademarkPreliminarilyApproved',
      data: {
        number: s.number,
        publicationDate: data.publicationDate,
        ...gazette,
        oppositionPeriodEnds: oppositionPeriodEnd(data.publicationDate),
      },
    },
  ];
}

function oppose({ data }: OpposeTrademark, state: ExistingTrademark, now: Date): TrademarkEvent[] {
  const s = requirePublished(state, 'be opposed');
  assertNotFuture(data.filedOn, now, 'filedOn');
  if (data.filedOn < s.publicationDate || data.filedOn > s.oppositionPeriodEnds) {
    throw ruleError(
      'opposition-period',
      `an opposition may be filed from ${s.publicationDate} to ${s.oppositionPeriodEnds}, not on ${data.filedOn}`,
    );
  }
  const { filedOn, opponent } = data;
  return [
    {
      type: 'TrademarkOpposed',
      data: { number: s.number, filedOn, opponent, oppositionPeriodEnds: s.oppositionPeriodEnds },
    },
  ];
}

function decideOpposition(
  { data }: DecideTrademarkOpposition,
  state: ExistingTrademark,
  now: Date,
): TrademarkEvent[] {
  const s = requirePublished(state, 'decide an opposition');
  const pending = s.oppositions.find((o) => o.outcome === undefined);
  if (pending === undefined)
    throw ruleError('no-pending-opposition', `trademark ${s.number} has no undecided opposition`);
  assertNotFuture(data.decidedOn, now, 'decidedOn');
  notBefore(data.decidedOn, pending.filedOn, 'decidedOn');
  const decided: TrademarkEvent = {
    type: 'TrademarkOppositionDecided',
    data: {
      number: s.number,
      decidedOn: data.decidedOn,
      outcome: data.outcome,
      oppositionFiledOn: pending.filedOn,
      opponent: pending.opponent,
    },
  };
  if (data.outcome === 'rejected') return [decided];
  const refusal = { number: s.number, refusedOn: data.decidedOn, reason: 'opposition-upheld' as const };
  return [decided, { type: 'TrademarkRefused', data: { ...refusal, holder: s.holder, classes: s.classes } }];
}

function register({ data }: RegisterTrademark, state: ExistingTrademark, now: Date): TrademarkEvent[] {
  const s = requirePublished(state, 'be registered');
  assertNotFuture(data.registrationDate, now, 'registrationDate');
  if (s.oppositions.some((o) => o.outcome === undefined)) {
    throw ruleError('opposition-pending', `trademark ${s.number} has an undecided opposition`);
  }
  if (data.registrationDate <= s.oppositionPeriodEnds) {
    throw ruleError(
      'opposition-period',
      `the opposition period runs until ${s.oppositionPeriodEnds}; registration on ${data.registrationDate} would precede its end`,
    );
  }
  const { number, markText, kind, classes, holder, holders, filingDate } = s;
  const registrationDate = data.registrationDate;
  const expiryDate = termEnd(registrationDate, TRADEMARK_TERM_YEARS);
  return [
    {
      type: 'TrademarkRegistered',
      data: {
        number,
        markText,
        kind,
        classes,
        holder,
        holders,
        filingDate,
        registrationDate,
        termStart: registrationDate,
        expiryDate,
      },
    },
  ];
}

function renew({ data }: RenewTrademark, s: ExistingTrademark, now: Date): TrademarkEvent[] {
  // A renewal filed in time but recorded after the lapse policy ran still counts (Art. 40).
  if (s.status !== 'registered' && s.status !== 'lapsed') throw statusError(s, 'be renewed');
  assertNotFuture(data.filedOn, now, 'filedOn');
  const { opens, graceEnds } = renewalWindow(s.expiryDate);
  if (data.filedOn < opens) {
    throw ruleError(
      'renewal-window',
      `renewal of a term expiring ${s.expiryDate} opens on ${opens}; filed ${data.filedOn}`,
    );
  }
  if (data.filedOn > graceEnds) {
    throw ruleError(
      'renewal-window',
      `the grace period after expiry ${s.expiryDate} ended on ${graceEnds}; filed ${data.filedOn}`,
    );
  }
  const termStart = addDays(s.expiryDate, 1);
  const renewed: TrademarkRenewed['data'] = {
    number: s.number,
    filedOn: data.filedOn,
    inGrace: data.filedOn > s.expiryDate,
    lapseUndone: s.status === 'lapsed',
    previousExpiryDate: s.expiryDate,
    termStart,
    expiryDate: termEnd(termStart, TRADEMARK_TERM_YEARS),
    registrationDate: s.registrationDate,
    holder: s.holder,
    holders: s.holders,
    classes: s.classes,
  };
  return [{ type: 'TrademarkRenewed', data: renewed }];
}

function assign({ data }: AssignTrademark, s: ExistingTrademark, now: Date): TrademarkEvent[] {
  if (s.status !== 'filed' && s.status !== 'published' && s.status !== 'registered')
    throw statusError(s, 'be assigned');
  assertNotFuture(data.announcedOn, now, 'announcedOn');
  notBefore(data.announcedOn, s.holderSince, 'announcedOn');
  if (data.assignee.uscc === s.holder.uscc && s.holders.length === 1) {
    throw ruleError('same-holder', `${data.assignee.name} already holds trademark ${s.number}`);
  }
  const { number, holder: previousHolder, classes } = s;
  const { announcedOn, assignee } = data;
  return [
    {
      type: 'TrademarkAssigned',
      data: { number, announcedOn, previousHolder, holder: assignee, holders: [assignee], classes },
    },
  ];
}

function license({ data }: RecordTrademarkLicence, state: ExistingTrademark, now: Date): TrademarkEvent[] {
  const s = requireRegistered(state, 'record a licence');
  assertNotFuture(data.recordedOn, now, 'recordedOn');
  notBefore(data.recordedOn, s.registrationDate, 'recordedOn');
  notBefore(data.from, s.registrationDate, 'the licence start');
  if (data.to < data.from)
    throw ruleError('licence-term', `a licence from ${data.from} cannot end on ${data.to}`);
  if (data.to > s.expiryDate) {
    throw ruleError(
      'licence-term',
      `a licence may not run past the term, which ends ${s.expiryDate}; it ends ${data.to}`,
    );
  }
  const { licensee, recordedOn, from, to } = data;
  return [{ type: 'TrademarkLicenceRecorded', data: { number: s.number, licensee, recordedOn, from, to } }];
}

function revoke({ data }: RevokeTrademark, state: ExistingTrademark, now: Date): TrademarkEvent[] {
  const s = requireRegistered(state, 'be revoked');
  assertNotFuture(data.effectiveDate, now, 'effectiveDate');
  notBefore(data.effectiveDate, s.registrationDate, 'effectiveDate');
  const earliest = yearsPassedOn(s.registrationDate, NON_USE_YEARS);
  if (data.ground === 'non-use' && data.effectiveDate < earliest) {
    throw ruleError(
      'non-use-3-years',
      `non-use revocation needs three years since registration on ${s.registrationDate}: not before ${earliest}`,
    );
  }
  const { number, registrationDate, holder, classes } = s;
  return [
    {
      type: 'TrademarkRevoked',
      data: {
        number,
        effectiveDate: data.effectiveDate,
        ground: data.ground,
        registrationDate,
        holder,
        classes,
      },
    },
  ];
}

function invalidate({ data }: InvalidateTrademark, s: ExistingTrademark, now: Date): TrademarkEvent[] {
  // A registration that has since ended can still be declared never to have existed.
  const allowed =
    s.status === 'registered' ||
    s.status === 'lapsed' ||
    s.status === 'revoked' ||
    s.status === 'surrendered';
  if (!allowed) throw statusError(s, 'be invalidated');
  assertNotFuture(data.requestedOn, now, 'requestedOn');
  assertNotFuture(data.decidedOn, now, 'decidedOn');
  notBefore(data.requestedOn, s.registrationDate, 'requestedOn');
  notBefore(data.decidedOn, data.requestedOn, 'decidedOn');
  const lastDay = termEnd(s.registrationDate, RELATIVE_GROUNDS_YEARS);
  if (data.ground === 'relative' && data.requestedOn > lastDay) {
    throw ruleError(
      'relative-grounds-5-years',
      `relative grounds must be raised within five years of registration on ${s.registrationDate} (by ${lastDay}); requested ${data.requestedOn}`,
    );
  }
  const { number, registrationDate, holder, classes } = s;
  const { requestedOn, decidedOn, ground } = data;
  return [
    {
      type: 'TrademarkInvalidated',
      data: { number, requestedOn, decidedOn, ground, registrationDate, holder, classes },
    },
  ];
}

function surrender({ data }: SurrenderTrademark, state: ExistingTrademark, now: Date): TrademarkEvent[] {
  const s = requireRegistered(state, 'be surrendered');
  assertNotFuture(data.effectiveDate, now, 'effectiveDate');
  notBefore(data.effectiveDate, s.registrationDate, 'effectiveDate');
  const { number, registrationDate, holder, classes } = s;
  return [
    {
      type: 'TrademarkSurrendered',
      data: { number, effectiveDate: data.effectiveDate, registrationDate, holder, classes },
    },
  ];
}

/** Idempotent for the lapse policy: nothing to record when not yet due or already lapsed. */
function lapse({ data }: RecordTrademarkLapse, state: ExistingTrademark, now: Date): TrademarkEvent[] {
  assertNotFuture(data.asOf, now, 'asOf');
  if (state.status === 'lapsed') return [];
  const s = requireRegistered(state, 'lapse');
  const { graceEnds } = renewalWindow(s.expiryDate);
  if (graceEnds > data.asOf) return [];
  const { number, expiryDate, registrationDate, holder, classes } = s;
  return [
    {
      type: 'TrademarkLapsed',
      data: {
        number,
        asOf: data.asOf,
        expiryDate,
        graceEndedOn: graceEnds,
        effectiveDate: addDays(expiryDate, 1),
        registrationDate,
        holder,
        classes,
      },
    },
  ];
}

type Handler<C> = (command: C, state: ExistingTrademark, now: Date) => TrademarkEvent[];
type OnExisting = Exclude<TrademarkCommand, FileTrademark>;

// A mapped type rather than a switch: a command type without a handler fails the type check.
const handlers: { [T in OnExisting['type']]: Handler<Extract<OnExisting, { type: T }>> } = {
  ApproveTrademarkPreliminarily: approve,
  OpposeTrademark: oppose,
  DecideTrademarkOpposition: decideOpposition,
  RegisterTrademark: register,
  RenewTrademark: renew,
  AssignTrademark: assign,
  RecordTrademarkLicence: license,
  RevokeTrademark: revoke,
  InvalidateTrademark: invalidate,
  SurrenderTrademark: surrender,
  RecordTrademarkLapse: lapse,
};

export function decideTrademark(
  command: TrademarkCommand,
  state: TrademarkState,
  now: Date,
): TrademarkEvent[] {
  if (command.type === 'FileTrademark') return fileTrademark(command, state, now);
  if (state.status === 'absent') throw notFoundError(`no trademark ${command.data.number} is recorded`);
  const handler = handlers[command.type] as Handler<OnExisting>;
  return handler(command, state, now);
}
