// `ledelse hr list|remove|export|purge` and `ledelse stats --json` on a DB file.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { StoreHrRepository } from '../../src/hr/store-repository.ts';
import { FileStore } from '../../src/store/store.ts';

let dir: string;
let saved: string;
const before = process.env.DB_FILE;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ledelsesbot-hr-cli-'));
  process.env.DB_FILE = path.join(dir, 'db.json');
  const store = await FileStore.open(process.env.DB_FILE);
  const repo = new StoreHrRepository(store);
  saved = (await repo.saveAnswer({ wording: 'Hvordan nulstiller jeg min adgangskode?', text: 'Ring til IT-support.', direction: 'general', kind: 'do', day: '2026-03-02' })).id;
  await repo.addQuestion({ text: 'Et åbent spørgsmål', platform: 'slack', nearest: [], askedAt: new Date().toISOString() });
  await repo.countQuestion('2026-03-02', 'none', undefined);
  await store.close();
});
afterAll(() => {
  if (before === undefined) delete process.env.DB_FILE;
  else process.env.DB_FILE = before;
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await run(args, (s) => lines.push(s));
  return { code, out: lines.join('\n') };
}

describe('ledelse hr', () => {
  it('lists the saved answers with id, wording and text', async () => {
    const { code, out } = await cli('hr', 'list');
    expect(code).toBe(0);
    expect(out).toContain(saved);
    expect(out).toContain('"Hvordan nulstiller jeg min adgangskode?"');
    const json = JSON.parse((await cli('hr', 'list', '--json')).out);
    expect(json[0]).toMatchObject({ id: saved, kind: 'do' });
  });

  it('exports them as statements in the data/ format, the wording as keywords, never who asked', async () => {
    const file = path.join(dir, 'hr.json');
    expect((await cli('hr', 'export', '--out', file)).code).toBe(0);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.sources[0]).toMatchObject({ id: 'hr', title: 'Svar fra HR', date: '2026-03-02' });
    expect(exported.statements[0]).toMatchObject({ id: saved, text: 'Ring til IT-support.', direction: 'general', kind: 'do', source: 'hr', keywords: ['Hvordan nulstiller jeg min adgangskode?'] });
  });

  it('stats --json has the weekly insight without any question text', async () => {
    const { out } = await cli('stats', '--json');
    const stats = JSON.parse(out);
    expect(stats.insight.weeks).toHaveLength(12);
    expect(stats.insight.openQuestions).toHaveLength(1);
    expect(stats.insight.savedAnswers).toBe(1);
    expect(out).not.toContain('Et åbent spørgsmål');
  });

  it('removes one answer, and purge needs --ja before it deletes everything', async () => {
    expect((await cli('hr', 'remove', saved)).out).toContain('er fjernet');
    await expect(cli('hr', 'purge')).rejects.toThrow('--ja');
    expect((await cli('hr', 'purge', '--ja')).out).toContain('Slettet: 1 spørgsmål til HR og 0 gemte svar');
    expect(readFileSync(process.env.DB_FILE!, 'utf8')).not.toContain('Et åbent spørgsmål');
  });
});
