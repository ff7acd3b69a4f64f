import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EsdbEventStore } from '../../src/eventStore/esdb.js';
import type { EventStore } from '../../src/eventStore/port.js';
import { SqliteEventStore } from '../../src/eventStore/sqlite.js';
import { EventStoreDbDouble } from './esdbDouble.js';

/**
 * The stores application-level specs run against: the embedded store on a temp file and the
 * EventStoreDB adapter over the in-process double. `setUp()` in a `before` hook, `tearDown()` in
 * `after`; `open()` gives a fresh store (a new file, or the shared double: use unique stream ids).
 */
export interface StoreFixture {
  readonly name: string;
  setUp(): Promise<void>;
  open(): Promise<EventStore>;
  tearDown(): Promise<void>;
}

export function sqliteFixture(): StoreFixture {
  let dir = '';
  const opened: EventStore[] = [];
  return {
    name: 'embedded SQLite store',
    async setUp() {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-spec-'));
    },
    async open() {
      const store = SqliteEventStore.open(path.join(dir, `${opened.length}.db`));
      opened.push(store);
      return store;
    },
    async tearDown() {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function esdbDoubleFixture(): StoreFixture & { double(): EventStoreDbDouble } {
  let double: EventStoreDbDouble | undefined;
  const opened: EventStore[] = [];
  return {
    name: 'EventStoreDB adapter over the double',
    double: () => {
      if (!double) throw new Error('setUp() first');
      return double;
    },
    async setUp() {
      double = await EventStoreDbDouble.start();
    },
    async open() {
      if (!double) throw new Error('setUp() first');
      const store = await EsdbEventStore.connect(double.connectionString);
      opened.push(store);
      return store;
    },
    async tearDown() {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      await double?.stop();
    },
  };
}

export const storeFixtures = (): StoreFixture[] => [sqliteFixture(), esdbDoubleFixture()];
