import { expect } from 'chai';
import request from 'supertest';
import { esdbDoubleFixture } from '../support/stores.js';
import { HOLDER, bearer, startHarness, uniqueDigits, type Harness } from './harness.js';

const filing = () => ({
  number: uniqueDigits(8),
  markText: '断线',
  classes: [30],
  applicants: [HOLDER],
  filingDate: '2020-01-01',
});

describe('EventStoreDB outage over HTTP', () => {
  const fixture = esdbDoubleFixture();
  let h: Harness;
  before(async () => {
    await fixture.setUp();
    h = await startHarness(fixture, { readYourWritesTimeoutMs: 500 });
  });
  after(async () => {
    await h.close();
    await fixture.tearDown();
  });

  it('answers writes 503 with Retry-After while the store is down, keeps read-model reads, and recovers by itself', async function () {
    this.timeout(60_000);
    const officer = bearer(h.token.officer);
    const before = await request(h.app)
      .post('/api/v1/trademarks')
      .set('Authorization', officer)
      .send(filing());
    expect(before.status).to.equal(201);

    await fixture.double().stop();
    const down = await request(h.app).post('/api/v1/trademarks').set('Authorization', officer).send(filing());
    expect(down.status).to.equal(503);
    expect(down.headers['retry-after']).to.match(/^\d+$/);
    expect(down.headers['content-type']).to.match(/^application\/problem\+json/);
    const reporter = bearer(h.token.reporter);
    expect(
      (await request(h.app).get('/api/v1/indicators?asOf=2024-01-01').set('Authorization', reporter)).status,
    ).to.equal(200);
    expect(
      (await request(h.app).get('/api/v1/trademarks?limit=5').set('Authorization', reporter)).status,
    ).to.equal(200);
    expect((await request(h.app).get('/api/v1/docket').set('Authorization', reporter)).status).to.equal(200);
    expect((await request(h.app).get('/readyz')).status).to.equal(503);

    await fixture.double().restart();
    let status = 0;
    const again = filing();
    for (let i = 0; i < 100 && status !== 201; i++) {
      status = (await request(h.app).post('/api/v1/trademarks').set('Authorization', officer).send(again))
        .status;
      if (status !== 201) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).to.equal(201);
    let found = 0;
    for (let i = 0; i < 100 && found === 0; i++) {
      const res = await request(h.app)
        .get(`/api/v1/trademarks?q=${again.number}`)
        .set('Authorization', reporter);
      found = res.body.items.length;
      if (found === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found, 'the read models follow the log again').to.equal(1);
  });
});
