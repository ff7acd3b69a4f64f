import path from 'node:path';

/** The configuration of api.md, read from the environment once at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly eventStoreUrl: string;
  readonly adminToken: string | undefined;
  readonly logLevel: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env['DATA_DIR'] || './data');
  const portText = env['PORT'] || '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${portText}"`);
  }
  const logLevel = env['LOG_LEVEL'] || 'info';
  if (!LOG_LEVELS.has(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${[...LOG_LEVELS].join(', ')}, not "${logLevel}"`);
  }
  return {
    port,
    host: env['HOST'] || '127.0.0.1',
    dataDir,
    eventStoreUrl: env['EVENT_STORE_URL'] || `sqlite:${path.join(dataDir, 'registry.db')}`,
    adminToken: env['REGISTRY_ADMIN_TOKEN'] || undefined,
    logLevel,
  };
}

export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'esdb'; readonly connectionString: string };

/** `sqlite:<path>` or `esdb://…` / `esdb+discover://…`; anything else is a configuration error. */
export function parseEventStoreUrl(url: string): StoreLocation {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '')
      throw new ConfigError('EVENT_STORE_URL sqlite: needs a file path, e.g. sqlite:./data/registry.db');
    return { kind: 'sqlite', path: path.resolve(file) };
  }
  if (url.startsWith('esdb://') || url.startsWith('esdb+discover://')) {
    return { kind: 'esdb', connectionString: url };
  }
  throw new ConfigError(
    `EVENT_STORE_URL has an unknown scheme: "${url.split(':')[0]}:" (use sqlite:<path>, esdb:// or esdb+discover://)`,
  );
}

/** The URL without credentials, for logs. */
export const redactUrl = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');
