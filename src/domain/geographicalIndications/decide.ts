import { addDays, assertNotFuture, renewalWindow, termEnd, type LocalDate } from '../shared/dates.js';
import { notFoundError, ruleError } from '../shared/errors.js';
import {
  isMarkRoute,
  type GiCommand,
  type RecordGiLapse,
  type RegisterGi,
  type RenewGi,
  type RevokeGi,
} from './commands.js';
import type { GiEvent } from './events.js';
import type { ExistingGi, GiState } from './state.js';

export function decideGi(command: GiCommand, state: GiState, now: Date): GiEvent[] {
  switch (command.type) {
    case 'RegisterGi':
      return register(command.data, state, now);
    case 'RenewGi':
      return renew(command.data, existing(state, command.data.id), now);
    case 'RevokeGi':
      return revoke(command.data, existing(state, command.data.id), now);
    case 'RecordGiLapse':
      return recordLapse(command.data, existing(state, command.data.id), now);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

function existing(state: GiState, id: string): ExistingGi {
  if (state.status === 'absent') throw notFoundError(`no geographical indication ${id}`);
  return state;
}

const base = (gi: ExistingGi) => ({ id: gi.id, route: gi.route, holder: gi.holder });

function register(cmd: RegisterGi, state: GiState, now: Date): GiEvent[] {
  assertNotFuture(cmd.registeredOn, now, 'registeredOn');
  if (state.status !== 'absent')
    throw ruleError('already-registered', `geographical indication ${cmd.id} exists`);
  const { id, name, product, route, holder, registeredOn, trademarkNumber } = cmd;
  return [
    {
      type: 'GiRegistered',
      data: {
        id,
        name,
        product,
        route,
        holder,
        registeredOn,
        ...(trademarkNumber === undefined ? {} : { trademarkNumber }),
        // Certification and collective marks are registrations under the trademark law (Art. 39).
        ...(isMarkRoute(route) ? { expiryDate: termEnd(registeredOn) } : {}),
      },
    },
  ];
}

function markExpiry(gi: ExistingGi): LocalDate {
  if (!isMarkRoute(gi.route) || gi.expiryDate === undefined) {
    throw ruleError('no-term', `${gi.id} is protected as a GI product: it has no term and is not renewed`);
  }
  return gi.expiryDate;
}

/**
 * Renewal as for any registered mark (Art. 40): in the 12 months before expiry or the 6-month grace
 * after it; the new term starts the day after the old one ended. A renewal filed in time is accepted
 * even when the lapse was recorded before the filing reached the register, and undoes that lapse.
 */
function renew(cmd: RenewGi, gi: ExistingGi, now: Date): GiEvent[] {
  assertNotFuture(cmd.filedOn, now, 'filedOn');
  const expiry = markExpiry(gi);
  if (gi.status === 'revoked') throw ruleError('revoked', `${gi.id} was revoked on ${gi.revokedOn}`);
  const { opens, graceEnds } = renewalWindow(expiry);
  if (cmd.filedOn < opens || cmd.filedOn > graceEnds) {
    throw ruleError(
      'renewal-window',
      `a renewal of the term ending ${expiry} may be filed from ${opens} to ${graceEnds}, not on ${cmd.filedOn}`,
    );
  }
  const termStart = addDays(expiry, 1);
  const events: GiEvent[] = [];
  if (gi.status === 'lapsed')
    events.push({ type: 'GiLapseUndone', data: { ...base(gi), lapsedOn: gi.lapsedOn } });
  events.push({
    type: 'GiRenewed',
    data: {
      ...base(gi),
      filedOn: cmd.filedOn,
      previousExpiryDate: expiry,
      termStart,
      expiryDate: termEnd(termStart),
    },
  });
  return events;
}

/**
 * The lapse policy sends this for every candidate; a record with nothing to lapse (a GI product,
 * renewed, already lapsed or revoked, grace still running) answers with no events, so reruns are harmless.
 */
function recordLapse(cmd: RecordGiLapse, gi: ExistingGi, now: Date): GiEvent[] {
  assertNotFuture(cmd.asOf, now, 'asOf');
  if (gi.status !== 'registered' || !isMarkRoute(gi.route) || gi.expiryDate === undefined) return [];
  const { graceEnds } = renewalWindow(gi.expiryDate);
  if (graceEnds > cmd.asOf) return [];
  return [
    {
      type: 'GiLapsed',
      data: {
        ...base(gi),
        expiryDate: gi.expiryDate,
        graceEndedOn: graceEnds,
        lapsedOn: addDays(gi.expiryDate, 1),
        asOf: cmd.asOf,
      },
    },
  ];
}

function revoke(cmd: RevokeGi, gi: ExistingGi, now: Date): GiEvent[] {
  assertNotFuture(cmd.effectiveDate, now, 'effectiveDate');
  if (gi.status === 'revoked') throw ruleError('already-revoked', `${gi.id} was revoked on ${gi.revokedOn}`);
  if (gi.status === 'lapsed') throw ruleError('not-in-force', `${gi.id} lapsed on ${gi.lapsedOn}`);
  if (cmd.effectiveDate < gi.registeredOn) {
    throw ruleError(
      'before-registration',
      `${gi.id} was registered on ${gi.registeredOn}, after ${cmd.effectiveDate}`,
    );
  }
  return [{ type: 'GiRevoked', data: { ...base(gi), effectiveDate: cmd.effectiveDate } }];
}
