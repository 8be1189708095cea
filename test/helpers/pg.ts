// PostgreSQL for a test file: a fresh database of its own on the server that the global setup
// provides. Without a server the PostgreSQL tests skip on a developer's machine and fail in CI.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** True when the PostgreSQL tests should run (a server is there, or CI demands them). */
export function postgresTestsRun(): boolean {
  if (inject('pgAdminUrl')) return true;
  if (process.env.CI === 'true') return true;
  console.warn(`PostgreSQL-testene springes over: ${inject('pgUnavailable')} (I CI fejler de.)`);
  return false;
}

/** A new, empty database; its URL. */
export async function freshDatabase(prefix = 'test'): Promise<string> {
  const admin = inject('pgAdminUrl');
  if (!admin) throw new Error(`PostgreSQL er ikke tilgængelig til testene: ${inject('pgUnavailable')}`);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
