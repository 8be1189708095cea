// `npm run db:start`: a throwaway PostgreSQL for trying Ledelsesbot with DATABASE_URL. Prints the
// URL and keeps the cluster until Ctrl-C, then removes it.
// `npm run db:test`: starts one, runs the store tests (contract suite and two instances) on it,
// and removes it.

import { spawnSync } from 'node:child_process';
import { startCluster } from './lib/pg-cluster.ts';

const command = process.argv[2] ?? 'start';
// Tests trade durability for speed (fsync off); a cluster for trying the app does not.
const cluster = await startCluster({ fast: command === 'test' || process.argv.includes('--fast') });
process.on('exit', () => cluster.stop());

if (command === 'test') {
  const files = process.argv.slice(3).filter((a) => a !== '--fast');
  const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...(files.length ? files : ['test/store'])], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: cluster.adminUrl },
  });
  process.exitCode = result.status ?? 1;
} else {
  console.log(`PostgreSQL kører (data i ${cluster.dir}). Stop med Ctrl-C; så slettes alt.`);
  console.log(`DATABASE_URL=${cluster.url}`);
  const stop = () => process.exit(0);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
