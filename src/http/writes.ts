import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { handleCommand, type CommandContext, type CommandResult } from '../application/commandHandler.js';
import { commandIdFor, requestHashOf, type StoredAnswer } from '../application/idempotency.js';
import type { Command, Decider, DomainEvent } from '../domain/shared/decider.js';
import { RegistryError, validationError } from '../domain/shared/errors.js';
import type { JsonValue } from '../eventStore/port.js';
import { actorOf } from './auth.js';
import type { Ctx } from './context.js';
import { requestLogger } from './requestLog.js';

const IF_MATCH = /^(?:W\/)?"(\d{1,18})"$|^(\d{1,18})$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export const etagOf = (revision: bigint | number): string => `"${revision}"`;

/** `If-Match: "<revision>"` → the revision the caller pins; `*` or no header pins nothing. */
export function expectedRevisionOf(req: Request): bigint | undefined {
  const header = req.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const m = IF_MATCH.exec(header.trim());
  const digits = m?.[1] ?? m?.[2];
  if (digits === undefined) {
    throw validationError('If-Match must be a revision in quotes, e.g. "3"', [
      { path: 'headers.if-match', message: 'expected "<revision>"' },
    ]);
  }
  return BigInt(digits);
}

function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
    throw validationError('Idempotency-Key must be 1–255 visible ASCII characters', [
      { path: 'headers.idempotency-key', message: '1–255 visible ASCII characters' },
    ]);
  }
  return key;
}

function sendAnswer(res: Response, answer: StoredAnswer): void {
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.status(answer.status).json(answer.body);
}

export interface Write<C extends Command, E extends DomainEvent, S> {
  /** The record id as the client names it (number, irn, id…). */
  readonly id: string;
  readonly decider: Decider<C, E, S>;
  readonly command: C;
  /** Where the record is read, for `Location` on 201. */
  readonly location?: string;
}

/** The command context of a request: actor, request id as correlation, `If-Match`, the key's command id. */
export function commandContextOf(ctx: Ctx, req: Request, key: string | undefined): CommandContext {
  const actor = actorOf(req);
  const expectedRevision = expectedRevisionOf(req);
  return {
    commandId: key === undefined ? randomUUID() : commandIdFor(actor.id, key),
    actor,
    correlationId: String(req.id),
    now: ctx.clock(),
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
  };
}

/** Read-your-writes: the answer waits until the read models hold the write (bounded). */
export async function settle(ctx: Ctx, req: Request, result: CommandResult): Promise<void> {
  if (result.position === null) return;
  if (!result.replayed)
    ctx.metrics.appends.inc({ category: result.streamId.split('-')[0] ?? '' }, result.events.length);
  try {
    await ctx.projections.waitFor(result.position, ctx.readYourWritesTimeoutMs);
  } catch (e) {
    // The write is recorded; a slow or stopped projection must not make it look failed.
    requestLogger(ctx.logger, req).warn(
      { err: e, position: String(result.position) },
      'read models are behind this write',
    );
  }
}

/**
 * The common path of every register write: `Idempotency-Key` (same key and body → the first answer,
 * another body → 422), `If-Match` (→ 412), handleCommand, read-your-writes, then 201/200 with ETag.
 */
export async function performWrite<C extends Command, E extends DomainEvent, S>(
  ctx: Ctx,
  req: Request,
  res: Response,
  write: Write<C, E, S>,
): Promise<void> {
  const actor = actorOf(req);
  const key = idempotencyKeyOf(req);
  const requestHash = requestHashOf(
    req.method,
    req.originalUrl.split('?')[0] ?? '',
    (req.body ?? null) as JsonValue,
  );
  if (key !== undefined) {
    const seen = ctx.idempotency.lookup(actor.id, key);
    if (seen !== undefined) {
      if (seen.requestHash !== requestHash) {
        throw new RegistryError('idempotency', `Idempotency-Key ${key} was used with another request`);
      }
      res.setHeader('Idempotent-Replayed', 'true');
      sendAnswer(res, seen.answer);
      return;
    }
  }
  const result = await handleCommand(
    ctx.store,
    write.decider,
    write.command,
    commandContextOf(ctx, req, key),
  );
  await settle(ctx, req, result);
  const headers: Record<string, string> = { ETag: etagOf(result.revision) };
  if (result.created && write.location !== undefined) headers['Location'] = write.location;
  const answer: StoredAnswer = {
    status: result.created ? 201 : 200,
    headers,
    body: {
      id: write.id,
      streamId: result.streamId,
      revision: Number(result.revision),
      events: result.events.map((e) => e.type),
    },
  };
  if (key !== undefined) ctx.idempotency.remember(actor.id, key, requestHash, answer);
  sendAnswer(res, answer);
}
