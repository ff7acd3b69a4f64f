import type { LocalDate } from '../shared/dates.js';
import type { Holder } from '../shared/districts.js';
import type { HonourKind } from './commands.js';
import type { BrandHonourEvent } from './events.js';

export type HonourRecord = {
  id: string;
  kind: HonourKind;
  holder: Holder;
  title: string;
  awardedOn: LocalDate;
  /** Absent: the honour does not run out by date. */
  validUntil?: LocalDate;
};

export type BrandHonourState =
  | { status: 'absent' }
  | (HonourRecord & { status: 'awarded' })
  | (HonourRecord & { status: 'revoked'; revokedOn: LocalDate });

export type ExistingHonour = Exclude<BrandHonourState, { status: 'absent' }>;

export const initialBrandHonourState: BrandHonourState = { status: 'absent' };

export function evolveBrandHonour(state: BrandHonourState, event: BrandHonourEvent): BrandHonourState {
  switch (event.type) {
    case 'BrandHonourAwarded': {
      const { id, kind, holder, title, awardedOn, validUntil } = event.data;
      return {
        status: 'awarded',
        id,
        kind,
        holder,
        title,
        awardedOn,
        ...(validUntil === undefined ? {} : { validUntil }),
      };
    }
    case 'BrandHonourRevoked':
      return state.status === 'awarded'
        ? { ...state, status: 'revoked', revokedOn: event.data.effectiveDate }
        : state;
    default: {
      // Events of types this code does not know leave the state as it was.
      const _unknown: never = event;
      return state;
    }
  }
}
