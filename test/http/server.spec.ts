import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { ConfigError, readConfig } from '../../src/config.js';
import { msUntilNextLapseRun, startServer } from '../../src/http/server.js';
import { HOLDER, uniqueDigits } from './harness.js';

describe('the server (npm start)', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-server-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const config = (env: Record<string, string> = {}) => readConfig({ DATA_DIR: dir, PORT: '0', ...env });
  const quiet = pino({ level: 'silent' });

  it('prints a bootstrap admin token on the first start only, and it is an admin token', async () => {
    const lines: string[] = [];
    const first = await startServer(config(), { logger: quiet, announce: (l) => lines.push(l) });
    expect(lines).to.have.length(1);
    const token = /(hzr_\S+)/.exec(lines[0] ?? '')?.[1] ?? '';
    const minted = await request(first.url)
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'officer', role: 'officer' });
    expect(minted.status).to.equal(201);
    await first.close();
    const second = await startServer(config(), { logger: quiet, announce: (l) => lines.push(l) });
    expect(lines).to.have.length(1);
    expect(
      (await request(second.url).get('/api/v1/docket').set('Authorization', `Bearer ${token}`)).status,
    ).to.equal(200);
    await second.close();
  });

  it('prints nothing when REGISTRY_ADMIN_TOKEN is set, and that token is admin', async () => {
    const lines: string[] = [];
    const server = await startServer(config({ REGISTRY_ADMIN_TOKEN: 'from-the-environment' }), {
      logger: quiet,
      announce: (l) => lines.push(l),
    });
    expect(lines).to.deep.equal([]);
    const res = await request(server.url)
      .get('/api/v1/tokens')
      .set('Authorization', 'Bearer from-the-environment');
    expect(res.status).to.equal(200);
    await server.close();
  });

  it('finishes a request in flight when it is closed', async () => {
    const server = await startServer(config({ REGISTRY_ADMIN_TOKEN: 'admin-token-x' }), {
      logger: quiet,
      announce: () => undefined,
    });
    const inFlight = request(server.url)
      .post('/api/v1/trademarks')
      .set('Authorization', 'Bearer admin-token-x')
      .send({
        number: uniqueDigits(8),
        markText: '关停',
        classes: [30],
        applicants: [HOLDER],
        filingDate: '2020-01-01',
      })
      .then((r) => r.status);
    await new Promise((r) => setTimeout(r, 5));
    const closed = server.close();
    expect(await inFlight).to.equal(201);
    await closed;
  });

  it('refuses a bad configuration with one clear error', async () => {
    let error: unknown;
    try {
      await startServer(config({ EVENT_STORE_URL: 'mysql://x' }), {
        logger: quiet,
        announce: () => undefined,
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as Error).message).to.match(/unknown scheme/);
  });

  it('runs the lapse policy ten minutes past midnight, China time', () => {
    expect(msUntilNextLapseRun(new Date('2026-01-01T00:00:00+08:00'))).to.equal(10 * 60 * 1000);
    expect(msUntilNextLapseRun(new Date('2026-01-01T00:10:00+08:00'))).to.equal(24 * 60 * 60 * 1000);
    expect(msUntilNextLapseRun(new Date('2026-01-01T23:00:00+08:00'))).to.equal(70 * 60 * 1000);
  });
});
