import { randomUUID } from 'node:crypto';
import { handleCommand } from '../application/commandHandler.js';
import { tokenDecider } from '../domain/tokens/index.js';
import type { EventStore } from '../eventStore/port.js';
import { generateToken, generateTokenId, hashToken, type TokenIndex } from './tokenIndex.js';

export const BOOTSTRAP_ACTOR = { id: 'bootstrap', role: 'system' } as const;

/**
 * First start: with no `REGISTRY_ADMIN_TOKEN` and no admin token in the register, mint one so that
 * somebody can administer the registry. Answers the clear token (the caller prints it once; only
 * its hash is recorded), or undefined when an admin token already exists. Call it once the token
 * index has caught up with the log.
 */
export async function bootstrapAdminToken(
  store: EventStore,
  tokens: TokenIndex,
  now: Date = new Date(),
): Promise<{ id: string; token: string } | undefined> {
  if (tokens.hasActiveAdmin()) return undefined;
  const token = generateToken();
  const id = generateTokenId();
  const data = {
    id,
    name: 'bootstrap admin',
    role: 'admin' as const,
    tokenHash: hashToken(token),
    mintedBy: BOOTSTRAP_ACTOR.id,
  };
  const result = await handleCommand(
    store,
    tokenDecider,
    { type: 'MintToken', data },
    {
      commandId: randomUUID(),
      actor: BOOTSTRAP_ACTOR,
      correlationId: randomUUID(),
      now,
    },
  );
  tokens.apply({ streamId: result.streamId, type: 'TokenMinted', data });
  return { id, token };
}
