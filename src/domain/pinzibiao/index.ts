import type { Decider } from '../shared/decider.js';
import type { PinzibiaoCommand } from './commands.js';
import { decidePinzibiao } from './decide.js';
import type { PinzibiaoEvent } from './events.js';
import { evolvePinzibiao, initialPinzibiaoState, type PinzibiaoState } from './state.js';

export * from './commands.js';
export type * from './events.js';
export * from './state.js';
export { assumedExpiry, decidePinzibiao, PINZIBIAO_ASSUMED_YEARS } from './decide.js';

export const PINZIBIAO_CATEGORY = 'pinzibiao';

export const toPinzibiaoStreamId = (certificateNumber: string): string =>
  `${PINZIBIAO_CATEGORY}-${certificateNumber}`;

export function pinzibiaoEffectiveDateOf(event: PinzibiaoEvent): string | undefined {
  switch (event.type) {
    case 'PinzibiaoCertificateIssued':
    case 'PinzibiaoCertificateRenewed':
      return event.data.issuedOn;
    case 'PinzibiaoSurveillanceRecorded':
      return event.data.auditedOn;
    case 'PinzibiaoCertificateSuspended':
    case 'PinzibiaoCertificateRestored':
    case 'PinzibiaoCertificateWithdrawn':
      return event.data.effectiveDate;
  }
}

export const pinzibiaoDecider: Decider<PinzibiaoCommand, PinzibiaoEvent, PinzibiaoState> = {
  category: PINZIBIAO_CATEGORY,
  streamIdOf: (command) => toPinzibiaoStreamId(command.data.certificateNumber),
  initialState: initialPinzibiaoState,
  evolve: evolvePinzibiao,
  decide: decidePinzibiao,
  effectiveDateOf: pinzibiaoEffectiveDateOf,
};
