import type { Command, Decider, DomainEvent } from '../domain/shared/decider.js';
import { isRegistryError, type RegistryError } from '../domain/shared/errors.js';
import type { EventStore } from '../eventStore/port.js';
import { handleCommands, type CommandContext, type CommandResult } from './commandHandler.js';

/**
 * One record's commands, handled as one (`handleCommands`): the unit of a bulk import and of the
 * seed. Everything a job appends carries its own deterministic command id, so a rerun is a no-op.
 */
export interface RecordJob {
  /** What a report calls the job: the CSV row, or the stream for generated data. */
  readonly label: string;
  /** Jobs on the same stream run one after the other, in the order given. */
  readonly streamId: string;
  readonly commandId: string;
  submit(store: EventStore, ctx: CommandContext): Promise<CommandResult>;
  /** Why the record was refused, in the words of the input (a CSV column); defaults to the message. */
  explain?(store: EventStore, error: RegistryError, now: Date): Promise<string>;
}

export type JobOutcome =
  | { readonly job: RecordJob; readonly status: 'imported' | 'unchanged'; readonly result: CommandResult }
  | {
      readonly job: RecordJob;
      readonly status: 'refused';
      readonly error: RegistryError;
      readonly reason: string;
    };

export interface JobRun {
  /** Records in flight at once; EventStoreDB round trips overlap, the embedded store barely cares. */
  readonly concurrency: number;
  /** The context every command shares; each job brings its own `commandId`. */
  readonly context: Omit<CommandContext, 'commandId'>;
  onSettled?(outcome: JobOutcome): void;
}

/** Builds a job for one record of one register. */
export function recordJob<C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  commands: readonly C[],
  ids: { readonly label: string; readonly commandId: string },
): RecordJob {
  const [first] = commands;
  if (first === undefined) throw new Error(`${ids.label}: a record job needs at least one command`);
  return {
    ...ids,
    streamId: decider.streamIdOf(first),
    submit: (store, ctx) => handleCommands(store, decider, commands, ctx),
  };
}

// The refusals that belong to one record; anything else (store down, a bug) stops the whole run.
const isRecordRefusal = (e: unknown): e is RegistryError =>
  isRegistryError(e) && ['rule', 'not-found', 'validation', 'concurrency'].includes(e.code);

async function settle(store: EventStore, job: RecordJob, run: JobRun): Promise<JobOutcome> {
  try {
    const result = await job.submit(store, { ...run.context, commandId: job.commandId });
    const status = result.replayed || result.events.length === 0 ? 'unchanged' : 'imported';
    return { job, status, result };
  } catch (error) {
    if (!isRecordRefusal(error)) throw error;
    const reason = job.explain ? await job.explain(store, error, run.context.now) : error.message;
    return { job, status: 'refused', error, reason };
  }
}

/**
 * Runs the jobs with up to `concurrency` records in flight; jobs on one stream wait for each other so
 * that a file's rows for one record apply in file order. Outcomes come back in input order. The first
 * error that is not a record's refusal stops taking new jobs and is thrown once the running ones end.
 */
export async function runRecordJobs(
  store: EventStore,
  jobs: readonly RecordJob[],
  run: JobRun,
): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = new Array<JobOutcome>(jobs.length);
  const tails = new Map<string, Promise<unknown>>();
  let next = 0;
  let failure: { error: unknown } | undefined;

  const worker = async (): Promise<void> => {
    while (failure === undefined && next < jobs.length) {
      const index = next++;
      const job = jobs[index] as RecordJob;
      const before = tails.get(job.streamId);
      const mine = (async () => {
        if (before) await before.catch(() => undefined);
        return settle(store, job, run);
      })();
      tails.set(job.streamId, mine);
      try {
        const outcome = await mine;
        outcomes[index] = outcome;
        run.onSettled?.(outcome);
      } catch (error) {
        failure ??= { error };
      } finally {
        if (tails.get(job.streamId) === mine) tails.delete(job.streamId);
      }
    }
  };

  const workers = Math.max(1, Math.min(run.concurrency, jobs.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure) throw failure.error;
  return outcomes;
}

export interface JobTally {
  readonly imported: number;
  readonly unchanged: number;
  readonly refused: number;
}

export const tally = (outcomes: readonly JobOutcome[]): JobTally => ({
  imported: outcomes.filter((o) => o.status === 'imported').length,
  unchanged: outcomes.filter((o) => o.status === 'unchanged').length,
  refused: outcomes.filter((o) => o.status === 'refused').length,
});
