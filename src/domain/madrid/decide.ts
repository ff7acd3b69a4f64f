import {
  addDays,
  addMonths,
  anniversary,
  assertNotFuture,
  todayInShanghai,
  type LocalDate,
} from '../shared/dates.js';
import { notFoundError, ruleError } from '../shared/errors.js';
import type {
  CancelMadridForCentralAttack,
  CancelMadridRegistration,
  MadridCommand,
  RecordMadridRegistration,
  RecordSubsequentDesignations,
  RenewMadridRegistration,
} from './commands.js';
import type { MadridEvent } from './events.js';
import type { ExistingMadrid, MadridState } from './state.js';

/** Protocol Art. 6(1), 7(1): ten-year terms, WIPO dates each expiry on an anniversary of the IR date. */
export const MADRID_TERM_YEARS = 10;
/** Protocol Art. 6(2)-(3): the IR depends on the basic mark for five years from the IR date. */
export const DEPENDENCY_YEARS = 5;
/**
 * Regulations under the Protocol, Rule 30(1)(b) as amended with effect from 1 November 2022: the renewal
 * fees may be paid up to six months before the date on which renewal is due (three months before that).
 * WIPO records payments made earlier than the window as received on its first day, so a register of
 * past renewals loses nothing by the wider window.
 */
export const RENEWAL_OPENS_MONTHS_BEFORE = 6;
/** Protocol Art. 7(4), Rule 30(1)(a): six months' grace, with a surcharge. */
export const RENEWAL_GRACE_MONTHS = 6;
/** Protocol Art. 3bis: protection cannot be extended to the Contracting Party of the Office of origin. */
export const OFFICE_OF_ORIGIN = 'CN';

export const dependencyEndsOn = (irDate: LocalDate): LocalDate => anniversary(irDate, DEPENDENCY_YEARS);

/**
 * Whether a basic mark that ceased to have effect on `ceasedOn` takes the IR with it (Art. 6(3)): the
 * five years run to the fifth anniversary of the IR date. A basic mark deemed never to have existed
 * (invalidation) ceases before the IR date, which is inside the period too.
 */
export const isWithinDependencyPeriod = (irDate: LocalDate, ceasedOn: LocalDate): boolean =>
  ceasedOn <= dependencyEndsOn(irDate);

export const madridRenewalWindow = (expiry: LocalDate): { opens: LocalDate; graceEnds: LocalDate } => ({
  opens: addMonths(expiry, -RENEWAL_OPENS_MONTHS_BEFORE),
  graceEnds: addMonths(expiry, RENEWAL_GRACE_MONTHS),
});

