// /healthz and /readyz on every port a front end listens on: the page's, Teams' and Slack's.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readiness } from '../src/health.ts';
import { startHarness, type Harness } from './helpers/teams-harness.ts';
import { startSlackHarness, type SlackHarness } from './helpers/slack-deps.ts';
import { startInProcess, type InProcessWeb } from './web/helpers.ts';

describe('health probes', () => {
  let web: InProcessWeb;
  let teams: Harness;
  let slack: SlackHarness;
  beforeAll(async () => {
    [web, teams, slack] = await Promise.all([startInProcess(), startHarness(), startSlackHarness()]);
  });
  afterAll(async () => {
    await Promise.all([web?.stop(), teams?.close(), slack?.close()]);
  });

  const bases = () => ({
    page: web.url,
    teams: teams.teams.url.replace(/\/api\/messages$/, ''),
    slack: slack.eventsUrl.replace(/\/slack\/events$/, ''),
  });

  it('says the process is alive on GET /healthz on each port', async () => {
    for (const [name, base] of Object.entries(bases())) {
      const res = await fetch(`${base}/healthz`);
      expect(res.status, name).toBe(200);
      expect(await res.text(), name).toContain('Ledelsesbot kører');
    }
  });

  it('says ready on GET /readyz when the knowledge is loaded and the store reachable', async () => {
    for (const [name, base] of Object.entries(bases())) {
      const res = await fetch(`${base}/readyz`);
      expect(res.status, name).toBe(200);
      const body = (await res.json()) as { knowledge: { statements: number } };
      expect(body, name).toMatchObject({ ready: true, knowledge: { ready: true }, store: { kind: 'file', ready: true } });
      expect(body.knowledge.statements, name).toBeGreaterThan(100);
    }
  });

  it('answers 503 on /readyz while the store cannot be reached', async () => {
    const store = web.deps.store;
    const original = store.health.bind(store);
    store.health = () => ({ ready: false, detail: 'database unreachable: test', pending: 3 });
    try {
      const res = await fetch(`${web.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ready: false, store: { ready: false, pending: 3 } });
      expect(readiness(web.deps).ready).toBe(false);
    } finally {
      store.health = original;
    }
  });
});
