// data/situations.json and data/offtopic.json as the application sees them, and how a broken
// edit is refused: file, entry and field named, nothing half loaded.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DataError,
  DEFAULT_DATA_DIR,
  HELPS_FILE,
  loadHelpExamples,
  loadKnowledge,
  loadOffTopic,
  loadSituations,
  OFF_TOPIC_FILE,
  SITUATIONS_FILE,
} from '../../src/knowledge/load.ts';
import { MIN_SITUATION_EXAMPLES } from '../../src/knowledge/schema.ts';

const kb = loadKnowledge();
const situations = loadSituations(DEFAULT_DATA_DIR, kb);

describe('data/situations.json', () => {
  it('has 30–60 situations, each with a Danish title, statements and at least 15 example questions', () => {
    expect(situations.length).toBeGreaterThanOrEqual(30);
    expect(situations.length).toBeLessThanOrEqual(60);
    for (const s of situations) {
      expect(s.title.length).toBeGreaterThan(3);
      expect(s.statements.length).toBeGreaterThan(0);
      expect(s.examples.length).toBeGreaterThanOrEqual(MIN_SITUATION_EXAMPLES);
    }
  });

  it('says for every example which of its situation\'s statements help most, and which three of all', () => {
    for (const s of situations) {
      expect(s.exampleHelps.length).toBe(s.examples.length);
      for (const best of s.exampleBest) expect(best).toHaveLength(3);
      for (const helps of s.exampleHelps) {
        expect(helps.length).toBeGreaterThanOrEqual(1);
        for (const id of helps) expect(s.statements).toContain(id);
      }
    }
  });

  it('reaches every statement that can be shown from some situation', () => {
    const listed = new Set(situations.flatMap((s) => s.statements));
    const missing = kb.statements.filter((s) => s.kind !== 'meeting' && !listed.has(s.id)).map((s) => s.id);
    expect(missing).toEqual([]);
  });

  it('has example questions in leaders’ own register: some short, some long, some without æ, ø and å', () => {
    const examples = situations.flatMap((s) => s.examples);
    const words = (q: string) => q.split(/\s+/).length;
    expect(examples.filter((q) => words(q) <= 6).length).toBeGreaterThan(50);
    expect(examples.filter((q) => words(q) >= 25).length).toBeGreaterThan(100);
    expect(examples.filter((q) => /\b(oe|aa|ae)|[a-z](oe|aa)[a-z]/.test(q) && !/[æøå]/i.test(q)).length).toBeGreaterThan(30);
  });
});

describe('data/offtopic.json', () => {
  it('has at least 300 questions outside the domain, from every category', () => {
    const examples = loadOffTopic(DEFAULT_DATA_DIR);
    expect(examples.length).toBeGreaterThanOrEqual(300);
    const categories = new Set(examples.map((e) => e.category));
    expect(categories.size).toBe(7);
  });
});

const s0Text = () => situations[0]!.examples[0]!;

