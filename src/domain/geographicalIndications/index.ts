import type { Decider } from '../shared/decider.js';
import type { GiCommand } from './commands.js';
import { decideGi } from './decide.js';
import type { GiEvent } from './events.js';
import { evolveGi, initialGiState, type GiState } from './state.js';

export * from './commands.js';
export type * from './events.js';
export * from './state.js';
export { decideGi } from './decide.js';

export const GI_CATEGORY = 'gi';

export const toGiStreamId = (id: string): string => `${GI_CATEGORY}-${id}`;

/** The legal date each event takes effect from; it goes into the event's metadata. */
export function giEffectiveDateOf(event: GiEvent): string | undefined {
  switch (event.type) {
    case 'GiRegistered':
      return event.data.registeredOn;
    case 'GiRenewed':
      return event.data.termStart;
    case 'GiLapsed':
    case 'GiLapseUndone':
      return event.data.lapsedOn;
    case 'GiRevoked':
      return event.data.effectiveDate;
  }
}

export const giDecider: Decider<GiCommand, GiEvent, GiState> = {
  category: GI_CATEGORY,
  streamIdOf: (command) => toGiStreamId(command.data.id),
  initialState: initialGiState,
  evolve: evolveGi,
  decide: decideGi,
  effectiveDateOf: giEffectiveDateOf,
};
