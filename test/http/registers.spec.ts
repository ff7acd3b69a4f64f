import { expect } from 'chai';
import request from 'supertest';
import { REGISTERS, type RegisterSpec } from '../../src/http/registers.js';
import { bearer, startHarness, uniqueDigits, uniqueId, type Harness } from './harness.js';
import { forEachStore, registerScenarios } from './routes.js';

const freshId = (spec: RegisterSpec): string =>
  spec.name === 'trademarks'
    ? uniqueDigits(8)
    : spec.name === 'madrid-registrations'
      ? uniqueDigits(7)
      : uniqueId('r');

const createBody = (spec: RegisterSpec, id: string): Record<string, unknown> => ({
  ...spec.create.example,
  [spec.idField]: id,
});

forEachStore('register routes', (fixture) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(fixture());
  });
  after(() => h.close());

  const post = (path: string, body: unknown, token = h.token.officer) =>
    request(h.app)
      .post(path)
      .set('Authorization', bearer(token))
      .send(body as object);
  const get = (path: string, token = h.token.reporter) =>
    request(h.app).get(path).set('Authorization', bearer(token));

  it('walks every register through each of its write routes, answering 201 then 200 with the revision as ETag', async () => {
    const ids = {
      tm: uniqueDigits(8),
      tm2: uniqueDigits(8),
      tm3: uniqueDigits(8),
      gi: uniqueId('gi'),
      irn: uniqueDigits(7),
      cert: uniqueId('ZZB'),
      honour: uniqueId('hon'),
    };
    const revisions = new Map<string, number>();
    for (const [register, steps] of Object.entries(registerScenarios(ids))) {
      for (const step of steps) {
        const res = await post(step.path, step.body);
        expect(res.status, `${register} ${step.path}: ${JSON.stringify(res.body)}`).to.equal(step.status);
        expect(res.body.events).to.deep.equal(step.events);
        const revision = (revisions.get(res.body.streamId) ?? -1) + 1;
        revisions.set(res.body.streamId, revision);
        expect(res.body.revision).to.equal(revision);
        expect(res.headers['etag']).to.equal(`"${revision}"`);
      }
    }
    const tm = await get(`/api/v1/trademarks/${ids.tm}`);
    expect(tm.status).to.equal(200);
    expect(tm.body).to.include({ status: 'revoked', streamId: `trademark-${ids.tm}`, revision: 8 });
    expect(tm.body.holder.district).to.equal('330109');
    expect((await get(`/api/v1/trademarks/${ids.tm2}`)).body.status).to.equal('invalidated');
    expect((await get(`/api/v1/pinzibiao/certificates/${ids.cert}`)).body.status).to.equal('withdrawn');
    expect((await get(`/api/v1/madrid-registrations/${ids.irn}`)).body.status).to.equal('cancelled');
  });

  for (const spec of REGISTERS) {
    const base = `/api/v1${spec.path}`;
    describe(spec.title, () => {
      it(`POST ${base}: 401 without or with a bad token, 403 for reporter and auditor, 400 on a bad body`, async () => {
        const body = createBody(spec, freshId(spec));
        expect((await request(h.app).post(base).send(body)).status).to.equal(401);
        expect((await post(base, body, 'not-a-token')).status).to.equal(401);
        expect((await post(base, body, h.token.reporter)).status).to.equal(403);
        expect((await post(base, body, h.token.auditor)).status).to.equal(403);
        const bad = await post(base, { ...body, [spec.idField]: '', holder: { name: '' } });
        expect(bad.status).to.equal(400);
        expect(bad.headers['content-type']).to.match(/^application\/problem\+json/);
        expect(bad.body.errors).to.be.an('array').with.length.greaterThan(0);
        expect(bad.body.errors[0].path).to.match(/^body\./);
      });

      it(`POST ${base}: 409 when the record exists; Idempotency-Key replays the first answer, 422 for another body`, async () => {
        const id = freshId(spec);
        const body = createBody(spec, id);
        const first = await post(base, body).set('Idempotency-Key', `create-${id}`);
        expect(first.status, JSON.stringify(first.body)).to.equal(201);
        expect(first.headers['location']).to.equal(`${base}/${id}`);
        const again = await post(base, body).set('Idempotency-Key', `create-${id}`);
        expect(again.status).to.equal(201);
        expect(again.body).to.deep.equal(first.body);
        expect(again.headers['idempotent-replayed']).to.equal('true');
        const other = await post(base, {
          ...body,
          title: '另一个',
          markText: '另一个',
          product: '另一个',
        }).set('Idempotency-Key', `create-${id}`);
        expect(other.status).to.equal(422);
        expect((await post(base, body)).status).to.equal(409);
        const history = await request(h.app)
          .get(`/api/v1/streams/${first.body.streamId}`)
          .set('Authorization', bearer(h.token.auditor));
        expect(history.body.events).to.have.length(1);
      });

      it(`GET ${base}/:id: the state with ETag, as known at a moment, 404 unknown, 400 bad input, 401, 403`, async () => {
        const id = freshId(spec);
        const created = await post(base, createBody(spec, id));
        expect(created.status).to.equal(201);
        const res = await get(`${base}/${id}`);
        expect(res.status).to.equal(200);
        expect(res.headers['etag']).to.equal('"0"');
        expect(res.body[spec.idField]).to.equal(id);
        expect(res.body.status).to.be.a('string');
        expect((await get(`${base}/${id}?knownAt=2001-01-01T00:00:00%2B08:00`)).status).to.equal(404);
        expect((await get(`${base}/${id}?knownAt=2999-01-01T00:00:00Z`)).status).to.equal(200);
        expect((await get(`${base}/${id}?knownAt=yesterday`)).status).to.equal(400);
        expect((await get(`${base}/${freshId(spec)}`)).status).to.equal(404);
        expect((await get(`${base}/${encodeURIComponent('bad id!')}`)).status).to.equal(400);
        expect((await request(h.app).get(`${base}/${id}`)).status).to.equal(401);
        expect((await get(`${base}/${id}`, h.token.auditor)).status).to.equal(403);
      });

      it(`GET ${base}: searches the read model, 400 on a bad query, 401, 403`, async () => {
        const id = freshId(spec);
        const created = await post(base, createBody(spec, id));
        expect(created.status).to.equal(201);
        const res = await get(`${base}?q=${encodeURIComponent(id)}&limit=10`);
        expect(res.status).to.equal(200);
        expect(res.body.items.map((i: { streamId: string }) => i.streamId)).to.deep.equal([
          created.body.streamId,
        ]);
        expect((await get(`${base}?limit=0`)).status).to.equal(400);
        expect((await get(`${base}?class=99`)).status).to.equal(400);
        expect((await request(h.app).get(base)).status).to.equal(401);
        expect((await get(base, h.token.auditor)).status).to.equal(403);
      });

      for (const a of spec.actions) {
        const route = `${base}/:id/${a.path}`;
        it(`POST ${route}: 401, 403, 400 on a bad body or id, 404 unknown record, 412 on a stale If-Match`, async () => {
          const id = freshId(spec);
          const path = `${base}/${id}/${a.path}`;
          expect(
            (
              await request(h.app)
                .post(path)
                .send(a.example ?? {})
            ).status,
          ).to.equal(401);
          expect((await post(path, a.example, h.token.reporter)).status).to.equal(403);
          expect((await post(path, a.example, h.token.auditor)).status).to.equal(403);
          const bad = await post(path, { nonsense: true });
          expect(bad.status).to.equal(400);
          expect(bad.body.errors).to.be.an('array').with.length.greaterThan(0);
          expect(
            (await post(`${base}/${encodeURIComponent('bad id!')}/${a.path}`, a.example)).status,
          ).to.equal(400);
          const unknown = await post(path, a.example);
          expect(unknown.status, JSON.stringify(unknown.body)).to.equal(404);
          expect((await post(base, createBody(spec, id))).status).to.equal(201);
          const stale = await post(path, a.example).set('If-Match', '"7"');
          expect(stale.status).to.equal(412);
          expect((await post(path, a.example).set('If-Match', 'seven')).status).to.equal(400);
        });
      }
    });
  }

  it('answers 409 with the rule when the record’s state forbids the command', async () => {
    const number = uniqueDigits(8);
    const tm = REGISTERS[0] as RegisterSpec;
    expect((await post('/api/v1/trademarks', createBody(tm, number))).status).to.equal(201);
    const res = await post(`/api/v1/trademarks/${number}/registration`, { registrationDate: '2024-01-01' });
    expect(res.status).to.equal(409);
    expect(res.body.rule).to.be.a('string');
    expect(res.body.type).to.match(/rule$/);
  });

  it('accepts If-Match with the current revision and rejects a body naming another record than the path', async () => {
    const number = uniqueDigits(8);
    const tm = REGISTERS[0] as RegisterSpec;
    expect((await post('/api/v1/trademarks', createBody(tm, number))).status).to.equal(201);
    const ok = await post(`/api/v1/trademarks/${number}/preliminary-approval`, {
      publicationDate: '2023-09-06',
    }).set('If-Match', '"0"');
    expect(ok.status).to.equal(200);
    expect(ok.headers['etag']).to.equal('"1"');
    const mismatch = await post(`/api/v1/trademarks/${number}/surrender`, {
      number: uniqueDigits(8),
      effectiveDate: '2024-01-01',
    });
    expect(mismatch.status).to.equal(400);
  });
});
