import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../../src/eventStore/sqlite.js';
import { describeEventStoreContract } from './contract.js';

const tempDirs: string[] = [];
const tempFile = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-store-'));
  tempDirs.push(dir);
  return path.join(dir, 'nested', `${randomUUID()}.db`);
};

after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describeEventStoreContract('SqliteEventStore', async () =>
  SqliteEventStore.open(tempFile(), { pollIntervalMs: 50 }),
);
