// The state in PostgreSQL (DATABASE_URL), for any number of instances on one database.
//
// - Exactly-once decisions are made by the database in one statement or transaction: an event id
//   is a primary key (INSERT … ON CONFLICT), a tip claim is a unique (channel, day) row written
//   under a transaction-scoped advisory lock.
// - Writers announce changes with NOTIFY; every instance LISTENs on one dedicated connection and
//   drops what it caches (only the question-channel list is cached; everything else is read
//   fresh). When the listener is down, nothing is cached.
// - Losing the database: votes and question hashes already accepted wait in memory and are
//   written when it is back; event de-duplication falls back to this instance's memory (an answer
//   given twice beats none); tip claims fail, so no tip is posted that was not claimed. The
//   listener reconnects with exponential back-off, and health() reports not ready meanwhile.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { copenhagenDay } from '../../clock.ts';
import { countVotes, hashWithSalt } from '../file-store.ts';
import {
  SEEN_EVENT_TTL_MS,
  type ChangeTopic,
  type FeedbackRecord,
  type Platform,
  type Store,
  type StoreData,
  type StoreHealth,
  type StoreStats,
  type TipDocuments,
} from '../types.ts';
import { LOCKS } from './migrations.ts';
import {
  BACKOFF_MAX_MS,
  BACKOFF_MIN_MS,
  CHANNEL,
  isConnectionError,
  loadTips,
  message,
  migrate,
  writeTipDiff,
  type Log,
  type Queryable,
} from './sql.ts';
import { exportData, importData } from './transfer.ts';
import { PgConnection } from './connection.ts';

export { isConnectionError, migrate } from './sql.ts';

export interface PgStoreOptions {
  poolSize?: number;
  log?: Log | undefined;
  /** LISTEN for other instances' changes (default true; one-shot tools pass false). */
  listen?: boolean;
  /** How long open() keeps trying to reach the database at start (default 60 s). */
  connectTimeoutMs?: number;
}

export class PgStore extends PgConnection implements Store {
  readonly kind = 'postgres' as const;
  private sweepTimer: NodeJS.Timeout | undefined;
  /** Event ids seen while the database was unreachable (this instance only). */
  private readonly localSeen = new Map<string, number>();

  private constructor(pool: pg.Pool, url: string, private salt: string, log: Log | undefined, listen: boolean) {
    super(pool, url, log, listen);
  }

