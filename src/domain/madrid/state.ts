import type { LocalDate } from '../shared/dates.js';
import type { Holder } from '../shared/districts.js';
import type { CancellationReason } from './commands.js';
import type { MadridEvent } from './events.js';

export type Designation = { code: string; designatedOn: LocalDate };

/** One record per IR, however many Contracting Parties it designates: the indicator counts IRs. */
export type MadridRecord = {
  irn: string;
  basicTrademarkNumber: string;
  holder: Holder;
  registrationDate: LocalDate;
  expiryDate: LocalDate;
  dependencyEndsOn: LocalDate;
  designations: Designation[];
  classes: number[];
  renewals: number;
};

export type MadridState =
  | { status: 'absent' }
  | (MadridRecord & { status: 'registered' })
  | (MadridRecord & { status: 'cancelled'; cancelledOn: LocalDate; reason: CancellationReason });

export type ExistingMadrid = Exclude<MadridState, { status: 'absent' }>;

export const initialMadridState: MadridState = { status: 'absent' };

const recordOf = (s: ExistingMadrid): MadridRecord => ({
  irn: s.irn,
  basicTrademarkNumber: s.basicTrademarkNumber,
  holder: s.holder,
  registrationDate: s.registrationDate,
  expiryDate: s.expiryDate,
  dependencyEndsOn: s.dependencyEndsOn,
  designations: s.designations,
  classes: s.classes,
  renewals: s.renewals,
});

export function evolveMadrid(state: MadridState, event: MadridEvent): MadridState {
  if (event.type === 'MadridRegistrationRecorded') {
    const d = event.data;
    return {
      status: 'registered',
      irn: d.irn,
      basicTrademarkNumber: d.basicTrademarkNumber,
      holder: d.holder,
      registrationDate: d.registrationDate,
      expiryDate: d.expiryDate,
      dependencyEndsOn: d.dependencyEndsOn,
      designations: d.designations.map((code) => ({ code, designatedOn: d.registrationDate })),
      classes: d.classes,
      renewals: 0,
    };
  }
  if (state.status === 'absent') return state;
  const record = recordOf(state);
  switch (event.type) {
    case 'MadridDesignationsRecorded': {
      const added = event.data.designations.map((code) => ({ code, designatedOn: event.data.recordedOn }));
      return { ...state, designations: [...record.designations, ...added] };
    }
    case 'MadridRegistrationRenewed':
      return { ...state, expiryDate: event.data.expiryDate, renewals: record.renewals + 1 };
    case 'MadridRegistrationCancelled':
      return {
        ...record,
        status: 'cancelled',
        cancelledOn: event.data.effectiveDate,
        reason: event.data.reason,
      };
    case 'MadridCancellationUndone':
      return { ...record, status: 'registered' };
    default: {
      // Events of types this code does not know leave the state as it was.
      const _unknown: never = event;
      return state;
    }
  }
}
