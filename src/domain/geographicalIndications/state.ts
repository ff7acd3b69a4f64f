import type { LocalDate } from '../shared/dates.js';
import type { Holder } from '../shared/districts.js';
import type { GiRoute } from './commands.js';
import type { GiEvent } from './events.js';

export type GiRecord = {
  id: string;
  name: string;
  product: string;
  route: GiRoute;
  holder: Holder;
  registeredOn: LocalDate;
  trademarkNumber?: string;
  /** Mark routes only: the last day of the current term. */
  expiryDate?: LocalDate;
  renewals: number;
};

/**
 * A mark in grace stays `registered` until the lapse policy records the lapse: whether a day is inside
 * the term or the grace is a question of dates, answered by the projections.
 */
export type GiState =
  | { status: 'absent' }
  | (GiRecord & { status: 'registered' })
  | (GiRecord & { status: 'lapsed'; lapsedOn: LocalDate })
  | (GiRecord & { status: 'revoked'; revokedOn: LocalDate });

export type ExistingGi = Exclude<GiState, { status: 'absent' }>;

export const initialGiState: GiState = { status: 'absent' };

const recordOf = (state: ExistingGi): GiRecord => {
  const { id, name, product, route, holder, registeredOn, trademarkNumber, expiryDate, renewals } = state;
  return {
    id,
    name,
    product,
    route,
    holder,
    registeredOn,
    renewals,
    ...(trademarkNumber === undefined ? {} : { trademarkNumber }),
    ...(expiryDate === undefined ? {} : { expiryDate }),
  };
};

export function evolveGi(state: GiState, event: GiEvent): GiState {
  if (event.type === 'GiRegistered') {
    const { id, name, product, route, holder, registeredOn, trademarkNumber, expiryDate } = event.data;
    return {
      status: 'registered',
      id,
      name,
      product,
      route,
      holder,
      registeredOn,
      renewals: 0,
      ...(trademarkNumber === undefined ? {} : { trademarkNumber }),
      ...(expiryDate === undefined ? {} : { expiryDate }),
    };
  }
  if (state.status === 'absent') return state;
  const record = recordOf(state);
  switch (event.type) {
    case 'GiRenewed':
      return {
        ...record,
        status: 'registered',
        expiryDate: event.data.expiryDate,
        renewals: record.renewals + 1,
      };
    case 'GiLapsed':
      return { ...record, status: 'lapsed', lapsedOn: event.data.lapsedOn };
    case 'GiLapseUndone':
      return { ...record, status: 'registered' };
    case 'GiRevoked':
      return { ...record, status: 'revoked', revokedOn: event.data.effectiveDate };
    default: {
      // Events of types this code does not know leave the state as it was.
      const _unknown: never = event;
      return state;
    }
  }
}
