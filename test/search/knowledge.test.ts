// Search over the real knowledge base (data/statements.json + data/lexicon.json), as a leader
// meets it: related words, honest "no good match", filters, and bad input of every kind.
// Relevant statements are recognised by a distinctive piece of their text, not by id, so the
// data may be edited without breaking these tests as long as the advice is still there.
import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../src/search/engine.ts';
import { loadKnowledgeIndex } from '../../src/search/knowledge-index.ts';

const { engine, kb } = loadKnowledgeIndex();

const texts = (r: SearchResult) => r.hits.map((h) => h.statement.text.toLowerCase());
/** The top three answer the question with a statement containing `snippet`. */
function expectTop3(question: string, snippet: string) {
  const result = engine.search(question, { top: 3 });
  expect(result.answered, `"${question}" should be answered`).toBe(true);
  expect(result.hits).toHaveLength(3);
  expect(texts(result).some((t) => t.includes(snippet.toLowerCase())), `"${question}" → ${JSON.stringify(texts(result))}`).toBe(true);
}
const sameResult = (a: SearchResult, b: SearchResult) => {
  expect(a.answered).toBe(b.answered);
  expect(a.hits.map((h) => [h.statement.id, h.score])).toEqual(b.hits.map((h) => [h.statement.id, h.score]));
};

describe('the domain lexicon on the real statements', () => {
  it('"nedskæringer" finds statements that say "besparelser"', () => {
    expectTop3('Hvordan håndterer jeg nedskæringer?', 'besparelse');
  });

  it('"samarbejdsudvalg" finds "MED-udvalgene"', () => {
    expectTop3('Hvordan bruger jeg samarbejdsudvalget?', 'MED-udvalgene');
  });

  it('"byrådet" finds statements about "politikerne"', () => {
    expectTop3('Hvordan klæder jeg byrådet på?', 'politikerne');
  });

  it('"forældre" finds statements about "borgerne"', () => {
    expectTop3('Hvad siger jeg til forældrene?', 'borgerne');
  });
});

describe('confidence', () => {
  it.each([
    'Hvordan nulstiller jeg min adgangskode?',
    'Hvad er opskriften på æblekage?',
    'Who won the match?',
    'Hvornår går toget til Odense?',
    'Hvordan skifter jeg dæk på min bil?',
    'Kan du anbefale en god roman til sommerferien?',
    'Hvad koster et frimærke?',
    'What is the capital of Norway?',
    'Hvad er klokken i Tokyo?',
  ])('says "no good match" to an off-topic question: %s', (question) => {
    const result = engine.search(question);
    expect(result.answered).toBe(false);
    expect(result.hits).toEqual([]);
  });

  it('is not fooled by one shared word in an off-topic question ("passer" vs "Pas på")', () => {
    // "passer" (looks after) stems like "pas" in "Pas på – der kan være privilegieblindhed…".
    const result = engine.search('Hvordan passer jeg min kat?');
    expect(result.hits.map((h) => h.statement.text.slice(0, 40))).toEqual([]);
    expect(result.answered).toBe(false);
  });

  it.each([
    ['Må jeg holde oplysninger tilbage fra politikerne?', 'oplysninger'],
    ['Hvordan giver jeg mine medarbejdere psykologisk tryghed?', 'psykologisk tryghed'],
    ['Hvordan bruger jeg MED-udvalget, når vi skal spare?', 'MED-udvalgene'],
    ['Skal vi dramatisere konsekvenserne over for borgerne?', 'dramatisere'],
    ['Hvordan undgår jeg at pege fingre ad de andre afdelinger?', 'pege på'],
    ['Hvad er Bungays model?', 'Bungays model'],
    ['Hvordan skal jeg konsekvensberegne et spareforslag?', 'konsekvensberegne'],
    ['Hvad gør jeg med mine egne frustrationer som leder?', 'frustrationer'],
    ['Hvordan kommunikerer jeg tydeligt om besparelserne til personalet?', 'tydelig'],
    ['Hvordan klæder jeg direktøren på med faglig rådgivning?', 'rådgivning'],
  ])('answers an on-topic question with a relevant statement in the top 3: %s', (question, snippet) => {
    expectTop3(question, snippet);
  });

  it('reports confidence between 0 and 1, high for a clear question and 0 for nonsense', () => {
    const clear = engine.search('Hvad er Bungays model?');
    expect(clear.confidence).toBeGreaterThan(0.8);
    expect(clear.confidence).toBeLessThanOrEqual(1);
    expect(engine.search('qwxz bvnm').confidence).toBe(0);
  });
});

