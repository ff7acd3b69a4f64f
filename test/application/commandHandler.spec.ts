import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import {
  eventIdFor,
  handleCommand,
  handleCommands,
  type CommandContext,
} from '../../src/application/commandHandler.js';
import { verifyLog } from '../../src/application/integrity.js';
import { brandHonourDecider } from '../../src/domain/brandHonours/index.js';
import { RegistryError } from '../../src/domain/shared/errors.js';
import { pinzibiaoDecider, type PinzibiaoCommand } from '../../src/domain/pinzibiao/index.js';
import type { EventStore } from '../../src/eventStore/port.js';
import { storeFixtures } from '../support/stores.js';

const NOW = new Date('2026-11-30T10:00:00+08:00');
const holder = { name: '杭州西湖龙井茶叶有限公司', uscc: '91330100799655058B', district: '330106' };

const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  commandId: randomUUID(),
  actor: { id: 'officer-1', role: 'officer' },
  correlationId: randomUUID(),
  now: NOW,
  ...overrides,
});

const issue = (certificateNumber: string): PinzibiaoCommand => ({
  type: 'IssuePinzibiaoCertificate',
  data: {
    certificateNumber,
    enterprise: holder,
    product: '西湖龙井茶',
    standardCode: 'T/ZZB 0123—2019',
    certificationBody: '浙江制造认证联盟',
    issuedOn: '2024-03-01',
  },
});

const audit = (certificateNumber: string, auditedOn: string): PinzibiaoCommand => ({
  type: 'RecordSurveillanceAudit',
  data: { certificateNumber, auditedOn, passed: true },
});

async function rejection(p: Promise<unknown>): Promise<RegistryError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RegistryError) return e;
    throw e;
  }
  throw new Error('expected the command to be refused');
}

for (const fixture of storeFixtures()) {
  describe(`command handling on the ${fixture.name}`, () => {
    let store: EventStore;
    before(() => fixture.setUp());
    beforeEach(async () => {
      store = await fixture.open();
    });
    after(() => fixture.tearDown());

    it('appends the decided events with the metadata every event carries', async () => {
      const number = `C-${randomUUID()}`;
      const ctx = context({ reason: '年度认证' });
      const result = await handleCommand(store, pinzibiaoDecider, issue(number), ctx);
      expect(result.created).to.equal(true);
      expect(result.revision).to.equal(0n);
      const [event] = await store.readStream(`pinzibiao-${number}`);
      expect(event?.id).to.equal(eventIdFor(ctx.commandId, 0));
      expect(event?.metadata).to.include({
        $correlationId: ctx.correlationId,
        $causationId: ctx.commandId,
        recordedAt: '2026-11-30T10:00:00.000+08:00',
        effectiveDate: '2024-03-01',
        reason: '年度认证',
      });
      expect(event?.metadata['actor']).to.deep.equal({ id: 'officer-1', role: 'officer' });
    });

    it('a retried command appends nothing and answers what it answered first', async () => {
      const number = `C-${randomUUID()}`;
      const ctx = context();
      const first = await handleCommand(store, pinzibiaoDecider, issue(number), ctx);
      const again = await handleCommand(store, pinzibiaoDecider, issue(number), ctx);
      expect(again.replayed).to.equal(true);
      expect(again.events).to.deep.equal(first.events);
      expect(again.revision).to.equal(first.revision);
      expect(await store.readStream(`pinzibiao-${number}`)).to.have.length(1);
    });

    it('refuses a command whose pinned revision is stale, appending nothing', async () => {
      const number = `C-${randomUUID()}`;
      await handleCommand(store, pinzibiaoDecider, issue(number), context());
      await handleCommand(store, pinzibiaoDecider, audit(number, '2025-03-01'), context());
      const error = await rejection(
        handleCommand(
          store,
          pinzibiaoDecider,
          audit(number, '2026-03-01'),
          context({ expectedRevision: 0n }),
        ),
      );
      expect(error.code).to.equal('concurrency');
      expect(await store.readStream(`pinzibiao-${number}`)).to.have.length(2);
    });

    it('racing commands on one record both land when neither pinned a revision', async () => {
      const number = `C-${randomUUID()}`;
      await handleCommand(store, pinzibiaoDecider, issue(number), context());
      const results = await Promise.all([
        handleCommand(store, pinzibiaoDecider, audit(number, '2025-03-01'), context()),
        handleCommand(store, pinzibiaoDecider, audit(number, '2025-03-02'), context()),
      ]);
      expect(results.map((r) => r.revision).sort()).to.deep.equal([1n, 2n]);
      expect(await store.readStream(`pinzibiao-${number}`)).to.have.length(3);
    });

    it('racing pinned commands on one record: exactly one wins', async () => {
      const number = `C-${randomUUID()}`;
      await handleCommand(store, pinzibiaoDecider, issue(number), context());
      const outcomes = await Promise.allSettled([
        handleCommand(
          store,
          pinzibiaoDecider,
          audit(number, '2025-03-01'),
          context({ expectedRevision: 0n }),
        ),
        handleCommand(
          store,
          pinzibiaoDecider,
          audit(number, '2025-03-02'),
          context({ expectedRevision: 0n }),
        ),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(1);
      const failed = outcomes.find((o) => o.status === 'rejected');
      expect((failed?.reason as RegistryError).code).to.equal('concurrency');
    });

    it('several commands on one record land as one append, or not at all', async () => {
      const number = `C-${randomUUID()}`;
      const refused = await rejection(
        handleCommands(store, pinzibiaoDecider, [issue(number), audit(number, '2027-01-01')], context()),
      );
      expect(refused.details.rule).to.equal('future-date');
      expect(
        (await store.readAll({ maxCount: 100_000 })).some((e) => e.streamId === `pinzibiao-${number}`),
      ).to.equal(false);
      const result = await handleCommands(
        store,
        pinzibiaoDecider,
        [issue(number), audit(number, '2025-03-01')],
        context(),
      );
      expect(result.events.map((e) => e.type)).to.deep.equal([
        'PinzibiaoCertificateIssued',
        'PinzibiaoSurveillanceRecorded',
      ]);
      expect(result.revision).to.equal(1n);
    });

    it('a refused command appends nothing', async () => {
      const id = `H-${randomUUID()}`;
      const error = await rejection(
        handleCommand(
          store,
          brandHonourDecider,
          { type: 'RevokeBrandHonour', data: { id, effectiveDate: '2025-01-01' } },
          context(),
        ),
      );
      expect(error.code).to.equal('not-found');
      expect(
        (await store.readAll({ maxCount: 100_000 })).some((e) => e.streamId === `honour-${id}`),
      ).to.equal(false);
    });

    it('every event the handler appends passes the integrity check, and links to the one before', async () => {
      const number = `C-${randomUUID()}`;
      await handleCommand(store, pinzibiaoDecider, issue(number), context());
      await handleCommand(store, pinzibiaoDecider, audit(number, '2025-03-01'), context());
      const [first, second] = await store.readStream(`pinzibiao-${number}`);
      expect(second?.metadata['previousHash']).to.equal(first?.metadata['hash']);
      const report = await verifyLog(store);
      const mine = report.problems.filter((p) => p.streamId === `pinzibiao-${number}`);
      expect(mine).to.deep.equal([]);
      expect(report.eventsChecked).to.be.at.least(2);
    });
  });
}
