import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Protocol tests start servers on free ports; files run in parallel, each on its own ports.
    pool: 'forks',
    // The knowledge index and models built once; a throwaway PostgreSQL for the store tests
    // (skipped locally without PostgreSQL, failing in CI).
    globalSetup: ['test/global-setup.ts', 'test/setup/postgres.ts'],
  },
});
