import { parseEventStoreUrl } from '../config.js';
import { EsdbEventStore } from './esdb.js';
import type { EventStore } from './port.js';
import { SqliteEventStore } from './sqlite.js';

/** Opens the store that `EVENT_STORE_URL` names: `sqlite:<path>` embedded, `esdb://…` EventStoreDB. */
export async function openEventStore(url: string): Promise<EventStore> {
  const location = parseEventStoreUrl(url);
  if (location.kind === 'sqlite') return SqliteEventStore.open(location.path);
  return EsdbEventStore.connect(location.connectionString);
}
