// The Danish analysis chain, word by word: tokenizer, respelling, stop words, stemming and
// compound splitting, through the public API (normalize.ts, analyzer.ts, compound.ts).
import { describe, expect, it } from 'vitest';
import { DanishAnalyzer } from '../../src/search/analyzer.ts';
import { CompoundSplitter } from '../../src/search/compound.ts';
import { loadKnowledgeIndex } from '../../src/search/knowledge-index.ts';
import { normalizeText, tokenize } from '../../src/search/normalize.ts';
import { stem } from '../../src/search/stem.ts';
import { danishWords } from '../../src/search/wordlist.ts';

/** The analyzer exactly as the application builds it: dictionary, corpus words and lexicon. */
const index = loadKnowledgeIndex();
const analyzer: DanishAnalyzer = index.engine.analyzer;

const words = (text: string) => tokenize(normalizeText(text)).map((t) => t.word);
const stemOf = (word: string) => {
  const stems = analyzer.contentStems(word);
  expect(stems, `"${word}" should be one content word`).toHaveLength(1);
  return stems[0]!;
};

describe('Unicode tokenizer', () => {
  it('keeps æ, ø and å inside words instead of splitting on them', () => {
    expect(words('følelser mål løn få')).toEqual(['følelser', 'mål', 'løn', 'få']);
    expect(words('Ærlighed, økonomi og åbenhed!')).toEqual(['ærlighed', 'økonomi', 'og', 'åbenhed']);
    expect(words('Hvad betyder besparelserne for vores mål?')).toEqual(['hvad', 'betyder', 'besparelserne', 'for', 'vores', 'mål']);
  });

  it('lower-cases and normalises to NFC', () => {
    expect(normalizeText('MÅL OG ØKONOMI')).toBe('mål og økonomi');
    const decomposedA = 'ra\u030Adgivning'; // a + combining ring above
    const decomposedE = 'ide\u0301'; // e + combining acute accent
    expect(decomposedA).not.toBe('rådgivning');
    expect(normalizeText(decomposedA)).toBe('rådgivning');
    expect(normalizeText(decomposedE)).toBe('idé');
    expect(words(`${decomposedE} om ${decomposedA}`)).toEqual(['idé', 'om', 'rådgivning']);
  });

  it('analyses decomposed input exactly like composed input', () => {
    expect(analyzer.analyze('Faglig ra\u030Adgivning og en go\u0301d ide\u0301')).toEqual(analyzer.analyze('Faglig rådgivning og en gód idé'));
    expect(analyzer.analyze('RA\u030ADGIVNING')).toEqual(analyzer.analyze('rådgivning'));
  });

  it('keeps a hyphenated compound as one word and remembers its parts', () => {
    expect(tokenize(normalizeText('Brug MED-udvalgene aktivt'))).toEqual([
      { word: 'brug' },
      { word: 'medudvalgene', hyphenParts: ['med', 'udvalgene'] },
      { word: 'aktivt' },
    ]);
  });

  it('accepts aa/oe/ae for å/ø/æ when the respelling is a Danish word', () => {
    expect(analyzer.analyze('foelelser')).toEqual(analyzer.analyze('følelser'));
    expect(analyzer.analyze('raadgivning')).toEqual(analyzer.analyze('rådgivning'));
    expect(analyzer.analyze('nedskaeringer')).toEqual(analyzer.analyze('nedskæringer'));
    expect(analyzer.analyze('foraeldre')).toEqual(analyzer.analyze('forældre'));
    expect(analyzer.analyze('trovaerdig kommunikation')).toEqual(analyzer.analyze('troværdig kommunikation'));
  });

  it('leaves real words that contain aa/oe/ae alone', () => {
    // "koefficient" and "poesi" are Danish as written; "køfficient" and "pøsi" are not.
    expect(analyzer.contentStems('koefficient')).toEqual(['koefficient']);
    expect(analyzer.contentStems('poesi')).toEqual(['poesi']);
  });
});

describe('Danish stop words', () => {
  it('keeps negations so do and don\'t stay apart', () => {
    for (const negation of ['ikke', 'aldrig', 'ingen']) {
      expect(analyzer.contentStems(negation), negation).toHaveLength(1);
    }
    expect(analyzer.contentStems('Tilbagehold ikke oplysninger')).toHaveLength(3);
    expect(analyzer.analyze('ikke tilbageholde')).not.toEqual(analyzer.analyze('tilbageholde'));
  });

  it('drops words that carry no meaning ("og", "at", "det")', () => {
    expect(analyzer.contentStems('og at det')).toEqual([]);
    expect(analyzer.analyze('og at det').size).toBe(0);
    expect(analyzer.analyze('At skabe tillid og det')).toEqual(analyzer.analyze('skabe tillid'));
  });
});

