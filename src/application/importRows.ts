import { v5 as uuidv5 } from 'uuid';
import type { z } from 'zod';
import { brandHonourCommandSchemas, brandHonourDecider } from '../domain/brandHonours/index.js';
import { giCommandSchemas, giDecider } from '../domain/geographicalIndications/index.js';
import { madridCommandSchemas, madridDecider } from '../domain/madrid/index.js';
import { pinzibiaoCommandSchemas, pinzibiaoDecider } from '../domain/pinzibiao/index.js';
import type { Command, Decider, DomainEvent } from '../domain/shared/decider.js';
import { isRegistryError, type RegistryError } from '../domain/shared/errors.js';
import { checkUscc } from '../domain/shared/uscc.js';
import { trademarkCommandSchemas, trademarks } from '../domain/trademarks/index.js';
import { readStreamOrEmpty, type EventStore } from '../eventStore/port.js';
import { fold } from './commandHandler.js';
import { recordJob, type RecordJob } from './recordJobs.js';

/**
 * The CSV formats of `npm run import`: one row is one record, read into that register's commands
 * and validated by the register's own command schemas, so no rule is written twice.
 */

export const IMPORT_KINDS = [
  'trademarks',
  'geographical-indications',
  'madrid-registrations',
  'pinzibiao',
  'brand-honours',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const isImportKind = (kind: string): kind is ImportKind =>
  (IMPORT_KINDS as readonly string[]).includes(kind);

export type Cells = Readonly<Record<string, string>>;

/** A row that became a record job, or the reasons it did not (each `column: message`). */
export type ParsedRow =
  | { readonly ok: true; readonly job: RecordJob; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly reasons: readonly string[] };

export interface ImportFormat {
  readonly kind: ImportKind;
  /** Every one must be in the header (any order); cells of optional fields may be empty. */
  readonly columns: readonly string[];
  /** May be left out of the header. */
  readonly optionalColumns: readonly string[];
  parse(cells: Cells, row: number): ParsedRow;
}

/** A command as a row states it, before validation; a refusal of it is blamed on `column`. */
interface RawCommand {
  readonly type: string;
  readonly input: Record<string, unknown>;
  readonly column: string;
}

interface FormatSpec<C extends Command, E extends DomainEvent, S> {
  readonly kind: ImportKind;
  readonly columns: readonly string[];
  readonly decider: Decider<C, E, S>;
  readonly schemas: Readonly<Record<C['type'], z.ZodType>>;
  commandsOf(cells: Cells): RawCommand[];
  /** Rules that are about another cell than the command's own (`office-of-origin` → designations). */
  readonly ruleColumns?: Readonly<Record<string, string>>;
}

const IMPORT_NAMESPACE = '0b8e6c1d-4f2a-5b7e-8c3d-9a1f2e4b6c70';
const HOLDER_KEYS = new Set(['applicants', 'holder', 'enterprise', 'assignee']);
const HOLDER_COLUMNS: Readonly<Record<string, string>> = {
  name: 'holderName',
  uscc: 'holderUscc',
  district: 'district',
  address: 'holderAddress',
};
const OPTIONAL_COLUMNS = ['holderAddress'] as const;

/** Empty cells are fields not given: an optional field left out, a step that has not happened. */
const optional = (value: string | undefined): string | undefined =>
  value === undefined || value === '' ? undefined : value;

const defined = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

// Non-numbers go through as NaN so that the schema's own message explains the class rule.
const numbers = (value: string | undefined): number[] => list(value).map(Number);

const holderOf = (cells: Cells) =>
  defined({
    name: cells['holderName'] ?? '',
    uscc: cells['holderUscc'] ?? '',
    district: cells['district'] ?? '',
    address: optional(cells['holderAddress']),
  });

/** Where a schema issue points, as a CSV column: `applicants.0.uscc` is `holderUscc`. */
function columnOf(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path;
  if (typeof head === 'string' && HOLDER_KEYS.has(head)) {
    const field = rest.find((p): p is string => typeof p === 'string');
    return (field && HOLDER_COLUMNS[field]) ?? 'holder';
  }
  return head === undefined ? '' : String(head);
}

/** `column: message`, unless the message opens with a column's name already ("filingDate … is in the future"). */
const blamed = (column: string, message: string, columns: readonly string[] = []): string =>
  column === '' || [column, ...columns].some((c) => message.startsWith(`${c} `))
    ? message
    : `${column}: ${message}`;

/** The position-17 check of a USCC is a warning only (domain.md); the row imports. */
const usccWarnings = (cells: Cells): string[] =>
  checkUscc((cells['holderUscc'] ?? '').trim().toUpperCase()).warnings.map((w) => `holderUscc: ${w}`);

/** Which step of a refused row the register refused: decided locally again on the stored record. */
async function explainRefusal<C extends Command, E extends DomainEvent, S>(
  spec: FormatSpec<C, E, S>,
  raw: readonly RawCommand[],
  commands: readonly C[],
  refusal: { store: EventStore; error: RegistryError; now: Date },
): Promise<string> {
  const { store, error, now } = refusal;
  let state = fold(spec.decider, await readStreamOrEmpty(store, spec.decider.streamIdOf(commands[0] as C)));
  for (const [i, command] of commands.entries()) {
    try {
      for (const e of spec.decider.decide(command, state, now)) state = spec.decider.evolve(state, e);
    } catch (e) {
      if (!isRegistryError(e)) throw e;
      const column = spec.ruleColumns?.[e.details.rule ?? ''] ?? raw[i]?.column ?? '';
      return blamed(column, e.message, spec.columns);
    }
  }
  return error.message;
}

function defineFormat<C extends Command, E extends DomainEvent, S>(spec: FormatSpec<C, E, S>): ImportFormat {
  return {
    kind: spec.kind,
    columns: spec.columns,
    optionalColumns: OPTIONAL_COLUMNS,
    parse(cells, row) {
      const raw = spec.commandsOf(cells);
      const reasons: string[] = [];
      const commands: C[] = [];
      for (const r of raw) {
        const result = spec.schemas[r.type as C['type']].safeParse(r.input);
        if (result.success) commands.push({ type: r.type, data: result.data } as C);
        else reasons.push(...result.error.issues.map((i) => blamed(columnOf(i.path), i.message)));
      }
      if (reasons.length > 0) return { ok: false, reasons: [...new Set(reasons)] };
      const streamId = spec.decider.streamIdOf(commands[0] as C);
      const commandId = uuidv5(`${spec.kind}|${streamId}|${JSON.stringify(commands)}`, IMPORT_NAMESPACE);
      const job: RecordJob = {
        ...recordJob(spec.decider, commands, { label: `row ${row}`, commandId }),
        explain: (store, error, now) => explainRefusal(spec, raw, commands, { store, error, now }),
      };
      return { ok: true, job, warnings: usccWarnings(cells) };
    },
  };
}

const trademarkFormat = defineFormat({
  kind: 'trademarks',
  columns: [
    'number',
    'markText',
    'kind',
    'classes',
    'holderName',
    'holderUscc',
    'district',
    'filingDate',
    'publicationDate',
    'registrationDate',
  ],
  decider: trademarks,
  schemas: trademarkCommandSchemas,
  commandsOf(c) {
    const number = c['number'] ?? '';
    const publicationDate = optional(c['publicationDate']);
    const registrationDate = optional(c['registrationDate']);
    const filing = defined({
      number,
      markText: c['markText'] ?? '',
      kind: optional(c['kind']),
      classes: numbers(c['classes']),
      applicants: [holderOf(c)],
      filingDate: c['filingDate'] ?? '',
    });
    return [
      { type: 'FileTrademark', input: filing, column: 'number' },
      ...(publicationDate === undefined
        ? []
        : [
            {
              type: 'ApproveTrademarkPreliminarily',
              input: { number, publicationDate },
              column: 'publicationDate',
            },
          ]),
      ...(registrationDate === undefined
        ? []
        : [{ type: 'RegisterTrademark', input: { number, registrationDate }, column: 'registrationDate' }]),
    ];
  },
});

const giFormat = defineFormat({
  kind: 'geographical-indications',
  columns: [
    'id',
    'name',
    'product',
    'route',
    'holderName',
    'holderUscc',
    'district',
    'registeredOn',
    'trademarkNumber',
  ],
  decider: giDecider,
  schemas: giCommandSchemas,
  commandsOf: (c) => [
    {
      type: 'RegisterGi',
      column: 'id',
      input: defined({
        id: c['id'] ?? '',
        name: c['name'] ?? '',
        product: c['product'] ?? '',
        route: c['route'] ?? '',
        holder: holderOf(c),
        registeredOn: c['registeredOn'] ?? '',
        trademarkNumber: optional(c['trademarkNumber']),
      }),
    },
  ],
});

const madridFormat = defineFormat({
  kind: 'madrid-registrations',
  columns: [
    'irn',
    'basicTrademarkNumber',
    'holderName',
    'holderUscc',
    'district',
    'registrationDate',
    'designations',
    'classes',
  ],
  decider: madridDecider,
  schemas: madridCommandSchemas,
  ruleColumns: { 'office-of-origin': 'designations' },
  commandsOf: (c) => [
    {
      type: 'RecordMadridRegistration',
      column: 'irn',
      input: {
        irn: c['irn'] ?? '',
        basicTrademarkNumber: c['basicTrademarkNumber'] ?? '',
        holder: holderOf(c),
        registrationDate: c['registrationDate'] ?? '',
        designations: list(c['designations']).map((d) => d.toUpperCase()),
        classes: numbers(c['classes']),
      },
    },
  ],
});

const pinzibiaoFormat = defineFormat({
  kind: 'pinzibiao',
  columns: [
    'certificateNumber',
    'holderName',
    'holderUscc',
    'district',
    'product',
    'standardCode',
    'certificationBody',
    'issuedOn',
    'expiresOn',
  ],
  decider: pinzibiaoDecider,
  schemas: pinzibiaoCommandSchemas,
  ruleColumns: { 'expiry-before-issue': 'expiresOn' },
  commandsOf: (c) => [
    {
      type: 'IssuePinzibiaoCertificate',
      column: 'certificateNumber',
      input: defined({
        certificateNumber: c['certificateNumber'] ?? '',
        enterprise: holderOf(c),
        product: c['product'] ?? '',
        standardCode: c['standardCode'] ?? '',
        certificationBody: c['certificationBody'] ?? '',
        issuedOn: c['issuedOn'] ?? '',
        expiresOn: optional(c['expiresOn']),
      }),
    },
  ],
});

const brandHonourFormat = defineFormat({
  kind: 'brand-honours',
  columns: ['id', 'kind', 'holderName', 'holderUscc', 'district', 'title', 'awardedOn', 'validUntil'],
  decider: brandHonourDecider,
  schemas: brandHonourCommandSchemas,
  ruleColumns: { 'valid-until-before-award': 'validUntil' },
  commandsOf: (c) => [
    {
      type: 'AwardBrandHonour',
      column: 'id',
      input: defined({
        id: c['id'] ?? '',
        kind: c['kind'] ?? '',
        holder: holderOf(c),
        title: c['title'] ?? '',
        awardedOn: c['awardedOn'] ?? '',
        validUntil: optional(c['validUntil']),
      }),
    },
  ],
});

export const IMPORT_FORMATS: Readonly<Record<ImportKind, ImportFormat>> = {
  trademarks: trademarkFormat,
  'geographical-indications': giFormat,
  'madrid-registrations': madridFormat,
  pinzibiao: pinzibiaoFormat,
  'brand-honours': brandHonourFormat,
};
