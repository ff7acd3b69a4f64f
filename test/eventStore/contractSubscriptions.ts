/** The subscription part of the event-store contract (see contract.ts). */
import { expect } from 'chai';
import type { EventData, EventStore, ExpectedRevision } from '../../src/eventStore/port.js';
import {
  Recorder,
  event,
  events,
  expectStrictlyIncreasing,
  ids,
  sleep,
  streamName,
  waitUntil,
} from './contractHelpers.js';

/** Registers the subscription cases; `current` answers the store the running test opened. */
export function describeSubscriptionContract(current: () => EventStore): void {
  const append = (streamId: string, batch: readonly EventData[], expectedRevision?: ExpectedRevision) =>
    current().appendToStream(streamId, batch, expectedRevision === undefined ? {} : { expectedRevision });

  describe('subscribing to $all', () => {
    it('catches up, turns live, stops, and resumes from a checkpoint without gaps or repeats', async function () {
      this.timeout(60_000);
      const [s1, s2] = [streamName('sub1'), streamName('sub2')];
      const ours = new Set([s1, s2]);
      const history = [...events(3)];
      await append(s1, history.slice(0, 2));
      await append(s2, history.slice(2));
      const first = new Recorder(ours).start(current(), 'start');
      await waitUntil(() => first.caughtUpCount > 0 && first.ours().length >= 3, 'catch-up');
      expect(first.oursAtFirstCatchUp).to.equal(3);
      const live = events(2);
      await append(s1, live.slice(0, 1));
      await append(s2, live.slice(1));
      await waitUntil(() => first.ours().length >= 5, 'live events');
      await first.stop();
      expect(ids(first.ours())).to.deep.equal(ids([...history, ...live]));
      expectStrictlyIncreasing(first.delivered.map((e) => e.position));
      expect(first.errors).to.deep.equal([]);

      const checkpoint = first.delivered.at(-1)!.position;
      const whileStopped = events(2);
      await append(s1, whileStopped);
      await sleep(300);
      expect(first.ours()).to.have.length(5);
      const second = new Recorder(ours).start(current(), checkpoint);
      await waitUntil(() => second.ours().length >= 2 && second.caughtUpCount > 0, 'resumed catch-up');
      const after = events(1);
      await append(s2, after);
      await waitUntil(() => second.ours().length >= 3, 'live after resume');
      await second.stop();
      expect(ids(second.ours())).to.deep.equal(ids([...whileStopped, ...after]));
      expect(second.delivered.every((e) => e.position > checkpoint)).to.equal(true);
      expectStrictlyIncreasing(second.delivered.map((e) => e.position));
    });

    it('starts after the checkpoint position, which is exclusive', async () => {
      const s = streamName('subfrom');
      await append(s, events(4));
      const written = await current().readStream(s);
      const recorder = new Recorder(new Set([s])).start(current(), written[1]!.position);
      await waitUntil(
        () => recorder.ours().length >= 2 && recorder.caughtUpCount > 0,
        'events after checkpoint',
      );
      await recorder.stop();
      expect(ids(recorder.ours())).to.deep.equal(ids(written.slice(2)));
    });

    it('delivers one event at a time and stop() waits for the running onEvent', async function () {
      this.timeout(30_000);
      const s = streamName('subslow');
      await append(s, [event()]);
      const fromPosition = (await current().readStream(s))[0]!.position;
      let running = 0;
      let overlapped = false;
      let delivered = 0;
      let finished = 0;
      const subscription = current().subscribeToAll({
        fromPosition,
        onEvent: async (e) => {
          if (e.streamId !== s) return;
          running += 1;
          if (running > 1) overlapped = true;
          delivered += 1;
          await sleep(150);
          running -= 1;
          finished += 1;
        },
      });
      await append(s, events(3));
      await waitUntil(() => delivered >= 1, 'a slow event to start');
      await subscription.stop();
      expect(running).to.equal(0);
      const stoppedAt = delivered;
      expect(finished).to.equal(stoppedAt);
      await append(s, events(2));
      await sleep(400);
      expect(delivered).to.equal(stoppedAt);
      expect(overlapped).to.equal(false);
    });

    it('ends the subscription and calls onError when onEvent throws', async () => {
      const s = streamName('suberror');
      await append(s, [event()]);
      const fromPosition = (await current().readStream(s))[0]!.position;
      const failures: Error[] = [];
      let seen = 0;
      const subscription = current().subscribeToAll({
        fromPosition,
        onEvent: (e) => {
          if (e.streamId !== s) return;
          seen += 1;
          throw new Error('projection failed on 西湖龙井');
        },
        onError: (error) => failures.push(error),
      });
      await append(s, events(2));
      await waitUntil(() => failures.length > 0, 'onError');
      await sleep(300);
      expect(seen).to.equal(1);
      expect(failures).to.have.length(1);
      expect(failures[0]!.message).to.contain('projection failed on 西湖龙井');
      await subscription.stop();
    });
  });
}
