import type { Decider } from '../shared/decider.js';
import type { MadridCommand } from './commands.js';
import { decideMadrid } from './decide.js';
import type { MadridEvent } from './events.js';
import { evolveMadrid, initialMadridState, type MadridState } from './state.js';

export * from './commands.js';
export type * from './events.js';
export * from './state.js';
export {
  decideMadrid,
  dependencyEndsOn,
  isWithinDependencyPeriod,
  madridRenewalWindow,
  DEPENDENCY_YEARS,
  MADRID_TERM_YEARS,
  OFFICE_OF_ORIGIN,
  RENEWAL_GRACE_MONTHS,
  RENEWAL_OPENS_MONTHS_BEFORE,
} from './decide.js';

export const MADRID_CATEGORY = 'madrid';

export const toMadridStreamId = (irn: string): string => `${MADRID_CATEGORY}-${irn}`;

export function madridEffectiveDateOf(event: MadridEvent): string | undefined {
  switch (event.type) {
    case 'MadridRegistrationRecorded':
      return event.data.registrationDate;
    case 'MadridDesignationsRecorded':
      return event.data.recordedOn;
    case 'MadridRegistrationRenewed':
      return event.data.termStart;
    case 'MadridRegistrationCancelled':
      return event.data.effectiveDate;
    case 'MadridCancellationUndone':
      return event.data.cancelledOn;
  }
}

export const madridDecider: Decider<MadridCommand, MadridEvent, MadridState> = {
  category: MADRID_CATEGORY,
  streamIdOf: (command) => toMadridStreamId(command.data.irn),
  initialState: initialMadridState,
  evolve: evolveMadrid,
  decide: decideMadrid,
  effectiveDateOf: madridEffectiveDateOf,
};
