import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../src/http/app.js';
import { HOLDER, NOW, bearer, startHarness, uniqueDigits, type Harness } from './harness.js';
import { forEachStore } from './routes.js';

forEachStore('query and policy routes', (fixture) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(fixture());
  });
  after(() => h.close());

  const get = (path: string, token = h.token.reporter) =>
    request(h.app).get(path).set('Authorization', bearer(token));

  it('GET /api/v1/indicators: the eight indicators, defaults asOf to today in Shanghai; 400, 401, 403', async () => {
    const res = await get('/api/v1/indicators');
    expect(res.status).to.equal(200);
    expect(res.body.asOf).to.equal('2036-01-01');
    expect(res.body.indicators.map((i: { id: string }) => i.id)).to.deep.equal([
      'valid-trademarks',
      'geographical-indications',
      'madrid-registrations',
      'pinzibiao-enterprises',
      'zhejiang-made-premium',
      'single-champion-enterprises',
      'high-quality-service-certificates',
      'quality-brand-demonstration-zones',
    ]);
    expect((await get('/api/v1/indicators?asOf=2024-02-30')).status).to.equal(400);
    expect((await get('/api/v1/indicators?district=110101')).status).to.equal(400);
    expect((await get('/api/v1/indicators?knownAt=soon')).status).to.equal(400);
    expect((await request(h.app).get('/api/v1/indicators')).status).to.equal(401);
    expect((await get('/api/v1/indicators', h.token.auditor)).status).to.equal(403);
  });

  it('GET /api/v1/indicators: the same answer and ETag until a write moves the read models; 304 when fresh', async () => {
    const path = '/api/v1/indicators?asOf=2030-06-30&district=330106';
    const first = await get(path);
    const again = await get(path);
    expect(again.text).to.equal(first.text);
    expect(again.headers['etag']).to.equal(first.headers['etag']);
    expect(again.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect((await get(path).set('If-None-Match', first.headers['etag'] as string)).status).to.equal(304);
    await request(h.app)
      .post('/api/v1/trademarks')
      .set('Authorization', bearer(h.token.officer))
      .send({
        number: uniqueDigits(8),
        markText: '缓存',
        classes: [30],
        applicants: [HOLDER],
        filingDate: '2020-01-01',
      })
      .expect(201);
    // After the write, the answer is what an app with nothing remembered computes from the read models.
    const after = await get(path);
    const fresh = await request(createApp({ ...h, clock: () => NOW }))
      .get(path)
      .set('Authorization', bearer(h.token.reporter));
    expect(after.text).to.equal(fresh.text);
    expect(after.headers['etag']).to.equal(fresh.headers['etag']);
  });

  it('GET /api/v1/indicators/:id/series: month-end values; 404 unknown indicator, 400, 401, 403', async () => {
    const res = await get(
      '/api/v1/indicators/valid-trademarks/series?from=2024-01&to=2024-03&district=330106',
    );
    expect(res.status).to.equal(200);
    expect(res.body.values.map((v: { month: string }) => v.month)).to.deep.equal([
      '2024-01',
      '2024-02',
      '2024-03',
    ]);
    expect((await get('/api/v1/indicators/no-such/series?from=2024-01&to=2024-03')).status).to.equal(404);
    expect((await get('/api/v1/indicators/valid-trademarks/series?from=2024-13&to=2024-03')).status).to.equal(
      400,
    );
    expect((await get('/api/v1/indicators/valid-trademarks/series?from=2024-05&to=2024-03')).status).to.equal(
      400,
    );
    expect(
      (await request(h.app).get('/api/v1/indicators/valid-trademarks/series?from=2024-01&to=2024-03')).status,
    ).to.equal(401);
    expect(
      (await get('/api/v1/indicators/valid-trademarks/series?from=2024-01&to=2024-03', h.token.auditor))
        .status,
    ).to.equal(403);
  });

  it('GET /api/v1/indicators/valid-trademarks/forecast: the renewals at stake for a target day; 400, 401, 403', async () => {
    const officer = bearer(h.token.officer);
    const register = async (registrationDate: string, filingDate: string, publicationDate: string) => {
      const number = uniqueDigits(8);
      const post = (path: string, body: object) =>
        request(h.app).post(`/api/v1/trademarks${path}`).set('Authorization', officer).send(body);
      await post('', { number, markText: '预测', classes: [29], applicants: [HOLDER], filingDate }).expect(
        201,
      );
      await post(`/${number}/preliminary-approval`, { publicationDate }).expect(200);
      await post(`/${number}/registration`, { registrationDate }).expect(200);
    };
    const path = '/api/v1/indicators/valid-trademarks/forecast?target=2036-12-31&district=330106';
    const before = (await get(path)).body;
    await register('2026-03-01', '2025-01-02', '2025-06-01'); // expires 2036-02-29: at stake
    await register('2030-01-10', '2029-01-02', '2029-06-01'); // expires 2040-01-09: still valid
    const after = await get(path);
    expect(after.status).to.equal(200);
    expect(after.body).to.include({ asOf: '2036-01-01', target: '2036-12-31', district: '330106' });
    expect(after.body.validNow - before.validNow).to.equal(2);
    expect(after.body.stillValid - before.stillValid).to.equal(1);
    expect(after.body.renewalsAtStake - before.renewalsAtStake).to.equal(1);
    expect((await get('/api/v1/indicators/valid-trademarks/forecast?target=2036-02-31')).status).to.equal(
      400,
    );
    expect((await request(h.app).get('/api/v1/indicators/valid-trademarks/forecast')).status).to.equal(401);
    expect((await get('/api/v1/indicators/valid-trademarks/forecast', h.token.auditor)).status).to.equal(403);
  });

  it('GET /api/v1/docket: deadlines within the days asked; 400, 401, 403', async () => {
    const number = uniqueDigits(8);
    const officer = bearer(h.token.officer);
    await request(h.app)
      .post('/api/v1/trademarks')
      .set('Authorization', officer)
      .send({ number, markText: '杭州', classes: [35], applicants: [HOLDER], filingDate: '2035-06-01' });
    const approved = await request(h.app)
      .post(`/api/v1/trademarks/${number}/preliminary-approval`)
      .set('Authorization', officer)
      .send({ publicationDate: '2035-12-01' });
    expect(approved.status).to.equal(200);
    const res = await get('/api/v1/docket?within=120');
    expect(res.status).to.equal(200);
    expect(res.body.today).to.equal('2036-01-01');
    const entry = res.body.entries.find((e: { streamId: string }) => e.streamId === `trademark-${number}`);
    expect(entry).to.include({ kind: 'opposition-period-ends', date: '2036-03-01' });
    expect((await get('/api/v1/docket?within=-1')).status).to.equal(400);
    expect((await get('/api/v1/docket?within=abc')).status).to.equal(400);
    expect((await request(h.app).get('/api/v1/docket')).status).to.equal(401);
    expect((await get('/api/v1/docket', h.token.auditor)).status).to.equal(403);
  });

  it('POST /api/v1/policies/lapse: records lapses once (idempotent); 400, 401, 403', async () => {
    const number = uniqueDigits(8);
    const officer = bearer(h.token.officer);
    const steps: [string, object][] = [
      ['', { number, markText: '过期', classes: [30], applicants: [HOLDER], filingDate: '2014-01-10' }],
      [`/${number}/preliminary-approval`, { publicationDate: '2015-03-06' }],
      [`/${number}/registration`, { registrationDate: '2015-07-01' }],
    ];
    for (const [path, body] of steps) {
      const res = await request(h.app)
        .post(`/api/v1/trademarks${path}`)
        .set('Authorization', officer)
        .send(body);
      expect(res.status).to.be.oneOf([200, 201]);
    }
    const lapse = () =>
      request(h.app)
        .post('/api/v1/policies/lapse')
        .set('Authorization', officer)
        .send({ asOf: '2026-01-02' });
    const first = await lapse();
    expect(first.status).to.equal(200);
    expect(first.body.lapsed).to.include(`trademark-${number}`);
    const record = await get(`/api/v1/trademarks/${number}`);
    expect(record.body.status).to.equal('lapsed');
    const again = await lapse();
    expect(again.body.lapsed).not.to.include(`trademark-${number}`);
    const bad = await request(h.app)
      .post('/api/v1/policies/lapse')
      .set('Authorization', officer)
      .send({ asOf: 'today' });
    expect(bad.status).to.equal(400);
    expect(
      (await request(h.app).post('/api/v1/policies/lapse').send({ asOf: '2026-01-02' })).status,
    ).to.equal(401);
    const reporter = await request(h.app)
      .post('/api/v1/policies/lapse')
      .set('Authorization', bearer(h.token.reporter))
      .send({ asOf: '2026-01-02' });
    expect(reporter.status).to.equal(403);
  });
});
