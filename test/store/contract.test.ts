// One contract, two stores: every test here runs against the lowdb file and against PostgreSQL.
// What the app relies on — de-duplication, claims, question channels, records, retention — must
// mean the same whichever store holds the state.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../src/store/file-store.ts';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import { SEEN_EVENT_TTL_MS, type Store, type StoreData } from '../../src/store/types.ts';
import { freshDatabase, postgresTestsRun } from '../helpers/pg.ts';

interface Backend {
  name: string;
  run: boolean;
  /** A new, empty store, and a way to open the same state again (a restart). */
  create(): Promise<{ store: Store; reopen(): Promise<Store> }>;
}

const dir = mkdtempSync(path.join(tmpdir(), 'ledelsesbot-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const backends: Backend[] = [
  {
    name: 'lowdb file',
    run: true,
    async create() {
      const file = path.join(dir, `state-${n++}.json`);
      return { store: await FileStore.open(file), reopen: () => FileStore.open(file) };
    },
  },
  {
    name: 'PostgreSQL',
    run: postgresTestsRun(),
    async create() {
      const url = await freshDatabase('contract');
      return { store: await PgStore.open(url), reopen: () => PgStore.open(url) };
    },
  },
];

const DAY = '2026-12-01';

for (const backend of backends) {
  describe.runIf(backend.run)(`the ${backend.name} store`, () => {
    let store: Store;
    let reopen: () => Promise<Store>;
    const opened: Store[] = [];

    beforeEach(async () => {
      ({ store, reopen } = await backend.create());
      opened.push(store);
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });
    const again = async () => {
      const s = await reopen();
      opened.push(s);
      return s;
    };

    it('hashes a question with its own salt, the same however it is spaced or cased', async () => {
      const a = store.hashQuestion('Hvordan  taler jeg med MED-udvalget?');
      expect(a).toMatch(/^[0-9a-f]{32}$/);
      expect(store.hashQuestion('hvordan taler jeg med med-udvalget?')).toBe(a);
      expect((await again()).hashQuestion('hvordan taler jeg med med-udvalget?')).toBe(a);
      const other = await backend.create();
      opened.push(other.store);
      expect(other.store.hashQuestion('hvordan taler jeg med med-udvalget?')).not.toBe(a);
    });

    it('counts questions and votes, never keeping the question text', async () => {
      const hash = await store.recordQuestion('Hvordan siger jeg nej til min chef?', true, 'slack');
      await store.recordQuestion('pizza i Odense', false, 'web');
      await store.recordFeedback({ questionHash: hash, statementIds: ['opad-01', 'opad-02'], vote: 'up', platform: 'slack' });
      await store.recordFeedback({ questionHash: hash, statementIds: ['opad-01'], vote: 'down', platform: 'teams' });
      const stats = await (await again()).stats();
      expect(stats.questions).toBe(2);
      expect(stats.unanswered).toBe(1);
      expect(stats.votes.get('opad-01')).toEqual({ up: 1, down: 1 });
      expect(stats.votes.get('opad-02')).toEqual({ up: 1, down: 0 });
      expect(JSON.stringify(await store.exportData())).not.toContain('chef');
    });

    it('sees an event id once within the hour, and again after it', async () => {
      const t = Date.parse('2026-12-01T08:00:00Z');
      expect(await store.firstDelivery('slack:Ev1', t)).toBe(true);
      expect(await store.firstDelivery('slack:Ev1', t + 1000)).toBe(false);
      expect(await (await again()).firstDelivery('slack:Ev1', t + 2000)).toBe(false);
      expect(await store.firstDelivery('slack:Ev2', t + 3000)).toBe(true);
      expect(await store.firstDelivery('slack:Ev1', t + SEEN_EVENT_TTL_MS + 5000)).toBe(true);
    });

    it('lets exactly one of many simultaneous deliveries of an event through', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => store.firstDelivery('teams:conv:act-1')));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('switches question channels on and off', async () => {
      expect(await store.isQuestionChannel('slack:C1')).toBe(false);
      await store.setQuestionChannel('slack:C1', true);
      await store.setQuestionChannel('slack:C1', true);
      await store.setQuestionChannel('slack:C2', true);
      expect(await store.isQuestionChannel('slack:C1')).toBe(true);
      expect((await store.questionChannels()).sort()).toEqual(['slack:C1', 'slack:C2']);
      await store.setQuestionChannel('slack:C1', false);
      expect(await store.isQuestionChannel('slack:C1')).toBe(false);
      expect(await (await again()).questionChannels()).toEqual(['slack:C2']);
    });

    it("keeps each platform's addresses, opaque, and writes only what changed", async () => {
      const ref = { serviceUrl: 'https://smba.example/emea', conversationId: '19:abc', botId: '28:bot' };
      await store.rememberAddress('teams', '19:abc', ref);
      await store.rememberAddress('teams', '19:abc', ref);
      await store.rememberAddress('other', '19:abc', { x: 1 });
      expect(await (await again()).address('teams', '19:abc')).toEqual(ref);
      await store.rememberAddress('teams', '19:abc', { ...ref, botId: '28:new' });
      expect(await store.address('teams', '19:abc')).toMatchObject({ botId: '28:new' });
      await store.forgetAddress('teams', '19:abc');
      await store.forgetAddress('teams', 'never-there');
      expect(await store.address('teams', '19:abc')).toBeUndefined();
      expect(await store.address('other', '19:abc')).toEqual({ x: 1 });
    });

    it('keeps opaque records by namespace and key, as copies', async () => {
      const ref = { serviceUrl: 'https://smba.example/emea', conversationId: '19:abc', botId: '28:bot' };
      await store.putRecord('conversation:teams', '19:abc', ref);
      await store.putRecord('conversation:other', '19:abc', { x: 1 });
      ref.botId = 'changed';
      expect(await store.getRecord('conversation:teams', '19:abc')).toEqual({ ...ref, botId: '28:bot' });
      expect(await store.listRecords('conversation:teams')).toEqual({ '19:abc': { ...ref, botId: '28:bot' } });
      await store.putRecord('conversation:teams', '19:abc', { ...ref, botId: '28:new' });
      expect(await (await again()).getRecord('conversation:teams', '19:abc')).toMatchObject({ botId: '28:new' });
      await store.deleteRecord('conversation:teams', '19:abc');
      await store.deleteRecord('conversation:teams', 'never-there');
      expect(await store.getRecord('conversation:teams', '19:abc')).toBeUndefined();
      expect(await store.getRecord('conversation:other', '19:abc')).toEqual({ x: 1 });
    });

    it('changes the tip documents atomically and keeps them across a restart', async () => {
      expect(await store.readTips()).toEqual({ subscriptions: {}, rotations: {}, claims: {} });
      const result = await store.updateTips((docs) => {
        docs.subscriptions['slack:C1'] = { key: 'slack:C1', time: '08:30' };
        docs.rotations['slack:C1'] = { round: 1, served: ['nedad-01'] };
        (docs.claims['slack:C1'] ??= {})[DAY] = { statementId: 'nedad-01', state: 'claimed' };
        return 'done';
      });
      expect(result).toBe('done');
      await store.updateTips((docs) => {
        (docs.claims['slack:C1']![DAY] as { state: string }).state = 'posted';
      });
      const tips = await (await again()).readTips();
      expect(tips.subscriptions['slack:C1']).toEqual({ key: 'slack:C1', time: '08:30' });
      expect(tips.claims['slack:C1']?.[DAY]).toEqual({ statementId: 'nedad-01', state: 'posted' });
      await store.updateTips((docs) => {
        delete docs.subscriptions['slack:C1'];
        delete docs.claims['slack:C1']![DAY];
      });
      const after = await store.readTips();
      expect(after.subscriptions).toEqual({});
      expect(after.claims['slack:C1'] ?? {}).toEqual({});
      expect(after.rotations['slack:C1']).toEqual({ round: 1, served: ['nedad-01'] });
    });

    it('leaves the tip documents as they were when a change throws', async () => {
      await store.updateTips((docs) => {
        docs.subscriptions['slack:C1'] = { time: '08:30' };
      });
      await expect(
        store.updateTips((docs) => {
          docs.subscriptions['slack:C1'] = { time: '09:00' };
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await store.readTips()).subscriptions['slack:C1']).toEqual({ time: '08:30' });
    });

    it('claims a (channel, day) once, however many claim it at the same moment', async () => {
      const claim = (who: number) =>
        store.updateTips((docs) => {
          const days = (docs.claims['slack:C1'] ??= {});
          if (days[DAY]) return false;
          days[DAY] = { by: who, state: 'claimed' };
          return true;
        });
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => claim(i)));
      const won = results.filter((r) => r.status === 'fulfilled' && r.value === true);
      expect(won).toHaveLength(1);
      expect(Object.keys((await store.readTips()).claims['slack:C1']!)).toEqual([DAY]);
    });

    it('deletes feedback and questions past retention, and keeps the rest', async () => {
      const now = new Date('2026-12-01T10:00:00Z');
      await store.recordQuestion('gammelt spørgsmål', true, 'web', new Date('2025-01-01T10:00:00Z'));
      await store.recordFeedback({ questionHash: 'x', statementIds: ['nedad-01'], vote: 'up', platform: 'web' }, new Date('2025-01-01T10:00:00Z'));
      await store.recordQuestion('nyt spørgsmål', true, 'web', new Date('2026-11-30T10:00:00Z'));
      expect(await store.prune(365, now)).toBe(2);
      const stats = await store.stats();
      expect(stats.questions).toBe(1);
      expect(stats.votes.size).toBe(0);
    });

    it('exports its state and imports it into an empty store of either kind, salt included', async () => {
      const hash = await store.recordQuestion('Hvordan inddrager jeg medarbejderne?', true, 'slack');
      await store.recordFeedback({ questionHash: hash, statementIds: ['nedad-03'], vote: 'up', platform: 'slack' });
      await store.setQuestionChannel('slack:CQ', true);
      await store.rememberAddress('teams', '19:x', { conversationId: '19:x' });
      await store.updateTips((d) => {
        d.subscriptions['slack:C1'] = { key: 'slack:C1' };
        (d.claims['slack:C1'] ??= {})[DAY] = { state: 'posted' };
      });
      const exported: StoreData = await store.exportData();
      for (const target of [await FileStore.open(':memory:'), ...(backend.name === 'PostgreSQL' ? [await PgStore.open(await freshDatabase('import'))] : [])]) {
        opened.push(target);
        const { imported } = await target.importData(exported);
        expect(imported.feedback).toBe(1);
        expect(target.hashQuestion('Hvordan inddrager jeg medarbejderne?')).toBe(hash);
        expect((await target.stats()).votes.get('nedad-03')).toEqual({ up: 1, down: 0 });
        expect(await target.isQuestionChannel('slack:CQ')).toBe(true);
        expect(await target.address('teams', '19:x')).toEqual({ conversationId: '19:x' });
        expect((await target.readTips()).claims['slack:C1']?.[DAY]).toEqual({ state: 'posted' });
      }
    });

    it('is ready', async () => {
      expect(store.health().ready).toBe(true);
    });
  });
}
