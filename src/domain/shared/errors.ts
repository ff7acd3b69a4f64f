/**
 * The one error type of the registry. The HTTP layer maps `code` to a status in one table and the
 * CLI maps it to an exit code; nothing else interprets it.
 */
export type ErrorCode =
  | 'validation' // the input is malformed (400)
  | 'rule' // a legal rule or the record's state forbids the command (409)
  | 'not-found' // no such record (404)
  | 'concurrency' // the record changed since the revision the caller pinned (412)
  | 'idempotency' // an idempotency key reused with another request (422)
  | 'auth' // no or bad credentials (401)
  | 'forbidden' // the role may not do this (403)
  | 'unavailable'; // the event store cannot be reached (503)

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export class RegistryError extends Error {
  override name = 'RegistryError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { readonly rule?: string; readonly errors?: readonly FieldError[] } = {},
  ) {
    super(message);
  }
}

/** A legal rule forbids the command; `rule` names it (e.g. `renewal-window`), `message` says why. */
export const ruleError = (rule: string, message: string): RegistryError =>
  new RegistryError('rule', message, { rule });

export const validationError = (message: string, errors: readonly FieldError[] = []): RegistryError =>
  new RegistryError('validation', message, { errors });

export const notFoundError = (message: string): RegistryError => new RegistryError('not-found', message);

export const isRegistryError = (e: unknown): e is RegistryError => e instanceof RegistryError;