export function decideMadrid(command: MadridCommand, state: MadridState, now: Date): MadridEvent[] {
  switch (command.type) {
    case 'RecordMadridRegistration':
      return record(command.data, state, now);
    case 'RecordSubsequentDesignations':
      return designate(command.data, existing(state, command.data.irn), now);
    case 'RenewMadridRegistration':
      return renew(command.data, existing(state, command.data.irn), now);
    case 'CancelMadridRegistration':
      return cancel(command.data, existing(state, command.data.irn), now);
    case 'CancelMadridForCentralAttack':
      return centralAttack(command.data, existing(state, command.data.irn), now);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

function existing(state: MadridState, irn: string): ExistingMadrid {
  if (state.status === 'absent') throw notFoundError(`no international registration ${irn}`);
  return state;
}

const base = (ir: ExistingMadrid) => ({ irn: ir.irn, holder: ir.holder });

/** A Hangzhou holder's basic mark is Chinese, so CNIPA is the Office of origin. */
function assertNotOfficeOfOrigin(designations: readonly string[]): void {
  if (designations.includes(OFFICE_OF_ORIGIN)) {
    throw ruleError(
      'office-of-origin',
      'CN is the Office of origin of a Chinese basic mark and cannot be designated (Madrid Protocol Art. 3bis)',
    );
  }
}

function record(cmd: RecordMadridRegistration, state: MadridState, now: Date): MadridEvent[] {
  assertNotFuture(cmd.registrationDate, now, 'registrationDate');
  if (state.status !== 'absent')
    throw ruleError('already-registered', `international registration ${cmd.irn} exists`);
  assertNotOfficeOfOrigin(cmd.designations);
  return [
    {
      type: 'MadridRegistrationRecorded',
      data: {
        irn: cmd.irn,
        holder: cmd.holder,
        basicTrademarkNumber: cmd.basicTrademarkNumber,
        registrationDate: cmd.registrationDate,
        expiryDate: anniversary(cmd.registrationDate, MADRID_TERM_YEARS),
        dependencyEndsOn: dependencyEndsOn(cmd.registrationDate),
        designations: cmd.designations,
        classes: cmd.classes,
      },
    },
  ];
}

function designate(cmd: RecordSubsequentDesignations, ir: ExistingMadrid, now: Date): MadridEvent[] {
  assertNotFuture(cmd.recordedOn, now, 'recordedOn');
  if (ir.status === 'cancelled') throw ruleError('cancelled', `${ir.irn} was cancelled on ${ir.cancelledOn}`);
  if (cmd.recordedOn < ir.registrationDate) {
    throw ruleError('before-registration', `${ir.irn} was registered on ${ir.registrationDate}`);
  }
  if (cmd.recordedOn > ir.expiryDate) {
    throw ruleError('expired', `${ir.irn} expired on ${ir.expiryDate} and has not been renewed`);
  }
  assertNotOfficeOfOrigin(cmd.designations);
  const already = cmd.designations.filter((code) => ir.designations.some((d) => d.code === code));
  if (already.length > 0) {
    throw ruleError('already-designated', `${ir.irn} already designates ${already.join(', ')}`);
  }
  return [
    {
      type: 'MadridDesignationsRecorded',
      data: {
        ...base(ir),
        designations: cmd.designations,
        recordedOn: cmd.recordedOn,
        expiryDate: ir.expiryDate,
      },
    },
  ];
}

/**
 * Renewal for ten years from the expiry of the preceding period (Art. 7(1)). Each expiry is an
 * anniversary of the IR date itself, so an IR of 29 February gets the 29th back in leap years.
 */
function renew(cmd: RenewMadridRegistration, ir: ExistingMadrid, now: Date): MadridEvent[] {
  assertNotFuture(cmd.filedOn, now, 'filedOn');
  if (ir.status === 'cancelled' && ir.reason !== 'non-renewal') {
    throw ruleError('cancelled', `${ir.irn} was cancelled (${ir.reason}) on ${ir.cancelledOn}`);
  }
  const { opens, graceEnds } = madridRenewalWindow(ir.expiryDate);
  if (cmd.filedOn < opens || cmd.filedOn > graceEnds) {
    throw ruleError(
      'renewal-window',
      `renewal of ${ir.irn}, due ${ir.expiryDate}, may be paid from ${opens} to ${graceEnds}, not on ${cmd.filedOn}`,
    );
  }
  const events: MadridEvent[] = [];
  if (ir.status === 'cancelled') {
    events.push({ type: 'MadridCancellationUndone', data: { ...base(ir), cancelledOn: ir.cancelledOn } });
  }
  events.push({
    type: 'MadridRegistrationRenewed',
    data: {
      ...base(ir),
      filedOn: cmd.filedOn,
      previousExpiryDate: ir.expiryDate,
      termStart: addDays(ir.expiryDate, 1),
      expiryDate: anniversary(ir.registrationDate, MADRID_TERM_YEARS * (ir.renewals + 2)),
    },
  });
  return events;
}

function cancel(cmd: CancelMadridRegistration, ir: ExistingMadrid, now: Date): MadridEvent[] {
  assertNotFuture(cmd.effectiveDate, now, 'effectiveDate');
  if (ir.status === 'cancelled')
    throw ruleError('already-cancelled', `${ir.irn} was cancelled on ${ir.cancelledOn}`);
  if (cmd.effectiveDate < ir.registrationDate) {
    throw ruleError('before-registration', `${ir.irn} was registered on ${ir.registrationDate}`);
  }
  if (cmd.reason === 'non-renewal') assertNonRenewal(cmd.effectiveDate, ir, now);
  return [
    {
      type: 'MadridRegistrationCancelled',
      data: { ...base(ir), effectiveDate: cmd.effectiveDate, reason: cmd.reason },
    },
  ];
}

/** Non-renewal is known only once the grace is over, and the IR is gone from the day after expiry. */
function assertNonRenewal(effectiveDate: LocalDate, ir: ExistingMadrid, now: Date): void {
  const { graceEnds } = madridRenewalWindow(ir.expiryDate);
  if (todayInShanghai(now) <= graceEnds) {
    throw ruleError('renewal-grace', `${ir.irn} may still be renewed until ${graceEnds}`);
  }
  const dayAfterExpiry = addDays(ir.expiryDate, 1);
  if (effectiveDate !== dayAfterExpiry) {
    throw ruleError(
      'non-renewal-date',
      `${ir.irn} expired on ${ir.expiryDate}: non-renewal takes effect ${dayAfterExpiry}`,
    );
  }
}

/**
 * The registry cancels the IR itself when the basic mark ceases to have effect inside the dependency
 * period (Art. 6(3)). Already cancelled: nothing more to do, so the policy may run again harmlessly.
 */
function centralAttack(cmd: CancelMadridForCentralAttack, ir: ExistingMadrid, now: Date): MadridEvent[] {
  assertNotFuture(cmd.ceasedOn, now, 'ceasedOn');
  if (ir.status === 'cancelled') return [];
  if (cmd.basicTrademarkNumber !== ir.basicTrademarkNumber) {
    throw ruleError('basic-mark-mismatch', `${ir.irn} rests on basic mark ${ir.basicTrademarkNumber}`);
  }
  if (!isWithinDependencyPeriod(ir.registrationDate, cmd.ceasedOn)) {
    throw ruleError(
      'dependency-period',
      `${ir.irn} stopped depending on its basic mark after ${ir.dependencyEndsOn}; it ceased on ${cmd.ceasedOn}`,
    );
  }
  // A basic mark deemed never to have existed takes the IR with it from the IR's own first day.
  const effectiveDate = cmd.ceasedOn < ir.registrationDate ? ir.registrationDate : cmd.ceasedOn;
  return [
    {
      type: 'MadridRegistrationCancelled',
      data: {
        ...base(ir),
        effectiveDate,
        reason: 'central-attack',
        basicTrademarkNumber: cmd.basicTrademarkNumber,
        basicMarkCeasedOn: cmd.ceasedOn,
        cause: cmd.cause,
      },
    },
  ];
}
