import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { handleCommand } from '../../src/application/commandHandler.js';
import { canonicalJson, verifyLog } from '../../src/application/integrity.js';
import { brandHonourDecider, type BrandHonourCommand } from '../../src/domain/brandHonours/index.js';
import { SqliteEventStore } from '../../src/eventStore/sqlite.js';

const holder = { name: '杭州老板电器股份有限公司', uscc: '91330100799655058B', district: '330113' };
const award = (id: string): BrandHonourCommand => ({
  type: 'AwardBrandHonour',
  data: { id, kind: 'single-champion', holder, title: '制造业单项冠军', awardedOn: '2023-01-10' },
});
const revoke = (id: string): BrandHonourCommand => ({
  type: 'RevokeBrandHonour',
  data: { id, effectiveDate: '2024-06-01' },
});

describe('the integrity check of the log', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-integrity-'));
    file = path.join(dir, 'registry.db');
    const store = SqliteEventStore.open(file);
    for (const id of ['a', 'b']) {
      const ctx = {
        actor: { id: 'officer-1', role: 'officer' },
        correlationId: randomUUID(),
        now: new Date('2026-11-30T00:00:00Z'),
      };
      await handleCommand(store, brandHonourDecider, award(id), { ...ctx, commandId: randomUUID() });
      await handleCommand(store, brandHonourDecider, revoke(id), { ...ctx, commandId: randomUUID() });
    }
    await store.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const verify = async () => {
    const store = SqliteEventStore.open(file);
    try {
      return await verifyLog(store);
    } finally {
      await store.close();
    }
  };
  const tamper = (sql: string) => {
    const db = new Database(file);
    db.exec(sql);
    db.close();
  };

  it('passes an untouched log', async () => {
    const report = await verify();
    expect(report).to.deep.include({ ok: true, streamsChecked: 2, eventsChecked: 4, problems: [] });
  });

  it('finds an event whose data was edited in place', async () => {
    tamper(
      `UPDATE events SET data = json_set(data, '$.title', '伪造') WHERE stream_id = 'honour-a' AND revision = 0`,
    );
    const report = await verify();
    expect(report.ok).to.equal(false);
    expect(report.problems).to.have.length(1);
    expect(report.problems[0]).to.include({ streamId: 'honour-a', revision: '0' });
    expect(report.problems[0]?.problem).to.match(/altered/);
  });

  it('finds an event that was removed from the middle of a stream', async () => {
    tamper(`DELETE FROM events WHERE stream_id = 'honour-b' AND revision = 0`);
    const report = await verify();
    expect(report.ok).to.equal(false);
    expect(report.problems.map((p) => p.streamId)).to.deep.equal(['honour-b', 'honour-b']);
    expect(report.problems.map((p) => p.problem).join('; '))
      .to.match(/missing/)
      .and.match(/previous/);
  });

  it('finds an event whose hash was recomputed after an edit, by the broken link that follows', async () => {
    // Editing an event and its own hash still breaks the next event's link to it.
    tamper(
      `UPDATE events SET metadata = json_set(metadata, '$.hash', 'forged') WHERE stream_id = 'honour-a' AND revision = 0`,
    );
    const report = await verify();
    expect(report.problems.map((p) => `${p.streamId}@${p.revision}`)).to.deep.equal([
      'honour-a@0',
      'honour-a@1',
    ]);
  });

  it('hashes content canonically: key order does not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, '西湖'], c: null } })).to.equal(
      canonicalJson({ a: { c: null, d: [1, '西湖'] }, b: 1 }),
    );
  });
});
