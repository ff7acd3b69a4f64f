import { z } from 'zod';
import { localDateSchema } from '../domain/shared/dates.js';
import { districtSchema } from '../domain/shared/districts.js';
import { roleSchema } from '../domain/tokens/index.js';

/**
 * The query, parameter and non-command body schemas of the API. The routes parse with them and the
 * OpenAPI document is generated from them: there is no second description to drift.
 */

const text = z.string().trim().min(1).max(200);
const timestamp = z.iso.datetime({ offset: true, error: 'an ISO 8601 timestamp with offset' });

export const knownAtQuerySchema = z.object({
  knownAt: timestamp
    .optional()
    .meta({ description: 'Answer as recorded by then', example: '2025-01-01T00:00:00+08:00' }),
});

export const searchQuerySchema = z.object({
  q: text.optional().meta({ description: 'Words of the mark, name or id', example: '龙井' }),
  holder: text.optional().meta({ description: 'Part of the holder name', example: '西湖龙井茶叶' }),
  uscc: z.string().trim().length(18).optional().meta({ example: '91330100799655058B' }),
  class: z.coerce.number().int().min(1).max(45).optional().meta({ description: 'Nice class' }),
  status: z.string().trim().min(1).max(40).optional().meta({ example: 'registered' }),
  district: districtSchema.optional().meta({ example: '330106' }),
  expiringBefore: localDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(500).optional(),
});

export const indicatorsQuerySchema = z.object({
  asOf: localDateSchema
    .optional()
    .meta({ description: 'Default: today in Asia/Shanghai', example: '2024-12-31' }),
  district: districtSchema.optional().meta({ description: 'Default: the whole city', example: '330106' }),
  knownAt: timestamp.optional(),
});

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');

export const seriesQuerySchema = z.object({
  from: month.meta({ example: '2021-01' }),
  to: month.meta({ example: '2025-12' }),
  district: districtSchema.optional(),
});

export const forecastQuerySchema = z.object({
  target: localDateSchema
    .default('2025-12-31')
    .meta({ description: 'The day to look ahead to (default: the plan horizon)', example: '2025-12-31' }),
  district: districtSchema.optional().meta({ description: 'Default: the whole city', example: '330106' }),
});

export const indicatorIdSchema = z
  .string()
  .regex(/^[a-z-]{1,64}$/, 'an indicator id such as valid-trademarks');

export const docketQuerySchema = z.object({
  within: z.coerce.number().int().min(0).max(3660).default(90).meta({ description: 'Days ahead' }),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const streamIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, 'a stream id such as trademark-12345678');

export const eventsQuerySchema = z.object({
  fromPosition: z
    .string()
    .regex(/^\d{1,20}$/, 'a global position (digits)')
    .optional()
    .meta({ description: 'Inclusive; continue with the previous page’s nextPosition' }),
  limit: z.coerce.number().int().min(1).max(10_000).optional().meta({
    description: 'Default 100 for JSON; unbounded for NDJSON',
  }),
  from: timestamp.optional().meta({ description: 'Recorded at or after' }),
  to: timestamp.optional().meta({ description: 'Recorded at or before' }),
});

export const lapseBodySchema = z.object({ asOf: localDateSchema.meta({ example: '2026-01-01' }) });

export const mintTokenBodySchema = z.object({
  name: z.string().trim().min(1).max(100).meta({ example: '西湖区知识产权科' }),
  role: roleSchema,
});

export const tokenIdParamSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a token id');

export const writeAnswerSchema = z.object({
  id: z.string(),
  streamId: z.string(),
  revision: z.number().int(),
  events: z.array(z.string()),
});
