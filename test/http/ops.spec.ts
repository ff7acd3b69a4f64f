import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/http/app.js';
import { HOLDER, bearer, startHarness, uniqueDigits, type Harness } from './harness.js';
import { forEachStore } from './routes.js';

const API_ROUTES = [
  '/api/v1/trademarks',
  '/api/v1/trademarks/{id}',
  '/api/v1/tokens/me',
  '/api/v1/indicators/valid-trademarks/forecast',
  '/api/v1/trademarks/{id}/preliminary-approval',
  '/api/v1/trademarks/{id}/oppositions',
  '/api/v1/trademarks/{id}/oppositions/decision',
  '/api/v1/trademarks/{id}/registration',
  '/api/v1/trademarks/{id}/renewals',
  '/api/v1/trademarks/{id}/assignments',
  '/api/v1/trademarks/{id}/licences',
  '/api/v1/trademarks/{id}/revocation',
  '/api/v1/trademarks/{id}/invalidation',
  '/api/v1/trademarks/{id}/surrender',
  '/api/v1/geographical-indications',
  '/api/v1/geographical-indications/{id}/renewals',
  '/api/v1/geographical-indications/{id}/revocation',
  '/api/v1/madrid-registrations',
  '/api/v1/madrid-registrations/{id}/designations',
  '/api/v1/madrid-registrations/{id}/renewals',
  '/api/v1/madrid-registrations/{id}/cancellation',
  '/api/v1/pinzibiao/certificates',
  '/api/v1/pinzibiao/certificates/{id}/surveillance',
  '/api/v1/pinzibiao/certificates/{id}/suspension',
  '/api/v1/pinzibiao/certificates/{id}/restoration',
  '/api/v1/pinzibiao/certificates/{id}/withdrawal',
  '/api/v1/pinzibiao/certificates/{id}/renewal',
  '/api/v1/brand-honours',
  '/api/v1/brand-honours/{id}/revocation',
  '/api/v1/policies/lapse',
  '/api/v1/indicators',
  '/api/v1/indicators/{id}/series',
  '/api/v1/docket',
  '/api/v1/streams/{streamId}',
  '/api/v1/events',
  '/api/v1/audit/verify',
  '/api/v1/tokens',
  '/api/v1/tokens/{id}',
];