describe('abbreviations leaders type', () => {
  it('drops those of prepositions and phrases, like the words they stand for', () => {
    expect(analyzer.contentStems('ift budgettet pga besparelserne, bl.a. mht. MED')).toEqual(analyzer.contentStems('budgettet besparelserne MED'));
  });

  it('reads those of nouns as the noun', () => {
    expect(analyzer.analyze('medarb er sure')).toEqual(analyzer.analyze('medarbejdere er sure'));
    expect(analyzer.analyze('3 mdr i afd.')).toEqual(analyzer.analyze('3 måneder i afdeling'));
  });

  it('answers a hurried question as the one written out', () => {
    const ids = (q: string) => index.answerer.answer(q, { top: 3 }).candidates.map((c) => c.statement.id);
    expect(ids('medarb er sure ift besparelserne')).toEqual(ids('medarbejdere er sure over besparelserne'));
  });
});

describe('Snowball Danish stemming', () => {
  it('gives inflections of a word the same stem', () => {
    expect(stemOf('medarbejderne')).toBe(stemOf('medarbejdere'));
    expect(stemOf('medarbejder')).toBe(stemOf('medarbejderne'));
    expect(stemOf('besparelser')).toBe(stemOf('besparelsen'));
    expect(stemOf('besparelse')).toBe(stemOf('besparelserne'));
    expect(stemOf('frustrationer')).toBe(stemOf('frustrationerne'));
  });

  it('gives a base form and its inflections the same stem even when Danish doubles the consonant', () => {
    // Snowball alone stems "proces" to "proc" but "processen" to "proces": a question about
    // "budgetproces" would then miss statements that say "budgetprocessen".
    expect(stemOf('processen')).toBe(stemOf('proces'));
    expect(stemOf('budgetprocessen')).toBe(stemOf('budgetproces'));
  });

  it('does not fold unrelated words together', () => {
    expect(stemOf('medarbejdere')).not.toBe(stemOf('besparelser'));
    expect(stemOf('leder')).not.toBe(stemOf('lider'));
  });
});

describe('stems that keep unrelated words apart', () => {
  it.each([
    ['helheden', 'hele'], // "kommunen som helhed" is not "hele tiden"
    ['synlig', 'synes'], // a visible leader, not what one thinks
    ['forliget', 'for'], // the budget agreement, not a preposition
    ['ledigheden', 'lederne'], // unemployment, not the leaders
    ['videre', 'viden'], // "sende videre", not knowledge
    ['ligeligt', 'ligger'], // "skære ligeligt", not lying down
    ['sagligt', 'sagen'], // objectively, not the matter
  ])('"%s" does not share its stem with "%s"', (a, b) => {
    expect(stem(a)).not.toBe(stem(b));
  });

  it('keeps the forms of each word together', () => {
    expect(stemOf('helheden')).toBe(stemOf('helhed'));
    expect(stemOf('synlige')).toBe(stemOf('synlighed'));
    expect(stem('budgetforliget')).toBe(`budget${stem('forlig')}`);
  });
});

describe('base forms of inflections the word list lacks', () => {
  it.each([
    ['kørt', 'køre'],
    ['mødte', 'møde'],
    ['aflyst', 'aflyse'],
    ['gemt', 'gemme'],
    ['gamle', 'gammel'],
    ['erfarne', 'erfaren'],
  ])('reads "%s" with the stem of "%s" too', (word, base) => {
    const w = analyzer.words(word)[0]!;
    expect([w.stem, w.baseStem]).toContain(stem(base));
  });

  it('shares the verb\'s term between a question in the past tense and a text in the present', () => {
    const asked = analyzer.analyze('hvordan har du mødt dine medarbejdere');
    const written = analyzer.analyze('Vi skal møde medarbejderne, hvor de er');
    expect([...asked.keys()].filter((t) => written.has(t))).toContain(stem('møde'));
  });
});

