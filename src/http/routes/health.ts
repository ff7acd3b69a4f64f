import { Router } from 'express';
import type { EventStore } from '../../eventStore/port.js';
import type { Ctx } from '../context.js';

const PROBE_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * How many events of the log the read models have not taken in, counted up to `cap + 1` (an exact
 * count in events, whatever the store's position arithmetic).
 */
export async function projectionLag(
  store: EventStore,
  checkpoint: bigint | null,
  cap: number,
): Promise<number> {
  const events = await store.readAll({ fromPosition: checkpoint ?? 'start', maxCount: cap + 2 });
  const behind = checkpoint === null ? events : events.filter((e) => e.position > checkpoint);
  return Math.min(behind.length, cap + 1);
}

export function healthRouter(ctx: Ctx): Router {
  const router = Router();

  // Liveness: the process answers. Whether it can serve is /readyz.
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', store: ctx.store.description, uptimeSeconds: Math.round(process.uptime()) });
  });

  router.get('/readyz', async (_req, res) => {
    const checkpoint = ctx.projections.readModels.checkpoint();
    try {
      const behind = await withTimeout(
        projectionLag(ctx.store, checkpoint, ctx.readinessMaxLag),
        PROBE_TIMEOUT_MS,
      );
      const ready = behind <= ctx.readinessMaxLag;
      res.status(ready ? 200 : 503).json({
        status: ready ? 'ready' : 'not-ready',
        store: 'reachable',
        projections: { checkpoint: checkpoint?.toString() ?? null, behind, maxBehind: ctx.readinessMaxLag },
      });
    } catch (e) {
      res.status(503).json({
        status: 'not-ready',
        store: 'unreachable',
        detail: e instanceof Error ? e.message : String(e),
        projections: { checkpoint: checkpoint?.toString() ?? null },
      });
    }
  });
  return router;
}
