// Typing errors: a mistyped word is read as the domain's word one edit away, so a question typed
// fast on a phone finds what the same question spelled right finds; correct Danish the base-form
// dictionary does not list is never "corrected".
import { describe, expect, it } from 'vitest';
import { loadKnowledgeIndex } from '../../src/search/knowledge-index.ts';
import { countWords, isInflectionOf, SpellingCorrector } from '../../src/search/spelling.ts';

const index = loadKnowledgeIndex();
const analyzer = index.engine.analyzer;
const top3 = (q: string) => index.answerer.answer(q, { top: 3 }).hits.map((h) => h.statement.id);

describe('spelling correction in the analysis', () => {
  it.each([
    ['afdellingen', 'afdelingen'], // a letter doubled
    ['medarbjedere', 'medarbejdere'], // two letters swapped
    ['nedskæringrne', 'nedskæringerne'], // a letter dropped
    ['direktinen', 'direktionen'],
  ])('reads "%s" as "%s"', (typed, meant) => {
    expect(analyzer.respelled(typed)).toBe(meant);
  });

  it.each(['gamle', 'begyndt', 'vigtigst', 'sendt', 'anbefal', 'sikre', 'medarbejderne', 'sparekravet', 'leder'])(
    'leaves the correct word "%s" alone',
    (word) => {
      expect(analyzer.respelled(word)).toBe(word);
    },
  );

  it.each([
    ['boern', 'børn'], // "boern" also reads as an inflection of "boer"; the word meant is "børn"
    ['faar', 'får'],
    ['skaere', 'skære'],
    ['koert', 'kørt'], // an inflection the base forms lack, not "kort" with a letter too many
    ['ledermoederne', 'ledermøderne'], // a compound
    ['materielgaarden', 'materielgården'],
  ])('reads "%s", typed without æ, ø and å, as "%s"', (typed, meant) => {
    expect(analyzer.respelled(typed)).toBe(meant);
  });

  it.each([
    ['roen', 'røn'], // "bevare roen" in the keywords and the lexicon; "røn" is a tree
    ['brette', 'rette'], // "brette ærmerne op" in the lexicon
  ])('leaves "%s", a word the editors wrote, alone rather than read it as "%s"', (word) => {
    expect(analyzer.respelled(word)).toBe(word);
  });

  it('leaves short words alone: too many words are one letter from them', () => {
    expect(analyzer.respelled('tlid')).toBe('tlid');
  });

  it.each([
    ['Hvordan fortæller jeg mine medarbejdere om nedskæringerne?', 'Hvordan fortæller jeg mine medarbjedere om nedskæringrne?'],
    ['Hvordan håndterer jeg, at pressen ringer om besparelserne?', 'Hvordan håndterer jeg, at pressen ringer om besparelsrne?'],
  ])('answers a mistyped question like the question spelled right', (clean, typed) => {
    const expected = top3(clean);
    expect(expected.length).toBeGreaterThan(0);
    expect(top3(typed)).toEqual(expected);
  });
});

describe('SpellingCorrector', () => {
  const known = new Set(['budget', 'budgettet', 'leder', 'lederen', 'ledere']);
  const corrector = new SpellingCorrector(
    countWords(['budgettet', 'budgettet', 'budget', 'lederen', 'ledere', 'ledere', 'ledere', 'budgetet', 'budgetet'], (w) => known.has(w)),
    (w) => known.has(w),
  );

  it('prefers the more frequent of two words one edit away', () => {
    expect(corrector.correct('ledern')).toBe('ledere');
  });

  it('never corrects to a misspelling, however often the texts have it', () => {
    expect(corrector.correct('budgettt')).toBe('budgettet');
    expect(corrector.isDomainWord('budgetet')).toBe(true);
  });

  it('finds nothing for a word with no neighbour in the domain', () => {
    expect(corrector.correct('kantinen')).toBeUndefined();
  });
});

describe('isInflectionOf', () => {
  const base = new Set(['gammel', 'begynde', 'vigtig', 'sikker', 'anbefale', 'åben', 'gemme']);
  const isBase = (w: string) => base.has(w);
  it.each(['gamle', 'begyndt', 'vigtigst', 'sikre', 'anbefal', 'åbne', 'gemt'])('knows "%s" as an inflected form', (w) => {
    expect(isInflectionOf(w, isBase)).toBe(true);
  });
  it.each(['afdellingen', 'gammle', 'vigtgst'])('does not take the typo "%s" for one', (w) => {
    expect(isInflectionOf(w, isBase)).toBe(false);
  });
});
