// SQL helpers for the PostgreSQL store: connection errors, migrations, and the tip documents.

import pg from 'pg';
import type { TipDocuments } from '../types.ts';
import { LOCKS, MIGRATIONS } from './migrations.ts';

export type Log = { info(l: string): void; warn(l: string): void; error(l: string): void };
export type Queryable = Pick<pg.PoolClient, 'query'>;

export const CHANNEL = 'ledelsesbot_changes';
export const MAX_PENDING = 10_000;
export const BACKOFF_MIN_MS = 250;
export const BACKOFF_MAX_MS = 30_000;

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

export function message(err: unknown): string {
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

export async function loadTips(db: Queryable): Promise<TipDocuments> {
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
export async function writeTipDiff(db: Queryable, before: TipDocuments, after: TipDocuments): Promise<boolean> {
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

export interface PendingWrite {
  sql: string;
  params: unknown[];
}
