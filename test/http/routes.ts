import type { Express } from 'express';
import request from 'supertest';
import { describe } from 'mocha';
import { esdbDoubleFixture, sqliteFixture, type StoreFixture } from '../support/stores.js';
import { HOLDER, XIAOSHAN_HOLDER, bearer, type Role } from './harness.js';

/** Runs `body` once per store: the embedded SQLite store on a temp file and EventStoreDB over the double. */
export function forEachStore(title: string, body: (fixture: () => StoreFixture) => void): void {
  for (const make of [sqliteFixture, esdbDoubleFixture]) {
    const fixture = make();
    describe(`${title} (${fixture.name})`, () => {
      before(() => fixture.setUp());
      after(() => fixture.tearDown());
      body(() => fixture);
    });
  }
}

export interface Step {
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly status: 200 | 201;
  readonly events: readonly string[];
}

export const send = (app: Express, role: Role | null, token: Record<Role, string>) => ({
  post: (path: string, body: unknown) => {
    const r = request(app).post(path);
    if (role) r.set('Authorization', bearer(token[role]));
    return r.send(body as object);
  },
  get: (path: string) => {
    const r = request(app).get(path);
    if (role) r.set('Authorization', bearer(token[role]));
    return r;
  },
});

/** Each register walked through every write route it has, in an order its rules allow. */
export function registerScenarios(ids: {
  tm: string;
  tm2: string;
  tm3: string;
  gi: string;
  irn: string;
  cert: string;
  honour: string;
}): Record<string, Step[]> {
  const tm = `/api/v1/trademarks/${ids.tm}`;
  const filed = (number: string): Step => ({
    path: '/api/v1/trademarks',
    body: { number, markText: '西湖龙井', classes: [30, 35], applicants: [HOLDER], filingDate: '2014-01-10' },
    status: 201,
    events: ['TrademarkFiled'],
  });
  const approved = (number: string): Step => ({
    path: `/api/v1/trademarks/${number}/preliminary-approval`,
    body: { publicationDate: '2015-03-06', gazetteNumber: '1445' },
    status: 200,
    events: ['TrademarkPreliminarilyApproved'],
  });
  const registered = (number: string, registrationDate: string): Step => ({
    path: `/api/v1/trademarks/${number}/registration`,
    body: { registrationDate },
    status: 200,
    events: ['TrademarkRegistered'],
  });
  const cert = `/api/v1/pinzibiao/certificates/${ids.cert}`;
  return {
    trademarks: [
      filed(ids.tm),
      approved(ids.tm),
      {
        path: `${tm}/oppositions`,
        body: { filedOn: '2015-04-01', opponent: '杭州茶叶集团有限公司' },
        status: 200,
        events: ['TrademarkOpposed'],
      },
      {
        path: `${tm}/oppositions/decision`,
        body: { decidedOn: '2015-09-01', outcome: 'rejected' },
        status: 200,
        events: ['TrademarkOppositionDecided'],
      },
      registered(ids.tm, '2015-10-01'),
      { path: `${tm}/renewals`, body: { filedOn: '2025-05-01' }, status: 200, events: ['TrademarkRenewed'] },
      {
        path: `${tm}/assignments`,
        body: { assignee: XIAOSHAN_HOLDER, announcedOn: '2020-03-01' },
        status: 200,
        events: ['TrademarkAssigned'],
      },
      {
        path: `${tm}/licences`,
        body: { licensee: HOLDER, recordedOn: '2021-01-01', from: '2021-01-01', to: '2023-12-31' },
        status: 200,
        events: ['TrademarkLicenceRecorded'],
      },
      {
        path: `${tm}/revocation`,
        body: { effectiveDate: '2030-01-15', ground: 'non-use' },
        status: 200,
        events: ['TrademarkRevoked'],
      },
      filed(ids.tm2),
      approved(ids.tm2),
      registered(ids.tm2, '2015-07-01'),
      {
        path: `/api/v1/trademarks/${ids.tm2}/invalidation`,
        body: { requestedOn: '2016-01-10', decidedOn: '2016-09-01', ground: 'relative' },
        status: 200,
        events: ['TrademarkInvalidated'],
      },
      filed(ids.tm3),
      approved(ids.tm3),
      registered(ids.tm3, '2015-07-01'),
      {
        path: `/api/v1/trademarks/${ids.tm3}/surrender`,
        body: { effectiveDate: '2019-01-05' },
        status: 200,
        events: ['TrademarkSurrendered'],
      },
    ],
    'geographical-indications': [
      {
        path: '/api/v1/geographical-indications',
        body: {
          id: ids.gi,
          name: '萧山萝卜干',
          product: '萝卜干',
          route: 'certification-mark',
          holder: XIAOSHAN_HOLDER,
          registeredOn: '2011-06-14',
          trademarkNumber: '9129815',
        },
        status: 201,
        events: ['GiRegistered'],
      },
      {
        path: `/api/v1/geographical-indications/${ids.gi}/renewals`,
        body: { filedOn: '2021-03-01' },
        status: 200,
        events: ['GiRenewed'],
      },
      {
        path: `/api/v1/geographical-indications/${ids.gi}/revocation`,
        body: { effectiveDate: '2030-01-01' },
        status: 200,
        events: ['GiRevoked'],
      },
    ],
    'madrid-registrations': [
      {
        path: '/api/v1/madrid-registrations',
        body: {
          irn: ids.irn,
          basicTrademarkNumber: ids.tm,
          holder: HOLDER,
          registrationDate: '2024-04-01',
          designations: ['US', 'EM'],
          classes: [30],
        },
        status: 201,
        events: ['MadridRegistrationRecorded'],
      },
      {
        path: `/api/v1/madrid-registrations/${ids.irn}/designations`,
        body: { designations: ['JP'], recordedOn: '2024-09-01' },
        status: 200,
        events: ['MadridDesignationsRecorded'],
      },
      {
        path: `/api/v1/madrid-registrations/${ids.irn}/renewals`,
        body: { filedOn: '2034-01-02' },
        status: 200,
        events: ['MadridRegistrationRenewed'],
      },
      {
        path: `/api/v1/madrid-registrations/${ids.irn}/cancellation`,
        body: { effectiveDate: '2035-01-01', reason: 'holder-request' },
        status: 200,
        events: ['MadridRegistrationCancelled'],
      },
    ],
    pinzibiao: [
      {
        path: '/api/v1/pinzibiao/certificates',
        body: {
          certificateNumber: ids.cert,
          enterprise: HOLDER,
          product: '西湖龙井茶',
          standardCode: 'T/ZZB 0123—2019',
          certificationBody: '浙江制造国际认证联盟',
          issuedOn: '2024-03-01',
        },
        status: 201,
        events: ['PinzibiaoCertificateIssued'],
      },
      {
        path: `${cert}/surveillance`,
        body: { auditedOn: '2025-03-01', passed: true },
        status: 200,
        events: ['PinzibiaoSurveillanceRecorded'],
      },
      {
        path: `${cert}/suspension`,
        body: { effectiveDate: '2025-04-01', reason: '监督审核不合格' },
        status: 200,
        events: ['PinzibiaoCertificateSuspended'],
      },
      {
        path: `${cert}/restoration`,
        body: { effectiveDate: '2025-06-01' },
        status: 200,
        events: ['PinzibiaoCertificateRestored'],
      },
      {
        path: `${cert}/renewal`,
        body: { issuedOn: '2027-02-01' },
        status: 200,
        events: ['PinzibiaoCertificateRenewed'],
      },
      {
        path: `${cert}/withdrawal`,
        body: { effectiveDate: '2028-01-01', reason: '企业申请撤回' },
        status: 200,
        events: ['PinzibiaoCertificateWithdrawn'],
      },
    ],
    'brand-honours': [
      {
        path: '/api/v1/brand-honours',
        body: {
          id: ids.honour,
          kind: 'single-champion',
          holder: HOLDER,
          title: '制造业单项冠军企业',
          awardedOn: '2024-12-20',
        },
        status: 201,
        events: ['BrandHonourAwarded'],
      },
      {
        path: `/api/v1/brand-honours/${ids.honour}/revocation`,
        body: { effectiveDate: '2025-06-30' },
        status: 200,
        events: ['BrandHonourRevoked'],
      },
    ],
  };
}
