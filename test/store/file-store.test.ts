// The lowdb file: files written by earlier versions open without losing anything.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore, readStateFile } from '../../src/store/file-store.ts';
import { OLDER_REFERENCES } from '../../src/teams/conversation-refs.ts';

describe('the lowdb file store', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ledelsesbot-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ref = { serviceUrl: 'https://smba.example', conversationId: '19:abc', botId: '28:b', updated: '2026-11-30' };
  const older = { version: 1, salt: 'abc123', feedback: [], questions: [], questionChannels: ['slack:CQ'], seenEvents: {}, tips: {}, teamsConversations: { '19:abc': ref } };

  it('adopts the addresses an older file kept in a field of their own, once', async () => {
    const file = path.join(dir, 'older.json');
    writeFileSync(file, JSON.stringify(older));
    const store = await FileStore.open(file);
    await store.adoptOlderAddresses(OLDER_REFERENCES);
    expect(await store.address('teams', '19:abc')).toEqual(ref);
    expect(await store.isQuestionChannel('slack:CQ')).toBe(true);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.teamsConversations).toBeUndefined();
    expect(written.addresses.teams['19:abc']).toEqual(ref);
  });

  it('reads an older file for migrate-state without writing to it', () => {
    const file = path.join(dir, 'untouched.json');
    writeFileSync(file, JSON.stringify(older));
    const data = readStateFile(file, OLDER_REFERENCES);
    expect(data.addresses.teams).toEqual({ '19:abc': ref });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(older);
    writeFileSync(file, '{"hello": 1}');
    expect(() => readStateFile(file)).toThrow(/salt/);
  });
});
