import type { Decider } from '../shared/decider.js';
import type { BrandHonourCommand } from './commands.js';
import { decideBrandHonour } from './decide.js';
import type { BrandHonourEvent } from './events.js';
import { evolveBrandHonour, initialBrandHonourState, type BrandHonourState } from './state.js';

export * from './commands.js';
export type * from './events.js';
export * from './state.js';
export { decideBrandHonour } from './decide.js';

export const HONOUR_CATEGORY = 'honour';

export const toBrandHonourStreamId = (id: string): string => `${HONOUR_CATEGORY}-${id}`;

export function brandHonourEffectiveDateOf(event: BrandHonourEvent): string | undefined {
  switch (event.type) {
    case 'BrandHonourAwarded':
      return event.data.awardedOn;
    case 'BrandHonourRevoked':
      return event.data.effectiveDate;
  }
}

export const brandHonourDecider: Decider<BrandHonourCommand, BrandHonourEvent, BrandHonourState> = {
  category: HONOUR_CATEGORY,
  streamIdOf: (command) => toBrandHonourStreamId(command.data.id),
  initialState: initialBrandHonourState,
  evolve: evolveBrandHonour,
  decide: decideBrandHonour,
  effectiveDateOf: brandHonourEffectiveDateOf,
};
