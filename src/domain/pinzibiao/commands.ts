import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import { localDateSchema } from '../shared/dates.js';
import { holderSchema } from '../shared/districts.js';

/** Certificate numbers become stream names (`pinzibiao-<number>`), so they stay ASCII and URL-safe. */
export const certificateNumberSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64');

/**
 * A 浙江制造 group standard, `T/ZZB 0001—2016`. The em dash is the printed form; the ASCII hyphen that
 * keyboards produce is accepted and stored as the em dash, so one standard has one spelling.
 */
export const standardCodeSchema = z
  .string()
  .trim()
  .regex(/^T\/ZZB \d{4}[—-]\d{4}$/, 'a 浙江制造 standard code reads "T/ZZB xxxx—yyyy"')
  .transform((code) => code.replace('-', '—'));

const reasonSchema = z.string().trim().min(1);

export const issuePinzibiaoCertificateSchema = z.object({
  certificateNumber: certificateNumberSchema,
  enterprise: holderSchema,
  product: z.string().trim().min(1),
  standardCode: standardCodeSchema,
  certificationBody: z.string().trim().min(1),
  issuedOn: localDateSchema,
  expiresOn: localDateSchema.optional(),
});

export const recordSurveillanceAuditSchema = z.object({
  certificateNumber: certificateNumberSchema,
  auditedOn: localDateSchema,
  passed: z.boolean(),
});

export const suspendPinzibiaoCertificateSchema = z.object({
  certificateNumber: certificateNumberSchema,
  effectiveDate: localDateSchema,
  reason: reasonSchema,
});

export const restorePinzibiaoCertificateSchema = z.object({
  certificateNumber: certificateNumberSchema,
  effectiveDate: localDateSchema,
});

export const withdrawPinzibiaoCertificateSchema = z.object({
  certificateNumber: certificateNumberSchema,
  effectiveDate: localDateSchema,
  reason: reasonSchema,
});

export const renewPinzibiaoCertificateSchema = z.object({
  certificateNumber: certificateNumberSchema,
  issuedOn: localDateSchema,
  expiresOn: localDateSchema.optional(),
});

export type IssuePinzibiaoCertificate = z.infer<typeof issuePinzibiaoCertificateSchema>;
export type RecordSurveillanceAudit = z.infer<typeof recordSurveillanceAuditSchema>;
export type SuspendPinzibiaoCertificate = z.infer<typeof suspendPinzibiaoCertificateSchema>;
export type RestorePinzibiaoCertificate = z.infer<typeof restorePinzibiaoCertificateSchema>;
export type WithdrawPinzibiaoCertificate = z.infer<typeof withdrawPinzibiaoCertificateSchema>;
export type RenewPinzibiaoCertificate = z.infer<typeof renewPinzibiaoCertificateSchema>;

export const pinzibiaoCommandSchemas = {
  IssuePinzibiaoCertificate: issuePinzibiaoCertificateSchema,
  RecordSurveillanceAudit: recordSurveillanceAuditSchema,
  SuspendPinzibiaoCertificate: suspendPinzibiaoCertificateSchema,
  RestorePinzibiaoCertificate: restorePinzibiaoCertificateSchema,
  WithdrawPinzibiaoCertificate: withdrawPinzibiaoCertificateSchema,
  RenewPinzibiaoCertificate: renewPinzibiaoCertificateSchema,
} as const;

export type PinzibiaoCommand =
  | Command<'IssuePinzibiaoCertificate', IssuePinzibiaoCertificate>
  | Command<'RecordSurveillanceAudit', RecordSurveillanceAudit>
  | Command<'SuspendPinzibiaoCertificate', SuspendPinzibiaoCertificate>
  | Command<'RestorePinzibiaoCertificate', RestorePinzibiaoCertificate>
  | Command<'WithdrawPinzibiaoCertificate', WithdrawPinzibiaoCertificate>
  | Command<'RenewPinzibiaoCertificate', RenewPinzibiaoCertificate>;
