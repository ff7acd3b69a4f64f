import { Command } from 'commander';
import { DateTime } from 'luxon';
import { validationError } from '../domain/shared/errors.js';
import type { EventStore, JsonValue, RecordedEvent } from '../eventStore/port.js';
import { readAllAfter, readStreamOrEmpty } from '../eventStore/port.js';
import { exitOverride, withStore } from './run.js';

interface ReplayOptions {
  stream?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

function parseMoment(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const t = DateTime.fromISO(text, { zone: 'Asia/Shanghai' });
  if (!t.isValid) throw validationError(`${flag} must be an ISO 8601 date or timestamp, not "${text}"`);
  return t.toMillis();
}

/** When the registry recorded the event: its own `recordedAt`, else the store's write time. */
export const recordedMillis = (e: RecordedEvent): number => {
  const at = e.metadata['recordedAt'];
  return typeof at === 'string' ? DateTime.fromISO(at).toMillis() : e.created.getTime();
};

const field = (v: JsonValue | undefined): string =>
  v === undefined ? '-' : typeof v === 'string' ? v : JSON.stringify(v);

function line(e: RecordedEvent): string {
  const m = e.metadata;
  const actor = m['actor'] as { id?: string; role?: string } | undefined;
  return [
    `#${e.position}`,
    field(m['recordedAt']),
    `${e.streamId}@${e.revision}`,
    e.type,
    `by ${actor?.id ?? '-'} (${actor?.role ?? '-'})`,
    `effective ${field(m['effectiveDate'])}`,
    `cause ${field(m['$causationId'])}`,
    ...(m['reason'] === undefined ? [] : [`why "${field(m['reason'])}"`]),
    JSON.stringify(e.data),
  ].join('  ');
}

async function* eventsOf(store: EventStore, stream: string | undefined): AsyncGenerator<RecordedEvent> {
  if (stream !== undefined) {
    yield* await readStreamOrEmpty(store, stream);
    return;
  }
  yield* readAllAfter(store);
}

export async function replayMain(argv: readonly string[]): Promise<number> {
  const program = new Command('replay')
    .description("An auditor's replay of history: every event with who, when, why and its legal date.")
    .option('--stream <id>', 'one stream only, e.g. trademark-12345678')
    .option('--from <ts>', 'recorded at or after this moment (ISO 8601; China time when no offset)')
    .option('--to <ts>', 'recorded at or before this moment')
    .option('--json', 'one JSON object per line (NDJSON)')
    .exitOverride(exitOverride)
    .parse(argv, { from: 'user' });
  const opts = program.opts<ReplayOptions>();
  const from = parseMoment(opts.from, '--from');
  const to = parseMoment(opts.to, '--to');
  let count = 0;
  await withStore(async (store) => {
    for await (const e of eventsOf(store, opts.stream)) {
      const at = recordedMillis(e);
      if ((from !== undefined && at < from) || (to !== undefined && at > to)) continue;
      count++;
      const out = opts.json
        ? JSON.stringify({ ...e, revision: e.revision.toString(), position: e.position.toString() })
        : line(e);
      process.stdout.write(`${out}\n`);
    }
  });
  if (!opts.json) process.stdout.write(`${count} event(s)\n`);
  return 0;
}
