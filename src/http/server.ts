import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Logger } from 'pino';
import { IdempotencyStore } from '../application/idempotency.js';
import { runLapsePolicy } from '../application/lapsePolicy.js';
import { MadridDependencyPolicy } from '../application/madridDependencyPolicy.js';
import { ConfigError, redactUrl, type Config } from '../config.js';
import { todayInShanghai } from '../domain/shared/dates.js';
import { openEventStore } from '../eventStore/open.js';
import { openProjections } from '../projections/index.js';
import { createApp } from './app.js';
import { bootstrapAdminToken } from './bootstrap.js';
import { TokenIndex } from './tokenIndex.js';

export interface RunningServer {
  readonly url: string;
  /** Stops accepting, lets in-flight requests finish, stops projections and policies, closes the store. */
  close(): Promise<void>;
}

export interface ServerOptions {
  readonly logger: Logger;
  /** Where the bootstrap admin token is printed, once. */
  readonly announce: (line: string) => void;
  readonly clock?: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long an Idempotency-Key's first answer is kept for retries (the daily job forgets older ones). */
export const IDEMPOTENCY_KEY_DAYS = 30;
/** Ten past midnight in Shanghai: the day has turned in China time, whatever the host's zone. */
const LAPSE_AT_MS_AFTER_MIDNIGHT = 10 * 60 * 1000;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export const msUntilNextLapseRun = (now: Date): number => {
  const sinceMidnight = (now.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS;
  const wait = LAPSE_AT_MS_AFTER_MIDNIGHT - sinceMidnight;
  return wait > 0 ? wait : wait + DAY_MS;
};

function ensureDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK);
  } catch (e) {
    throw new ConfigError(`DATA_DIR ${dir} is not a writable directory (${(e as Error).message})`);
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new ConfigError(`cannot listen on ${host}:${port}: ${e.code ?? e.message}`)),
    );
    server.once('listening', () => resolve());
  });
}

/** The daily jobs (lapse policy, idempotency-key retention), shortly after midnight in Shanghai, and once soon after start. */
function scheduleLapse(run: () => Promise<void>, clock: () => Date): () => void {
  let timer = setTimeout(function tick() {
    void run();
    timer = setTimeout(tick, msUntilNextLapseRun(clock()));
  }, 30_000);
  timer.unref();
  return () => clearTimeout(timer);
}

/** The whole server: store, read models, token index, policies, HTTP. `npm start` calls it. */
export async function startServer(config: Config, options: ServerOptions): Promise<RunningServer> {
  const { logger } = options;
  const clock = options.clock ?? (() => new Date());
  ensureDataDir(config.dataDir);
  const store = await openEventStore(config.eventStoreUrl);
  logger.info({ store: redactUrl(store.description) }, 'event store open');
  const projections = openProjections(config.dataDir, { log: (m) => logger.info(m) });
  projections.start(store);
  const tokens = TokenIndex.open(path.join(config.dataDir, 'tokens.db'));
  tokens.setEnvAdminToken(config.adminToken);
  await tokens.follow(store, (m) => logger.warn(m));
  const minted = await bootstrapAdminToken(store, tokens, clock());
  if (minted) {
    options.announce(`bootstrap admin token (shown once, keep it safe; id ${minted.id}): ${minted.token}`);
  }
  const idempotency = IdempotencyStore.open(path.join(config.dataDir, 'idempotency.db'));
  const madrid = new MadridDependencyPolicy(store, path.join(config.dataDir, 'policies.db'), clock);
  madrid.start((e) => logger.error({ err: e }, 'Madrid dependency policy stopped'));

  const app = createApp({ store, projections, tokens, idempotency, logger, clock });
  const server = createServer(app).listen(config.port, config.host);
  await listen(server, config.port, config.host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;

  const stopLapse = scheduleLapse(async () => {
    const asOf = todayInShanghai(clock());
    try {
      const report = await runLapsePolicy(store, { asOf, now: clock(), correlationId: randomUUID() });
      logger.info({ asOf, checked: report.checked, lapsed: report.lapsed.length }, 'lapse policy ran');
    } catch (e) {
      logger.error({ err: e, asOf }, 'lapse policy failed; it runs again tomorrow');
    }
    const forgotten = idempotency.prune(new Date(clock().getTime() - IDEMPOTENCY_KEY_DAYS * DAY_MS));
    if (forgotten > 0) logger.info({ forgotten }, 'idempotency keys past their retention forgotten');
  }, clock);

  return {
    url,
    async close() {
      stopLapse();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await madrid.stop();
      await projections.close();
      await tokens.close();
      idempotency.close();
      await store.close();
    },
  };
}
