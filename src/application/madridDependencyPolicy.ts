import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { v5 as uuidv5 } from 'uuid';
import { isRegistryError } from '../domain/shared/errors.js';
import { madridDecider, type MadridRegistrationRecorded } from '../domain/madrid/index.js';
import {
  toTrademarkStreamId,
  trademarkCessationOf,
  trademarks,
  type TrademarkEvent,
} from '../domain/trademarks/index.js';
import {
  categoryOf,
  readStreamOrEmpty,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '../eventStore/port.js';
import { handleCommand, type Actor } from './commandHandler.js';

/**
 * Madrid dependency (Protocol Art. 6(3)): when a basic Chinese mark ceases to have effect, every IR
 * resting on it that is still inside its five dependent years is cancelled, the cancellation's
 * `$causationId` pointing at the basic mark's event. The policy follows the log; an IR recorded
 * after its basic mark had already ceased is judged when it arrives. The Madrid decider judges the
 * period; this only finds the pairs. Command ids derive from (IR, cause event), so an event seen
 * twice (after a restart before the checkpoint was saved) cancels nothing twice.
 */

export const MADRID_POLICY_ACTOR: Actor = { id: 'policy:madrid-dependency', role: 'system' };
const NAMESPACE = 'd9a7e3c4-52f1-5b8e-8c6a-0e4b2f1d3a97';
const CHECKPOINT_EVERY = 1000;

export class MadridDependencyPolicy {
  private subscription: Subscription | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly db: Database.Database;
  private position: bigint | null;
  private unsaved = 0;
  private readonly statements;

  constructor(
    private readonly store: EventStore,
    file: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS madrid_basic_marks (
        basic_number TEXT NOT NULL, irn TEXT NOT NULL, PRIMARY KEY (basic_number, irn)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS policy_checkpoints (name TEXT PRIMARY KEY, position TEXT NOT NULL);`);
    const saved = this.db
      .prepare<[string], string>('SELECT position FROM policy_checkpoints WHERE name = ?')
      .pluck()
      .get('madrid-dependency');
    this.position = saved === undefined ? null : BigInt(saved);
    this.statements = {
      remember: this.db.prepare<[string, string]>(
        'INSERT OR IGNORE INTO madrid_basic_marks (basic_number, irn) VALUES (?, ?)',
      ),
      dependants: this.db
        .prepare<[string], string>('SELECT irn FROM madrid_basic_marks WHERE basic_number = ?')
        .pluck(),
      checkpoint: this.db.prepare<[string]>(
        `INSERT INTO policy_checkpoints (name, position) VALUES ('madrid-dependency', ?)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
      ),
    };
  }

  /**
   * Follows the log from the checkpoint. A failure (the store down while a cancellation is written)
   * is reported, and the policy picks up again from the last event it finished after `retryMs`.
   */
  start(onError: (e: Error) => void = () => {}, retryMs = 5000): void {
    this.stopped = false;
    this.subscription = this.store.subscribeToAll({
      fromPosition: this.position ?? 'start',
      onEvent: (e) => this.handle(e),
      onError: (e) => {
        onError(e);
        if (this.stopped) return;
        this.retry = setTimeout(() => this.start(onError, retryMs), retryMs);
      },
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.subscription?.stop();
    this.subscription = undefined;
    this.saveCheckpoint();
    this.db.close();
  }

  /** Takes in one event of the log (the subscription calls it; tests may too). */
  async handle(e: RecordedEvent): Promise<void> {
    const category = categoryOf(e.streamId);
    if (category === madridDecider.category && e.type === 'MadridRegistrationRecorded') {
      await this.onIrRecorded(e.data as MadridRegistrationRecorded['data']);
    } else if (category === trademarks.category) {
      await this.onTrademarkEvent(e);
    }
    this.position = e.position;
    if (++this.unsaved >= CHECKPOINT_EVERY) this.saveCheckpoint();
  }

  private async onIrRecorded(ir: MadridRegistrationRecorded['data']): Promise<void> {
    this.statements.remember.run(ir.basicTrademarkNumber, ir.irn);
    const history = await readStreamOrEmpty(this.store, toTrademarkStreamId(ir.basicTrademarkNumber));
    for (const event of history) await this.cancelDependants(event, [ir.irn]);
  }

  private async onTrademarkEvent(e: RecordedEvent): Promise<void> {
    if (trademarkCessationOf({ type: e.type, data: e.data } as TrademarkEvent) === undefined) return;
    const number = e.streamId.slice(e.streamId.indexOf('-') + 1);
    const irns = this.statements.dependants.all(number);
    await this.cancelDependants(e, irns);
  }

  private async cancelDependants(cause: RecordedEvent, irns: readonly string[]): Promise<void> {
    const cessation = trademarkCessationOf({ type: cause.type, data: cause.data } as TrademarkEvent);
    if (cessation === undefined) return;
    const number = cause.streamId.slice(cause.streamId.indexOf('-') + 1);
    for (const irn of irns) {
      const correlation = cause.metadata['$correlationId'];
      try {
        await handleCommand(
          this.store,
          madridDecider,
          {
            type: 'CancelMadridForCentralAttack',
            data: { irn, basicTrademarkNumber: number, ceasedOn: cessation.ceasedOn, cause: cessation.cause },
          },
          {
            commandId: uuidv5(`central-attack|${irn}|${cause.id}`, NAMESPACE),
            actor: MADRID_POLICY_ACTOR,
            correlationId: typeof correlation === 'string' ? correlation : cause.id,
            causationId: cause.id,
            now: this.clock(),
          },
        );
      } catch (error) {
        // Outside the five dependent years, or already cancelled: the IR stands on its own.
        if (isRegistryError(error) && (error.code === 'rule' || error.code === 'not-found')) continue;
        throw error;
      }
    }
  }

  private saveCheckpoint(): void {
    if (this.position === null || this.unsaved === 0) return;
    this.statements.checkpoint.run(this.position.toString());
    this.unsaved = 0;
  }
}
