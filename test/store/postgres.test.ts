// What only PostgreSQL promises: migrations that any number of instances may run at once, what
// one instance writes seen by another, exactly-once across instances, and riding out a lost
// connection without losing an accepted vote.

import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import { MIGRATIONS } from '../../src/store/postgres/migrations.ts';
import type { ChangeTopic } from '../../src/store/types.ts';
import { freshDatabase, postgresTestsRun } from '../helpers/pg.ts';
import { tcpProxy, type CuttableProxy } from '../helpers/tcp-proxy.ts';

const DAY = '2026-12-01';

async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.runIf(postgresTestsRun())('PostgreSQL with more than one instance', () => {
  const opened: PgStore[] = [];
  const proxies: CuttableProxy[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close(500)));
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });
  const open = async (url: string) => {
    const s = await PgStore.open(url, process.env.DEBUG_PG ? { log: { info: console.log, warn: console.log, error: console.log } } : {});
    opened.push(s);
    return s;
  };

  it('migrates a new database once, even when instances start together, and records the versions', async () => {
    const url = await freshDatabase('migrate');
    const [a, b, c] = await Promise.all([open(url), open(url), open(url)]);
    expect(a.hashQuestion('x')).toBe(b.hashQuestion('x'));
    expect(c.hashQuestion('x')).toBe(a.hashQuestion('x'));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('shows a question channel switched on through one instance to the other at once', async () => {
    const url = await freshDatabase('notify');
    const [a, b] = [await open(url), await open(url)];
    expect(await b.isQuestionChannel('slack:CQ')).toBe(false); // b now caches the empty list
    const heard: ChangeTopic[] = [];
    b.onChange((t) => heard.push(t));
    await a.setQuestionChannel('slack:CQ', true);
    await until(() => heard.includes('question-channels'));
    expect(await b.isQuestionChannel('slack:CQ')).toBe(true);
    await a.setQuestionChannel('slack:CQ', false);
    await until(async () => !(await b.isQuestionChannel('slack:CQ')));
  });

  it('tells the other instances about tip changes and runtime knowledge', async () => {
    const url = await freshDatabase('topics');
    const [a, b] = [await open(url), await open(url)];
    const heard: ChangeTopic[] = [];
    const own: ChangeTopic[] = [];
    b.onChange((t) => heard.push(t));
    a.onChange((t) => own.push(t));
    await a.updateTips((d) => {
      d.subscriptions['slack:C1'] = { time: '14:45' };
    });
    await a.notifyChange('knowledge');
    await until(() => heard.includes('tips') && heard.includes('knowledge'));
    expect((await b.readTips()).subscriptions['slack:C1']).toEqual({ time: '14:45' });
    expect(own).toEqual([]);
  });

  it('lets one of two instances claim a (channel, day) and one answer an event', async () => {
    const url = await freshDatabase('claims');
    const stores = [await open(url), await open(url)];
    const claims = await Promise.allSettled(
      stores.flatMap((s, i) =>
        Array.from({ length: 5 }, () =>
          s.updateTips((d) => {
            const days = (d.claims['slack:C1'] ??= {});
            if (days[DAY]) return false;
            days[DAY] = { by: i, state: 'claimed' };
            return true;
          }),
        ),
      ),
    );
    expect(claims.filter((r) => r.status === 'fulfilled' && r.value)).toHaveLength(1);
    const sightings = await Promise.all(stores.flatMap((s) => Array.from({ length: 10 }, () => s.firstDelivery('slack:Ev42'))));
    expect(sightings.filter(Boolean)).toHaveLength(1);
  });

  it('refuses a claim row that another instance wrote first, rolling the whole change back', async () => {
    const url = await freshDatabase('unique');
    const a = await open(url);
    await a.updateTips((d) => {
      d.rotations['slack:C1'] = { round: 1, served: [] };
    });
    // Another writer that bypasses the lock has inserted (key, day) but not yet committed: our
    // change reads no claim, and its INSERT waits on that row.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query('BEGIN');
    await other.query(`INSERT INTO tip_claims (key, day, value) VALUES ('slack:C1', '${DAY}', '{"statementId":"other"}')`);
    const racing = a.updateTips((d) => {
      d.rotations['slack:C1'] = { round: 1, served: ['nedad-01'] };
      (d.claims['slack:C1'] ??= {})[DAY] = { statementId: 'nedad-01' };
    });
    const outcome = racing.then(
      () => 'resolved',
      (err: Error) => err.message,
    );
    await until(async () => {
      // Activity is snapshotted per transaction, and `other` is inside one: clear it each time.
      await other.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await other.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`);
      return rows[0].n > 0;
    }, 10_000);
    await other.query('COMMIT');
    await other.end();
    expect(await outcome).toMatch(/duplicate key|unique/);
    const tips = await a.readTips();
    expect(tips.claims['slack:C1']?.[DAY]).toEqual({ statementId: 'other' });
    expect(tips.rotations['slack:C1']).toEqual({ round: 1, served: [] });
  });

  it('keeps votes accepted while the database is away, reports not ready, and writes them when it is back', async () => {
    const url = new URL(await freshDatabase('outage'));
    const proxy = await tcpProxy(Number(url.port));
    proxies.push(proxy);
    url.port = String(proxy.port);
    const store = await open(url.toString());
    expect(store.health().ready).toBe(true);

    proxy.cut();
    await until(() => !store.health().ready);
    await store.recordFeedback({ questionHash: 'h', statementIds: ['udad-01'], vote: 'up', platform: 'slack' });
    await store.recordQuestion('Hvad gør jeg, når pressen ringer?', true, 'slack');
    expect(store.health()).toMatchObject({ ready: false, pending: 2 });
    // De-duplication falls back to this instance's memory rather than refusing to answer.
    expect(await store.firstDelivery('slack:EvOut')).toBe(true);
    expect(await store.firstDelivery('slack:EvOut')).toBe(false);
    // A claim is never made without the database: nothing is posted that was not claimed.
    await expect(store.updateTips((d) => void (d.subscriptions.x = {}))).rejects.toThrow();

    proxy.restore();
    await until(() => store.health().ready && !store.health().pending, 15_000);
    const stats = await store.stats();
    expect(stats.votes.get('udad-01')).toEqual({ up: 1, down: 0 });
    expect(stats.questions).toBe(1);
  });
});
