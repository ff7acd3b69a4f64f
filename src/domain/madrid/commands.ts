import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import { localDateSchema } from '../shared/dates.js';
import { holderSchema } from '../shared/districts.js';
import { niceClassSchema } from '../shared/nice.js';
import { trademarkNumberSchema } from '../trademarks/commands.js';

/** WIPO's international registration number. */
export const irnSchema = z
  .string()
  .regex(/^\d{6,7}$/, 'a WIPO international registration number has 6 or 7 digits');

/**
 * A designated Contracting Party by its WIPO ST.3 code: two capital letters, countries and the
 * regional offices alike (EM, BX, OA). Whether the party is a Madrid member is WIPO's check, not ours.
 */
export const st3CodeSchema = z.string().regex(/^[A-Z]{2}$/, 'a WIPO ST.3 code is two capital letters');

const designationsSchema = z
  .array(st3CodeSchema)
  .min(1)
  .refine((codes) => new Set(codes).size === codes.length, 'each Contracting Party is designated once');

export const cancellationReasonSchema = z.enum(['central-attack', 'holder-request', 'non-renewal', 'other']);
export type CancellationReason = z.infer<typeof cancellationReasonSchema>;

/** How the basic mark ceased to have effect (Protocol Art. 6(3)). */
export const basicMarkCauseSchema = z.enum([
  'refused',
  'withdrawn',
  'lapsed',
  'surrendered',
  'revoked',
  'invalidated',
]);
export type BasicMarkCause = z.infer<typeof basicMarkCauseSchema>;

export const recordMadridRegistrationSchema = z.object({
  irn: irnSchema,
  basicTrademarkNumber: trademarkNumberSchema,
  holder: holderSchema,
  registrationDate: localDateSchema,
  designations: designationsSchema,
  classes: z
    .array(niceClassSchema)
    .min(1)
    .refine((classes) => new Set(classes).size === classes.length, 'each class is listed once'),
});

export const recordSubsequentDesignationsSchema = z.object({
  irn: irnSchema,
  designations: designationsSchema,
  recordedOn: localDateSchema,
});

export const renewMadridRegistrationSchema = z.object({ irn: irnSchema, filedOn: localDateSchema });

export const cancelMadridRegistrationSchema = z.object({
  irn: irnSchema,
  effectiveDate: localDateSchema,
  reason: cancellationReasonSchema,
});

/** Sent by the dependency policy when the basic mark ceased to have effect. */
export const cancelMadridForCentralAttackSchema = z.object({
  irn: irnSchema,
  basicTrademarkNumber: trademarkNumberSchema,
  ceasedOn: localDateSchema,
  cause: basicMarkCauseSchema,
});

export type RecordMadridRegistration = z.infer<typeof recordMadridRegistrationSchema>;
export type RecordSubsequentDesignations = z.infer<typeof recordSubsequentDesignationsSchema>;
export type RenewMadridRegistration = z.infer<typeof renewMadridRegistrationSchema>;
export type CancelMadridRegistration = z.infer<typeof cancelMadridRegistrationSchema>;
export type CancelMadridForCentralAttack = z.infer<typeof cancelMadridForCentralAttackSchema>;

export const madridCommandSchemas = {
  RecordMadridRegistration: recordMadridRegistrationSchema,
  RecordSubsequentDesignations: recordSubsequentDesignationsSchema,
  RenewMadridRegistration: renewMadridRegistrationSchema,
  CancelMadridRegistration: cancelMadridRegistrationSchema,
  CancelMadridForCentralAttack: cancelMadridForCentralAttackSchema,
} as const;

export type MadridCommand =
  | Command<'RecordMadridRegistration', RecordMadridRegistration>
  | Command<'RecordSubsequentDesignations', RecordSubsequentDesignations>
  | Command<'RenewMadridRegistration', RenewMadridRegistration>
  | Command<'CancelMadridRegistration', CancelMadridRegistration>
  | Command<'CancelMadridForCentralAttack', CancelMadridForCentralAttack>;
