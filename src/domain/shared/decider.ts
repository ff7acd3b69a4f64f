import type { JsonObject } from '../../eventStore/port.js';

/** A domain event as the deciders see it; ids and metadata are added by the application layer. */
export interface DomainEvent<T extends string = string, D extends JsonObject = JsonObject> {
  readonly type: T;
  readonly data: D;
}

/** A command: its type names the intent in the imperative (`RegisterTrademark`), `data` is validated input. */
export interface Command<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/**
 * One register's pure core: events fold into a state with `evolve`, and `decide` turns a command and
 * the current state into new events or a `RegistryError`. Nothing here does I/O or reads the clock:
 * `now` (the moment the command is handled) comes in as an argument.
 */
export interface Decider<C extends Command, E extends DomainEvent, S> {
  /** The stream category, as in api.md (`trademark`, `gi`, `madrid`, `pinzibiao`, `honour`). */
  readonly category: string;
  /** The stream a command addresses, e.g. `trademark-12345678`. */
  streamIdOf(command: C): string;
  readonly initialState: S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S, now: Date): E[];
  /** The legal date from which the event takes effect, where it has one (goes into metadata). */
  effectiveDateOf(event: E): string | undefined;
}
