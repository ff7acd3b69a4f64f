import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import { localDateSchema } from '../shared/dates.js';
import { holderSchema } from '../shared/districts.js';
import { trademarkNumberSchema } from '../trademarks/commands.js';

/** Record ids become stream names (`gi-<id>`), so they stay ASCII and URL-safe. */
export const giIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64');

export const giRouteSchema = z.enum(['certification-mark', 'collective-mark', 'gi-product']);
export type GiRoute = z.infer<typeof giRouteSchema>;

/** The two routes that go through the trademark law and so carry a term. */
export const isMarkRoute = (route: GiRoute): boolean => route !== 'gi-product';

export const registerGiSchema = z
  .object({
    id: giIdSchema,
    name: z.string().trim().min(1),
    product: z.string().trim().min(1),
    route: giRouteSchema,
    holder: holderSchema,
    registeredOn: localDateSchema,
    trademarkNumber: trademarkNumberSchema.optional(),
  })
  .superRefine((gi, ctx) => {
    if (isMarkRoute(gi.route) && gi.trademarkNumber === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['trademarkNumber'],
        message: `a ${gi.route} GI needs the CNIPA number of its mark`,
      });
    }
  });

export const renewGiSchema = z.object({ id: giIdSchema, filedOn: localDateSchema });
export const revokeGiSchema = z.object({ id: giIdSchema, effectiveDate: localDateSchema });
/** Sent by the lapse policy: record the lapse if the grace period has ended by `asOf`. */
export const recordGiLapseSchema = z.object({ id: giIdSchema, asOf: localDateSchema });

export type RegisterGi = z.infer<typeof registerGiSchema>;
export type RenewGi = z.infer<typeof renewGiSchema>;
export type RevokeGi = z.infer<typeof revokeGiSchema>;
export type RecordGiLapse = z.infer<typeof recordGiLapseSchema>;

export const giCommandSchemas = {
  RegisterGi: registerGiSchema,
  RenewGi: renewGiSchema,
  RevokeGi: revokeGiSchema,
  RecordGiLapse: recordGiLapseSchema,
} as const;

export type GiCommand =
  | Command<'RegisterGi', RegisterGi>
  | Command<'RenewGi', RenewGi>
  | Command<'RevokeGi', RevokeGi>
  | Command<'RecordGiLapse', RecordGiLapse>;
