import { expect } from 'chai';
import type { Command, Decider, DomainEvent } from '../../src/domain/shared/decider.js';
import { isRegistryError, type ErrorCode } from '../../src/domain/shared/errors.js';

/** A fixed moment for specs that do not care about "today": 2030-01-01 in Shanghai. */
export const DEFAULT_NOW = new Date('2030-01-01T12:00:00+08:00');

export interface DeciderWhen<E> {
  /** Asserts exactly these events, in order. */
  then(expected: readonly E[]): void;
  /** Asserts a RegistryError with this code and, when given, this rule. */
  thenThrows(code: ErrorCode, rule?: string): void;
}

export interface DeciderGiven<C, E> {
  when(command: C, now?: Date): DeciderWhen<E>;
}

export interface DeciderSpec<C, E> {
  given(events: readonly E[]): DeciderGiven<C, E>;
}

/**
 * Given/when/then for deciders: `given` folds the history with `evolve`, `when` runs `decide`, and
 * `then`/`thenThrows` assert the outcome. Both return nothing, so a test may return the whole chain.
 */
export const deciderSpec = <C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
): DeciderSpec<C, E> => ({
  given: (events) => ({
    when: (command, now = DEFAULT_NOW) => {
      const run = (): E[] => {
        const state = events.reduce((s, e) => decider.evolve(s, e), decider.initialState);
        return decider.decide(command, state, now);
      };
      return {
        then: (expected) => {
          expect(run()).to.deep.equal(expected);
        },
        thenThrows: (code, rule) => {
          let thrown: unknown;
          let produced: E[] | undefined;
          try {
            produced = run();
          } catch (e) {
            thrown = e;
          }
          expect(produced, `expected a ${code} error, got events ${JSON.stringify(produced)}`).to.equal(
            undefined,
          );
          if (!isRegistryError(thrown)) throw thrown;
          expect(thrown.code, thrown.message).to.equal(code);
          if (rule !== undefined) expect(thrown.details.rule, thrown.message).to.equal(rule);
        },
      };
    },
  }),
});

export const specFor = deciderSpec;
