// Chooses the store from the settings: PostgreSQL when DATABASE_URL is set, else the lowdb file.

import type { Config } from '../config.ts';
import { FileStore } from './file-store.ts';
import type { Store } from './types.ts';

export interface OpenStoreOptions {
  /** Where progress and trouble are told (default: nowhere). */
  log?: { info(l: string): void; warn(l: string): void; error(l: string): void };
  /** For one-shot tools: no reconnect chatter, no listener. */
  quiet?: boolean;
}

export async function openStore(config: Pick<Config, 'DATABASE_URL' | 'DB_FILE' | 'DATABASE_POOL_SIZE'>, options: OpenStoreOptions = {}): Promise<Store> {
  if (config.DATABASE_URL) {
    // Loaded only when used: the file store and the CLI never pay for the driver.
    const { PgStore } = await import('./postgres/pg-store.ts');
    return PgStore.open(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE, log: options.log, listen: !options.quiet });
  }
  return FileStore.open(config.DB_FILE);
}
