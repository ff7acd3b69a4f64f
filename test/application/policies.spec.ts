import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { handleCommand, type CommandContext } from '../../src/application/commandHandler.js';
import { runLapsePolicy } from '../../src/application/lapsePolicy.js';
import { MadridDependencyPolicy } from '../../src/application/madridDependencyPolicy.js';
import { giDecider } from '../../src/domain/geographicalIndications/index.js';
import { madridDecider } from '../../src/domain/madrid/index.js';
import { addMonths } from '../../src/domain/shared/dates.js';
import { trademarks, type TrademarkCommand } from '../../src/domain/trademarks/index.js';
import { readAllAfter, type EventStore } from '../../src/eventStore/port.js';
import { storeFixtures } from '../support/stores.js';

const NOW = new Date('2026-11-30T10:00:00+08:00');
const holder = { name: '杭州娃哈哈集团有限公司', uscc: '91330100799655058B', district: '330102' };
const ctx = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  commandId: randomUUID(),
  actor: { id: 'officer-1', role: 'officer' },
  correlationId: randomUUID(),
  now: NOW,
  ...overrides,
});
const uniqueNumber = (): string => String(Math.floor(Math.random() * 1e12)).padStart(12, '1');

async function tm(store: EventStore, command: TrademarkCommand) {
  return handleCommand(store, trademarks, command, ctx());
}

/** Files, publishes and registers a mark on `registrationDate` (the opposition period long over). */
async function registeredMark(store: EventStore, registrationDate: string): Promise<string> {
  const number = uniqueNumber();
  await tm(store, {
    type: 'FileTrademark',
    data: {
      number,
      markText: '西湖',
      kind: 'ordinary',
      classes: [30],
      applicants: [holder],
      filingDate: addMonths(registrationDate, -9),
    },
  });
  await tm(store, {
    type: 'ApproveTrademarkPreliminarily',
    data: { number, publicationDate: addMonths(registrationDate, -4) },
  });
  await tm(store, { type: 'RegisterTrademark', data: { number, registrationDate } });
  return number;
}

const typesOf = async (store: EventStore, streamId: string) =>
  (await store.readStream(streamId)).map((e) => e.type);