forEachStore('operations', (fixture) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(fixture(), { bodyLimit: '8kb' });
  });
  after(() => h.close());

  it('GET /healthz and /readyz answer without a token; /readyz reports the read models near the head', async () => {
    const health = await request(h.app).get('/healthz');
    expect(health.status).to.equal(200);
    expect(health.body.status).to.equal('ok');
    expect(health.headers['x-content-type-options']).to.equal('nosniff');
    const ready = await request(h.app).get('/readyz');
    expect(ready.status).to.equal(200);
    expect(ready.body.status).to.equal('ready');
  });

  it('GET /readyz answers 503 when the read models are further behind than the bound', async () => {
    const stalled = {
      readModels: { ...h.projections.readModels, checkpoint: () => null },
      start: () => undefined,
      waitFor: () => Promise.resolve(),
      stop: () => Promise.resolve(),
    };
    const app = createApp({
      store: h.store,
      projections: stalled as never,
      tokens: h.tokens,
      idempotency: h.idempotency,
      readinessMaxLag: 0,
    });
    const res = await request(app).get('/readyz');
    expect(res.status).to.equal(503);
    expect(res.body.projections.behind).to.be.greaterThan(0);
  });

  it('GET /metrics: requests, latencies, appends and projection lag for admin or auditor; 401, 403', async () => {
    await request(h.app)
      .post('/api/v1/trademarks')
      .set('Authorization', bearer(h.token.officer))
      .send({
        number: uniqueDigits(8),
        markText: '指标',
        classes: [9],
        applicants: [HOLDER],
        filingDate: '2020-01-01',
      });
    const res = await request(h.app).get('/metrics').set('Authorization', bearer(h.token.auditor));
    expect(res.status).to.equal(200);
    expect(res.text).to.match(
      /registry_http_requests_total\{method="POST",route="\/api\/v1\/trademarks",status="201"\} 1/,
    );
    expect(res.text).to.include('registry_http_request_duration_seconds_bucket');
    expect(res.text).to.match(/registry_events_appended_total\{category="trademark"\} 1/);
    expect(res.text).to.match(/registry_projection_lag_events \d+/);
    expect((await request(h.app).get('/metrics')).status).to.equal(401);
    expect(
      (await request(h.app).get('/metrics').set('Authorization', bearer(h.token.reporter))).status,
    ).to.equal(403);
  });

  it('GET /api/v1/openapi.json: public OpenAPI 3.1 from the zod schemas, every route, Chinese examples', async () => {
    const res = await request(h.app).get('/api/v1/openapi.json');
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.equal('3.1.0');
    expect(res.body.paths).to.include.keys(...API_ROUTES);
    const file = res.body.paths['/api/v1/trademarks'].post.requestBody.content['application/json'];
    expect(file.schema.required).to.include.members([
      'number',
      'markText',
      'classes',
      'applicants',
      'filingDate',
    ]);
    expect(file.example.markText).to.equal('西湖龙井');
    const renew =
      res.body.paths['/api/v1/trademarks/{id}/renewals'].post.requestBody.content['application/json'];
    expect(renew.schema.properties).to.have.keys('filedOn');
  });

  it('answers problem+json: 400 for malformed JSON, 413 for a body over the limit, 404 for an unknown route', async () => {
    const auth = bearer(h.token.officer);
    const malformed = await request(h.app)
      .post('/api/v1/trademarks')
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send('{"number": ');
    expect(malformed.status).to.equal(400);
    expect(malformed.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(malformed.body.errors).to.have.length(1);
    const big = await request(h.app)
      .post('/api/v1/trademarks')
      .set('Authorization', auth)
      .send({ number: '1', markText: 'x'.repeat(20_000) });
    expect(big.status).to.equal(413);
    expect(big.body.status).to.equal(413);
    const notJson = await request(h.app)
      .post('/api/v1/trademarks')
      .set('Authorization', auth)
      .type('text')
      .send('hello');
    expect(notJson.status).to.equal(400);
    const nowhere = await request(h.app).get('/api/v1/nowhere').set('Authorization', auth);
    expect(nowhere.status).to.equal(404);
    expect(nowhere.body.type).to.match(/no-route$/);
  });

  it('sends a content security policy that does not upgrade plain-HTTP requests (the page works on a LAN address)', async () => {
    const res = await request(h.app).get('/healthz');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).to.match(/default-src 'self'/);
    expect(csp).to.not.match(/upgrade-insecure-requests/);
  });

  it('GET /api/v1/tokens/me tells any valid token its own role; 401 without one', async () => {
    for (const role of ['admin', 'officer', 'auditor', 'reporter'] as const) {
      const res = await request(h.app).get('/api/v1/tokens/me').set('Authorization', bearer(h.token[role]));
      expect(res.status).to.equal(200);
      expect(res.body.role).to.equal(role);
    }
    const officer = await request(h.app)
      .get('/api/v1/tokens/me')
      .set('Authorization', bearer(h.token.officer));
    expect(officer.body.name).to.equal('spec officer');
    expect((await request(h.app).get('/api/v1/tokens/me')).status).to.equal(401);
  });

  it('echoes X-Request-Id, or gives a fresh UUID when the caller sends none', async () => {
    const given = await request(h.app).get('/healthz').set('X-Request-Id', 'trace-42');
    expect(given.headers['x-request-id']).to.equal('trace-42');
    const fresh = await request(h.app).get('/healthz');
    expect(fresh.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('logs one line per request with its id, method, URL, status, time and actor', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const app = createApp({ ...h, logger });
    await request(app)
      .get('/api/v1/docket?within=30')
      .set('Authorization', bearer(h.token.reporter))
      .set('X-Request-Id', 'trace-log-1')
      .expect(200);
    await request(app).get('/api/v1/docket').set('X-Request-Id', 'trace-log-2').expect(401);
    expect(lines).to.have.length(2);
    const [ok, refused] = lines as [Record<string, unknown>, Record<string, unknown>];
    expect(ok).to.deep.include({
      level: 30,
      msg: 'request completed',
      req: { id: 'trace-log-1', method: 'GET', url: '/api/v1/docket?within=30' },
      res: { statusCode: 200 },
    });
    expect(ok['actor']).to.deep.include({ role: 'reporter' });
    expect(ok['responseTime']).to.be.a('number');
    expect(refused).to.deep.include({
      level: 40,
      req: { id: 'trace-log-2', method: 'GET', url: '/api/v1/docket' },
    });
    expect(refused).to.not.have.property('actor');
  });
});
