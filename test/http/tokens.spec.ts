import { expect } from 'chai';
import request from 'supertest';
import { bootstrapAdminToken } from '../../src/http/bootstrap.js';
import { hashToken, TokenIndex } from '../../src/http/tokenIndex.js';
import { ADMIN_TOKEN, bearer, startHarness, type Harness } from './harness.js';
import { forEachStore } from './routes.js';

forEachStore('token routes', (fixture) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(fixture());
  });
  after(() => h.close());

  const admin = () => bearer(ADMIN_TOKEN);

  it('POST /api/v1/tokens mints a token shown once; only its hash is recorded; it works at once', async () => {
    const res = await request(h.app)
      .post('/api/v1/tokens')
      .set('Authorization', admin())
      .send({ name: '西湖区知识产权科', role: 'officer' });
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ name: '西湖区知识产权科', role: 'officer' });
    expect(res.body.token).to.match(/^hzr_/);
    const history = await request(h.app)
      .get(`/api/v1/streams/token-${res.body.id}`)
      .set('Authorization', bearer(h.token.auditor));
    const text = JSON.stringify(history.body);
    expect(text).not.to.include(res.body.token);
    expect(history.body.events[0].data.tokenHash).to.equal(hashToken(res.body.token));
    const list = await request(h.app).get('/api/v1/tokens').set('Authorization', admin());
    expect(JSON.stringify(list.body)).not.to.include(hashToken(res.body.token));
    const use = await request(h.app).get('/api/v1/docket').set('Authorization', bearer(res.body.token));
    expect(use.status).to.equal(200);
  });

  it('POST /api/v1/tokens: 400 on an unknown role, 401 without a token, 403 for every other role', async () => {
    expect(
      (
        await request(h.app)
          .post('/api/v1/tokens')
          .set('Authorization', admin())
          .send({ name: 'x', role: 'root' })
      ).status,
    ).to.equal(400);
    expect(
      (await request(h.app).post('/api/v1/tokens').send({ name: 'x', role: 'officer' })).status,
    ).to.equal(401);
    for (const role of ['officer', 'auditor', 'reporter'] as const) {
      const res = await request(h.app)
        .post('/api/v1/tokens')
        .set('Authorization', bearer(h.token[role]))
        .send({ name: 'x', role: 'admin' });
      expect(res.status, role).to.equal(403);
    }
  });

  it('DELETE /api/v1/tokens/:id revokes: the token answers 401 from then on; 404 unknown, 409 twice, 400, 401, 403', async () => {
    const minted = await request(h.app)
      .post('/api/v1/tokens')
      .set('Authorization', admin())
      .send({ name: 'temp', role: 'reporter' });
    const id = minted.body.id as string;
    expect(
      (await request(h.app).delete(`/api/v1/tokens/${id}`).set('Authorization', bearer(h.token.officer)))
        .status,
    ).to.equal(403);
    expect((await request(h.app).delete(`/api/v1/tokens/${id}`)).status).to.equal(401);
    const revoked = await request(h.app).delete(`/api/v1/tokens/${id}`).set('Authorization', admin());
    expect(revoked.status).to.equal(200);
    expect(revoked.body.events).to.deep.equal(['TokenRevoked']);
    expect(revoked.headers['etag']).to.equal('"1"');
    expect(
      (await request(h.app).get('/api/v1/docket').set('Authorization', bearer(minted.body.token))).status,
    ).to.equal(401);
    expect(
      (await request(h.app).delete(`/api/v1/tokens/${id}`).set('Authorization', admin())).status,
    ).to.equal(409);
    expect(
      (await request(h.app).delete('/api/v1/tokens/nope').set('Authorization', admin())).status,
    ).to.equal(404);
    expect(
      (await request(h.app).delete('/api/v1/tokens/%20bad').set('Authorization', admin())).status,
    ).to.equal(400);
  });

  it('a second token index following the same log learns mints and revocations from it', async () => {
    const minted = await request(h.app)
      .post('/api/v1/tokens')
      .set('Authorization', admin())
      .send({ name: 'elsewhere', role: 'auditor' });
    const other = TokenIndex.open(':memory:');
    await other.follow(h.store);
    expect(other.authenticate(minted.body.token)).to.deep.equal({ id: minted.body.id, role: 'auditor' });
    await request(h.app).delete(`/api/v1/tokens/${minted.body.id}`).set('Authorization', admin());
    for (let i = 0; i < 100 && other.authenticate(minted.body.token) !== undefined; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(other.authenticate(minted.body.token)).to.equal(undefined);
    await other.close();
  });
});

forEachStore('first-start admin token', (fixture) => {
  it('is minted when no admin token exists, recorded hashed, and not again once one exists', async () => {
    const store = await fixture().open();
    const index = TokenIndex.open(':memory:');
    await index.follow(store);
    expect(index.hasActiveAdmin()).to.equal(false);
    const first = await bootstrapAdminToken(store, index);
    expect(first?.token).to.match(/^hzr_/);
    expect(index.authenticate(first?.token ?? '')).to.deep.equal({ id: first?.id, role: 'admin' });
    const [minted] = await store.readStream(`token-${first?.id}`);
    expect(JSON.stringify(minted?.data)).not.to.include(first?.token ?? '-');
    expect(await bootstrapAdminToken(store, index)).to.equal(undefined);
    const later = TokenIndex.open(':memory:');
    await later.follow(store);
    expect(later.hasActiveAdmin()).to.equal(true);
    expect(await bootstrapAdminToken(store, later)).to.equal(undefined);
    await index.close();
    await later.close();
  });
});