for (const fixture of storeFixtures()) {
  describe(`policies on the ${fixture.name}`, () => {
    let store: EventStore;
    before(() => fixture.setUp());
    beforeEach(async () => {
      store = await fixture.open();
    });
    after(() => fixture.tearDown());

    describe('the lapse policy', () => {
      it('lapses a mark whose grace ended unrenewed, once however often it runs', async () => {
        const lapsing = await registeredMark(store, '2013-09-10'); // expiry 2023-09-09, grace to 2024-03-09
        const inGrace = await registeredMark(store, '2014-01-20'); // expiry 2024-01-19, grace to 2024-07-19
        const candidates = [`trademark-${lapsing}`, `trademark-${inGrace}`];
        const run = { asOf: '2024-03-10', now: NOW, correlationId: randomUUID(), candidates };
        const first = await runLapsePolicy(store, run);
        expect(first.lapsed).to.deep.equal([`trademark-${lapsing}`]);
        const second = await runLapsePolicy(store, { ...run, correlationId: randomUUID() });
        expect(second.lapsed).to.deep.equal([]);
        expect(await typesOf(store, `trademark-${lapsing}`)).to.deep.equal([
          'TrademarkFiled',
          'TrademarkPreliminarilyApproved',
          'TrademarkRegistered',
          'TrademarkLapsed',
        ]);
        expect(await typesOf(store, `trademark-${inGrace}`)).to.not.include('TrademarkLapsed');
      });

      it('finds its candidates in the log when none are given: trademarks and mark-route GIs', async () => {
        const number = await registeredMark(store, '2012-05-02');
        const gi = `gi-test-${randomUUID()}`;
        const giId = gi.slice(3);
        await handleCommand(
          store,
          giDecider,
          {
            type: 'RegisterGi',
            data: {
              id: giId,
              name: '鸬鸟蜜梨',
              product: '梨',
              route: 'certification-mark',
              holder,
              registeredOn: '2012-05-02',
              trademarkNumber: '9000001',
            },
          },
          ctx(),
        );
        const report = await runLapsePolicy(store, {
          asOf: '2023-01-01',
          now: NOW,
          correlationId: randomUUID(),
        });
        expect(report.lapsed).to.include.members([`trademark-${number}`, gi]);
      });

      it('a renewal filed in time but recorded after the lapse is accepted and undoes the lapse', async () => {
        const number = await registeredMark(store, '2013-09-10');
        await runLapsePolicy(store, {
          asOf: '2024-03-10',
          now: NOW,
          correlationId: randomUUID(),
          candidates: [`trademark-${number}`],
        });
        await tm(store, { type: 'RenewTrademark', data: { number, filedOn: '2024-03-01' } });
        const history = await store.readStream(`trademark-${number}`);
        expect(history.map((e) => e.type).slice(-2)).to.deep.equal(['TrademarkLapsed', 'TrademarkRenewed']);
        expect(history.at(-1)?.data['lapseUndone']).to.equal(true);
      });
    });

    describe('Madrid dependency', () => {
      let dir: string;
      let policy: MadridDependencyPolicy;
      beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-policy-'));
        policy = new MadridDependencyPolicy(store, path.join(dir, 'policies.db'), () => NOW);
      });
      afterEach(async () => {
        await policy.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      });

      const irn = (): string => String(1_000_000 + Math.floor(Math.random() * 8_999_999)).slice(0, 7);
      const recordIr = (number: string, id: string, registrationDate: string) =>
        handleCommand(
          store,
          madridDecider,
          {
            type: 'RecordMadridRegistration',
            data: {
              irn: id,
              basicTrademarkNumber: number,
              holder,
              registrationDate,
              designations: ['US', 'EM'],
              classes: [30],
            },
          },
          ctx(),
        );
      /** Feeds the policy every event of the log, as its subscription would. */
      const follow = async () => {
        for await (const e of readAllAfter(store)) await policy.handle(e);
      };

      it('a basic mark surrendered inside the first five years cancels the IR, naming the cause', async () => {
        const number = await registeredMark(store, '2019-03-01');
        const id = irn();
        await recordIr(number, id, '2020-01-15');
        const surrender = await tm(store, {
          type: 'SurrenderTrademark',
          data: { number, effectiveDate: '2023-06-30' },
        });
        await follow();
        const [recorded, cancelled] = await store.readStream(`madrid-${id}`);
        expect(recorded?.type).to.equal('MadridRegistrationRecorded');
        expect(cancelled?.type).to.equal('MadridRegistrationCancelled');
        expect(cancelled?.data).to.include({ reason: 'central-attack', effectiveDate: '2023-06-30' });
        expect(cancelled?.metadata['$causationId']).to.equal(surrender.events[0]?.id);
        await follow();
        expect(await store.readStream(`madrid-${id}`)).to.have.length(2);
      });

      it('following the log live, it cancels the IR once the basic mark is surrendered', async () => {
        policy.start();
        const number = await registeredMark(store, '2021-03-01');
        const id = irn();
        await recordIr(number, id, '2022-01-15');
        await tm(store, { type: 'SurrenderTrademark', data: { number, effectiveDate: '2024-06-30' } });
        const deadline = Date.now() + 5000;
        let types = await typesOf(store, `madrid-${id}`);
        while (types.length < 2 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
          types = await typesOf(store, `madrid-${id}`);
        }
        expect(types).to.deep.equal(['MadridRegistrationRecorded', 'MadridRegistrationCancelled']);
      });

      it('a basic mark that ceases after the five years leaves the IR standing', async () => {
        const number = await registeredMark(store, '2014-03-01');
        const id = irn();
        await recordIr(number, id, '2015-01-15');
        await tm(store, { type: 'SurrenderTrademark', data: { number, effectiveDate: '2021-06-30' } });
        await follow();
        expect(await typesOf(store, `madrid-${id}`)).to.deep.equal(['MadridRegistrationRecorded']);
      });

      it('an IR recorded after its basic mark had already ceased is cancelled when it arrives', async () => {
        const number = await registeredMark(store, '2019-03-01');
        await tm(store, { type: 'SurrenderTrademark', data: { number, effectiveDate: '2022-02-01' } });
        const id = irn();
        await recordIr(number, id, '2020-01-15');
        await follow();
        expect(await typesOf(store, `madrid-${id}`)).to.deep.equal([
          'MadridRegistrationRecorded',
          'MadridRegistrationCancelled',
        ]);
      });
    });
  });
}
