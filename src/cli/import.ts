import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { formatSummary, planImport, readCsv, runImport } from '../application/bulkImport.js';
import { IMPORT_FORMATS, IMPORT_KINDS, type ImportKind } from '../application/importRows.js';
import { validationError } from '../domain/shared/errors.js';
import { processIo, startProgress, type CliIo } from './bulkProgress.js';
import { exitOverride, withStore } from './run.js';

/** Exit codes of an import: every row good; some rows bad (the good ones imported); input unusable. */
export const IMPORT_EXIT = { ok: 0, someBad: 1, unusable: 2 } as const;

export const IMPORT_ACTOR = { id: 'cli:import', role: 'officer' } as const;

const columnsHelp = (): string =>
  [
    '',
    'Columns (header row required, any order; "holderAddress" may be added; empty cell = not given):',
    ...IMPORT_KINDS.map((k) => `  ${k}: ${IMPORT_FORMATS[k].columns.join(',')}`),
    'Lists (classes, designations) are separated by ";". Files are UTF-8, with or without BOM.',
    'Exit code 0: all rows imported or unchanged; 1: some rows bad (reported, skipped); 2: unusable input.',
  ].join('\n');

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw validationError(`cannot read ${file}: ${why}`);
  }
}

export async function importMain(
  argv: readonly string[],
  options: { readonly now?: Date; readonly io?: CliIo } = {},
): Promise<number> {
  const io = options.io ?? processIo();
  const program = new Command('import')
    .description('Bulk import of one register from a CSV file; each row is one record, atomic.')
    .addOption(new Option('--kind <register>', 'the register').choices(IMPORT_KINDS).makeOptionMandatory())
    .option('--concurrency <n>', 'records in flight at once', '8')
    .argument('<file>', 'the CSV file')
    .addHelpText('after', columnsHelp())
    .exitOverride(exitOverride)
    .parse(argv, { from: 'user' });
  const { kind, concurrency } = program.opts<{ kind: ImportKind; concurrency: string }>();
  const inFlight = Number(concurrency);
  if (!Number.isInteger(inFlight) || inFlight < 1)
    throw validationError('--concurrency must be a whole number ≥ 1');
  const file = program.args[0] as string;
  const plan = planImport(kind, readCsv(await readInput(file)));

  const now = options.now ?? new Date();
  const summary = await withStore(async (store) => {
    const progress = startProgress(io, `import ${kind}`, plan.jobs.length);
    try {
      return await runImport(store, plan, {
        now,
        actor: IMPORT_ACTOR,
        correlationId: randomUUID(),
        reason: `import of ${path.basename(file)}`,
        concurrency: inFlight,
        onSettled: () => progress.tick(),
      });
    } finally {
      progress.stop();
    }
  });
  for (const w of summary.warnings) io.stderr.write(`row ${w.row}: warning: ${w.reason}\n`);
  for (const b of summary.bad) io.stderr.write(`row ${b.row}: ${b.reason}\n`);
  io.stdout.write(`${formatSummary(summary)}\n`);
  return summary.bad.length > 0 ? IMPORT_EXIT.someBad : IMPORT_EXIT.ok;
}
