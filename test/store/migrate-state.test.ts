// `ledelse migrate-state --from FILE`: a pilot's lowdb file into PostgreSQL, once.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { FileStore } from '../../src/store/file-store.ts';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import { freshDatabase, postgresTestsRun } from '../helpers/pg.ts';

describe.runIf(postgresTestsRun())('ledelse migrate-state', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ledelsesbot-migrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('moves votes, hashes, channels, tips and Teams references, keeps the salt, and refuses to move a file twice', async () => {
    const file = path.join(dir, 'pilot.json');
    const pilot = await FileStore.open(file);
    const hash = await pilot.recordQuestion('Hvordan håndterer jeg modstand?', true, 'teams');
    await pilot.recordFeedback({ questionHash: hash, statementIds: ['nedad-05'], vote: 'up', platform: 'teams' });
    await pilot.setQuestionChannel('slack:CQ', true);
    await pilot.rememberAddress('teams', '19:abc', { serviceUrl: 'https://smba.example', conversationId: '19:abc', botId: '28:b', updated: '2026-11-30' });
    await pilot.updateTips((d) => {
      d.subscriptions['slack:C1'] = { key: 'slack:C1', platform: 'slack', channel: 'C1', time: '08:30', status: 'active', origin: 'command', since: '2026-11-01T00:00:00.000Z' };
    });
    const before = readFileSync(file, 'utf8');

    process.env.DATABASE_URL = await freshDatabase('migrate');
    try {
      const lines: string[] = [];
      expect(await run(['migrate-state', '--from', file], (l) => lines.push(l))).toBe(0);
      expect(lines.join('\n')).toMatch(/1 stemmer, 1 spørgsmåls-hashes, 1 spørgsmålskanaler/);
      expect(lines.join('\n')).toContain('salt er flyttet med');

      const again: string[] = [];
      expect(await run(['migrate-state', '--from', file], (l) => again.push(l))).toBe(0);
      expect(again.join('\n')).toContain('allerede flyttet');

      const store = await PgStore.open(process.env.DATABASE_URL, { listen: false });
      try {
        expect(store.hashQuestion('Hvordan håndterer jeg modstand?')).toBe(hash);
        expect((await store.stats()).votes.get('nedad-05')).toEqual({ up: 1, down: 0 });
        expect(await store.isQuestionChannel('slack:CQ')).toBe(true);
        expect(await store.address('teams', '19:abc')).toMatchObject({ botId: '28:b' });
        expect((await store.readTips()).subscriptions['slack:C1']).toMatchObject({ time: '08:30' });
      } finally {
        await store.close();
      }
      expect(readFileSync(file, 'utf8')).toBe(before);
    } finally {
      delete process.env.DATABASE_URL;
    }
  });

  it('says what is missing without DATABASE_URL or --from', async () => {
    await expect(run(['migrate-state', '--from', 'x.json'])).rejects.toThrow(/DATABASE_URL er ikke sat/);
    await expect(run(['migrate-state'])).rejects.toThrow(/--from/);
  });
});
