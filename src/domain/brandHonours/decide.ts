import { assertNotFuture } from '../shared/dates.js';
import { notFoundError, ruleError } from '../shared/errors.js';
import type { AwardBrandHonour, BrandHonourCommand, RevokeBrandHonour } from './commands.js';
import type { BrandHonourEvent } from './events.js';
import type { BrandHonourState } from './state.js';

export function decideBrandHonour(
  command: BrandHonourCommand,
  state: BrandHonourState,
  now: Date,
): BrandHonourEvent[] {
  switch (command.type) {
    case 'AwardBrandHonour':
      return award(command.data, state, now);
    case 'RevokeBrandHonour':
      return revoke(command.data, state, now);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

function award(cmd: AwardBrandHonour, state: BrandHonourState, now: Date): BrandHonourEvent[] {
  assertNotFuture(cmd.awardedOn, now, 'awardedOn');
  if (state.status !== 'absent') throw ruleError('already-awarded', `brand honour ${cmd.id} exists`);
  const { id, kind, holder, title, awardedOn, validUntil } = cmd;
  if (validUntil !== undefined && validUntil < awardedOn) {
    throw ruleError(
      'valid-until-before-award',
      `an honour awarded on ${awardedOn} cannot end on ${validUntil}`,
    );
  }
  return [
    {
      type: 'BrandHonourAwarded',
      data: { id, kind, holder, title, awardedOn, ...(validUntil === undefined ? {} : { validUntil }) },
    },
  ];
}

function revoke(cmd: RevokeBrandHonour, state: BrandHonourState, now: Date): BrandHonourEvent[] {
  assertNotFuture(cmd.effectiveDate, now, 'effectiveDate');
  if (state.status === 'absent') throw notFoundError(`no brand honour ${cmd.id}`);
  if (state.status === 'revoked')
    throw ruleError('already-revoked', `${state.id} was revoked on ${state.revokedOn}`);
  if (cmd.effectiveDate < state.awardedOn) {
    throw ruleError(
      'before-award',
      `${state.id} was awarded on ${state.awardedOn}, after ${cmd.effectiveDate}`,
    );
  }
  const { id, kind, holder } = state;
  return [{ type: 'BrandHonourRevoked', data: { id, kind, holder, effectiveDate: cmd.effectiveDate } }];
}