describe('filters and meeting remarks on the real statements', () => {
  it('direction udad returns only udad', () => {
    const r = engine.search('Hvordan fortæller jeg om besparelser?', { top: 10, direction: 'udad' });
    expect(r.hits.length).toBeGreaterThan(0);
    expect(r.hits.every((h) => h.statement.direction === 'udad')).toBe(true);
    // Without the filter other directions come first: the filter is doing the work.
    const unfiltered = engine.search('Hvordan fortæller jeg om besparelser?', { top: 10 });
    expect(unfiltered.hits.some((h) => h.statement.direction !== 'udad')).toBe(true);
  });

  it("kind dont returns only don'ts, and combines with direction", () => {
    const r = engine.search('besparelser', { top: 10, kind: 'dont' });
    expect(r.hits.length).toBeGreaterThan(1);
    expect(r.hits.every((h) => h.statement.kind === 'dont')).toBe(true);
    expect(engine.search('besparelser', { top: 10 }).hits.some((h) => h.statement.kind !== 'dont')).toBe(true);
    const both = engine.search('besparelser', { top: 10, direction: 'udad', kind: 'dont' });
    expect(both.hits.length).toBeGreaterThan(0);
    expect(both.hits.every((h) => h.statement.direction === 'udad' && h.statement.kind === 'dont')).toBe(true);
  });

  it('never returns a meeting remark, not even for its own words', () => {
    const meeting = kb.statements.filter((s) => s.kind === 'meeting');
    expect(meeting.map((s) => s.text)).toContain('Svært at se storskærmen.');
    for (const s of meeting) {
      const r = engine.search(s.text, { top: 50 });
      expect(r.candidates.filter((h) => h.statement.kind === 'meeting').map((h) => h.statement.text), s.text).toEqual([]);
    }
  });
});

describe('bad input never crashes and gives an answer or a clear no-match', () => {
  it.each([
    ['empty', ''],
    ['whitespace', ' \t\n  '],
    ['emoji only', '😀🎉🔥👍🏽'],
    ['punctuation only', '?!…;;<<>>&&'],
    ['control characters', '\u0000\u0001\u0002'],
    ['a bare Slack mention', '<@U123>'],
    ['a bare channel ping', '<!channel>'],
  ])('%s → no match', (_name, input) => {
    const r = engine.search(input);
    expect(r).toMatchObject({ answered: false, hits: [], confidence: 0 });
  });

  it('100 kB of text is answered quickly from its beginning', () => {
    const question = 'Hvordan bruger jeg MED-udvalget i spareprocessen? ';
    const huge = question.repeat(Math.ceil(100_000 / question.length));
    expect(huge.length).toBeGreaterThanOrEqual(100_000);
    const started = performance.now();
    const r = engine.search(huge);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.answered).toBe(true);
    expect(texts(r)[0]).toContain('med-udvalgene');

    const noise = engine.search('x'.repeat(100_000));
    expect(noise).toMatchObject({ answered: false, hits: [] });
  });

  it('SHOUTING gives the same result as lower case', () => {
    const q = 'Hvad gør jeg, når medarbejderne er frustrerede over nedskæringerne?';
    const lower = engine.search(q);
    expect(lower.answered).toBe(true);
    sameResult(engine.search(q.toUpperCase()), lower);
  });

  it('æøå written as aa/oe/ae gives the same result', () => {
    sameResult(
      engine.search('Hvad goer jeg, naar medarbejderne er frustrerede over nedskaeringerne?'),
      engine.search('Hvad gør jeg, når medarbejderne er frustrerede over nedskæringerne?'),
    );
  });

  it('Slack and Teams markup is ignored: mentions, channel pings, emoji', () => {
    const plain = engine.search('Hvad er Bungays model?');
    expect(plain.answered).toBe(true);
    sameResult(engine.search('<@U123> <!channel> Hvad er Bungays model? 🙂'), plain);
    sameResult(engine.search('<at>Ledelsesbot</at> Hvad er Bungays model?'), plain);
  });

  it('a link counts by its label, not its URL', () => {
    const byLabel = engine.search('<https://intra.example/side|Bungays model>');
    expect(byLabel.answered).toBe(true);
    expect(texts(byLabel)[0]).toContain('bungays model');
    expect(engine.search('<https://intra.example/bungays-model-brief-backbrief|her>').answered).toBe(false);
    expect(engine.search('https://intra.example/bungays-model-brief-backbrief').answered).toBe(false);
  });

  it('an English question is either answered or clearly not, never half', () => {
    for (const q of ['How should I tell my staff about budget cuts?', 'Who won the match?']) {
      const r = engine.search(q);
      expect(r.hits.length > 0, q).toBe(r.answered);
    }
    expect(engine.search('Who won the match?').answered).toBe(false);
  });
});
