import { v5 as uuidv5 } from 'uuid';
import { brandHonourDecider, type HonourKind } from '../domain/brandHonours/index.js';
import { giDecider } from '../domain/geographicalIndications/index.js';
import { madridDecider } from '../domain/madrid/index.js';
import { pinzibiaoDecider } from '../domain/pinzibiao/index.js';
import type { LocalDate } from '../domain/shared/dates.js';
import type { Command, Decider, DomainEvent } from '../domain/shared/decider.js';
import { trademarks } from '../domain/trademarks/index.js';
import type { EventStore } from '../eventStore/port.js';
import type { Actor } from './commandHandler.js';
import { recordJob, runRecordJobs, type JobOutcome, type RecordJob } from './recordJobs.js';
import { honourCounts, seedGis, seedHonour, seedPinzibiao } from './seedBrands.js';
import { CompanyBook } from './seedRandom.js';
import { seedMadrid, seedTrademark, type SeedEnv } from './seedTrademarks.js';

/**
 * The synthetic registry of `npm run seed`: a pure function of (seed, number of marks, day), turned
 * into record jobs handled like any officer's commands. Record k is the same whatever the number of
 * marks asked for, so a larger run extends a smaller one.
 */

export interface SeedOptions {
  readonly seed: string;
  readonly trademarks: number;
  /** The day the data is generated for (today in Shanghai); no date in it is later. */
  readonly asOf: LocalDate;
}

export const SEED_ACTOR: Actor = { id: 'cli:seed', role: 'officer' };
const SEED_NAMESPACE = '5e7d2a1c-9b34-5c6f-8e21-4d3a7b9c0f12';

export const seedCorrelationId = (o: SeedOptions): string =>
  uuidv5(`seed|${o.seed}|${o.trademarks}|${o.asOf}`, SEED_NAMESPACE);

/**
 * A record's command id is its seed and stream: the same seed finds its own records again on any day
 * (their dates move with the day, their numbers do not) and appends nothing.
 */
function job<C extends Command, E extends DomainEvent, S>(
  seed: string,
  decider: Decider<C, E, S>,
  commands: readonly C[],
): RecordJob {
  const streamId = decider.streamIdOf(commands[0] as C);
  const commandId = uuidv5(`seed|${seed}|${streamId}`, SEED_NAMESPACE);
  return recordJob(decider, commands, { label: streamId, commandId });
}

/** Every record of the seed, trademarks first (the Madrid registrations rest on them). */
export function seedJobs(options: SeedOptions): RecordJob[] {
  const env: SeedEnv = {
    seed: options.seed,
    asOf: options.asOf,
    book: new CompanyBook(options.seed),
    numbers: new Set(),
  };
  const jobs: RecordJob[] = [];
  const madrid: RecordJob[] = [];
  for (let i = 0; i < options.trademarks; i++) {
    const mark = seedTrademark(env, i);
    jobs.push(job(options.seed, trademarks, mark.commands));
    const ir = seedMadrid(env, mark, madrid.length === 0);
    if (ir) madrid.push(job(options.seed, madridDecider, ir));
  }
  jobs.push(...seedGis(env).map((c) => job(options.seed, giDecider, c)), ...madrid);
  const certificates = Math.max(3, Math.round(options.trademarks / 20));
  for (let j = 0; j < certificates; j++)
    jobs.push(job(options.seed, pinzibiaoDecider, seedPinzibiao(env, j)));
  for (const [kind, count] of Object.entries(honourCounts(options.trademarks)) as [HonourKind, number][]) {
    for (let j = 0; j < count; j++)
      jobs.push(job(options.seed, brandHonourDecider, seedHonour(env, kind, j)));
  }
  return jobs;
}

// A record another seed created under the same number is left as it is.
const CREATION_RULES = new Set([
  'already-recorded',
  'already-registered',
  'already-issued',
  'already-awarded',
]);

export interface SeedSummary {
  readonly records: number;
  readonly created: number;
  readonly unchanged: number;
  /** Records another seed made under the same number: left alone. */
  readonly present: number;
  /** Refusals other than those: the generator broke a rule. */
  readonly refused: readonly { readonly streamId: string; readonly reason: string }[];
}

export interface SeedRun {
  readonly now: Date;
  readonly concurrency?: number;
  onSettled?(outcome: JobOutcome): void;
}

export async function runSeed(store: EventStore, options: SeedOptions, run: SeedRun): Promise<SeedSummary> {
  const jobs = seedJobs(options);
  const outcomes = await runRecordJobs(store, jobs, {
    concurrency: run.concurrency ?? 8,
    context: {
      now: run.now,
      actor: SEED_ACTOR,
      correlationId: seedCorrelationId(options),
      reason: `seed ${options.seed}`,
    },
    ...(run.onSettled ? { onSettled: run.onSettled } : {}),
  });
  const refusals = outcomes.flatMap((o) => (o.status === 'refused' ? [o] : []));
  const present = refusals.filter((o) => CREATION_RULES.has(o.error.details.rule ?? ''));
  return {
    records: jobs.length,
    created: outcomes.filter((o) => o.status === 'imported').length,
    unchanged: outcomes.filter((o) => o.status === 'unchanged').length,
    present: present.length,
    refused: refusals
      .filter((o) => !present.includes(o))
      .map((o) => ({ streamId: o.job.streamId, reason: o.reason })),
  };
}