describe('compound splitting', () => {
  const dictionary = danishWords();
  const splitter = new CompoundSplitter((w) => dictionary.has(w));

  it.each([
    ['medarbejderinddragelsen', ['medarbejder', 'inddragelsen']],
    ['budgetprocessen', ['budget', 'processen']],
    ['sparekatalog', ['spare', 'katalog']],
    ['konsekvensberegning', ['konsekvens', 'beregning']],
  ])('splits %s into real words', (word, parts) => {
    expect(splitter.split(word)).toEqual(parts);
  });

  it.each([
    ['inflected', 'politikerne', 'politi + kerne'],
    ['inflected', 'skolerne', 'sko + lerne'],
    ['inflected', 'nedskæringen', 'nedskær + ingen'],
    ['inflected', 'journalisten', 'journal + isten'],
    ['inflected', 'prioriterer', 'priori + terer'],
    ['derived', 'usikkerheden', 'usikker + heden'],
    ['derived', 'muligheder', 'mulig + heder'],
    ['derived', 'institutionen', 'institut + ionen'],
    ['derived', 'diskussioner', 'diskus + ioner'],
    ['derived', 'digitalisering', 'digital + ise + ring'],
    ['derived', 'grupperinger', 'gruppe + ringer'],
    ['derived', 'virkeligheden', 'virke + ligheden'],
  ])('reads the %s word %s as one word, not as %s', (_kind, word) => {
    expect(splitter.split(word)).toBeNull();
  });

  it('still splits a compound whose head is a derived word', () => {
    expect(splitter.split('sikkerhedsrepræsentanten')).toEqual(['sikkerhed', 'repræsentanten']);
  });

  it.each([
    ['forældrebestyrelsen', ['forældre', 'bestyrelsen']],
    ['lokalpolitikerne', ['lokal', 'politikerne']],
    ['undervisningstimerne', ['undervisning', 'timerne']],
    ['institutionslederne', ['institution', 'lederne']],
  ])('splits the inflected compound %s where its base form splits', (word, parts) => {
    // The analyzer's splitter also knows the data's words ("forældre" is in the lexicon).
    expect(analyzer.words(word)[0]!.parts).toEqual(parts.map(stemOf));
  });

  it('never gives a question about cuts a negation through a compound part', () => {
    const parts = analyzer.words('nedskæringen rengøringen fordelingen')
      .flatMap((w) => w.parts);
    expect(parts).not.toContain(stemOf('ingen'));
  });

  it('finds the base form of an inflected last part ("processen" → "proces")', () => {
    expect(splitter.baseForm('processen')).toBe('proces');
    expect(splitter.baseForm('inddragelsen')).toBe('inddragelse');
  });

  it('does not split lexicalised words into nonsense', () => {
    expect(splitter.split('medarbejder')).toBeNull();
    expect(splitter.split('medarbejderne')).toBeNull();
    expect(splitter.split('forandring')).toBeNull();
    expect(analyzer.words('medarbejder')[0]!.parts).toEqual([]);
    expect(analyzer.words('medarbejderne')[0]!.parts).toEqual([]);
  });

  it('indexes the whole word and its parts, as stems', () => {
    const [w] = analyzer.words('medarbejderinddragelsen');
    expect(w!.stem).not.toBe(stemOf('inddragelse'));
    expect(w!.parts).toEqual(expect.arrayContaining([stemOf('medarbejder'), stemOf('inddragelse')]));
    const terms = analyzer.analyze('medarbejderinddragelsen');
    expect(terms.get(w!.stem)).toBe(1);
    // Parts weigh less than the whole word.
    expect(terms.get(stemOf('inddragelse'))).toBeGreaterThan(0);
    expect(terms.get(stemOf('inddragelse'))).toBeLessThan(1);

    expect(analyzer.words('budgetprocessen')[0]!.parts).toEqual(expect.arrayContaining([stemOf('budget'), stemOf('processen')]));
    expect(analyzer.words('sparekatalog')[0]!.parts).toEqual(expect.arrayContaining([stemOf('spare'), stemOf('katalog')]));
    expect(analyzer.words('konsekvensberegning')[0]!.parts).toEqual(expect.arrayContaining([stemOf('konsekvens'), stemOf('beregning')]));
  });

  it('splits a hyphenated compound at the hyphen (MED-udvalgene → med + udvalg)', () => {
    const [w] = analyzer.words('MED-udvalgene');
    expect(w!.stem).toBe(stemOf('medudvalgene'));
    expect(w!.parts).toContain(stemOf('udvalg'));
    // Written with or without the hyphen, it is the same word.
    expect(analyzer.contentStems('MED-udvalget')).toEqual(analyzer.contentStems('medudvalget'));
  });
});
