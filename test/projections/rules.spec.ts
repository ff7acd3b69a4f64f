import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { currentDistrictOf } from '../../src/domain/shared/districts.js';
import { contributionDelta, dateOfDay, type Interval } from '../../src/projections/contributions.js';
import { loadProjection } from '../../src/projections/dialect.js';
import { ProjectionEngine } from '../../src/projections/engine.js';
import { ProjectionHost } from '../../src/projections/host.js';
import { historyArb, historyOf } from './generate.js';
import { holder, LegalHistory } from './history.js';
import fc from 'fast-check';

const tm = (h: LegalHistory, type: string, data: object) =>
  h.run('trademark', { type, data: { number: '1001', ...data } });

function registered(classes = [30, 35], who = holder(1, '330106')): LegalHistory {
  const h = new LegalHistory();
  tm(h, 'FileTrademark', {
    markText: '西湖',
    kind: 'ordinary',
    classes,
    applicants: [who],
    filingDate: '2014-01-10',
  });
  tm(h, 'ApproveTrademarkPreliminarily', { publicationDate: '2014-10-01' });
  expect(tm(h, 'RegisterTrademark', { registrationDate: '2015-06-14' })).to.equal(true);
  return h;
}

function hostOf(h: LegalHistory): ProjectionHost {
  const host = ProjectionHost.open(mkdtempSync(path.join(tmpdir(), 'rules-')));
  for (const e of h.events) host.take(e);
  host.commit();
  return host;
}

const value = (
  host: ProjectionHost,
  id: string,
  asOf: string,
  more: { district?: string; knownAt?: Date } = {},
) =>
  host.readModels.indicators({ asOf, ...more }).indicators.find((i) => i.id === id) as {
    value: number;
    details?: Record<string, unknown>;
  };

