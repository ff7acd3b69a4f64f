/**
 * Appends per second through the SQLite adapter next to raw better-sqlite3 writing the same rows into
 * the same tables with the same WAL / synchronous=FULL settings, so the ratio shows what the adapter's
 * rules (IMMEDIATE lock, head check, idempotency check, result) cost on top of the disk.
 *
 * A shared machine is noisy, fsync time above all, so raw and adapter each keep one open file and
 * write alternately in small rounds (which goes first alternates too): a burst of disk contention
 * from another process lands on both. The ratio is the median of the per-round ratios.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { EventData } from '../src/eventStore/port.js';
import { SqliteEventStore, type StreamAppend } from '../src/eventStore/sqlite.js';

interface Shape {
  readonly name: string;
  readonly eventsPerAppend: number;
  /** Appends per round; a bulk round is one transaction (appendMany), otherwise one per append. */
  readonly appendsPerRound: number;
  readonly rounds: number;
  readonly bulk: boolean;
  /** Streams the appends rotate over, each continuing its stream at the exact revision; 0: a new stream each. */
  readonly streams: number;
}

const SHAPES: readonly Shape[] = [
  {
    name: '1 event per append',
    eventsPerAppend: 1,
    appendsPerRound: 50,
    rounds: 60,
    bulk: false,
    streams: 100,
  },
  {
    name: '10 events per append',
    eventsPerAppend: 10,
    appendsPerRound: 50,
    rounds: 30,
    bulk: false,
    streams: 100,
  },
  {
    name: 'bulk: appendMany of 2000 x 5 events',
    eventsPerAppend: 5,
    appendsPerRound: 2000,
    rounds: 9,
    bulk: true,
    streams: 0,
  },
];

const eventFor = (i: number): EventData => ({
  id: randomUUID(),
  type: 'TrademarkFiled',
  data: {
    number: String(30_000_000 + i),
    markText: '西湖龙井',
    kind: 'ordinary',
    classes: [30, 35],
    applicants: [{ name: '杭州西湖龙井茶叶有限公司', uscc: '91330106MA2H0XXXXX', district: '330106' }],
    filingDate: '2024-03-01',
  },
  metadata: {
    $correlationId: randomUUID(),
    $causationId: randomUUID(),
    actor: { id: 'officer-1', role: 'officer' },
    recordedAt: '2024-03-01T09:30:00+08:00',
    effectiveDate: '2024-03-01',
  },
});

/** Every round's appends: which stream each goes to, at which expected revision, with what events. */
function workload(shape: Shape): StreamAppend[][] {
  const revisions = new Map<string, bigint>();
  let n = 0;
  return Array.from({ length: shape.rounds }, () =>
    Array.from({ length: shape.appendsPerRound }, () => {
      const a = n++;
      const streamId = `trademark-${shape.streams === 0 ? a : a % shape.streams}`;
      const last = revisions.get(streamId);
      revisions.set(streamId, (last ?? -1n) + BigInt(shape.eventsPerAppend));
      const events = Array.from({ length: shape.eventsPerAppend }, (_, e) =>
        eventFor(a * shape.eventsPerAppend + e),
      );
      return { streamId, events, expectedRevision: last ?? 'no_stream' };
    }),
  );
}

/** Wall time, and CPU time (user + system), which waiting on another process's fsync does not inflate. */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

async function timed(work: () => Promise<void> | void): Promise<Timing> {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - wall) / 1e9, cpu: (used.user + used.system) / 1e6 };
}

interface Writer {
  write(round: readonly StreamAppend[]): Promise<void> | void;
  close(): Promise<void> | void;
}

function adapterWriter(file: string, bulk: boolean): Writer {
  const store = SqliteEventStore.open(file);
  return {
    async write(round) {
      if (bulk) {
        await store.appendMany(round);
        return;
      }
      for (const { streamId, events, expectedRevision } of round) {
        await store.appendToStream(
          streamId,
          events,
          expectedRevision === undefined ? {} : { expectedRevision },
        );
      }
    },
    close: () => store.close(),
  };
}

/** The same rows with plain statements: no lock taken up front, no head read, revisions known ahead. */
function rawWriter(file: string, bulk: boolean): Writer {
  SqliteEventStore.open(file).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const setHead = db.prepare(
    `INSERT INTO streams (stream_id, last_revision) VALUES (?, ?)
     ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision`,
  );
  const writeOne = ({ streamId, events, expectedRevision }: StreamAppend): void => {
    let revision = typeof expectedRevision === 'bigint' ? Number(expectedRevision) : -1;
    const now = Date.now();
    for (const e of events) {
      revision += 1;
      insert.run(streamId, revision, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), now);
    }
    setHead.run(streamId, revision);
  };
  const one = db.transaction(writeOne);
  const many = db.transaction((round: readonly StreamAppend[]) => round.forEach(writeOne));
  return {
    write(round) {
      if (bulk) many(round);
      else for (const append of round) one(append);
    },
    close: () => {
      db.close();
    },
  };
}

interface Round {
  readonly raw: Timing;
  readonly adapter: Timing;
}

async function measure(dir: string, shape: Shape): Promise<Round[]> {
  const raw = rawWriter(path.join(dir, `raw-${randomUUID()}.db`), shape.bulk);
  const adapter = adapterWriter(path.join(dir, `adapter-${randomUUID()}.db`), shape.bulk);
  const rounds: Round[] = [];
  for (const [i, round] of workload(shape).entries()) {
    if (i % 2 === 0) {
      const rawTime = await timed(() => raw.write(round));
      rounds.push({ raw: rawTime, adapter: await timed(() => adapter.write(round)) });
    } else {
      const adapterTime = await timed(() => adapter.write(round));
      rounds.push({ adapter: adapterTime, raw: await timed(() => raw.write(round)) });
    }
  }
  await raw.close();
  await adapter.close();
  return rounds;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const rate = (count: number, seconds: number): string => Math.round(count / seconds).toLocaleString('en-US');

const COLUMNS = [
  ['shape', 38],
  ['raw appends/s', 14],
  ['adapter appends/s', 18],
  ['adapter events/s', 17],
  ['adapter/raw', 12],
  ['cpu adapter/raw', 16],
] as const;

const line = (cells: readonly string[]): string =>
  cells.map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[i]![1]) : cell.padStart(COLUMNS[i]![1]))).join(' ');

export async function benchEventStore(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-bench-'));
  try {
    console.log(
      'SQLite adapter vs raw better-sqlite3, same rows and tables, WAL + synchronous=FULL, temp files',
    );
    console.log(
      'adapter/raw: median of per-round throughput ratios (target >= 0.70); cpu: the same for CPU time',
    );
    console.log(line(COLUMNS.map(([title]) => title)));
    for (const shape of SHAPES) {
      const rounds = await measure(dir, shape);
      const appends = shape.rounds * shape.appendsPerRound;
      const rawWall = sum(rounds.map((r) => r.raw.wall));
      const adapterWall = sum(rounds.map((r) => r.adapter.wall));
      console.log(
        line([
          shape.name,
          rate(appends, rawWall),
          rate(appends, adapterWall),
          rate(appends * shape.eventsPerAppend, adapterWall),
          `${median(rounds.map((r) => r.raw.wall / r.adapter.wall)).toFixed(2)}x`,
          `${median(rounds.map((r) => r.raw.cpu / r.adapter.cpu)).toFixed(2)}x`,
        ]),
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