describe('a broken situations.json is refused', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  type RawExample = string | { text: string; helps?: string[]; best?: string[] };
  function brokenCopy(edit: (situations: Array<Record<string, unknown> & { id: string; statements: string[]; examples: RawExample[] }>) => void): string {
    const data = JSON.parse(readFileSync(path.join(DEFAULT_DATA_DIR, SITUATIONS_FILE), 'utf8'));
    edit(data.situations);
    const dir = mkdtempSync(path.join(tmpdir(), 'ledelse-sit-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, SITUATIONS_FILE), JSON.stringify(data));
    return dir;
  }

  function loadError(dir: string): DataError {
    try {
      loadSituations(dir, kb);
    } catch (err) {
      expect(err).toBeInstanceOf(DataError);
      return err as DataError;
    }
    throw new Error('a broken situations.json was accepted');
  }

  it('names file, entry and field for a statement that does not exist', () => {
    const dir = brokenCopy((s) => s[2]!.statements.push('nedad-999'));
    const err = loadError(dir);
    expect(err.message).toContain(path.join(dir, SITUATIONS_FILE));
    expect(err.message).toMatch(/situations\[2\] \(id "[a-z-]+"\), felt "statements\.\d+": udsagnet "nedad-999" findes ikke/);
  });

  it('refuses a meeting remark, which is never shown', () => {
    const meeting = kb.statements.find((s) => s.kind === 'meeting')!;
    const err = loadError(brokenCopy((s) => s[0]!.statements.push(meeting.id)));
    expect(err.message).toContain(`"${meeting.id}" er en bemærkning om mødet`);
  });

  it('names the field when a situation has too few example questions', () => {
    const err = loadError(brokenCopy((s) => (s[5]!.examples = s[5]!.examples.slice(0, 3))));
    expect(err.message).toMatch(/situations\[5\] \(id "[a-z-]+"\), felt "examples"/);
  });

  it('refuses the same example question under two situations', () => {
    const first = s0Text();
    const err = loadError(brokenCopy((s) => s[1]!.examples.push(first.toUpperCase())));
    expect(err.message).toMatch(/situations\[1\].*felt "examples\.\d+": samme spørgsmål står allerede under/);
  });

  it('refuses a "helps" statement that its situation does not list, naming example and place', () => {
    const other = situations[0]!.statements.find((id) => !situations[3]!.statements.includes(id))!;
    const err = loadError(brokenCopy((s) => (s[3]!.examples[7] = { text: 'Hvordan siger jeg det til personalet?', helps: [s[3]!.statements[0]!, other] })));
    expect(err.message).toMatch(new RegExp(`situations\\[3\\] \\(id "[a-z-]+"\\), felt "examples\\.7\\.helps\\.1": "${other}" står ikke i situationens "statements"`));
  });

  it('refuses an empty or too long "helps", and the same statement twice', () => {
    const empty = loadError(brokenCopy((s) => (s[4]!.examples[2] = { text: 'Hvad gør jeg nu?', helps: [] })));
    expect(empty.message).toMatch(/situations\[4\].*felt "examples\.2\.helps": mindst ét udsagn/);
    const many = loadError(brokenCopy((s) => (s[4]!.examples[2] = { text: 'Hvad gør jeg nu?', helps: s[4]!.statements.slice(0, 4) })));
    expect(many.message).toMatch(/felt "examples\.2\.helps": højst tre udsagn/);
    const twice = loadError(brokenCopy((s) => (s[4]!.examples[2] = { text: 'Hvad gør jeg nu?', helps: [s[4]!.statements[0]!, s[4]!.statements[0]!] })));
    expect(twice.message).toMatch(/felt "examples\.2\.helps": samme udsagn står to gange/);
  });

  it('accepts any advice statement in "best", and refuses an unknown id, a meeting remark, more than three or one twice', () => {
    const outside = situations[0]!.statements.find((id) => !situations[4]!.statements.includes(id))!;
    const ok = brokenCopy((s) => (s[4]!.examples[2] = { text: 'Hvad gør jeg nu?', best: [outside] }));
    expect(loadSituations(ok, kb)[4]!.exampleBest[2]).toEqual([outside]);
    const unknown = loadError(brokenCopy((s) => (s[4]!.examples[2] = { text: 'Hvad gør jeg nu?', best: ['udad-999'] })));
    expect(unknown.message).toMatch(/situations\[4\].*felt "examples\.2\.best\.0": udsagnet "udad-999" findes ikke/);
    const meeting = kb.statements.find((st) => st.kind === 'meeting')!;
    const shown = loadError(brokenCopy((s) => (s[4]!.examples[2] = { text: 'Hvad gør jeg nu?', best: [meeting.id] })));
    expect(shown.message).toContain(`felt "examples.2.best.0": "${meeting.id}" er en bemærkning om mødet`);
    const many = loadError(brokenCopy((s) => (s[4]!.examples[2] = { text: 'Hvad gør jeg nu?', best: s[0]!.statements.slice(0, 4) })));
    expect(many.message).toMatch(/felt "examples\.2\.best": højst tre udsagn/);
    const twice = loadError(brokenCopy((s) => (s[4]!.examples[2] = { text: 'Hvad gør jeg nu?', best: [outside, outside] })));
    expect(twice.message).toMatch(/felt "examples\.2\.best": samme udsagn står to gange/);
  });

  it('says what an example must look like when it is neither text nor {text, helps}', () => {
    const text = loadError(brokenCopy((s) => ((s[4]!.examples as unknown[])[2] = { text: 'Hvad gør jeg nu?', helps: 'udad-17' })));
    expect(text.message).toMatch(/felt "examples\.2\.helps": skal være en liste af udsagns-id'er/);
    expect(text.message).not.toMatch(/højst tre/);
    const number = loadError(brokenCopy((s) => ((s[4]!.examples as unknown[])[2] = 42)));
    expect(number.message).toMatch(/felt "examples\.2": et eksempel er en tekst eller \{"text"/);
  });

  it('names a plain-text example that is too short by its place in the file, not by a field it does not have', () => {
    const short = loadError(brokenCopy((s) => ((s[4]!.examples as unknown[])[2] = ' ?')));
    expect(short.message).toMatch(/felt "examples\.2": eksemplet er tomt eller for kort/);
    const inObject = loadError(brokenCopy((s) => (s[4]!.examples[2] = { text: 'ok' })));
    expect(inObject.message).toMatch(/felt "examples\.2\.text": eksemplet er tomt eller for kort/);
  });

  it('accepts an example as plain text, without "helps"', () => {
    const dir = brokenCopy((s) => (s[6]!.examples[0] = '  Hvordan holder jeg modet oppe hos personalet?  '));
    const loaded = loadSituations(dir, kb);
    expect(loaded[6]!.examples[0]).toBe('Hvordan holder jeg modet oppe hos personalet?');
    expect(loaded[6]!.exampleHelps[0]).toEqual([]);
    expect(loaded[6]!.exampleBest[0]).toEqual([]);
    expect(loaded[6]!.exampleHelps[1]!.length).toBeGreaterThan(0);
  });

  it('names file and field in a broken offtopic.json', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ledelse-off-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, OFF_TOPIC_FILE), JSON.stringify({ examples: [{ category: 'vejret', question: 'Regner det?' }] }));
    expect(() => loadOffTopic(dir)).toThrow(/examples\[0\], felt "category"/);
  });

  describe('data/helps.json', () => {
    const helps = loadHelpExamples(DEFAULT_DATA_DIR, kb, situations);
    const withHelps = (edit: (examples: Array<Record<string, unknown>>) => void) => {
      const data = JSON.parse(readFileSync(path.join(DEFAULT_DATA_DIR, HELPS_FILE), 'utf8'));
      edit(data.examples);
      const dir = mkdtempSync(path.join(tmpdir(), 'ledelse-helps-'));
      dirs.push(dir);
      writeFileSync(path.join(dir, HELPS_FILE), JSON.stringify(data));
      try {
        loadHelpExamples(dir, kb, situations);
      } catch (e) {
        expect(e).toBeInstanceOf(DataError);
        expect((e as DataError).message).toContain(path.join(dir, HELPS_FILE));
        return (e as DataError).message;
      }
      throw new Error('expected the file to be refused');
    };

    it('has questions with the three statements of all that help most, none of them a situation example', () => {
      expect(helps.length).toBeGreaterThan(1000);
      const examples = new Set(situations.flatMap((s) => s.examples));
      for (const q of helps) {
        expect(q.best).toHaveLength(3);
        expect(examples.has(q.text)).toBe(false);
      }
    });

    it('refuses an unknown situation, a "helps" outside its list, an unknown "best" and a question that is already an example', () => {
      const other = situations[1]!.statements.find((id) => !situations[0]!.statements.includes(id))!;
      expect(withHelps((e) => (e[0]!.situation = 'findes-ikke'))).toMatch(/examples\[0\], felt "situation": situationen "findes-ikke" findes ikke/);
      expect(withHelps((e) => (e[3] = { text: 'Hvad gør jeg?', situation: situations[0]!.id, helps: [other] }))).toMatch(
        new RegExp(`examples\\[3\\], felt "helps\\.0": "${other}" står ikke i situationens "statements"`),
      );
      expect(withHelps((e) => (e[4]!.best = ['udad-999']))).toMatch(/examples\[4\], felt "best\.0": udsagnet "udad-999" findes ikke/);
      expect(withHelps((e) => (e[5] = { text: situations[2]!.examples[0]!.toUpperCase(), situation: situations[2]!.id, best: [situations[2]!.statements[0]!] }))).toMatch(
        /examples\[5\], felt "text": samme spørgsmål står allerede under situationen/,
      );
      expect(withHelps((e) => (e[6] = { text: 'Hvad gør jeg nu?', situation: situations[0]!.id }))).toMatch(/examples\[6\]: mindst ét af felterne "best" og "helps"/);
    });
  });
});
