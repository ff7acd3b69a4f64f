import type { LocalDate } from '../shared/dates.js';
import type { Holder } from '../shared/districts.js';
import type { PinzibiaoEvent } from './events.js';

export type CertificateRecord = {
  certificateNumber: string;
  enterprise: Holder;
  product: string;
  standardCode: string;
  certificationBody: string;
  /** The current certificate's dates; the first issue is kept for the cumulative count. */
  issuedOn: LocalDate;
  expiresOn: LocalDate;
  firstIssuedOn: LocalDate;
  lastAudit?: { auditedOn: LocalDate; passed: boolean };
};

/**
 * `certified` covers both in force and expired: expiry is a matter of the date asked about, and an
 * expired certificate may still be recertified.
 */
export type PinzibiaoState =
  | { status: 'absent' }
  | (CertificateRecord & { status: 'certified' })
  | (CertificateRecord & { status: 'suspended'; suspendedOn: LocalDate; suspensionReason: string })
  | (CertificateRecord & { status: 'withdrawn'; withdrawnOn: LocalDate; withdrawalReason: string });

export type ExistingCertificate = Exclude<PinzibiaoState, { status: 'absent' }>;

export const initialPinzibiaoState: PinzibiaoState = { status: 'absent' };

const recordOf = (s: ExistingCertificate): CertificateRecord => ({
  certificateNumber: s.certificateNumber,
  enterprise: s.enterprise,
  product: s.product,
  standardCode: s.standardCode,
  certificationBody: s.certificationBody,
  issuedOn: s.issuedOn,
  expiresOn: s.expiresOn,
  firstIssuedOn: s.firstIssuedOn,
  ...(s.lastAudit === undefined ? {} : { lastAudit: s.lastAudit }),
});

export function evolvePinzibiao(state: PinzibiaoState, event: PinzibiaoEvent): PinzibiaoState {
  if (event.type === 'PinzibiaoCertificateIssued') {
    const d = event.data;
    return {
      status: 'certified',
      certificateNumber: d.certificateNumber,
      enterprise: d.enterprise,
      product: d.product,
      standardCode: d.standardCode,
      certificationBody: d.certificationBody,
      issuedOn: d.issuedOn,
      expiresOn: d.expiresOn,
      firstIssuedOn: d.issuedOn,
    };
  }
  if (state.status === 'absent') return state;
  const record = recordOf(state);
  switch (event.type) {
    case 'PinzibiaoSurveillanceRecorded':
      return { ...state, lastAudit: { auditedOn: event.data.auditedOn, passed: event.data.passed } };
    case 'PinzibiaoCertificateSuspended':
      return {
        ...record,
        status: 'suspended',
        suspendedOn: event.data.effectiveDate,
        suspensionReason: event.data.reason,
      };
    case 'PinzibiaoCertificateRestored':
      return { ...record, status: 'certified' };
    case 'PinzibiaoCertificateWithdrawn':
      return {
        ...record,
        status: 'withdrawn',
        withdrawnOn: event.data.effectiveDate,
        withdrawalReason: event.data.reason,
      };
    case 'PinzibiaoCertificateRenewed': {
      // A new certificate starts without the old one's audits or suspension.
      const { lastAudit: _old, ...rest } = record;
      return { ...rest, status: 'certified', issuedOn: event.data.issuedOn, expiresOn: event.data.expiresOn };
    }
    default: {
      // Events of types this code does not know leave the state as it was.
      const _unknown: never = event;
      return state;
    }
  }
}
