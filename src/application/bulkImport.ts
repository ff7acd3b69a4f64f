import { parse } from 'csv-parse/sync';
import { validationError } from '../domain/shared/errors.js';
import type { EventStore } from '../eventStore/port.js';
import type { Actor } from './commandHandler.js';
import { IMPORT_FORMATS, type Cells, type ImportFormat, type ImportKind } from './importRows.js';
import { runRecordJobs, type JobOutcome, type RecordJob } from './recordJobs.js';

/**
 * Bulk import of a register's CSV file. The whole file is read and checked first, so that input that
 * cannot be used (not UTF-8, broken quoting, a wrong header) stops the run before anything is written;
 * then each good row is one record's commands, appended whole or not at all.
 */

export interface CsvRow {
  /** The file's line on which the record starts (the header is line 1), as an editor shows it. */
  readonly row: number;
  readonly cells: readonly string[];
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
  readonly raw: string;
}

/** Lines inside a record (a quoted field may span several), without the blank lines skipped before it. */
const innerLineBreaks = (raw: string): number =>
  (
    raw
      .replace(/^(?:[ \t]*\r?\n)+/, '')
      .replace(/\r?\n$/, '')
      .match(/\n/g) ?? []
  ).length;

/** UTF-8 with or without a byte-order mark; other encodings (GBK from older office tools) are refused. */
export function readCsv(bytes: Uint8Array): CsvTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw validationError('the file is not UTF-8 text (save it as "CSV UTF-8")');
  }
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      raw: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as ParsedRecord[];
  } catch (e) {
    throw validationError(`not readable as CSV: ${e instanceof Error ? e.message : String(e)}`);
  }
  const [head, ...body] = records;
  if (head === undefined) throw validationError('the file is empty: a header row is needed');
  return {
    header: head.record,
    rows: body.map((r) => ({ row: r.info.lines - innerLineBreaks(r.raw), cells: r.record })),
  };
}

/** The header names every column of the format once (any order) and nothing else. */
export function checkHeader(format: ImportFormat, header: readonly string[]): void {
  const known = new Set([...format.columns, ...format.optionalColumns]);
  const seen = new Set<string>();
  const twice = header.filter((h) => seen.has(h) || !seen.add(h));
  const missing = format.columns.filter((c) => !seen.has(c));
  const unknown = header.filter((h) => !known.has(h));
  const problems = [
    ...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []),
    ...(unknown.length > 0 ? [`unknown ${unknown.join(', ')}`] : []),
    ...(twice.length > 0 ? [`repeated ${[...new Set(twice)].join(', ')}`] : []),
  ];
  if (problems.length > 0) {
    throw validationError(
      `the header does not fit ${format.kind} (${problems.join('; ')}); expected: ${format.columns.join(',')}`,
    );
  }
}

export interface RowProblem {
  readonly row: number;
  readonly reason: string;
}

export interface ImportPlan {
  readonly kind: ImportKind;
  readonly rows: number;
  readonly jobs: readonly RecordJob[];
  /** Rows that failed their schema: never submitted. */
  readonly bad: readonly RowProblem[];
  readonly warnings: readonly RowProblem[];
}

const rowNumberOf = (label: string): number => Number(label.replace(/^row /, ''));

/** Reads every row into its record's commands; a row that fails is reported, never submitted. */
export function planImport(kind: ImportKind, table: CsvTable): ImportPlan {
  const format = IMPORT_FORMATS[kind];
  checkHeader(format, table.header);
  const jobs: RecordJob[] = [];
  const bad: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  for (const { row, cells } of table.rows) {
    if (cells.length !== table.header.length) {
      bad.push({ row, reason: `has ${cells.length} fields, the header has ${table.header.length}` });
      continue;
    }
    const named: Cells = Object.fromEntries(table.header.map((h, i) => [h, cells[i] ?? '']));
    const parsed = format.parse(named, row);
    if (!parsed.ok) {
      bad.push({ row, reason: parsed.reasons.join('; ') });
      continue;
    }
    jobs.push(parsed.job);
    warnings.push(...parsed.warnings.map((reason) => ({ row, reason })));
  }
  return { kind, rows: table.rows.length, jobs, bad, warnings };
}

export interface ImportSummary {
  readonly rows: number;
  readonly imported: number;
  readonly unchanged: number;
  /** Schema failures and the register's refusals, in row order. */
  readonly bad: readonly RowProblem[];
  readonly warnings: readonly RowProblem[];
}

export interface ImportRun {
  readonly now: Date;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly reason?: string;
  readonly concurrency?: number;
  onSettled?(outcome: JobOutcome): void;
}

export const IMPORT_CONCURRENCY = 8;

export async function runImport(store: EventStore, plan: ImportPlan, run: ImportRun): Promise<ImportSummary> {
  const { now, actor, correlationId, reason } = run;
  const outcomes = await runRecordJobs(store, plan.jobs, {
    concurrency: run.concurrency ?? IMPORT_CONCURRENCY,
    context: { now, actor, correlationId, ...(reason === undefined ? {} : { reason }) },
    ...(run.onSettled ? { onSettled: run.onSettled } : {}),
  });
  const refused = outcomes.flatMap((o) =>
    o.status === 'refused' ? [{ row: rowNumberOf(o.job.label), reason: o.reason }] : [],
  );
  return {
    rows: plan.rows,
    imported: outcomes.filter((o) => o.status === 'imported').length,
    unchanged: outcomes.filter((o) => o.status === 'unchanged').length,
    bad: [...plan.bad, ...refused].sort((a, b) => a.row - b.row),
    warnings: plan.warnings,
  };
}

export const formatSummary = (s: ImportSummary): string =>
  `${s.rows} rows: ${s.imported} imported, ${s.unchanged} unchanged, ${s.bad.length} bad`;
