import type { LocalDate } from '../shared/dates.js';
import type { Decider } from '../shared/decider.js';
import type { TrademarkCommand } from './commands.js';
import { decideTrademark } from './decide.js';
import type { TrademarkEvent } from './events.js';
import { evolveTrademark, initialTrademarkState, type TrademarkState } from './state.js';

export * from './commands.js';
export type * from './events.js';
export * from './state.js';
export { decideTrademark, NON_USE_YEARS, RELATIVE_GROUNDS_YEARS, TRADEMARK_TERM_YEARS } from './decide.js';

export const TRADEMARK_CATEGORY = 'trademark';

export const toTrademarkStreamId = (number: string): string => `${TRADEMARK_CATEGORY}-${number}`;

type DateOf<E> = (data: E extends { data: infer D } ? D : never) => LocalDate;

const effectiveDates: { [T in TrademarkEvent['type']]: DateOf<Extract<TrademarkEvent, { type: T }>> } = {
  TrademarkFiled: (d) => d.filingDate,
  TrademarkPreliminarilyApproved: (d) => d.publicationDate,
  TrademarkOpposed: (d) => d.filedOn,
  TrademarkOppositionDecided: (d) => d.decidedOn,
  TrademarkRefused: (d) => d.refusedOn,
  TrademarkRegistered: (d) => d.registrationDate,
  // The new term is what the renewal brings into effect.
  TrademarkRenewed: (d) => d.termStart,
  TrademarkAssigned: (d) => d.announcedOn,
  TrademarkLicenceRecorded: (d) => d.from,
  TrademarkRevoked: (d) => d.effectiveDate,
  TrademarkSurrendered: (d) => d.effectiveDate,
  TrademarkLapsed: (d) => d.effectiveDate,
  // Deemed never to have existed (Art. 47).
  TrademarkInvalidated: (d) => d.registrationDate,
};

/** The legal date of each event (metadata `effectiveDate`). */
export const trademarkEffectiveDateOf = (event: TrademarkEvent): LocalDate =>
  (effectiveDates[event.type] as DateOf<TrademarkEvent>)(event.data);

/** How a mark ceased to have effect, in the words of Madrid Protocol Art. 6(3). */
export type TrademarkCessationCause = 'refused' | 'lapsed' | 'surrendered' | 'revoked' | 'invalidated';

export function trademarkCessationOf(
  event: TrademarkEvent,
): { ceasedOn: LocalDate; cause: TrademarkCessationCause } | undefined {
  switch (event.type) {
    case 'TrademarkRefused':
      return { ceasedOn: event.data.refusedOn, cause: 'refused' };
    case 'TrademarkLapsed':
      return { ceasedOn: event.data.effectiveDate, cause: 'lapsed' };
    case 'TrademarkSurrendered':
      return { ceasedOn: event.data.effectiveDate, cause: 'surrendered' };
    case 'TrademarkRevoked':
      return { ceasedOn: event.data.effectiveDate, cause: 'revoked' };
    case 'TrademarkInvalidated':
      return { ceasedOn: event.data.registrationDate, cause: 'invalidated' };
    default:
      return undefined;
  }
}

/**
 * The date from which an event makes the mark cease to have effect, or undefined when it does not:
 * refusal (an upheld opposition), lapse (the day after expiry), surrender, revocation (from its
 * date), invalidation (as from registration). A renewal with `lapseUndone` reverses a lapse.
 */
export const trademarkCeasedOn = (event: TrademarkEvent): LocalDate | undefined =>
  trademarkCessationOf(event)?.ceasedOn;

export const trademarks: Decider<TrademarkCommand, TrademarkEvent, TrademarkState> = {
  category: TRADEMARK_CATEGORY,
  streamIdOf: (command) => toTrademarkStreamId(command.data.number),
  initialState: initialTrademarkState,
  evolve: evolveTrademark,
  decide: decideTrademark,
  effectiveDateOf: trademarkEffectiveDateOf,
};
