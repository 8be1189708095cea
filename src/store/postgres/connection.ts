// The connection side of PgStore: the pool, the LISTEN connection, reachability and back-off,
// and the writes kept while the database is unreachable. PgStore extends this.

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ChangeTopic } from '../types.ts';
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, CHANNEL, MAX_PENDING, isConnectionError, message, type Log, type PendingWrite } from './sql.ts';

export abstract class PgConnection {
  /** Tells this instance's own notifications from the others'. */
  readonly instanceId = randomUUID();
  protected readonly changeListeners = new Set<(topic: ChangeTopic) => void>();
  protected listener: pg.Client | undefined;
  protected listening = false;
  protected reachable = true;
  protected lastError: string | undefined;
  protected backoffMs = BACKOFF_MIN_MS;
  protected reconnectTimer: NodeJS.Timeout | undefined;
  protected closed = false;
  /** Votes and question hashes accepted while the database was unreachable. */
  protected readonly pending: PendingWrite[] = [];
  protected flushing: Promise<void> | undefined;
  protected questionChannelCache: Set<string> | undefined;

  protected constructor(
    protected readonly pool: pg.Pool,
    protected readonly url: string,
    protected readonly log: Log | undefined,
    protected readonly listen: boolean,
  ) {}

  // ---- connection, notifications, back-off -------------------------------------------------

  protected async connectListener(): Promise<void> {
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

  protected lostListener(client: pg.Client, err: Error): void {
    if (this.listener !== client) return;
    this.listener = undefined;
    this.listening = false;
    this.questionChannelCache = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.markUnreachable(err);
  }

  protected markUnreachable(err: unknown): void {
    if (this.reachable) this.log?.warn(`PostgreSQL kan ikke nås (${message(err)}); appen svarer videre og prøver igen.`);
    this.reachable = false;
    this.lastError = message(err);
    this.scheduleReconnect();
  }

  protected markReachable(): void {
    if (!this.reachable) this.log?.info('PostgreSQL kan nås igen.');
    this.reachable = true;
    this.lastError = undefined;
    this.backoffMs = BACKOFF_MIN_MS;
    void this.flushPending();
  }

  protected scheduleReconnect(): void {
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

  protected received(payload: string | undefined): void {
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

  protected emit(topic: ChangeTopic): void {
    for (const l of this.changeListeners) {
      try {
        l(topic);
      } catch (err) {
        this.log?.error(`Fejl i en lytter på ændringer (${topic}): ${message(err)}`);
      }
    }
  }

  protected payload(topic: ChangeTopic): string {
    return JSON.stringify({ topic, from: this.instanceId });
  }

  /** Runs a query; a connection error marks the store unreachable before it is rethrown. */
  protected async query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
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
  protected async durableWrite(sql: string, params: unknown[]): Promise<void> {
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

  protected keep(write: PendingWrite): void {
    if (this.pending.length >= MAX_PENDING) {
      this.pending.shift();
      this.log?.error('PostgreSQL har været væk længe: den ældste ventende stemme eller spørgsmåls-hash er droppet.');
    }
    this.pending.push(write);
  }

  protected flushPending(): Promise<void> {
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
}
