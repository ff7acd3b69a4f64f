/** Helpers of the event-store contract suite (contract.ts). */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import {
  WrongExpectedVersionError,
  type EventData,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
  type Subscription,
} from '../../src/eventStore/port.js';

export const streamName = (label: string): string =>
  `contractTest-${label}_${randomUUID().replaceAll('-', '')}`;

export const event = (type = 'Noted', data: JsonObject = {}, metadata?: JsonObject): EventData =>
  metadata === undefined ? { id: randomUUID(), type, data } : { id: randomUUID(), type, data, metadata };

export const events = (n: number, type = 'Noted'): EventData[] =>
  Array.from({ length: n }, (_, i) => event(type, { i }));

export const ids = (recorded: readonly { id: string }[]): string[] => recorded.map((e) => e.id);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export async function expectWrongExpectedVersion(
  attempt: Promise<unknown>,
  actual: bigint | 'no_stream',
): Promise<WrongExpectedVersionError> {
  try {
    await attempt;
  } catch (e) {
    expect(e).to.be.instanceOf(WrongExpectedVersionError);
    const error = e as WrongExpectedVersionError;
    expect(error.actual).to.equal(actual);
    return error;
  }
  expect.fail(`expected a WrongExpectedVersionError (actual ${String(actual)})`);
}

/** A subscription that records what it is given, for tests to wait on. */
export class Recorder {
  readonly delivered: RecordedEvent[] = [];
  readonly errors: Error[] = [];
  caughtUpCount = 0;
  /** How many of the given streams' events had arrived when `onCaughtUp` first fired. */
  oursAtFirstCatchUp = -1;
  subscription: Subscription | undefined;

  constructor(private readonly streams: ReadonlySet<string>) {}

  start(store: EventStore, fromPosition: 'start' | bigint): this {
    this.subscription = store.subscribeToAll({
      fromPosition,
      onEvent: (e) => {
        this.delivered.push(e);
      },
      onCaughtUp: () => {
        this.caughtUpCount += 1;
        if (this.oursAtFirstCatchUp < 0) this.oursAtFirstCatchUp = this.ours().length;
      },
      onError: (e) => {
        this.errors.push(e);
      },
    });
    return this;
  }

  ours(): RecordedEvent[] {
    return this.delivered.filter((e) => this.streams.has(e.streamId));
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }
}

export function expectStrictlyIncreasing(positions: readonly bigint[]): void {
  for (let i = 1; i < positions.length; i += 1) {
    expect(positions[i]! > positions[i - 1]!, `position ${i} grows`).to.equal(true);
  }
}
