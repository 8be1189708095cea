// Vitest global setup: a throwaway PostgreSQL for the store tests (contract suite, two
// instances). TEST_DATABASE_URL (an admin URL on a server we may create databases on) is used
// when set; otherwise a cluster is started in a temporary folder when PostgreSQL is installed.
// When neither works, the PostgreSQL tests skip locally and FAIL under CI=true.

import type { TestProject } from 'vitest/node';
import { startCluster, type Cluster } from '../../scripts/lib/pg-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of a PostgreSQL server for tests, or '' when there is none. */
    pgAdminUrl: string;
    /** Why there is none. */
    pgUnavailable: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  let cluster: Cluster | undefined;
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgAdminUrl', process.env.TEST_DATABASE_URL);
    project.provide('pgUnavailable', '');
  } else {
    try {
      cluster = await startCluster({ fast: true });
      project.provide('pgAdminUrl', cluster.adminUrl);
      project.provide('pgUnavailable', '');
    } catch (err) {
      project.provide('pgAdminUrl', '');
      project.provide('pgUnavailable', err instanceof Error ? err.message : String(err));
    }
  }
  return () => cluster?.stop();
}
