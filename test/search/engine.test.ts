// The search engine on small, hand-made corpora, so each ranking rule is tested on its own:
// compounds, the domain lexicon, exact-over-related, length normalisation, filters and
// meeting remarks. Built with buildEngine(statements, lexicon) and the real data/lexicon.json.
import { describe, expect, it } from 'vitest';
import type { Direction, Kind } from '../../src/knowledge/directions.ts';
import { loadLexicon } from '../../src/knowledge/load.ts';
import type { Statement } from '../../src/knowledge/schema.ts';
import type { SearchEngine, SearchOptions } from '../../src/search/engine.ts';
import { buildEngine } from '../../src/search/knowledge-index.ts';

const lexicon = loadLexicon();

let counter = 0;
function st(text: string, direction: Direction = 'nedad', kind: Kind = 'do'): Statement {
  counter++;
  return { id: `t-${counter}`, text, direction, kind, groups: [1], source: 'test' };
}

/** Unrelated statements, so that every word of a test statement is rare in the corpus. */
const filler = (): Statement[] => [
  st('Hold kaffepausen kort og hyggelig.', 'til siden'),
  st('Husk at bestille lokalet i god tid.', 'udad', 'dont'),
  st('Skriv referatet samme dag som mødet.', 'opad'),
  st('Brug farver på whiteboardet.', 'til siden', 'dont'),
  st('Cykl til arbejde, når vejret er godt.', 'udad'),
  st('Sæt blomster på bordet i kantinen.', 'opad', 'dont'),
];

function corpus(...statements: Statement[]): { engine: SearchEngine; statements: Statement[] } {
  const all = [...statements, ...filler()];
  return { engine: buildEngine(all, lexicon), statements };
}

/**
 * The ranking, answered or not. A tiny corpus gives small BM25 scores, so whether a one-word
 * query counts as "answered" is tested on the real knowledge base (knowledge.test.ts); here
 * only the order matters.
 */
const ranked = (engine: SearchEngine, query: string, options: SearchOptions = {}) =>
  engine.search(query, { top: 5, ...options }).candidates.map((h) => h.statement.id);

describe('compounds are indexed as whole words and as parts', () => {
  it('a question about "inddragelse" finds the statement that says "medarbejderinddragelsen"', () => {
    const { engine, statements } = corpus(st('Glem ikke medarbejderinddragelsen i processen.', 'nedad', 'dont'));
    const result = engine.search('Hvordan sikrer jeg inddragelse?');
    expect(result.answered).toBe(true);
    expect(result.hits[0]!.statement.id).toBe(statements[0]!.id);
  });

  it('the whole compound matches better than one of its parts', () => {
    const { engine, statements } = corpus(
      st('Tænk på medarbejderinddragelsen fra start.'),
      st('Tænk på inddragelsen fra start.'),
    );
    expect(ranked(engine, 'medarbejderinddragelsen')[0]).toBe(statements[0]!.id);
  });

  it('a question about "budgetprocessen" finds statements that say "budgetproces"', () => {
    const { engine, statements } = corpus(st('Vær åben om hele budgetproces og tidsplan.', 'opad'));
    const result = engine.search('Hvad med budgetprocessen?');
    expect(result.answered).toBe(true);
    expect(result.hits[0]!.statement.id).toBe(statements[0]!.id);
  });

  it('a question about "budgetproces" finds statements that say "budgetprocessen"', () => {
    const { engine, statements } = corpus(st('Inddrag lederne tidligt i budgetprocessen.', 'opad'));
    const result = engine.search('Hvad med budgetproces?');
    expect(result.candidates[0]?.statement.id).toBe(statements[0]!.id);
    expect(result.answered).toBe(true);
  });

  it('"sparekatalog" and "konsekvensberegning" are found by their parts', () => {
    const { engine, statements } = corpus(
      st('Læs sparekataloget grundigt igennem.'),
      st('Lav en saglig konsekvensberegning af forslaget.'),
    );
    expect(ranked(engine, 'kataloget')[0]).toBe(statements[0]!.id);
    expect(ranked(engine, 'beregning')[0]).toBe(statements[1]!.id);
  });

  it('"MED-udvalget" with or without the hyphen finds "MED-udvalgene"', () => {
    const { engine, statements } = corpus(st('Bruge MED-udvalgene aktivt.'));
    for (const q of ['MED-udvalget', 'medudvalget', 'Hvad gør vi i udvalget?']) {
      expect(ranked(engine, q)[0], q).toBe(statements[0]!.id);
    }
  });
});

