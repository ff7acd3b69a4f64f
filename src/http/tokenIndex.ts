import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Actor } from '../application/commandHandler.js';
import { TOKEN_CATEGORY, type Role, type TokenEvent } from '../domain/tokens/index.js';
import { categoryOf, type EventStore, type RecordedEvent, type Subscription } from '../eventStore/port.js';

/**
 * What the server knows of the token register, kept locally (SQLite under DATA_DIR, and in memory)
 * so that authentication never waits on the event store: reads keep working while EventStoreDB is
 * down. The log stays the source of truth; the index follows it with a checkpoint, and the server's
 * own mints and revocations are applied at once, so they take effect before the answer goes out.
 */

export interface TokenEntry {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly tokenHash: string;
  readonly revoked: boolean;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** 256 random bits; the prefix lets secret scanners recognise a leaked token. */
export const generateToken = (): string => `hzr_${randomBytes(32).toString('base64url')}`;

export const generateTokenId = (): string => randomBytes(8).toString('hex');

/** The actor id of the token given by `REGISTRY_ADMIN_TOKEN`, which has no record of its own. */
export const ENV_ADMIN_ID = 'env-admin';

const sameHash = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
};

const RESUBSCRIBE_MS = 1000;
const CHECKPOINT_EVERY = 5000;

export class TokenIndex {
  private readonly byHash = new Map<string, TokenEntry>();
  private readonly byId = new Map<string, TokenEntry>();
  private readonly statements;
  private position: bigint | null;
  private unsaved = 0;
  private subscription: Subscription | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;
  private envAdminHash: string | undefined;

  private constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS tokens (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
        revoked INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS token_checkpoint (one INTEGER PRIMARY KEY CHECK (one = 1), position TEXT NOT NULL);`);
    this.statements = {
      // A mint seen again (the subscription after the server's own write) must not undo a revocation.
      insert: db.prepare<[string, string, string, string]>(
        'INSERT INTO tokens (id, name, role, token_hash) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      revoke: db.prepare<[string]>('UPDATE tokens SET revoked = 1 WHERE id = ?'),
      checkpoint: db.prepare<[string]>(
        `INSERT INTO token_checkpoint (one, position) VALUES (1, ?)
         ON CONFLICT (one) DO UPDATE SET position = excluded.position`,
      ),
    };
    const rows = db.prepare('SELECT id, name, role, token_hash, revoked FROM tokens').all() as {
      id: string;
      name: string;
      role: Role;
      token_hash: string;
      revoked: number;
    }[];
    for (const r of rows) {
      this.remember({
        id: r.id,
        name: r.name,
        role: r.role,
        tokenHash: r.token_hash,
        revoked: r.revoked === 1,
      });
    }
    const saved = db.prepare('SELECT position FROM token_checkpoint').pluck().get() as string | undefined;
    this.position = saved === undefined ? null : BigInt(saved);
  }

  static open(file: string): TokenIndex {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    return new TokenIndex(new Database(file));
  }

  /** `REGISTRY_ADMIN_TOKEN`: compared by hash, like every other token. */
  setEnvAdminToken(token: string | undefined): void {
    this.envAdminHash = token === undefined || token === '' ? undefined : hashToken(token);
  }

  /** The actor a presented bearer token stands for, or undefined when it is unknown or revoked. */
  authenticate(token: string): Actor | undefined {
    const hash = hashToken(token);
    if (this.envAdminHash !== undefined && sameHash(hash, this.envAdminHash)) {
      return { id: ENV_ADMIN_ID, role: 'admin' };
    }
    const entry = this.byHash.get(hash);
    // The map finds the candidate; the constant-time comparison is what accepts it.
    if (entry === undefined || entry.revoked || !sameHash(hash, entry.tokenHash)) return undefined;
    return { id: entry.id, role: entry.role };
  }

  get(id: string): TokenEntry | undefined {
    return this.byId.get(id);
  }

  list(): TokenEntry[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  hasActiveAdmin(): boolean {
    if (this.envAdminHash !== undefined) return true;
    for (const e of this.byId.values()) if (e.role === 'admin' && !e.revoked) return true;
    return false;
  }

  /** Takes in one event of the log; anything but the token register is ignored. */
  apply(event: Pick<RecordedEvent, 'streamId' | 'type' | 'data'>): void {
    if (categoryOf(event.streamId) !== TOKEN_CATEGORY) return;
    const e = { type: event.type, data: event.data } as TokenEvent;
    if (e.type === 'TokenMinted') {
      const { id, name, role, tokenHash } = e.data;
      this.statements.insert.run(id, name, role, tokenHash);
      if (!this.byId.has(id)) this.remember({ id, name, role, tokenHash, revoked: false });
    } else if (e.type === 'TokenRevoked') {
      this.statements.revoke.run(e.data.id);
      const entry = this.byId.get(e.data.id);
      if (entry) this.remember({ ...entry, revoked: true });
    }
  }

  /**
   * Follows the log from the checkpoint. Resolves once the index has caught up (so the bootstrap can
   * tell whether an admin token exists); after an error it subscribes again by itself.
   */
  follow(store: EventStore, log: (message: string) => void = () => undefined): Promise<void> {
    return new Promise((resolve) => {
      let settled = false;
      const caughtUp = (): void => {
        this.saveCheckpoint();
        if (!settled) {
          settled = true;
          resolve();
        }
      };
      const subscribe = (): void => {
        if (this.closed) return;
        this.subscription = store.subscribeToAll({
          fromPosition: this.position ?? 'start',
          onEvent: (event) => {
            this.apply(event);
            this.position = event.position;
            if (++this.unsaved >= CHECKPOINT_EVERY) this.saveCheckpoint();
          },
          onCaughtUp: caughtUp,
          onError: (error) => {
            log(`token index stopped following the log: ${error.message}; retrying`);
            this.subscription = undefined;
            this.retry = setTimeout(subscribe, RESUBSCRIBE_MS);
          },
        });
      };
      subscribe();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.subscription?.stop();
    this.subscription = undefined;
    this.saveCheckpoint();
    this.db.close();
  }

  private remember(entry: TokenEntry): void {
    this.byId.set(entry.id, entry);
    this.byHash.set(entry.tokenHash, entry);
  }

  private saveCheckpoint(): void {
    if (this.position === null || !this.db.open) return;
    this.statements.checkpoint.run(this.position.toString());
    this.unsaved = 0;
  }
}
