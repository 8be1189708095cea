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

import { randomBytes, randomUUID } from 'node:crypto';
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
import { LOCKS, MIGRATIONS } from './migrations.ts';

type Log = { info(l: string): void; warn(l: string): void; error(l: string): void };
type Queryable = Pick<pg.PoolClient, 'query'>;

export interface PgStoreOptions {
  poolSize?: number;
  log?: Log | undefined;
  /** LISTEN for other instances' changes (default true; one-shot tools pass false). */
  listen?: boolean;
  /** How long open() keeps trying to reach the database at start (default 60 s). */
  connectTimeoutMs?: number;
}

const CHANNEL = 'ledelsesbot_changes';
const MAX_PENDING = 10_000;
const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 30_000;

/** Errors that mean "the database is not reachable now", as opposed to a bad statement. */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  const code = e?.code ?? '';
  if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/.test(code)) return true;
  // 08: connection exception; 57P01–57P03: admin shutdown, crash shutdown, cannot connect now.
  if (/^08/.test(code) || /^57P0[123]$/.test(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(
    e?.message ?? '',
  );
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Applies the migrations this database lacks, under a lock, in one transaction. */
export async function migrate(pool: pg.Pool, log?: Log): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.migrate]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    const known = Math.max(...MIGRATIONS.map((m) => m.version));
    const newest = Math.max(0, ...done);
    if (newest > known) log?.warn(`Databasen har skema-version ${newest}, denne version af appen kender op til ${known} (en nyere version kører eller har kørt).`);
    if (applied.length) log?.info(`PostgreSQL: skemaet er opdateret (migration ${applied.join(', ')}).`);
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function loadTips(db: Queryable): Promise<TipDocuments> {
  const { rows } = await db.query<{ t: string; key: string; day: string | null; value: unknown }>(
    `SELECT 's' AS t, key, NULL AS day, value FROM tip_subscriptions
     UNION ALL SELECT 'r', key, NULL, value FROM tip_rotations
     UNION ALL SELECT 'c', key, day, value FROM tip_claims`,
  );
  const docs: TipDocuments = { subscriptions: {}, rotations: {}, claims: {} };
  for (const r of rows) {
    if (r.t === 's') docs.subscriptions[r.key] = r.value;
    else if (r.t === 'r') docs.rotations[r.key] = r.value;
    else (docs.claims[r.key] ??= {})[r.day!] = r.value;
  }
  return docs;
}

/** Writes the difference between two versions of the tip documents; returns whether anything changed. */
async function writeTipDiff(db: Queryable, before: TipDocuments, after: TipDocuments): Promise<boolean> {
  let changed = false;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const [table, b, a] of [
    ['tip_subscriptions', before.subscriptions, after.subscriptions],
    ['tip_rotations', before.rotations, after.rotations],
  ] as const) {
    for (const key of Object.keys(b)) {
      if (!(key in a)) {
        await db.query(`DELETE FROM ${table} WHERE key = $1`, [key]);
        changed = true;
      }
    }
    for (const [key, value] of Object.entries(a)) {
      if (value === undefined || same(b[key], value)) continue;
      await db.query(`INSERT INTO ${table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [key, JSON.stringify(value)]);
      changed = true;
    }
  }
  for (const [key, days] of Object.entries(before.claims)) {
    for (const day of Object.keys(days)) {
      if (after.claims[key]?.[day] === undefined) {
        await db.query('DELETE FROM tip_claims WHERE key = $1 AND day = $2', [key, day]);
        changed = true;
      }
    }
  }
  for (const [key, days] of Object.entries(after.claims)) {
    for (const [day, value] of Object.entries(days)) {
      if (value === undefined) continue;
      const old = before.claims[key]?.[day];
      if (old === undefined) {
        // A plain INSERT: if another instance claimed (key, day) first, the unique key fails
        // this transaction and nothing is posted from here.
        await db.query('INSERT INTO tip_claims (key, day, value) VALUES ($1, $2, $3)', [key, day, JSON.stringify(value)]);
        changed = true;
      } else if (!same(old, value)) {
        await db.query('UPDATE tip_claims SET value = $3 WHERE key = $1 AND day = $2', [key, day, JSON.stringify(value)]);
        changed = true;
      }
    }
  }
  return changed;
}

interface PendingWrite {
  sql: string;
  params: unknown[];
}

export class PgStore implements Store {
  readonly kind = 'postgres' as const;
  /** Tells this instance's own notifications from the others'. */
  readonly instanceId = randomUUID();
  private readonly changeListeners = new Set<(topic: ChangeTopic) => void>();
  private listener: pg.Client | undefined;
  private listening = false;
  private reachable = true;
  private lastError: string | undefined;
  private backoffMs = BACKOFF_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Votes and question hashes accepted while the database was unreachable. */
  private readonly pending: PendingWrite[] = [];
  private flushing: Promise<void> | undefined;
  /** Event ids seen while the database was unreachable (this instance only). */
  private readonly localSeen = new Map<string, number>();
  private questionChannelCache: Set<string> | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private salt: string,
    private readonly log: Log | undefined,
    private readonly listen: boolean,
  ) {}

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

  // ---- connection, notifications, back-off -------------------------------------------------

  private async connectListener(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, keepAlive: true, connectionTimeoutMillis: 5_000 });
    client.on('error', (err) => this.lostListener(client, err));
    client.on('end', () => this.lostListener(client, new Error('Connection terminated')));
    client.on('notification', (n) => this.received(n.payload));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
    const wasDown = !this.listening || !this.reachable;
    this.listening = true;
    this.markReachable();
    // Notifications sent while we were away are lost: drop caches and tell listeners everything.
    if (wasDown) {
      this.questionChannelCache = undefined;
      for (const topic of ['question-channels', 'tips', 'records', 'knowledge'] as const) this.emit(topic);
    }
  }

  private lostListener(client: pg.Client, err: Error): void {
    if (this.listener !== client) return;
    this.listener = undefined;
    this.listening = false;
    this.questionChannelCache = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.markUnreachable(err);
  }

  private markUnreachable(err: unknown): void {
    if (this.reachable) this.log?.warn(`PostgreSQL kan ikke nås (${message(err)}); appen svarer videre og prøver igen.`);
    this.reachable = false;
    this.lastError = message(err);
    this.scheduleReconnect();
  }

  private markReachable(): void {
    if (!this.reachable) this.log?.info('PostgreSQL kan nås igen.');
    this.reachable = true;
    this.lastError = undefined;
    this.backoffMs = BACKOFF_MIN_MS;
    void this.flushPending();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(BACKOFF_MAX_MS, this.backoffMs * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      const attempt = this.listen ? this.connectListener() : this.pool.query('SELECT 1').then(() => this.markReachable());
      attempt.catch((err: unknown) => {
        this.lastError = message(err);
        this.scheduleReconnect();
      });
    }, delay);
    this.reconnectTimer.unref();
  }

  private received(payload: string | undefined): void {
    let parsed: { topic?: ChangeTopic; from?: string };
    try {
      parsed = JSON.parse(payload ?? '{}') as typeof parsed;
    } catch {
      return;
    }
    if (!parsed.topic || parsed.from === this.instanceId) return;
    if (parsed.topic === 'question-channels') this.questionChannelCache = undefined;
    this.emit(parsed.topic);
  }

  private emit(topic: ChangeTopic): void {
    for (const l of this.changeListeners) {
      try {
        l(topic);
      } catch (err) {
        this.log?.error(`Fejl i en lytter på ændringer (${topic}): ${message(err)}`);
      }
    }
  }

  private payload(topic: ChangeTopic): string {
    return JSON.stringify({ topic, from: this.instanceId });
  }

  /** Runs a query; a connection error marks the store unreachable before it is rethrown. */
  private async query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      const result = await this.pool.query<R>(sql, params);
      if (!this.reachable && !this.listen) this.markReachable();
      return result;
    } catch (err) {
      if (isConnectionError(err)) this.markUnreachable(err);
      throw err;
    }
  }

  /** A write that must not be lost: written now, or kept and written when the database is back. */
  private async durableWrite(sql: string, params: unknown[]): Promise<void> {
    if (this.pending.length) {
      this.keep({ sql, params });
      return;
    }
    try {
      await this.query(sql, params);
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      this.keep({ sql, params });
    }
  }

  private keep(write: PendingWrite): void {
    if (this.pending.length >= MAX_PENDING) {
      this.pending.shift();
      this.log?.error('PostgreSQL har været væk længe: den ældste ventende stemme eller spørgsmåls-hash er droppet.');
    }
    this.pending.push(write);
  }

  private flushPending(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (!this.pending.length) return Promise.resolve();
    this.flushing = (async () => {
      try {
        while (this.pending.length) {
          const next = this.pending[0]!;
          try {
            await this.pool.query(next.sql, next.params);
          } catch (err) {
            if (isConnectionError(err)) {
              this.markUnreachable(err);
              return;
            }
            this.log?.error(`En ventende skrivning kunne ikke gemmes og droppes: ${message(err)}`);
          }
          this.pending.shift();
        }
      } finally {
        this.flushing = undefined;
      }
    })();
    return this.flushing;
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
    const feedback = await this.query<{ day: string; question_hash: string; statement_ids: string[]; vote: 'up' | 'down'; platform: Platform }>(
      'SELECT day, question_hash, statement_ids, vote, platform FROM feedback ORDER BY id',
    );
    const questions = await this.query<{ day: string; question_hash: string; answered: boolean; platform: Platform }>(
      'SELECT day, question_hash, answered, platform FROM questions ORDER BY id',
    );
    const seen = await this.query<{ event_id: string; seen_at: string }>('SELECT event_id, seen_at FROM seen_events');
    const records = await this.query<{ namespace: string; key: string; value: unknown }>('SELECT namespace, key, value FROM records ORDER BY namespace, key');
    const grouped: StoreData['records'] = {};
    for (const r of records.rows) (grouped[r.namespace] ??= {})[r.key] = r.value;
    const addressRows = await this.query<{ platform: string; conversation: string; value: unknown }>(
      'SELECT platform, conversation, value FROM addresses ORDER BY platform, conversation',
    );
    const addresses: StoreData['addresses'] = {};
    for (const r of addressRows.rows) (addresses[r.platform] ??= {})[r.conversation] = r.value;
    return {
      version: 1,
      salt: this.salt,
      feedback: feedback.rows.map((r) => ({ day: r.day, questionHash: r.question_hash, statementIds: r.statement_ids, vote: r.vote, platform: r.platform })),
      questions: questions.rows.map((r) => ({ day: r.day, questionHash: r.question_hash, answered: r.answered, platform: r.platform })),
      questionChannels: await this.questionChannels(),
      seenEvents: Object.fromEntries(seen.rows.map((r) => [r.event_id, Number(r.seen_at)])),
      tips: { version: 1, ...(await this.readTips()) },
      addresses,
      records: grouped,
    };
  }

  async importData(data: StoreData): Promise<{ imported: Record<string, number> }> {
    const client = await this.pool.connect();
    const imported: Record<string, number> = { feedback: 0, questions: 0, questionChannels: 0, subscriptions: 0, rotations: 0, claims: 0, addresses: 0, records: 0 };
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.tips]);
      const { rows } = await client.query<{ n: string }>('SELECT (SELECT count(*) FROM feedback) + (SELECT count(*) FROM questions) AS n');
      // The file's salt comes along, so a question asked before and after the move hashes alike;
      // only into a database that has counted nothing yet.
      if (Number(rows[0]?.n ?? 0) === 0 && data.salt) {
        await client.query('UPDATE settings SET value = $1 WHERE key = $2', [data.salt, 'salt']);
        this.salt = data.salt;
      }
      for (const f of data.feedback ?? []) {
        await client.query('INSERT INTO feedback (day, question_hash, statement_ids, vote, platform) VALUES ($1, $2, $3, $4, $5)', [
          f.day,
          f.questionHash,
          f.statementIds,
          f.vote,
          f.platform,
        ]);
        imported.feedback!++;
      }
      for (const q of data.questions ?? []) {
        await client.query('INSERT INTO questions (day, question_hash, answered, platform) VALUES ($1, $2, $3, $4)', [q.day, q.questionHash, q.answered, q.platform]);
        imported.questions!++;
      }
      for (const key of data.questionChannels ?? []) {
        const r = await client.query('INSERT INTO question_channels (key) VALUES ($1) ON CONFLICT DO NOTHING', [key]);
        imported.questionChannels! += r.rowCount ?? 0;
      }
      const tips = (data.tips ?? {}) as Partial<TipDocuments>;
      for (const [key, value] of Object.entries(tips.subscriptions ?? {})) {
        const r = await client.query('INSERT INTO tip_subscriptions (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [key, JSON.stringify(value)]);
        imported.subscriptions! += r.rowCount ?? 0;
      }
      for (const [key, value] of Object.entries(tips.rotations ?? {})) {
        const r = await client.query('INSERT INTO tip_rotations (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [key, JSON.stringify(value)]);
        imported.rotations! += r.rowCount ?? 0;
      }
      for (const [key, days] of Object.entries(tips.claims ?? {})) {
        for (const [day, value] of Object.entries(days)) {
          const r = await client.query('INSERT INTO tip_claims (key, day, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [key, day, JSON.stringify(value)]);
          imported.claims! += r.rowCount ?? 0;
        }
      }
      for (const [platform, entries] of Object.entries(data.addresses ?? {})) {
        for (const [conversation, value] of Object.entries(entries)) {
          const r = await client.query('INSERT INTO addresses (platform, conversation, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
            platform,
            conversation,
            JSON.stringify(value),
          ]);
          imported.addresses! += r.rowCount ?? 0;
        }
      }
      for (const [ns, entries] of Object.entries(data.records ?? {})) {
        for (const [key, value] of Object.entries(entries)) {
          const r = await client.query('INSERT INTO records (namespace, key, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [ns, key, JSON.stringify(value)]);
          imported.records! += r.rowCount ?? 0;
        }
      }
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, this.payload('tips')]);
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, this.payload('question-channels')]);
      await client.query('COMMIT');
      this.questionChannelCache = undefined;
      return { imported };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
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
