// LiveKnowledge.reload builds the new index in a worker thread: the bot goes on answering from
// the last good data while a changed data folder is trained, and takes the new index in one swap.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveKnowledge } from '../../src/search/knowledge-index.ts';
import { copyData, removeDir } from '../web/helpers.ts';

let dataDir: string;
let knowledge: LiveKnowledge;
const lines: string[] = [];

beforeAll(() => {
  dataDir = copyData();
  knowledge = LiveKnowledge.load(dataDir, (l) => lines.push(l));
}, 120_000);

afterAll(() => {
  knowledge?.close();
  removeDir(dataDir);
});

function editStatements(change: (data: any) => void): void {
  const file = path.join(dataDir, 'statements.json');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  change(data);
  writeFileSync(file, JSON.stringify(data));
}

describe('LiveKnowledge.reload', () => {
  it('keeps answering from the last good index while the new one trains, then swaps', async () => {
    // A word no earlier run has seen: the start-up cache cannot hold this data, so it trains.
    const word = `zebrakort${Date.now().toString(36)}`;
    editStatements((d) => {
      d.statements[0].text = `Tegn et ${word} over hele spareprocessen.`;
    });
    const before = knowledge.current;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const reloading = knowledge.reload();
    expect(knowledge.current).toBe(before);
    const taken = await reloading;
    clearInterval(timer);

    expect(taken).toBe(true);
    // Training takes seconds; had it run on this thread, no timer could have fired meanwhile.
    expect(ticks).toBeGreaterThan(5);
    expect(knowledge.current).not.toBe(before);
    expect(knowledge.current.engine.search(word, { top: 1 }).candidates[0]?.statement.text).toContain(word);
    expect(lines.at(-1)).toMatch(/Vidensbasen er genindlæst: \d+ udsagn/);
  }, 120_000);

  it('refuses an invalid edit, names file, entry and field, and keeps the last good index', async () => {
    const before = knowledge.current;
    editStatements((d) => {
      d.statements[0].kind = 'måske';
    });
    expect(await knowledge.reload()).toBe(false);
    expect(knowledge.current).toBe(before);
    expect(lines.at(-1)).toContain('de sidste gyldige data bruges stadig');
    expect(lines.at(-1)).toContain(path.join(dataDir, 'statements.json'));
    expect(lines.at(-1)).toMatch(/statements\[0\] \(id "[^"]+"\), felt "kind"/);
  }, 120_000);

  it('lets the newest edit win when edits come while it trains', async () => {
    const first = `foerste${Date.now().toString(36)}`;
    const second = `anden${Date.now().toString(36)}`;
    editStatements((d) => {
      d.statements[0].kind = 'do';
      d.statements[0].text = `Tegn et ${first}.`;
    });
    const older = knowledge.reload();
    editStatements((d) => {
      d.statements[0].text = `Tegn et ${second}.`;
    });
    const newer = knowledge.reload();
    expect(await older).toBe(false);
    expect(await newer).toBe(true);
    expect(knowledge.current.kb.statements[0]?.text).toBe(`Tegn et ${second}.`);
  }, 120_000);
});