describe('projections: counting rules', () => {
  it('counts a registration from its registration date to the last day of its term', () => {
    const host = hostOf(registered());
    expect(value(host, 'valid-trademarks', '2015-06-13').value).to.equal(0);
    expect(value(host, 'valid-trademarks', '2015-06-14').value).to.equal(1);
    expect(value(host, 'valid-trademarks', '2025-06-13').value).to.equal(1);
  });

  it('does not count a mark in grace, and shows it as in grace', () => {
    const host = hostOf(registered());
    const inGrace = value(host, 'valid-trademarks', '2025-06-14');
    expect(inGrace.value).to.equal(0);
    expect(inGrace.details?.['inGrace']).to.equal(1);
    expect(value(host, 'valid-trademarks', '2025-12-14').details?.['inGrace']).to.equal(0);
  });

  it('makes the days continuous when the renewal is filed in grace', () => {
    const h = registered();
    expect(tm(h, 'RenewTrademark', { filedOn: '2025-09-01' })).to.equal(true);
    const host = hostOf(h);
    for (const d of ['2025-06-14', '2025-08-31', '2025-09-01', '2035-06-13']) {
      expect(value(host, 'valid-trademarks', d).value, d).to.equal(1);
      expect(value(host, 'valid-trademarks', d).details?.['inGrace'], d).to.equal(0);
    }
  });

  it('removes an invalidated registration from every past day as now known, but not as known before', () => {
    const h = registered();
    const before = h.now();
    expect(
      tm(h, 'InvalidateTrademark', {
        requestedOn: '2018-01-01',
        decidedOn: '2018-06-01',
        ground: 'absolute',
      }),
    ).to.equal(true);
    const host = hostOf(h);
    expect(value(host, 'valid-trademarks', '2016-01-01').value).to.equal(0);
    expect(value(host, 'valid-trademarks', '2016-01-01', { knownAt: before }).value).to.equal(1);
  });

  it('moves the mark to the assignee district on the announcement date', () => {
    const h = registered();
    expect(tm(h, 'AssignTrademark', { assignee: holder(2, '330108'), announcedOn: '2020-05-01' })).to.equal(
      true,
    );
    const host = hostOf(h);
    expect(value(host, 'valid-trademarks', '2020-04-30', { district: '330106' }).value).to.equal(1);
    expect(value(host, 'valid-trademarks', '2020-04-30', { district: '330108' }).value).to.equal(0);
    expect(value(host, 'valid-trademarks', '2020-05-01', { district: '330106' }).value).to.equal(0);
    expect(value(host, 'valid-trademarks', '2020-05-01', { district: '330108' }).value).to.equal(1);
  });

  it("counts a retired district code under today's district", () => {
    const host = hostOf(registered([30], holder(2, '330104')));
    expect(value(host, 'valid-trademarks', '2016-01-01', { district: '330114' }).value).to.equal(1);
    expect(value(host, 'valid-trademarks', '2016-01-01', { district: '330104' }).value).to.equal(0);
  });

  it('counts a multi-class registration once, and once in each of its classes', () => {
    const host = hostOf(registered([30, 35, 43]));
    const v = value(host, 'valid-trademarks', '2016-01-01');
    expect(v.value).to.equal(1);
    expect(v.details?.['byClass']).to.deep.equal({ '30': 1, '35': 1, '43': 1 });
  });

  it('counts a Madrid registration once per IR, whatever its designations', () => {
    const h = new LegalHistory();
    const irn = '1234567';
    h.run('madrid', {
      type: 'RecordMadridRegistration',
      data: {
        irn,
        basicTrademarkNumber: '1001',
        holder: holder(3, '330106'),
        registrationDate: '2019-01-01',
        designations: ['US', 'EM', 'JP', 'KR'],
        classes: [9, 35],
      },
    });
    expect(
      h.run('madrid', {
        type: 'RecordSubsequentDesignations',
        data: { irn, designations: ['GB', 'AU'], recordedOn: '2020-01-01' },
      }),
    ).to.equal(true);
    const host = hostOf(h);
    expect(value(host, 'madrid-registrations', '2021-01-01').value).to.equal(1);
  });

  it('never decreases the cumulative 品字标 count, while enterprises in force drop', () => {
    const h = new LegalHistory();
    const ent = holder(4, '330106');
    const issue = (no: string, issuedOn: string) =>
      h.run('pinzibiao', {
        type: 'IssuePinzibiaoCertificate',
        data: {
          certificateNumber: no,
          enterprise: ent,
          product: '泵',
          standardCode: 'T/ZZB 0001—2016',
          certificationBody: '联盟',
          issuedOn,
        },
      });
    issue('C1', '2019-03-01');
    issue('C2', '2019-06-01');
    expect(
      h.run('pinzibiao', {
        type: 'WithdrawPinzibiaoCertificate',
        data: { certificateNumber: 'C1', effectiveDate: '2020-01-01', reason: '监督不合格' },
      }),
    ).to.equal(true);
    expect(
      h.run('pinzibiao', {
        type: 'WithdrawPinzibiaoCertificate',
        data: { certificateNumber: 'C2', effectiveDate: '2020-02-01', reason: '监督不合格' },
      }),
    ).to.equal(true);
    const host = hostOf(h);
    const on = (d: string) => value(host, 'pinzibiao-enterprises', d);
    expect(on('2019-07-01').value).to.equal(1);
    expect(on('2019-07-01').details?.['inForce']).to.equal(1);
    expect(on('2020-03-01').value).to.equal(1);
    expect(on('2020-03-01').details?.['inForce']).to.equal(0);
  });

  it('forecasts the registrations valid today still valid on 2025-12-31 without renewals', () => {
    const host = hostOf(registered());
    const f = host.readModels.forecast({ asOf: '2024-01-01', target: '2025-12-31' });
    expect(f).to.include({ validNow: 1, stillValid: 0 });
    expect(host.readModels.forecast({ asOf: '2024-01-01', target: '2025-06-13' })).to.include({
      stillValid: 1,
    });
  });

  it('resolves retired district codes in the JS projection as the domain does', () => {
    const engine = new ProjectionEngine(loadProjection('brand-indicators'));
    const h = new LegalHistory();
    for (const [i, [code, address]] of [
      ['330103', undefined],
      ['330104', '下沙街道'],
      ['330104', '凯旋路'],
      ['330110', '临平街道'],
      ['330110', '五常'],
      ['330106', undefined],
    ].entries()) {
      const who = {
        name: `企业${i}`,
        uscc: holder(60 + i).uscc,
        district: code as string,
        ...(address ? { address } : {}),
      };
      h.run('honour', {
        type: 'AwardBrandHonour',
        data: { id: `h${i}`, kind: 'single-champion', holder: who, title: '冠军', awardedOn: '2021-05-01' },
      });
      const applied = engine.apply(h.events[h.events.length - 1]!);
      expect(applied?.after?.[0]?.[1]).to.equal(currentDistrictOf(code as string, address));
    }
  });
});

describe('projections: the JS projection and the TS ledger agree', () => {
  it('the shared state (city-wide days, district months) equals the ledger summed the same way', () => {
    fc.assert(
      fc.property(historyArb, (steps) => {
        const h = historyOf(steps);
        const engine = new ProjectionEngine(loadProjection('brand-indicators'));
        const day: Record<string, Record<string, number>> = {};
        const month: Record<string, Record<string, number>> = {};
        const bump = (m: Record<string, Record<string, number>>, k: string, slot: string, n: number) => {
          const o = (m[k] ??= {});
          o[slot] = (o[slot] ?? 0) + n;
          if (o[slot] === 0) delete o[slot];
          if (Object.keys(o).length === 0) delete m[k];
        };
        for (const e of h.events) {
          const a = engine.apply(e);
          if (!a) continue;
          for (const d of contributionDelta(a.before as Interval[], a.after as Interval[])) {
            const date = dateOfDay(d.day);
            const cls = d.key.startsWith('trademark-class-');
            if (!cls) bump(day, d.key, date, d.delta);
            bump(month, cls ? d.key : `${d.key}@${d.district}`, date.slice(0, 7), d.delta);
          }
        }
        const shared = JSON.parse(JSON.stringify(engine.shared), (_k, v: unknown) =>
          v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0
            ? undefined
            : v,
        ) as { day?: unknown; month?: unknown };
        expect(shared.day ?? {}).to.deep.equal(day);
        expect(shared.month ?? {}).to.deep.equal(month);
      }),
      { numRuns: 60 },
    );
  });
});
