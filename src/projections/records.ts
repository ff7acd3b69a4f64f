import type Database from 'better-sqlite3';
import { evolveBrandHonour, initialBrandHonourState } from '../domain/brandHonours/state.js';
import { addYears, renewalWindow, type LocalDate } from '../domain/shared/dates.js';
import { currentDistrictOf, type Holder } from '../domain/shared/districts.js';
import { evolveGi, initialGiState } from '../domain/geographicalIndications/state.js';
import { evolveMadrid, initialMadridState } from '../domain/madrid/state.js';
import { evolvePinzibiao, initialPinzibiaoState } from '../domain/pinzibiao/state.js';
import { evolveTrademark, initialTrademarkState } from '../domain/trademarks/state.js';
import { categoryOf, type RecordedEvent } from '../eventStore/port.js';
import { BatchedInsert, StoredKeys } from './batchWrite.js';
import type { RegisterName } from './readModels.js';

/**
 * One row per record for search and the docket. The record's state is the register's own `evolve`
 * (the same fold the command side uses), so statuses and dates mean exactly what the domain says.
 */

type State = { status: string } & Record<string, unknown>;

interface RowFields {
  id: string;
  text: string;
  holder?: Holder;
  classes?: readonly number[];
  validFrom?: LocalDate;
  expiry?: LocalDate;
  /** Terms that may be renewed (trademark law, Madrid). */
  renewable?: boolean;
  oppositionEnds?: LocalDate;
  surveillanceDue?: LocalDate;
}

interface RegisterSpec {
  readonly register: RegisterName;
  readonly initial: State;
  evolve(state: State, event: { type: string; data: unknown }): State;
  fields(state: State): RowFields;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The next annual surveillance: the first anniversary of issue after the last audit, before expiry. */
function surveillanceDue(s: State): LocalDate | undefined {
  const issuedOn = str(s['issuedOn']);
  const expiresOn = str(s['expiresOn']);
  if (issuedOn === undefined || expiresOn === undefined || s.status === 'withdrawn') return undefined;
  const audit = s['lastAudit'] as { auditedOn: LocalDate } | undefined;
  const after = audit !== undefined && audit.auditedOn > issuedOn ? audit.auditedOn : issuedOn;
  for (let k = 1; k < 10; k++) {
    const due = addYears(issuedOn, k);
    if (due >= expiresOn) return undefined;
    if (due > after) return due;
  }
  return undefined;
}

// Casts below are the bridge from the generic row builder to each register's typed evolve.
/* eslint-disable @typescript-eslint/no-explicit-any */
const SPECS: Readonly<Record<string, RegisterSpec>> = {
  trademark: {
    register: 'trademarks',
    initial: initialTrademarkState as State,
    evolve: (s, e) => evolveTrademark(s as any, e as any) as State,
    // Filled field by field: every trademark event writes a row, and spreading empty objects for the
    // absent fields cost more than the rest of the row.
    fields: (s) => {
      const f: RowFields = {
        id: String(s['number']),
        text: String(s['markText'] ?? ''),
        holder: s['holder'] as Holder,
        classes: s['classes'] as number[],
      };
      const validFrom = str(s['registrationDate']);
      if (validFrom) f.validFrom = validFrom;
      const expiry = str(s['expiryDate']);
      if (expiry) {
        f.expiry = expiry;
        f.renewable = true;
      }
      const oppositionEnds = str(s['oppositionPeriodEnds']);
      if (s.status === 'published' && oppositionEnds) f.oppositionEnds = oppositionEnds;
      return f;
    },
  },
  gi: {
    register: 'geographical-indications',
    initial: initialGiState as State,
    evolve: (s, e) => evolveGi(s as any, e as any) as State,
    fields: (s) => ({
      id: String(s['id']),
      text: `${String(s['name'] ?? '')} ${String(s['product'] ?? '')}`,
      holder: s['holder'] as Holder,
      validFrom: String(s['registeredOn']),
      ...(str(s['expiryDate']) ? { expiry: str(s['expiryDate']) as string, renewable: true } : {}),
    }),
  },
  madrid: {
    register: 'madrid-registrations',
    initial: initialMadridState as State,
    evolve: (s, e) => evolveMadrid(s as any, e as any) as State,
    fields: (s) => ({
      id: String(s['irn']),
      text: `${String(s['irn'])} ${String(s['basicTrademarkNumber'] ?? '')}`,
      holder: s['holder'] as Holder,
      classes: s['classes'] as number[],
      validFrom: String(s['registrationDate']),
      expiry: String(s['expiryDate']),
      renewable: true,
    }),
  },
  pinzibiao: {
    register: 'pinzibiao',
    initial: initialPinzibiaoState as State,
    evolve: (s, e) => evolvePinzibiao(s as any, e as any) as State,
    fields: (s) => {
      const due = surveillanceDue(s);
      return {
        id: String(s['certificateNumber']),
        text: `${String(s['product'] ?? '')} ${String(s['standardCode'] ?? '')}`,
        holder: s['enterprise'] as Holder,
        validFrom: String(s['issuedOn']),
        expiry: String(s['expiresOn']),
        ...(due === undefined ? {} : { surveillanceDue: due }),
      };
    },
  },
  honour: {
    register: 'brand-honours',
    initial: initialBrandHonourState as State,
    evolve: (s, e) => evolveBrandHonour(s as any, e as any) as State,
    fields: (s) => ({
      id: String(s['id']),
      text: String(s['title'] ?? ''),
      holder: s['holder'] as Holder,
      validFrom: String(s['awardedOn']),
      ...(str(s['validUntil']) ? { expiry: str(s['validUntil']) as string } : {}),
    }),
  },
};
/* eslint-enable @typescript-eslint/no-explicit-any */

export const REGISTER_CATEGORIES: Readonly<Record<RegisterName, string>> = {
  trademarks: 'trademark',
  'geographical-indications': 'gi',
  'madrid-registrations': 'madrid',
  pinzibiao: 'pinzibiao',
  'brand-honours': 'honour',
};

const RECORD_COLUMNS = `stream_id, register, id, text, holder_name, uscc, district, classes, status,
  valid_from, expiry, grace_ends, renewal_opens, opposition_ends, surveillance_due, state`;

/** Clean states kept between batches (about 0.5 KB of text each). */
const CACHED_STATES = 50_000;

/** Keeps the `records` table: states cached between batches, dirty ones written with the batch. */
export class RecordsProjection {
  /** States changed since the last flush. */
  private readonly cache = new Map<string, State>();
  private readonly dirty = new Set<string>();
  /**
   * Clean states as the JSON text last written: far smaller than the object graph, and it keeps no
   * event's data (holders, classes) alive. States are JSON-plain, so parsing one back loses nothing.
   */
  private readonly written = new Map<string, string>();
  private stmts!: { load: Database.Statement<[string], string>; upsert: BatchedInsert };
  private stored!: StoredKeys;

