import { v5 as uuidv5 } from 'uuid';
import { giDecider, GI_CATEGORY } from '../domain/geographicalIndications/index.js';
import type { LocalDate } from '../domain/shared/dates.js';
import { isRegistryError } from '../domain/shared/errors.js';
import { trademarks } from '../domain/trademarks/index.js';
import { categoryOf, readAllAfter, type EventStore } from '../eventStore/port.js';
import { handleCommand, type Actor } from './commandHandler.js';

/**
 * The lapse policy: every registration whose grace period ended on or before `asOf` without a
 * renewal is recorded as lapsed. The deciders judge each candidate (a candidate that is not due is
 * refused by its rule and skipped), so the rule lives in the domain only; a candidate source merely
 * narrows the work. Running it again for the same day appends nothing: each lapse's command id is
 * derived from the stream and the day.
 */

export const LAPSE_POLICY_ACTOR: Actor = { id: 'policy:lapse', role: 'system' };
const POLICY_NAMESPACE = 'b3c1f1de-8f8e-5f0e-9d0c-7a5b1c2e4f60';

export interface LapseReport {
  readonly asOf: LocalDate;
  readonly checked: number;
  readonly lapsed: readonly string[];
}

export interface LapseRun {
  readonly asOf: LocalDate;
  readonly now: Date;
  readonly correlationId: string;
  readonly actor?: Actor;
  /** Stream ids worth checking (e.g. from a read model of expiries); default: every trademark and GI stream. */
  readonly candidates?: AsyncIterable<string> | Iterable<string>;
}

/** Every trademark and GI stream in the log, each once, in the order they first appear. */
export async function* registrationStreams(store: EventStore): AsyncGenerator<string> {
  const seen = new Set<string>();
  for await (const e of readAllAfter(store, 'start', 5000)) {
    if (e.revision !== 0n || seen.has(e.streamId)) continue;
    const category = categoryOf(e.streamId);
    if (category === trademarks.category || category === GI_CATEGORY) {
      seen.add(e.streamId);
      yield e.streamId;
    }
  }
}

async function lapseOne(store: EventStore, streamId: string, run: LapseRun): Promise<boolean> {
  const id = streamId.slice(streamId.indexOf('-') + 1);
  const ctx = {
    commandId: uuidv5(`lapse|${streamId}|${run.asOf}`, POLICY_NAMESPACE),
    actor: run.actor ?? LAPSE_POLICY_ACTOR,
    correlationId: run.correlationId,
    now: run.now,
  };
  const result =
    categoryOf(streamId) === GI_CATEGORY
      ? await handleCommand(store, giDecider, { type: 'RecordGiLapse', data: { id, asOf: run.asOf } }, ctx)
      : await handleCommand(
          store,
          trademarks,
          { type: 'RecordTrademarkLapse', data: { number: id, asOf: run.asOf } },
          ctx,
        );
  return result.events.length > 0 && !result.replayed;
}

export async function runLapsePolicy(store: EventStore, run: LapseRun): Promise<LapseReport> {
  const lapsed: string[] = [];
  let checked = 0;
  for await (const streamId of run.candidates ?? registrationStreams(store)) {
    checked++;
    try {
      if (await lapseOne(store, streamId, run)) lapsed.push(streamId);
    } catch (e) {
      // Not due (still in term or grace, renewed, already ended) or not a registration: not this policy's business.
      if (isRegistryError(e) && (e.code === 'rule' || e.code === 'not-found')) continue;
      throw e;
    }
  }
  return { asOf: run.asOf, checked, lapsed };
}
