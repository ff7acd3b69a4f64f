import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readAllAfter, type EventData } from '../src/eventStore/port.js';
import { SqliteEventStore, type StreamAppend } from '../src/eventStore/sqlite.js';
import { ProjectionHost } from '../src/projections/host.js';
import { recordedLog } from './projections.js';

/**
 * What `npm run projections:rebuild` does at the plan's scale: the projection bench's log written into
 * the embedded store, then read back three ways — decoded alone (the most any rebuild from this store
 * can reach), and folded into fresh read models by the host. Peak RSS is the process's, so run it as
 * its own section (`--only rebuild-from-store`) for a memory figure of its own.
 */
export async function benchRebuildFromStore(
  trademarks = 1_250_000,
  log: (s: string) => void = console.log,
): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-rebuild-'));
  const store = SqliteEventStore.open(path.join(dir, 'registry.db'));
  try {
    let written = 0;
    let started = performance.now();
    let pending: StreamAppend[] = [];
    let current: { streamId: string; events: EventData[] } | undefined;
    const flush = async () => {
      await store.appendMany(pending);
      pending = [];
    };
    for (const e of recordedLog(trademarks)) {
      if (current?.streamId !== e.streamId) {
        if (pending.length >= 2_000) await flush();
        current = { streamId: e.streamId, events: [] };
        pending.push({ streamId: e.streamId, expectedRevision: 'no_stream', events: current.events });
      }
      current.events.push({ id: randomUUID(), type: e.type, data: e.data, metadata: e.metadata });
      written++;
    }
    await flush();
    let seconds = (performance.now() - started) / 1000;
    log(
      `wrote the log: ${written} events in ${seconds.toFixed(1)} s (appendMany, 2,000 streams a transaction)`,
    );

    started = performance.now();
    let decoded = 0;
    for await (const _ of readAllAfter(store, 'start', 5_000)) decoded++;
    seconds = (performance.now() - started) / 1000;
    log(
      `read and decoded the whole log, nothing else: ${Math.round(decoded / seconds)} events/s (the ceiling for a rebuild from this store)`,
    );

    const host = ProjectionHost.open(path.join(dir, 'read-models'));
    try {
      started = performance.now();
      const n = await host.rebuild(store);
      seconds = (performance.now() - started) / 1000;
      log(
        `rebuild from the store: ${n} events in ${seconds.toFixed(1)} s = ${Math.round(n / seconds)} events/s (target ≥ 200000)`,
      );
    } finally {
      await host.close();
    }
    log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (target < 1024)`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
