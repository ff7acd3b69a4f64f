import { brandHonourDecider } from '../../src/domain/brandHonours/index.js';
import { giDecider } from '../../src/domain/geographicalIndications/index.js';
import { madridDecider } from '../../src/domain/madrid/index.js';
import { pinzibiaoDecider } from '../../src/domain/pinzibiao/index.js';
import { addDays } from '../../src/domain/shared/dates.js';
import type { Command, Decider, DomainEvent } from '../../src/domain/shared/decider.js';
import type { Holder } from '../../src/domain/shared/districts.js';
import { isRegistryError } from '../../src/domain/shared/errors.js';
import { organisationCodeCheckCharacter, usccCheckCharacter } from '../../src/domain/shared/uscc.js';
import { trademarks } from '../../src/domain/trademarks/index.js';
import type { EventData, JsonObject, RecordedEvent } from '../../src/eventStore/port.js';

/** Deciders by stream category: histories are built only through them, so every history is legal. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const DECIDERS: Record<string, Decider<any, DomainEvent, any>> = {
  trademark: trademarks,
  gi: giDecider,
  madrid: madridDecider,
  pinzibiao: pinzibiaoDecider,
  honour: brandHonourDecider,
};

/** Deciders judge legal dates against "today": far enough ahead for every generated date. */
export const DECISION_NOW = new Date('2040-01-01T00:00:00+08:00');

export function uscc(n: number): string {
  const org8 = String(n).padStart(8, '0');
  const first17 = `91330100${org8}${organisationCodeCheckCharacter(org8)}`;
  return first17 + usccCheckCharacter(first17);
}

export const DISTRICTS = ['330106', '330102', '330108', '330103', '330104', '330110', '330113'] as const;
const ADDRESSES: Record<string, string | undefined> = {
  '330104': '杭州市下沙街道1号',
  '330110': '杭州市临平街道2号',
};

export function holder(n: number, district: string = DISTRICTS[n % DISTRICTS.length] as string): Holder {
  const address = n % 2 === 0 ? ADDRESSES[district] : undefined;
  return { name: `企业${n}`, uscc: uscc(n), district, ...(address ? { address } : {}) };
}

/**
 * Runs commands through the real deciders and keeps the events as an event store would record them:
 * revisions per stream, a growing global position, `recordedAt` a minute apart.
 */
export class LegalHistory {
  readonly events: RecordedEvent[] = [];
  private readonly states = new Map<string, unknown>();
  private readonly revisions = new Map<string, bigint>();
  private clock = Date.parse('2021-01-01T09:00:00+08:00');

  state<S>(streamId: string): S | undefined {
    return this.states.get(streamId) as S | undefined;
  }

  /** Decides and records; answers false (recording nothing) when the decider refuses. */
  run(category: string, command: Command): boolean {
    const decider = DECIDERS[category] as Decider<Command, DomainEvent, unknown>;
    const streamId = decider.streamIdOf(command);
    let state = this.states.get(streamId) ?? decider.initialState;
    let produced: DomainEvent[];
    try {
      produced = decider.decide(command, state, DECISION_NOW);
    } catch (e) {
      if (isRegistryError(e)) return false;
      throw e;
    }
    this.clock += 60_000;
    for (const event of produced) {
      state = decider.evolve(state, event);
      const revision = (this.revisions.get(streamId) ?? -1n) + 1n;
      this.revisions.set(streamId, revision);
      const effectiveDate = decider.effectiveDateOf(event);
      this.events.push({
        streamId,
        revision,
        id: `${streamId}-${revision}`,
        type: event.type,
        data: event.data,
        metadata: {
          recordedAt: new Date(this.clock).toISOString(),
          ...(effectiveDate === undefined ? {} : { effectiveDate }),
        },
        position: BigInt(this.events.length + 1) * 10n,
        created: new Date(this.clock),
      });
    }
    this.states.set(streamId, state);
    return produced.length > 0;
  }

  /** The moment just after the last recorded event. */
  now(): Date {
    return new Date(this.clock + 1);
  }
}

/** Events as a store appends them (grouped per stream in recorded order is not needed: one by one). */
export const toEventData = (e: RecordedEvent, i: number): EventData => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  type: e.type,
  data: e.data as JsonObject,
  metadata: e.metadata,
});

export const day = (base: string, n: number): string => addDays(base, n);