  constructor(db: Database.Database) {
    this.attach(db);
    this.stored = new StoredKeys(db.prepare('SELECT 1 FROM records LIMIT 1').get() === undefined);
  }

  /** Reads and writes another connection from now on (a rebuilt file swapped in). */
  attach(db: Database.Database): void {
    this.stmts = {
      load: db.prepare<[string], string>('SELECT state FROM records WHERE stream_id = ?').pluck(),
      upsert: new BatchedInsert(
        db,
        `INSERT INTO records (${RECORD_COLUMNS})`,
        16,
        `ON CONFLICT (stream_id) DO UPDATE SET text = excluded.text, holder_name = excluded.holder_name,
          uscc = excluded.uscc, district = excluded.district, classes = excluded.classes,
          status = excluded.status, valid_from = excluded.valid_from, expiry = excluded.expiry,
          grace_ends = excluded.grace_ends, renewal_opens = excluded.renewal_opens,
          opposition_ends = excluded.opposition_ends, surveillance_due = excluded.surveillance_due,
          state = excluded.state`,
      ),
    };
  }

  apply(event: RecordedEvent): void {
    const spec = SPECS[categoryOf(event.streamId)];
    if (spec === undefined) return;
    let state = this.cache.get(event.streamId);
    if (state === undefined) {
      const text = this.written.get(event.streamId);
      if (text !== undefined) this.written.delete(event.streamId);
      const stored =
        text ?? (this.stored.mayHave(event.streamId) ? this.stmts.load.get(event.streamId) : undefined);
      state = stored === undefined ? spec.initial : (JSON.parse(stored) as State);
    }
    this.cache.set(event.streamId, spec.evolve(state, { type: event.type, data: event.data }));
    this.dirty.add(event.streamId);
  }

  flush(): void {
    for (const streamId of this.dirty) {
      const state = this.cache.get(streamId) as State;
      const spec = SPECS[categoryOf(streamId)] as RegisterSpec;
      if (state.status === 'absent') continue;
      this.written.set(streamId, addRow(this.stmts.upsert, spec, streamId, state));
      this.stored.add(streamId);
    }
    this.stmts.upsert.flush();
    this.dirty.clear();
    // An absent state was never written: the next event starts it again from the initial state.
    this.cache.clear();
    if (this.written.size > CACHED_STATES) {
      for (const streamId of this.written.keys()) {
        if (this.written.size <= CACHED_STATES * 0.75) break;
        this.written.delete(streamId);
      }
    }
  }

  /** Forgets every state; `empty` says the table was emptied too (no lookups for new streams). */
  reset(empty = true): void {
    this.cache.clear();
    this.written.clear();
    this.dirty.clear();
    this.stored.reset(empty);
  }
}

const windows = new Map<LocalDate, { opens: LocalDate; graceEnds: LocalDate }>();

/** Renewal windows by expiry date: few distinct dates, many records. */
function windowOf(expiry: LocalDate): { opens: LocalDate; graceEnds: LocalDate } {
  let w = windows.get(expiry);
  if (w === undefined) {
    w = renewalWindow(expiry);
    if (windows.size < 100_000) windows.set(expiry, w);
  }
  return w;
}

/** Answers the state's JSON text, as written. */
function addRow(insert: BatchedInsert, spec: RegisterSpec, streamId: string, state: State): string {
  const f = spec.fields(state);
  const text = JSON.stringify(state);
  const window = f.renewable && f.expiry !== undefined ? windowOf(f.expiry) : undefined;
  insert.add(
    streamId,
    spec.register,
    f.id,
    f.text,
    ...holderColumns(f.holder),
    f.classes ? `,${f.classes.join(',')},` : null,
    state.status,
    f.validFrom ?? null,
    f.expiry ?? null,
    window?.graceEnds ?? null,
    window?.opens ?? null,
    f.oppositionEnds ?? null,
    f.surveillanceDue ?? null,
    text,
  );
  return text;
}

const holderColumns = (h: Holder | undefined): [string | null, string | null, string | null] =>
  h === undefined ? [null, null, null] : [h.name, h.uscc, currentDistrictOf(h.district, h.address)];
