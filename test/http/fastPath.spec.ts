import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/http/app.js';
import { HttpMetrics } from '../../src/http/metrics.js';
import { sqliteFixture } from '../support/stores.js';
import { HOLDER, NOW, bearer, startHarness, uniqueDigits, type Harness } from './harness.js';

/**
 * GET /api/v1/indicators answered ahead of express (src/http/fastPath.ts): which requests it takes,
 * and that what it sends, logs and counts is what the express route sends, logs and counts.
 */
describe('the indicator fast path', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness(sqliteFixture());
    await request(h.app)
      .post('/api/v1/trademarks')
      .set('Authorization', bearer(h.token.officer))
      .send({
        number: uniqueDigits(8),
        markText: '快路',
        classes: [30],
        applicants: [HOLDER],
        filingDate: '2020-01-01',
      })
      .expect(201);
  });
  after(() => h.close());

  /** An app whose fast path reports each request it answered; express answers the rest. */
  function observed(fastPaths = true) {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const metrics = new HttpMetrics({ defaultMetrics: false });
    let fast = 0;
    const observeRoute = metrics.observeRoute.bind(metrics);
    metrics.observeRoute = (...args) => {
      fast++;
      observeRoute(...args);
    };
    const app = createApp({ ...h, clock: () => NOW, logger, metrics, fastPaths });
    return { app, lines, metrics, fastCount: () => fast };
  }

  it('answers a known reader’s valid query, and leaves every other request to express', async () => {
    const o = observed();
    const get = (path: string, token: string | null = h.token.reporter) => {
      const r = request(o.app).get(path);
      return token === null ? r : r.set('Authorization', bearer(token));
    };
    const taken = async (req: PromiseLike<{ status: number }>, status: number): Promise<boolean> => {
      const before = o.fastCount();
      expect((await req).status).to.equal(status);
      return o.fastCount() > before;
    };
    expect(await taken(get('/api/v1/indicators'), 200)).to.equal(true);
    expect(await taken(get('/api/v1/indicators?asOf=2024-06-30&district=330106'), 200)).to.equal(true);
    expect(await taken(get('/api/v1/indicators?asOf=2024-06-30', h.token.officer), 200)).to.equal(true);
    expect(await taken(get('/api/v1/indicators?asOf=2024-06-30', h.token.admin), 200)).to.equal(true);

    expect(await taken(get('/api/v1/indicators', null), 401)).to.equal(false);
    expect(await taken(get('/api/v1/indicators', 'not-a-token'), 401)).to.equal(false);
    expect(await taken(get('/api/v1/indicators', h.token.auditor), 403)).to.equal(false);
    expect(await taken(get('/api/v1/indicators?asOf=2024-02-30'), 400)).to.equal(false);
    expect(await taken(get('/api/v1/indicators?district=110101'), 400)).to.equal(false);
    const etag = (await get('/api/v1/indicators?asOf=2024-06-30')).headers['etag'] as string;
    expect(await taken(get('/api/v1/indicators?asOf=2024-06-30').set('If-None-Match', etag), 304)).to.equal(
      false,
    );
    expect(await taken(get('/api/v1/indicators/'), 200)).to.equal(false);
    expect(
      await taken(
        request(o.app).head('/api/v1/indicators').set('Authorization', bearer(h.token.reporter)),
        200,
      ),
    ).to.equal(false);
    expect(
      await taken(
        request(o.app).post('/api/v1/indicators').set('Authorization', bearer(h.token.reporter)).send({}),
        404,
      ),
    ).to.equal(false);
    expect(
      await taken(get('/api/v1/indicators/valid-trademarks/series?from=2024-01&to=2024-02'), 200),
    ).to.equal(false);
  });

  it('sends the bytes and headers, logs the line and counts the metric the express route does', async () => {
    const fast = observed(true);
    const slow = observed(false);
    const queries = [
      '',
      '?asOf=2024-06-30',
      '?asOf=2030-01-01&district=330106',
      '?knownAt=2036-01-01T00:00:00Z',
    ];
    for (const [i, query] of queries.entries()) {
      const send = (app: typeof fast.app) =>
        request(app)
          .get(`/api/v1/indicators${query}`)
          .set('Authorization', bearer(h.token.reporter))
          .set('X-Request-Id', `fast-path-${i}`);
      const a = await send(fast.app);
      const b = await send(slow.app);
      expect(a.status).to.equal(200);
      expect(a.text).to.equal(b.text);
      const { date: _a, ...headersA } = a.headers;
      const { date: _b, ...headersB } = b.headers;
      expect(headersA).to.deep.equal(headersB);
    }
    expect(fast.fastCount()).to.equal(queries.length);
    expect(slow.fastCount()).to.equal(0);

    const withoutTime = (lines: Record<string, unknown>[]) =>
      lines.map(({ time: _t, pid: _p, hostname: _h, responseTime, ...rest }) => ({
        ...rest,
        responseTime: typeof responseTime,
      }));
    expect(fast.lines).to.have.length(queries.length);
    expect(withoutTime(fast.lines)).to.deep.equal(withoutTime(slow.lines));

    const count = async (m: HttpMetrics) =>
      (await m.registry.getSingleMetricAsString('registry_http_requests_total'))
        .split('\n')
        .filter((l) => !l.startsWith('#'));
    const series = `registry_http_requests_total{method="GET",route="/api/v1/indicators",status="200"} ${queries.length}`;
    expect(await count(fast.metrics)).to.deep.equal([series]);
    expect(await count(slow.metrics)).to.deep.equal([series]);
  });
});
