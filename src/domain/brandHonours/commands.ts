import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import { localDateSchema } from '../shared/dates.js';
import { holderSchema } from '../shared/districts.js';

/** Record ids become stream names (`honour-<id>`), so they stay ASCII and URL-safe. */
export const honourIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64');

/** The four honours the plan counts, one indicator each. */
export const honourKindSchema = z.enum([
  'zhejiang-made-premium',
  'single-champion',
  'high-quality-service-certificate',
  'quality-brand-demonstration-zone',
]);
export type HonourKind = z.infer<typeof honourKindSchema>;

export const awardBrandHonourSchema = z.object({
  id: honourIdSchema,
  kind: honourKindSchema,
  holder: holderSchema,
  title: z.string().trim().min(1),
  awardedOn: localDateSchema,
  validUntil: localDateSchema.optional(),
});

export const revokeBrandHonourSchema = z.object({ id: honourIdSchema, effectiveDate: localDateSchema });

export type AwardBrandHonour = z.infer<typeof awardBrandHonourSchema>;
export type RevokeBrandHonour = z.infer<typeof revokeBrandHonourSchema>;

export const brandHonourCommandSchemas = {
  AwardBrandHonour: awardBrandHonourSchema,
  RevokeBrandHonour: revokeBrandHonourSchema,
} as const;

export type BrandHonourCommand =
  Command<'AwardBrandHonour', AwardBrandHonour> | Command<'RevokeBrandHonour', RevokeBrandHonour>;