describe('the domain lexicon', () => {
  it('is applied at query time and at index time, in both directions', () => {
    const { engine, statements } = corpus(st('Fortæl åbent om besparelser på næste personalemøde.'));
    // Only the lexicon links the two words: no shared stem, no shared compound part.
    expect(ranked(engine, 'nedskæringer')[0]).toBe(statements[0]!.id);
    expect(ranked(engine, 'Hvordan håndterer jeg nedskæringer?')[0]).toBe(statements[0]!.id);

    const reverse = corpus(st('Fortæl åbent om nedskæringer på næste personalemøde.'));
    expect(ranked(reverse.engine, 'besparelser')[0]).toBe(reverse.statements[0]!.id);
  });

  it('ranks a literal match above a match through a synonym', () => {
    // Same sentence, one word apart; the order in the corpus must not decide.
    for (const order of ['literal first', 'synonym first']) {
      const literal = st('Fortæl åbent om besparelser på næste personalemøde.');
      const synonym = st('Fortæl åbent om nedskæringer på næste personalemøde.');
      const { engine } = corpus(...(order === 'literal first' ? [literal, synonym] : [synonym, literal]));
      const hits = engine.search('besparelser', { top: 5 }).candidates;
      expect(hits.map((h) => h.statement.id).slice(0, 2), order).toEqual([literal.id, synonym.id]);
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score * 1.5);

      const reverse = engine.search('nedskæringer', { top: 5 }).candidates;
      expect(reverse.map((h) => h.statement.id).slice(0, 2), order).toEqual([synonym.id, literal.id]);
    }
  });

  it('finds the statement a leader means when the question uses another word for it', () => {
    const { engine, statements } = corpus(
      st('Klæd politikerne på med fakta om konsekvenserne.', 'opad'),
      st('Forventningsafstem med borgerne i god tid.', 'udad'),
      st('Bruge MED-udvalgene aktivt i processen.', 'nedad'),
    );
    const [politicians, citizens, med] = statements;
    expect(ranked(engine, 'Hvad siger jeg til byrådet?')[0]).toBe(politicians!.id);
    expect(ranked(engine, 'Hvordan taler jeg med forældre?')[0]).toBe(citizens!.id);
    expect(ranked(engine, 'Hvordan bruger jeg samarbejdsudvalg?')[0]).toBe(med!.id);
  });
});

describe('ranking', () => {
  it('negations count: "ikke tilbageholde" prefers the statement with "ikke"', () => {
    const { engine, statements } = corpus(
      st('Tilbagehold oplysninger til budgettet er vedtaget.', 'opad', 'do'),
      st('Tilbagehold ikke oplysninger for chefen.', 'opad', 'dont'),
    );
    expect(ranked(engine, 'ikke tilbageholde oplysninger')[0]).toBe(statements[1]!.id);
  });

  it('is length-normalised: the same match in a short statement beats it in a long one', () => {
    for (const order of ['short first', 'long first']) {
      const short = st('Vær ærlig om tidsplanen.');
      const long = st(
        'Vær ærlig om tidsplanen, og husk kaffe, kage, stole, borde, lys, lyd, projektor og navneskilte til mødet i den store sal.',
      );
      const { engine } = corpus(...(order === 'short first' ? [short, long] : [long, short]));
      const hits = engine.search('tidsplanen', { top: 5 }).candidates;
      expect(hits.map((h) => h.statement.id).slice(0, 2), order).toEqual([short.id, long.id]);
    }
  });
});

describe('filters', () => {
  const { engine, statements } = corpus(
    st('Fortæl medarbejderne om besparelserne.', 'nedad', 'do'),
    st('Skjul besparelserne for medarbejderne.', 'nedad', 'dont'),
    st('Fortæl borgerne om besparelserne.', 'udad', 'do'),
    st('Overdriv ikke besparelserne over for borgerne.', 'udad', 'dont'),
    st('Fortæl chefen om besparelserne.', 'opad', 'do'),
  );
  const [nedadDo, nedadDont, udadDo, udadDont] = statements.map((s) => s.id);

  it('without a filter, every direction and kind can come back', () => {
    expect(ranked(engine, 'besparelserne', { top: 10 }).sort()).toEqual(statements.map((s) => s.id).sort());
  });

  it('direction returns only that direction', () => {
    expect(ranked(engine, 'besparelserne', { top: 10, direction: 'udad' }).sort()).toEqual([udadDo, udadDont].sort());
  });

  it("kind 'dont' returns only don'ts", () => {
    expect(ranked(engine, 'besparelserne', { top: 10, kind: 'dont' }).sort()).toEqual([nedadDont, udadDont].sort());
  });

  it('direction and kind combine', () => {
    expect(ranked(engine, 'besparelserne', { top: 10, direction: 'nedad', kind: 'do' })).toEqual([nedadDo]);
  });

  it('top limits the number of results', () => {
    expect(ranked(engine, 'besparelserne', { top: 2 })).toHaveLength(2);
    expect(ranked(engine, 'besparelserne', { top: 1 })).toHaveLength(1);
  });
});

describe('meeting remarks', () => {
  it('are never returned, even when they match the question word for word', () => {
    const meeting = st('Svært at se storskærmen.', 'general', 'meeting');
    const advice = st('Vær synlig for medarbejderne.');
    const { engine } = corpus(meeting, advice);
    for (const q of ['Svært at se storskærmen.', 'storskærmen', 'Hvad med storskærmen og synlig ledelse?']) {
      const r = engine.search(q, { top: 10 });
      expect(r.hits.map((h) => h.statement.id), q).not.toContain(meeting.id);
      expect(r.candidates.map((h) => h.statement.id), q).not.toContain(meeting.id);
    }
    expect(engine.search('storskærmen').answered).toBe(false);
    expect(engine.search('storskærmen', { top: 10, kind: 'meeting' }).hits).toEqual([]);
  });
});
