import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { Command } from 'commander';
import { readConfig, parseEventStoreUrl, ConfigError, redactUrl } from '../src/config.js';
import { exitOverride, runCli } from '../src/cli/run.js';
import { PROJECTIONS_DIR } from '../src/projections/dialect.js';

/**
 * Creates or updates every projections/*.js in EventStoreDB as a continuous projection named after
 * its file, emitting disabled (the projections only fold state; nothing is written to streams).
 */
await runCli('projections:deploy', async () => {
  new Command('projections:deploy')
    .description('Creates or updates projections/*.js in the EventStoreDB that EVENT_STORE_URL names.')
    .exitOverride(exitOverride)
    .parse(process.argv.slice(2), { from: 'user' });
  const location = parseEventStoreUrl(readConfig().eventStoreUrl);
  if (location.kind !== 'esdb')
    throw new ConfigError('EVENT_STORE_URL must name an EventStoreDB (esdb://…) to deploy projections');
  const client = EventStoreDBClient.connectionString(location.connectionString);
  try {
    for (const file of readdirSync(PROJECTIONS_DIR)
      .filter((f) => f.endsWith('.js'))
      .sort()) {
      const name = path.basename(file, '.js');
      const query = readFileSync(path.join(PROJECTIONS_DIR, file), 'utf8');
      const exists = (await client.listProjections()).some((p) => p.name === name);
      if (exists) await client.updateProjection(name, query, { emitEnabled: false });
      else await client.createProjection(name, query, { emitEnabled: false, trackEmittedStreams: false });
      process.stdout.write(
        `${exists ? 'updated' : 'created'} ${name} on ${redactUrl(location.connectionString)}\n`,
      );
    }
  } finally {
    await client.dispose();
  }
});
