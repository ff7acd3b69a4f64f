import { expect } from 'chai';
import request from 'supertest';
import {
  HOLDER,
  XIAOSHAN_HOLDER,
  bearer,
  startHarness,
  uniqueDigits,
  uniqueId,
  type Harness,
} from './harness.js';
import { forEachStore } from './routes.js';

type Values = Record<string, number>;

forEachStore('end to end: a city’s brand records over HTTP', (fixture) => {
  let h: Harness;
  const number = uniqueDigits(8);
  const gi = uniqueId('xiaoshan-luobogan');
  const irn = uniqueDigits(7);
  const cert = uniqueId('ZZB');
  let beforeAll = '';

  before(async () => {
    h = await startHarness(fixture());
    beforeAll = new Date(Date.now() - 1000).toISOString();
  });
  after(() => h.close());

  const write = async (path: string, body: object, status = 200) => {
    const res = await request(h.app).post(path).set('Authorization', bearer(h.token.officer)).send(body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).to.equal(status);
    return res;
  };
  const indicators = async (query: string): Promise<Values> => {
    const res = await request(h.app)
      .get(`/api/v1/indicators?${query}`)
      .set('Authorization', bearer(h.token.reporter));
    expect(res.status).to.equal(200);
    return Object.fromEntries(res.body.indicators.map((i: { id: string; value: number }) => [i.id, i.value]));
  };

  it('records a trademark through registration and renewal, a GI, a Madrid registration and a 品字标 certificate', async () => {
    await write(
      '/api/v1/trademarks',
      {
        number,
        markText: '西湖龙井',
        kind: 'certification',
        classes: [30],
        applicants: [HOLDER],
        filingDate: '2014-01-10',
      },
      201,
    );
    await write(`/api/v1/trademarks/${number}/preliminary-approval`, { publicationDate: '2015-03-06' });
    await write(`/api/v1/trademarks/${number}/registration`, { registrationDate: '2015-06-14' });
    const renewed = await write(`/api/v1/trademarks/${number}/renewals`, { filedOn: '2025-05-01' });
    expect(renewed.headers['etag']).to.equal('"3"');
    await write(
      '/api/v1/geographical-indications',
      {
        id: gi,
        name: '萧山萝卜干',
        product: '萝卜干',
        route: 'gi-product',
        holder: XIAOSHAN_HOLDER,
        registeredOn: '2012-05-01',
      },
      201,
    );
    await write(
      '/api/v1/madrid-registrations',
      {
        irn,
        basicTrademarkNumber: number,
        holder: HOLDER,
        registrationDate: '2016-03-01',
        designations: ['US', 'EM'],
        classes: [30],
      },
      201,
    );
    await write(
      '/api/v1/pinzibiao/certificates',
      {
        certificateNumber: cert,
        enterprise: XIAOSHAN_HOLDER,
        product: '萧山萝卜干',
        standardCode: 'T/ZZB 0456-2018',
        certificationBody: '浙江制造国际认证联盟',
        issuedOn: '2019-05-01',
      },
      201,
    );

    const record = await request(h.app)
      .get(`/api/v1/trademarks/${number}`)
      .set('Authorization', bearer(h.token.reporter));
    expect(record.body).to.include({ status: 'registered', expiryDate: '2035-06-13' });
    const certificate = await request(h.app)
      .get(`/api/v1/pinzibiao/certificates/${cert}`)
      .set('Authorization', bearer(h.token.reporter));
    expect(certificate.body).to.include({ expiresOn: '2022-04-30', standardCode: 'T/ZZB 0456—2018' });
  });

  it('reads the indicators for several dates and districts, and as known before the records', async () => {
    const city2015 = await indicators('asOf=2015-01-01');
    expect(city2015).to.include({
      'valid-trademarks': 0,
      'geographical-indications': 1,
      'madrid-registrations': 0,
    });
    const city2020 = await indicators('asOf=2020-01-01');
    expect(city2020).to.include({
      'valid-trademarks': 1,
      'geographical-indications': 1,
      'madrid-registrations': 1,
      'pinzibiao-enterprises': 1,
    });
    expect(await indicators('asOf=2020-01-01&district=330106')).to.include({
      'valid-trademarks': 1,
      'geographical-indications': 0,
      'madrid-registrations': 1,
      'pinzibiao-enterprises': 0,
    });
    expect(await indicators('asOf=2020-01-01&district=330109')).to.include({
      'valid-trademarks': 0,
      'geographical-indications': 1,
      'madrid-registrations': 0,
      'pinzibiao-enterprises': 1,
    });
    // The renewal carries the mark past its first expiry; the IR, never renewed, has ended by 2030.
    expect(await indicators('asOf=2030-01-01')).to.include({
      'valid-trademarks': 1,
      'madrid-registrations': 0,
      'pinzibiao-enterprises': 1,
    });
    const knownBefore = await indicators(`asOf=2020-01-01&knownAt=${encodeURIComponent(beforeAll)}`);
    expect(Object.values(knownBefore).every((v) => v === 0)).to.equal(true);
  });

  it('shows each record’s history in order with its metadata', async () => {
    const res = await request(h.app)
      .get(`/api/v1/streams/trademark-${number}`)
      .set('Authorization', bearer(h.token.auditor));
    expect(res.body.events.map((e: { type: string }) => e.type)).to.deep.equal([
      'TrademarkFiled',
      'TrademarkPreliminarilyApproved',
      'TrademarkRegistered',
      'TrademarkRenewed',
    ]);
    expect(
      res.body.events.map((e: { metadata: { effectiveDate: string } }) => e.metadata.effectiveDate),
    ).to.deep.equal(['2014-01-10', '2015-03-06', '2015-06-14', '2025-06-14']);
    for (const streamId of [`gi-${gi}`, `madrid-${irn}`, `pinzibiao-${cert}`]) {
      const s = await request(h.app)
        .get(`/api/v1/streams/${streamId}`)
        .set('Authorization', bearer(h.token.auditor));
      expect(s.status, streamId).to.equal(200);
      expect(s.body.events).to.have.length(1);
      expect(s.body.events[0].metadata.actor.role).to.equal('officer');
    }
    const verify = await request(h.app)
      .post('/api/v1/audit/verify')
      .set('Authorization', bearer(h.token.auditor));
    expect(verify.body.ok).to.equal(true);
  });
});
