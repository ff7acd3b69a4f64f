import { expect } from 'chai';
import request from 'supertest';
import { HOLDER, bearer, startHarness, uniqueDigits, type Harness } from './harness.js';
import { forEachStore } from './routes.js';

forEachStore('audit routes', (fixture) => {
  let h: Harness;
  let number: string;
  before(async () => {
    h = await startHarness(fixture());
    number = uniqueDigits(8);
    const file = await request(h.app)
      .post('/api/v1/trademarks')
      .set('Authorization', bearer(h.token.officer))
      .set('X-Request-Id', `req-${number}`)
      .send({ number, markText: '龙井', classes: [30], applicants: [HOLDER], filingDate: '2014-01-10' });
    expect(file.status).to.equal(201);
    expect(file.headers['x-request-id']).to.equal(`req-${number}`);
    const approve = await request(h.app)
      .post(`/api/v1/trademarks/${number}/preliminary-approval`)
      .set('Authorization', bearer(h.token.officer))
      .send({ publicationDate: '2015-03-06' });
    expect(approve.status).to.equal(200);
  });
  after(() => h.close());

  const get = (path: string, token = h.token.auditor) =>
    request(h.app).get(path).set('Authorization', bearer(token));

  it('GET /api/v1/streams/:streamId: every event with the request id as $correlationId and the actor', async () => {
    const res = await get(`/api/v1/streams/trademark-${number}`);
    expect(res.status).to.equal(200);
    expect(res.body.events.map((e: { type: string }) => e.type)).to.deep.equal([
      'TrademarkFiled',
      'TrademarkPreliminarilyApproved',
    ]);
    const [first] = res.body.events;
    expect(first).to.include.keys('streamId', 'revision', 'eventId', 'type', 'data', 'metadata', 'position');
    expect(first.metadata.$correlationId).to.equal(`req-${number}`);
    expect(first.metadata.actor.role).to.equal('officer');
    expect(first.metadata.effectiveDate).to.equal('2014-01-10');
    expect((await get(`/api/v1/streams/trademark-${uniqueDigits(9)}`)).status).to.equal(404);
    expect((await get('/api/v1/streams/%24all')).status).to.equal(400);
    expect((await request(h.app).get(`/api/v1/streams/trademark-${number}`)).status).to.equal(401);
    expect((await get(`/api/v1/streams/trademark-${number}`, h.token.officer)).status).to.equal(403);
    expect((await get(`/api/v1/streams/trademark-${number}`, h.token.reporter)).status).to.equal(403);
  });

  it('GET /api/v1/events: pages the global log in order with nextPosition, 400 bad query, 401, 403', async () => {
    const first = await get('/api/v1/events?limit=2');
    expect(first.status).to.equal(200);
    expect(first.body.events).to.have.length(2);
    expect(first.body.nextPosition).to.be.a('string');
    const next = await get(`/api/v1/events?limit=2&fromPosition=${first.body.nextPosition}`);
    expect(next.status).to.equal(200);
    expect(next.body.events[0].position).to.equal(first.body.nextPosition);
    const positions = [...first.body.events, ...next.body.events].map((e: { position: string }) =>
      BigInt(e.position),
    );
    expect(positions).to.deep.equal([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect((await get('/api/v1/events?limit=0')).status).to.equal(400);
    expect((await get('/api/v1/events?fromPosition=-3')).status).to.equal(400);
    expect((await get('/api/v1/events?from=last-week')).status).to.equal(400);
    expect((await request(h.app).get('/api/v1/events')).status).to.equal(401);
    expect((await get('/api/v1/events', h.token.reporter)).status).to.equal(403);
  });

  it('GET /api/v1/events?from=&to= selects by recorded time; Accept: application/x-ndjson streams it', async () => {
    const none = await get('/api/v1/events?to=2000-01-01T00:00:00Z');
    expect(none.body.events).to.deep.equal([]);
    const all = await get('/api/v1/events?from=2000-01-01T00:00:00Z&limit=10000');
    const nd = await get('/api/v1/events?from=2000-01-01T00:00:00Z')
      .set('Accept', 'application/x-ndjson')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    expect(nd.status).to.equal(200);
    expect(nd.headers['content-type']).to.match(/^application\/x-ndjson/);
    const lines = (nd.body as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { eventId: string });
    expect(lines.map((e) => e.eventId)).to.deep.equal(
      all.body.events.map((e: { eventId: string }) => e.eventId),
    );
    expect(
      lines.some((e) => (e as unknown as { streamId: string }).streamId === `trademark-${number}`),
    ).to.equal(true);
  });

  it('POST /api/v1/audit/verify: the integrity report, 401, 403 for officer and reporter', async () => {
    const res = await request(h.app)
      .post('/api/v1/audit/verify')
      .set('Authorization', bearer(h.token.auditor));
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ ok: true });
    expect(res.body.eventsChecked).to.be.greaterThan(1);
    expect(res.body.problems).to.deep.equal([]);
    expect((await request(h.app).post('/api/v1/audit/verify')).status).to.equal(401);
    expect(
      (await request(h.app).post('/api/v1/audit/verify').set('Authorization', bearer(h.token.officer)))
        .status,
    ).to.equal(403);
    expect(
      (await request(h.app).post('/api/v1/audit/verify').set('Authorization', bearer(h.token.reporter)))
        .status,
    ).to.equal(403);
  });
});
