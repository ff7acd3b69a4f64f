import { CommanderError } from 'commander';
import { ConfigError, readConfig, type Config } from '../config.js';
import { isRegistryError, type ErrorCode } from '../domain/shared/errors.js';
import { openEventStore } from '../eventStore/open.js';
import type { EventStore } from '../eventStore/port.js';
import { EventStoreError } from '../eventStore/port.js';

/** Exit codes of the CLI, one per error code; the HTTP layer has its own table of statuses. */
export const EXIT_CODES: Readonly<Record<ErrorCode | 'config' | 'usage' | 'internal', number>> = {
  usage: 2,
  validation: 2,
  rule: 3,
  'not-found': 4,
  concurrency: 5,
  idempotency: 5,
  auth: 6,
  forbidden: 6,
  unavailable: 7,
  config: 78,
  internal: 70,
};

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_CODES.usage;
  if (error instanceof ConfigError) return EXIT_CODES.config;
  if (isRegistryError(error)) return EXIT_CODES[error.code];
  if (error instanceof EventStoreError) return EXIT_CODES.unavailable;
  return EXIT_CODES.internal;
}

/** One line on stderr, never a stack trace, and a non-zero exit: what a script caller can act on. */
export async function runCli(name: string, main: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (error) {
    const code = exitCodeOf(error);
    if (!(error instanceof CommanderError)) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${name}: ${message.split('\n')[0]}\n`);
    }
    process.exitCode = code;
  }
}

/** Opens the configured store for a CLI command and closes it afterwards, whatever happens. */
export async function withStore<T>(fn: (store: EventStore, config: Config) => Promise<T>): Promise<T> {
  const config = readConfig();
  const store = await openEventStore(config.eventStoreUrl);
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

/** Commander's parse errors become one line (commander prints it) and exit code 2. */
export const exitOverride = (err: CommanderError): never => {
  throw err;
};
