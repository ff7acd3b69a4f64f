/**
 * `npm start`: the registry's server. Configuration comes from the environment (api.md); a bad one
 * stops the start with one line on stderr and exit code 1. SIGTERM/SIGINT shut it down gracefully.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { READ_MODELS_LOCK, WriterLock } from '../src/application/writerLock.js';
import { readConfig } from '../src/config.js';
import { startServer } from '../src/http/server.js';

const HELP = `usage: npm start

Serves the registry's HTTP API (see README). Environment: PORT (3000), HOST (127.0.0.1), DATA_DIR (./data),
EVENT_STORE_URL (sqlite:<DATA_DIR>/registry.db | esdb://… | esdb+discover://…), REGISTRY_ADMIN_TOKEN, LOG_LEVEL (info).`;

const SHUTDOWN_GRACE_MS = 15_000;

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(HELP);
    return;
  }
  let config;
  try {
    config = readConfig();
  } catch (e) {
    process.stderr.write(`start: ${firstLine(e)}\n`);
    process.exit(1);
  }
  try {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const lock = WriterLock.tryAcquire(path.join(config.dataDir, READ_MODELS_LOCK));
    if (!(lock instanceof WriterLock)) {
      throw new Error(
        `another registry process (pid ${lock.heldBy}) already serves DATA_DIR ${config.dataDir}`,
      );
    }
  } catch (e) {
    process.stderr.write(`start: ${firstLine(e)}\n`);
    process.exit(1);
  }
  // Request lines are written asynchronously so that logging does not hold up answers; every exit
  // below flushes what is still buffered.
  const destination = pino.destination({ dest: 1, sync: false });
  const logger = pino({ level: config.logLevel }, destination);
  function exit(code: number): never {
    destination.flushSync();
    process.exit(code);
  }
  let server;
  try {
    server = await startServer(config, { logger, announce: (line) => process.stdout.write(`${line}\n`) });
  } catch (e) {
    process.stderr.write(`start: ${firstLine(e)}\n`);
    exit(1);
  }
  logger.info({ url: server.url }, 'registry listening');
  const running = server;
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) {
      process.stderr.write(`start: ${signal} again, exiting without waiting\n`);
      exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    setTimeout(() => {
      process.stderr.write('start: shutdown took too long, exiting\n');
      exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    running.close().then(
      () => {
        logger.info('stopped');
        exit(0);
      },
      (e: unknown) => {
        process.stderr.write(`start: shutdown failed: ${firstLine(e)}\n`);
        exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

await main();
