import type { DomainEvent } from '../shared/decider.js';
import type { LocalDate } from '../shared/dates.js';
import type { Holder } from '../shared/districts.js';

/**
 * Every event carries the enterprise (its USCC and district) so pinzibiao-enterprises, which counts
 * distinct USCCs ever certified, reads straight off the events.
 */
type PinzibiaoEventBase = { certificateNumber: string; enterprise: Holder };

export type PinzibiaoCertificateIssued = DomainEvent<
  'PinzibiaoCertificateIssued',
  PinzibiaoEventBase & {
    product: string;
    standardCode: string;
    certificationBody: string;
    issuedOn: LocalDate;
    expiresOn: LocalDate;
    /** True when the certificate gave no expiry and the three-year assumption was applied. */
    expiryAssumed: boolean;
  }
>;

export type PinzibiaoSurveillanceRecorded = DomainEvent<
  'PinzibiaoSurveillanceRecorded',
  PinzibiaoEventBase & { auditedOn: LocalDate; passed: boolean }
>;

export type PinzibiaoCertificateSuspended = DomainEvent<
  'PinzibiaoCertificateSuspended',
  PinzibiaoEventBase & { effectiveDate: LocalDate; reason: string }
>;

export type PinzibiaoCertificateRestored = DomainEvent<
  'PinzibiaoCertificateRestored',
  PinzibiaoEventBase & { effectiveDate: LocalDate }
>;

export type PinzibiaoCertificateWithdrawn = DomainEvent<
  'PinzibiaoCertificateWithdrawn',
  PinzibiaoEventBase & { effectiveDate: LocalDate; reason: string }
>;

/** Recertification: the certificate runs again from the new issue date. */
export type PinzibiaoCertificateRenewed = DomainEvent<
  'PinzibiaoCertificateRenewed',
  PinzibiaoEventBase & {
    issuedOn: LocalDate;
    expiresOn: LocalDate;
    expiryAssumed: boolean;
    previousIssuedOn: LocalDate;
    previousExpiresOn: LocalDate;
  }
>;

export type PinzibiaoEvent =
  | PinzibiaoCertificateIssued
  | PinzibiaoSurveillanceRecorded
  | PinzibiaoCertificateSuspended
  | PinzibiaoCertificateRestored
  | PinzibiaoCertificateWithdrawn
  | PinzibiaoCertificateRenewed;
