import { Router } from 'express';
import { handleCommand } from '../../application/commandHandler.js';
import { notFoundError } from '../../domain/shared/errors.js';
import { tokenDecider, type TokenCommand } from '../../domain/tokens/index.js';
import { actorOf, allow } from '../auth.js';
import type { Ctx } from '../context.js';
import { mintTokenBodySchema, tokenIdParamSchema } from '../schemas.js';
import { generateToken, generateTokenId, hashToken } from '../tokenIndex.js';
import { parse } from '../validate.js';
import { commandContextOf, etagOf, performWrite, settle } from '../writes.js';

/**
 * Tokens are minted and revoked through the command handler like any record (stream `token-<id>`).
 * A mint does not honour Idempotency-Key: replaying its answer would mean keeping the clear token.
 */
export function tokenRouter(ctx: Ctx): Router {
  const router = Router();

  // Who the caller is, for any valid token: a client (the web page) learns its role without probing.
  router.get('/tokens/me', (req, res) => {
    const actor = actorOf(req);
    const entry = ctx.tokens.get(actor.id);
    res
      .setHeader('Cache-Control', 'no-store')
      .json({ id: actor.id, name: entry?.name ?? null, role: actor.role });
  });

  router.get('/tokens', allow('admin'), (_req, res) => {
    res.json({
      items: ctx.tokens.list().map(({ id, name, role, revoked }) => ({ id, name, role, revoked })),
    });
  });

  router.post('/tokens', allow('admin'), async (req, res) => {
    const { name, role } = parse(mintTokenBodySchema, req.body, 'body');
    const token = generateToken();
    const id = generateTokenId();
    const command: TokenCommand = {
      type: 'MintToken',
      data: { id, name, role, tokenHash: hashToken(token), mintedBy: actorOf(req).id },
    };
    const result = await handleCommand(
      ctx.store,
      tokenDecider,
      command,
      commandContextOf(ctx, req, undefined),
    );
    ctx.tokens.apply({ streamId: result.streamId, type: 'TokenMinted', data: command.data });
    await settle(ctx, req, result);
    res
      .status(201)
      .setHeader('ETag', etagOf(result.revision))
      .setHeader('Location', `/api/v1/tokens/${id}`)
      .setHeader('Cache-Control', 'no-store')
      .json({ id, name, role, token });
  });

  router.delete('/tokens/:id', allow('admin'), async (req, res) => {
    const id = parse(tokenIdParamSchema, req.params['id'], 'params');
    const entry = ctx.tokens.get(id);
    if (entry === undefined) throw notFoundError(`no token ${id}`);
    await performWrite(ctx, req, res, {
      id,
      decider: tokenDecider,
      command: { type: 'RevokeToken', data: { id, revokedBy: actorOf(req).id } },
    });
    // Effective at once in this process; other servers take it in from the log.
    ctx.tokens.apply({
      streamId: `token-${id}`,
      type: 'TokenRevoked',
      data: { id, role: entry.role, revokedBy: '' },
    });
  });
  return router;
}