  static async open(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: 'ledelsesbot',
    });
    // An idle connection that the server drops must not crash the process; the next query
    // gets a fresh connection.
    pool.on('error', (err) => options.log?.warn(`PostgreSQL: en forbindelse blev lukket (${message(err)}).`));

    const deadline = Date.now() + (options.connectTimeoutMs ?? 60_000);
    let wait = BACKOFF_MIN_MS;
    for (;;) {
      try {
        await migrate(pool, options.log);
        break;
      } catch (err) {
        if (!isConnectionError(err) || Date.now() + wait > deadline) {
          await pool.end().catch(() => undefined);
          throw new Error(`PostgreSQL (DATABASE_URL) kan ikke bruges: ${message(err)}`);
        }
        options.log?.warn(`PostgreSQL svarer ikke endnu (${message(err)}); prøver igen om ${Math.round(wait / 100) / 10} s.`);
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(BACKOFF_MAX_MS, wait * 2);
      }
    }
    // One salt per installation: the first instance makes it, the rest read it.
    await pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', ['salt', randomBytes(16).toString('hex')]);
    const { rows } = await pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', ['salt']);
    const store = new PgStore(pool, url, rows[0]!.value, options.log, options.listen ?? true);
    if (store.listen) await store.connectListener().catch(() => store.scheduleReconnect());
    store.sweepTimer = setInterval(() => void store.sweepEvents().catch(() => undefined), 10 * 60_000);
    store.sweepTimer.unref();
    return store;
  }

  // ---- questions and feedback ------------------------------------------------------------

  hashQuestion(question: string): string {
    return hashWithSalt(this.salt, question);
  }

  async recordQuestion(question: string, answered: boolean, platform: Platform, now = new Date()): Promise<string> {
    const questionHash = this.hashQuestion(question);
    await this.durableWrite('INSERT INTO questions (day, question_hash, answered, platform) VALUES ($1, $2, $3, $4)', [
      copenhagenDay(now),
      questionHash,
      answered,
      platform,
    ]);
    return questionHash;
  }

  async recordFeedback(record: Omit<FeedbackRecord, 'day'>, now = new Date()): Promise<void> {
    await this.durableWrite('INSERT INTO feedback (day, question_hash, statement_ids, vote, platform) VALUES ($1, $2, $3, $4, $5)', [
      copenhagenDay(now),
      record.questionHash,
      record.statementIds,
      record.vote,
      record.platform,
    ]);
  }

  // ---- events ------------------------------------------------------------------------------

  async firstDelivery(deliveryId: string, now = Date.now()): Promise<boolean> {
    try {
      // New id: inserted. Known but expired: taken over. Known and fresh: no row, a duplicate.
      const result = await this.query(
        `INSERT INTO seen_events (event_id, seen_at) VALUES ($1, $2)
         ON CONFLICT (event_id) DO UPDATE SET seen_at = EXCLUDED.seen_at WHERE seen_events.seen_at < $3`,
        [deliveryId, now, now - SEEN_EVENT_TTL_MS],
      );
      return result.rowCount === 1;
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      for (const [id, at] of this.localSeen) if (now - at > SEEN_EVENT_TTL_MS) this.localSeen.delete(id);
      if (this.localSeen.has(deliveryId)) return false;
      this.localSeen.set(deliveryId, now);
      return true;
    }
  }

  private async sweepEvents(now = Date.now()): Promise<number> {
    const result = await this.query('DELETE FROM seen_events WHERE seen_at < $1', [now - SEEN_EVENT_TTL_MS]);
    return result.rowCount ?? 0;
  }

  // ---- question channels -------------------------------------------------------------------

  async questionChannels(): Promise<string[]> {
    if (this.questionChannelCache && this.listening) return [...this.questionChannelCache];
    try {
      const { rows } = await this.query<{ key: string }>('SELECT key FROM question_channels ORDER BY key');
      const keys = rows.map((r) => r.key);
      // Cached only while notifications can tell us it changed.
      if (this.listening) this.questionChannelCache = new Set(keys);
      return keys;
    } catch (err) {
      if (isConnectionError(err) && this.questionChannelCache) return [...this.questionChannelCache];
      throw err;
    }
  }

  async isQuestionChannel(key: string): Promise<boolean> {
    return (await this.questionChannels()).includes(key);
  }

  async setQuestionChannel(key: string, on: boolean): Promise<void> {
    const write = on ? 'INSERT INTO question_channels (key) VALUES ($1) ON CONFLICT DO NOTHING' : 'DELETE FROM question_channels WHERE key = $1';
    await this.query(`WITH w AS (${write} RETURNING 1) SELECT pg_notify($2, $3)`, [key, CHANNEL, this.payload('question-channels')]);
    this.questionChannelCache = undefined;
  }

  // ---- addresses and opaque records --------------------------------------------------------

  async address(platform: Platform, conversation: string): Promise<unknown> {
    const { rows } = await this.query<{ value: unknown }>('SELECT value FROM addresses WHERE platform = $1 AND conversation = $2', [platform, conversation]);
    return rows[0]?.value;
  }

  async rememberAddress(platform: Platform, conversation: string, address: unknown): Promise<void> {
    // Written only when it changed: a Teams message refreshes its conversation's address.
    await this.query(
      `INSERT INTO addresses (platform, conversation, value) VALUES ($1, $2, $3)
       ON CONFLICT (platform, conversation) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
       WHERE addresses.value IS DISTINCT FROM EXCLUDED.value`,
      [platform, conversation, JSON.stringify(address)],
    );
  }

  async forgetAddress(platform: Platform, conversation: string): Promise<void> {
    await this.query('DELETE FROM addresses WHERE platform = $1 AND conversation = $2', [platform, conversation]);
  }

  async getRecord(namespace: string, key: string): Promise<unknown> {
    const { rows } = await this.query<{ value: unknown }>('SELECT value FROM records WHERE namespace = $1 AND key = $2', [namespace, key]);
    return rows[0]?.value;
  }

  async putRecord(namespace: string, key: string, value: unknown): Promise<void> {
    await this.query(
      `WITH w AS (INSERT INTO records (namespace, key, value) VALUES ($1, $2, $3)
         ON CONFLICT (namespace, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now() RETURNING 1)
       SELECT pg_notify($4, $5)`,
      [namespace, key, JSON.stringify(value), CHANNEL, this.payload('records')],
    );
  }

  async deleteRecord(namespace: string, key: string): Promise<void> {
    await this.query(`WITH w AS (DELETE FROM records WHERE namespace = $1 AND key = $2 RETURNING 1) SELECT pg_notify($3, $4)`, [
      namespace,
      key,
      CHANNEL,
      this.payload('records'),
    ]);
  }

  async listRecords(namespace: string): Promise<Record<string, unknown>> {
    const { rows } = await this.query<{ key: string; value: unknown }>('SELECT key, value FROM records WHERE namespace = $1 ORDER BY key', [namespace]);
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  // ---- tips --------------------------------------------------------------------------------

  async readTips(): Promise<TipDocuments> {
    return loadTips({ query: (sql: string, params?: unknown[]) => this.query(sql, params) } as Queryable);
  }

  async updateTips<T>(change: (docs: TipDocuments) => T): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      if (isConnectionError(err)) this.markUnreachable(err);
      throw err;
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // Every instance's tip changes take this lock, so a claim is decided on fresh state.
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.tips]);
      const before = await loadTips(client);
      const docs = structuredClone(before);
      const result = change(docs);
      if (await writeTipDiff(client, before, docs)) await client.query('SELECT pg_notify($1, $2)', [CHANNEL, this.payload('tips')]);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      if (isConnectionError(err)) {
        broken = err as Error;
        this.markUnreachable(err);
      } else {
        await client.query('ROLLBACK').catch(() => undefined);
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }

  // ---- housekeeping ------------------------------------------------------------------------

  async prune(retentionDays: number, now = new Date()): Promise<number> {
    const cutoff = copenhagenDay(new Date(now.getTime() - retentionDays * 86_400_000));
    const f = await this.query('DELETE FROM feedback WHERE day < $1', [cutoff]);
    const q = await this.query('DELETE FROM questions WHERE day < $1', [cutoff]);
    await this.sweepEvents(now.getTime());
    return (f.rowCount ?? 0) + (q.rowCount ?? 0);
  }

  async stats(): Promise<StoreStats> {
    const votes = await this.query<{ id: string; up: string; down: string }>(
      `SELECT s.id, count(*) FILTER (WHERE f.vote = 'up') AS up, count(*) FILTER (WHERE f.vote = 'down') AS down
       FROM feedback f, unnest(f.statement_ids) AS s(id) GROUP BY s.id`,
    );
    const q = await this.query<{ questions: string; unanswered: string }>(
      'SELECT count(*) AS questions, count(*) FILTER (WHERE NOT answered) AS unanswered FROM questions',
    );
    return {
      votes: new Map(votes.rows.map((r) => [r.id, { up: Number(r.up), down: Number(r.down) }])),
      questions: Number(q.rows[0]?.questions ?? 0),
      unanswered: Number(q.rows[0]?.unanswered ?? 0),
    };
  }

  async exportData(): Promise<StoreData> {
    return exportData(
      this.query.bind(this),
      () => this.salt,
      () => this.questionChannels(),
      () => this.readTips(),
    );
  }

  async importData(data: StoreData): Promise<{ imported: Record<string, number> }> {
    return importData(
      this.pool,
      data,
      (topic) => this.payload(topic),
      (salt) => {
        this.salt = salt;
      },
      () => {
        this.questionChannelCache = undefined;
      },
    );
  }

  // ---- notifications, health, shutdown -----------------------------------------------------

  async notifyChange(topic: ChangeTopic): Promise<void> {
    await this.query('SELECT pg_notify($1, $2)', [CHANNEL, this.payload(topic)]);
  }

  onChange(listener: (topic: ChangeTopic) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  health(): StoreHealth {
    const pending = this.pending.length;
    if (!this.reachable || (this.listen && !this.listening)) {
      return { ready: false, detail: `database unreachable${this.lastError ? `: ${this.lastError}` : ''}`, pending };
    }
    return pending ? { ready: true, pending } : { ready: true };
  }

  /** Checks the database now (for /readyz): a round trip, bounded in time. */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(timeoutMs = 5_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.sweepTimer);
    if (this.pending.length) {
      await Promise.race([this.flushPending(), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      if (this.pending.length) this.log?.error(`${this.pending.length} stemmer eller spørgsmåls-hashes kunne ikke gemmes, før appen stoppede.`);
    }
    const listener = this.listener;
    this.listener = undefined;
    if (listener) {
      listener.removeAllListeners('end');
      await listener.end().catch(() => undefined);
    }
    await this.pool.end().catch(() => undefined);
  }
}
