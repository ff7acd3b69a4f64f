import { Router } from 'express';
import { actorOf, allow } from '../auth.js';
import type { Ctx } from '../context.js';
import { lapseBodySchema } from '../schemas.js';
import { parse } from '../validate.js';

export function policyRouter(ctx: Ctx): Router {
  const router = Router();
  router.post('/policies/lapse', allow('write'), async (req, res) => {
    const { asOf } = parse(lapseBodySchema, req.body, 'body');
    const report = await ctx.lapse(ctx.store, {
      asOf,
      now: ctx.clock(),
      correlationId: String(req.id),
      actor: actorOf(req),
    });
    // Read-your-writes: the lapses are somewhere before the head of the log.
    const [head] = await ctx.store.readAll({ fromPosition: 'end', direction: 'backwards', maxCount: 1 });
    if (head !== undefined) {
      await ctx.projections.waitFor(head.position, ctx.readYourWritesTimeoutMs).catch(() => undefined);
    }
    res.json(report);
  });
  return router;
}
