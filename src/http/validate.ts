import type { z } from 'zod';
import { validationError, type FieldError } from '../domain/shared/errors.js';

/** `where` names the part of the request (`body`, `query`, `params`) so that paths point at the field. */
export type RequestPart = 'body' | 'query' | 'params' | 'headers';

export const fieldErrorsOf = (error: z.ZodError, where: RequestPart): FieldError[] =>
  error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));

/** Parses with zod or throws the registry's validation error (400 with `errors: [{path, message}]`). */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: RequestPart): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrorsOf(result.error, where);
  const first = errors[0];
  throw validationError(
    first === undefined ? `the ${where} is invalid` : `${first.path}: ${first.message}`,
    errors,
  );
}

/** Drops `undefined` members, for types declared with `exactOptionalPropertyTypes`. */
export function definedOnly<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
