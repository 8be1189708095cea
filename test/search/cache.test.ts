import { cpSync, existsSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey, loadCachedIndex, readDataFiles } from '../../src/search/index-cache.ts';
import { buildEngine, loadKnowledgeIndex } from '../../src/search/knowledge-index.ts';

const QUESTIONS = [
  'Hvordan fortæller jeg mine medarbejdere om nedskæringerne?',
  'Skal jeg holde upopulære forslag tilbage over for chefen?',
  'Hvordan taler jeg med forældrebestyrelsen om besparelser?',
  'Hvad er opskriften på æblekage?',
];

function answers(engine: ReturnType<typeof buildEngine>) {
  return QUESTIONS.map((q) => {
    const r = engine.search(q, { top: 5 });
    return { answered: r.answered, confidence: r.confidence.toFixed(6), hits: r.candidates.map((h) => `${h.statement.id}:${h.score.toFixed(6)}`) };
  });
}

describe('the start-up cache of the index', () => {
  it('answers exactly like an index built from scratch', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ledelse-cache-'));
    cpSync('data', dir, { recursive: true });
    const first = loadKnowledgeIndex(dir); // builds and stores
    const second = loadKnowledgeIndex(dir); // restores
    const fresh = buildEngine(first.kb.statements, first.lexicon, undefined, { situations: first.situations, offTopic: first.offTopic });
    expect(answers(second.engine)).toEqual(answers(fresh));
    expect(answers(first.engine)).toEqual(answers(fresh));
  }, 120_000); // trains the models if parallel test files evicted the warm entry

  it('is rebuilt when the data changes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ledelse-cache-'));
    cpSync('data', dir, { recursive: true });
    loadKnowledgeIndex(dir);
    const file = path.join(dir, 'statements.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.statements[0].text = 'Husk altid kaffemaskinen til budgetmødet.';
    writeFileSync(file, JSON.stringify(data));
    const index = loadKnowledgeIndex(dir);
    const hit = index.engine.search('kaffemaskinen', { top: 1 }).candidates[0];
    expect(hit?.statement.text).toBe('Husk altid kaffemaskinen til budgetmødet.');
  }, 120_000); // trains the models again

  it('serves a warm start without validating again, with the same data and answers', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ledelse-cache-'));
    cpSync('data', dir, { recursive: true });
    const validated = loadKnowledgeIndex(dir);
    const cached = loadCachedIndex(dir);
    expect(cached).toBeDefined();
    expect(cached!.kb.statements).toEqual(validated.kb.statements);
    expect([...cached!.kb.sources.keys()]).toEqual([...validated.kb.sources.keys()]);
    expect(cached!.situations).toEqual(validated.situations);
    const shown = (i: typeof validated) => QUESTIONS.map((q) => i.answerer.answer(q).hits.map((h) => h.statement.id));
    expect(shown(cached!)).toEqual(shown(validated));
  }, 120_000); // likewise

  it('builds the index again when the stored model bytes are cut short, and answers as before', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ledelse-cache-'));
    cpSync('data', dir, { recursive: true });
    const first = loadKnowledgeIndex(dir);
    const bin = path.resolve('node_modules', '.cache', 'ledelsesbot', `index-src-${cacheKey(readDataFiles(dir))}.bin`);
    expect(existsSync(bin)).toBe(true);
    truncateSync(bin, 1_000_000);
    expect(loadCachedIndex(dir)).toBeUndefined();
    const again = loadKnowledgeIndex(dir);
    const shown = (i: typeof first) => QUESTIONS.map((q) => i.answerer.answer(q).hits.map((h) => h.statement.id));
    expect(shown(again)).toEqual(shown(first));
    expect(loadCachedIndex(dir)).toBeDefined(); // and stored it again
  }, 120_000); // trains the models again

  it('has nothing for a changed or broken data file, so it is validated and refused with file, entry and field', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ledelse-cache-'));
    cpSync('data', dir, { recursive: true });
    loadKnowledgeIndex(dir);
    const file = path.join(dir, 'statements.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.statements[0].kind = 'gør';
    writeFileSync(file, JSON.stringify(data));
    expect(loadCachedIndex(dir)).toBeUndefined();
    expect(() => loadKnowledgeIndex(dir)).toThrow(/statements\[0\] \(id "[a-z0-9-]+"\), felt "kind"/);
  });
});
