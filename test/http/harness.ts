import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RequestListener } from 'node:http';
import request from 'supertest';
import { IdempotencyStore } from '../../src/application/idempotency.js';
import type { EventStore } from '../../src/eventStore/port.js';
import { createApp, type AppDeps } from '../../src/http/app.js';
import { TokenIndex } from '../../src/http/tokenIndex.js';
import { openProjections, type ProjectionHost } from '../../src/projections/index.js';
import type { StoreFixture } from '../support/stores.js';

/** Every legal date in the specs is in the past of this moment, so no decider refuses a "future" date. */
export const NOW = new Date('2036-01-01T10:00:00+08:00');
export const ADMIN_TOKEN = 'spec-admin-token-0123456789';

export const HOLDER = { name: '杭州西湖龙井茶叶有限公司', uscc: '91330100799655058B', district: '330106' };
export const XIAOSHAN_HOLDER = {
  name: '杭州萧山萝卜干有限公司',
  uscc: '91330109MA270A1B06',
  district: '330109',
};

export type Role = 'admin' | 'officer' | 'auditor' | 'reporter';

/** The app in-process over one store, with its own DATA_DIR, read models and a token per role. */
export interface Harness {
  readonly app: RequestListener;
  readonly store: EventStore;
  readonly projections: ProjectionHost;
  readonly tokens: TokenIndex;
  readonly idempotency: IdempotencyStore;
  readonly dataDir: string;
  readonly token: Readonly<Record<Role, string>>;
  close(): Promise<void>;
}

export async function startHarness(
  fixture: StoreFixture,
  overrides: Partial<AppDeps> = {},
): Promise<Harness> {
  const store = await fixture.open();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-http-'));
  const projections = openProjections(dataDir, { lingerMs: 2 });
  projections.start(store);
  const tokens = TokenIndex.open(path.join(dataDir, 'tokens.db'));
  tokens.setEnvAdminToken(ADMIN_TOKEN);
  await tokens.follow(store);
  const idempotency = IdempotencyStore.open(path.join(dataDir, 'idempotency.db'));
  const app = createApp({ store, projections, tokens, idempotency, clock: () => NOW, ...overrides });
  const token: Record<Role, string> = { admin: ADMIN_TOKEN, officer: '', auditor: '', reporter: '' };
  for (const role of ['officer', 'auditor', 'reporter'] as const) {
    const res = await request(app)
      .post('/api/v1/tokens')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ name: `spec ${role}`, role });
    if (res.status !== 201)
      throw new Error(`minting a ${role} token: ${res.status} ${JSON.stringify(res.body)}`);
    token[role] = res.body.token as string;
  }
  return {
    app,
    store,
    projections,
    tokens,
    idempotency,
    dataDir,
    token,
    async close() {
      await projections.close();
      await tokens.close();
      idempotency.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let serial = Math.floor(Math.random() * 1_000_000);

/** A fresh id per call, so specs sharing one EventStoreDB double never meet. */
export const uniqueDigits = (length = 8): string => {
  serial += 1;
  return String(
    10 ** (length - 1) + ((serial * 7919 + Math.floor(Math.random() * 1000)) % (9 * 10 ** (length - 1))),
  );
};
export const uniqueId = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${(serial++).toString(36)}`;

export const bearer = (token: string): string => `Bearer ${token}`;
