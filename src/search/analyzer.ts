// The Danish analysis chain, shared exactly by indexing and querying:
//   normalize → tokenize → respell aa/oe/ae → stop words (negations kept) → Snowball stem
//   → compound parts → domain lexicon concepts.
// The output is a bag of weighted terms: whole-word stems weigh 1, compound parts and
// lexicon concepts weigh less, so an exact match always beats a related one.

import type { Lexicon } from '../knowledge/schema.ts';
import { CompoundSplitter } from './compound.ts';
import { normalizeText, tokenize } from './normalize.ts';
import { hasStemOverride, stem } from './stem.ts';
import { WORD_ABBREVIATIONS } from './abbreviations.ts';
import { LIGHT_WEIGHT, LIGHT_WORDS, isStopword } from './stopwords.ts';
import { countWords, inflectionBase, isInflectionOf, MIN_CORRECTED_LENGTH, SpellingCorrector } from './spelling.ts';
import { danishWords, respell, type WordSet } from './wordlist.ts';

/** Weight of a compound part relative to the whole word. */
export const PART_WEIGHT = 0.5;
/** Weight of the base form's stem when the stemmer left an inflection ("bekymrede"). */
export const BASE_WEIGHT = 0.8;
/** Weight of two content words that stand next to each other ("ledelse er tillid"). */
export const BIGRAM_WEIGHT = 0.5;
/** Occurrences in the domain's texts that make a correction beat a compound reading. */
const COMMON_IN_DOMAIN = 5;
/** Prefix that keeps word pairs apart from word stems. */
export const BIGRAM_PREFIX = '^';
/** Prefix that keeps concept terms apart from word stems. */
export const CONCEPT_PREFIX = '~';

export type Terms = Map<string, number>;

/** The analyzer's tables derived from the lexicon, as stored in the start-up cache. */
export interface AnalyzerSnapshot {
  single: Array<[string, string[]]>;
  phrases: Array<[string, ConceptPhrase[]]>;
  weights: Array<[string, number]>;
  /** The spelling corrector's word counts (`countWords`), when it has the domain's texts. */
  vocabulary?: Array<[string, number]>;
}

export interface AnalyzerOptions {
  lexicon: Lexicon;
  /** Extra known words, e.g. the corpus's own vocabulary, for splitting and respelling. */
  extraWords?: Iterable<string>;
  /** Lexicon tables from the start-up cache, instead of analysing the lexicon again. */
  snapshot?: AnalyzerSnapshot;
  /** The dictionary; injectable for tests. Defaults to the Danish Hunspell base forms. */
  dictionary?: WordSet;
  /**
   * Texts of the domain (statements, situations and their example questions, off-topic
   * examples) whose correctly spelled words a mistyped word is corrected to. Read the first
   * time a question has a word nobody knows.
   */
  correctionTexts?: () => Iterable<string>;
}

interface ConceptPhrase {
  stems: string[];
  concept: string;
}

export interface QueryWord {
  /** Stem of the word as written. */
  stem: string;
  /** Stem of its dictionary base form, when that differs ("bekymrede" → "bekymr"). */
  baseStem?: string;
  /** 1, or less for a low-information word. */
  weight: number;
  /** Stems of its compound parts. */
  parts: string[];
  /** Lexicon concepts the word takes part in. */
  concepts: string[];
  /** Lexicon concepts that only its compound parts take part in ("skærm" in "skærmbriller"). */
  partConcepts: string[];
}

interface AnalyzedToken {
  /** The base form's stem, when it differs ("bekymrede" → "bekymre" → "bekymr"). */
  baseStem?: string;
  stem: string;
  stop: boolean;
  /** Weight of the whole word: 1, or less for low-information words. */
  weight: number;
  partStems: string[];
}

export class DanishAnalyzer {
  private readonly dictionary: WordSet;
  private readonly extra = new Set<string>();
  private readonly splitter: CompoundSplitter;
  private readonly noSplit: Set<string>;
  /** The lexicon's `words`: words the editors declared, whatever the dictionary says. */
  private readonly declared: Set<string>;
  /** Splits against the dictionary alone, without the data's own words: see `likelyTypo`. */
  private dictionarySplitter: CompoundSplitter | undefined;
  /** First stem of a phrase → the phrases starting with it. */
  private readonly phrases = new Map<string, ConceptPhrase[]>();
  /** Stem → concepts it belongs to as a single word (also matched on compound parts). */
  private readonly singleWordConcepts = new Map<string, string[]>();
  private readonly respellMemo = new Map<string, string>();
  private readonly conceptWeights = new Map<string, number>();
  private readonly correctionTexts: (() => Iterable<string>) | undefined;
  private corrector: SpellingCorrector | undefined;
  /** The corrector's word counts from the start-up cache: counting ~6 000 texts takes ~100 ms. */
  private readonly storedVocabulary: Array<[string, number]> | undefined;

  constructor(options: AnalyzerOptions) {
    this.dictionary = options.dictionary ?? danishWords();
    this.correctionTexts = options.correctionTexts;
    this.storedVocabulary = options.snapshot?.vocabulary;
    const { lexicon } = options;
    for (const w of options.extraWords ?? []) this.extra.add(w);
    for (const w of lexicon.words) this.extra.add(w.toLowerCase());
    this.declared = new Set(lexicon.words.map((w) => w.toLowerCase()));
    // The lexicon's terms are the editors' words too ("brette ærmerne op" is not "rette").
    for (const entry of lexicon.concepts) for (const term of entry.terms) for (const w of term.toLowerCase().match(/\p{L}{3,}/gu) ?? []) this.extra.add(w);
    // Compound splitting asks about the same heads and tails again and again.
    const known = new Map<string, boolean>();
    const isWord = (w: string) => {
      let k = known.get(w);
      if (k === undefined) {
        k = this.extra.has(w) || this.dictionary.has(w);
        if (known.size < 200_000) known.set(w, k);
      }
      return k;
    };
    this.noSplit = new Set(lexicon.noSplit.map((w) => w.toLowerCase()));
    this.splitter = new CompoundSplitter(isWord, this.noSplit);

    if (options.snapshot) {
      for (const [k, v] of options.snapshot.single) this.singleWordConcepts.set(k, v);
      for (const [k, v] of options.snapshot.phrases) this.phrases.set(k, v);
      for (const [k, v] of options.snapshot.weights) this.conceptWeights.set(k, v);
      return;
    }
    lexicon.concepts.forEach((entry, i) => {
      const concept = `${CONCEPT_PREFIX}${i}`;
      this.conceptWeights.set(concept, entry.weight ?? lexicon.defaultWeight);

      for (const term of entry.terms) {
        const tokens = this.analyzeTokens(term, true);
        const stems = tokens.map((t) => t.stem);
        const content = tokens.filter((t) => !t.stop);
        if (!content.length) continue;
        if (tokens.length === 1) {
          const list = this.singleWordConcepts.get(stems[0]!) ?? [];
          if (!list.includes(concept)) list.push(concept);
          this.singleWordConcepts.set(stems[0]!, list);
        } else {
          const list = this.phrases.get(stems[0]!) ?? [];
          list.push({ stems, concept });
          this.phrases.set(stems[0]!, list);
        }
      }
    });
  }

  snapshot(): AnalyzerSnapshot {
    const snapshot: AnalyzerSnapshot = { single: [...this.singleWordConcepts], phrases: [...this.phrases], weights: [...this.conceptWeights] };
    if (this.correctionTexts) snapshot.vocabulary = [...this.spelling().counts];
    return snapshot;
  }

  /** Known as a word of Danish or of the corpus, inflected or not. */
  isKnownWord(word: string): boolean {
    return this.dictionary.has(word) || this.extra.has(word) || isStopword(word) || this.splitter.baseForm(word) !== undefined;
  }

  /**
   * The word as the analysis reads it: "foraeldre" → "forældre" when that is a known word.
   * Public for the learned matcher's character features.
   */
  respelled(word: string): string {
    let r = this.respellMemo.get(word);
    if (r === undefined) {
      r = WORD_ABBREVIATIONS.get(word) ?? respell(
        word,
        (w) => this.isKnownWord(w),
        this.correctionTexts
          ? {
              isPlausible: (w) => this.isPlausibleWord(w),
              isWrittenWord: (w) => this.dictionary.has(w) || this.extra.has(w) || isStopword(w),
            }
          : {},
      );
      if (this.correctionTexts && r.length >= MIN_CORRECTED_LENGTH && /^\p{L}+$/u.test(r) && !this.isKnownWord(r)) r = this.corrected(r);
      if (this.respellMemo.size < 100_000) this.respellMemo.set(word, r);
    }
    return r;
  }

  /**
   * The share of a text's words that read as Danish (known, an inflection or compound of known
   * words, or a word of the domain's texts, after respelling and spelling correction). A question
   * in English has few: "How do I tell my staff about the budget cuts?" 0.4.
   */
  danishShare(text: string): number {
    let words = 0;
    let danish = 0;
    for (const token of tokenize(normalizeText(text))) {
      if (!/^\p{L}+$/u.test(token.word)) continue;
      words++;
      const w = this.respelled(token.word);
      if (isStopword(w) || this.isKnownWord(w) || (this.correctionTexts && this.isPlausibleWord(w))) danish++;
    }
    return words ? danish / words : 1;
  }

  /**
   * For editors: a word of the data that Danish does not know (not in the dictionary, not an
   * inflection or a compound of its words) and that is one edit from a word the domain uses — most
   * likely a typo. The editors' own words are read as written (see the constructor), so a
   * mistyped keyword would never meet the correctly spelled question; `ledelse validate` warns.
   * Returns the word probably meant.
   */
  likelyTypo(word: string): string | undefined {
    const w = word.toLowerCase();
    if (w.length < MIN_CORRECTED_LENGTH || !/^\p{L}+$/u.test(w) || isStopword(w) || this.dictionary.has(w) || this.declared.has(w)) return undefined;
    // Known to Danish without the data's own words, which hold the word in question.
    const danish = (this.dictionarySplitter ??= new CompoundSplitter((x) => this.dictionary.has(x), this.noSplit));
    if (danish.baseForm(w) !== undefined || isInflectionOf(w, (x) => this.dictionary.has(x))) return undefined;
    const speller = this.spelling();
    // Written twice in the domain's texts: the domain's own word.
    if (speller.isDomainWord(w)) return undefined;
    const meant = speller.correct(w);
    // Another form of the same word ("konsekvensbeskrivelse", "-beskrivelser") is no typo.
    if (!meant || meant === w || stem(meant) === stem(w)) return undefined;
    // A compound of known words ("sparekrav") is a word unless the correction is common.
    if (danish.split(w) && (speller.counts.get(meant) ?? 0) < COMMON_IN_DOMAIN) return undefined;
    return meant;
  }

  /** Not in the dictionary, but an inflection or compound of its words, or used in the domain's texts. */
  private isPlausibleWord(word: string): boolean {
    return this.spelling().counts.has(word) || isInflectionOf(word, (w) => this.dictionary.has(w)) || this.splitter.split(word) !== null;
  }

  /**
   * The text with each word as the analysis reads it ("undgaa" → "undgå", "medarbjedere" →
   * "medarbejdere"), punctuation kept: for what is read from the wording as a whole (the
   * question's form, whose people it names).
   */
  spellChecked(text: string): string {
    return text.replace(/\p{L}+/gu, (w) => {
      const lower = w.toLowerCase();
      const r = this.respelled(lower);
      return r === lower ? w : r;
    });
  }

  /**
   * A word neither Danish nor the domain knows, read as the domain's word one edit away. A word
   * that reads as a compound of known words ("sparekrav") keeps that reading unless the
   * correction is a common word of the domain ("fortæler" is "fortæller", not "for" + "tæler").
   */
  private corrected(word: string): string {
    const speller = this.spelling();
    if (speller.isDomainWord(word) || isInflectionOf(word, (w) => this.dictionary.has(w))) return word;
    const correction = speller.correct(word);
    if (!correction) return word;
    if (this.splitter.split(word) && (speller.counts.get(correction) ?? 0) < COMMON_IN_DOMAIN) return word;
    return correction;
  }

  /** The domain's correctly spelled words, counted; built the first time a word is unknown. */
  private spelling(): SpellingCorrector {
    if (!this.corrector) {
      const isKnown = (w: string) => this.isKnownWord(w);
      let counts = this.storedVocabulary && new Map(this.storedVocabulary);
      if (!counts) {
        const words: string[] = [];
        for (const text of this.correctionTexts?.() ?? []) for (const token of tokenize(normalizeText(text))) words.push(token.word);
        counts = countWords(words, isKnown);
      }
      this.corrector = new SpellingCorrector(counts, isKnown);
    }
    return this.corrector;
  }

  /**
   * `stemsOnly` skips compound parts and base forms: lexicon terms are matched on their stems
   * alone, and skipping the rest halves the start-up time.
   */
  private analyzeTokens(text: string, stemsOnly = false): AnalyzedToken[] {
    const out: AnalyzedToken[] = [];
    for (const token of tokenize(normalizeText(text))) {
      const word = this.respelled(token.word);
      const stop = isStopword(word);
      const partStems: string[] = [];
      if (!stop && !stemsOnly) {
        const parts = token.hyphenParts ?? this.splitter.split(word);
        if (parts) {
          for (const p of parts) {
            const pw = this.respelled(p);
            if (pw.length >= 2 && !isStopword(pw)) partStems.push(stem(pw));
          }
        }
      }
      const analysed: AnalyzedToken = { stem: stem(word), stop, weight: LIGHT_WORDS.has(word) ? LIGHT_WEIGHT : 1, partStems };
      if (!stop && !stemsOnly && !hasStemOverride(word)) {
        // A correct inflection the word list lacks ("kørt", "mødt", "gamle") still finds its
        // base form ("køre", "møde", "gammel") and so the base's stem.
        const base = this.splitter.baseForm(word) ?? inflectionBase(word, (w) => this.dictionary.has(w));
        if (base && base !== word) {
          const baseStem = stem(base);
          if (baseStem !== analysed.stem) analysed.baseStem = baseStem;
        }
      }
      out.push(analysed);
    }
    return out;
  }

  /**
   * The content words of a text with their parts and lexicon concepts. Multi-word concepts
   * ("psykologisk tryghed", "tage ansvar") are matched on the stems in sequence, stop words
   * included, and credited to each of their words.
   */
  words(text: string, isQuestion = false): QueryWord[] {
    const tokens = this.analyzeTokens(text);
    // "Hvorfor …?" opening a question asks for reasons; it is not the statements' "hvorfor"
    // (the why of a decision), so there it weighs like a low-information word.
    if (isQuestion && tokens[0]?.stem === stem('hvorfor')) tokens[0].weight = LIGHT_WEIGHT;
    const concepts: Array<Set<string>> = tokens.map(() => new Set());
    const partConcepts: Array<Set<string>> = tokens.map(() => new Set());
    tokens.forEach((t, i) => {
      if (!t.stop) {
        for (const s of [t.stem, t.baseStem]) {
          if (!s) continue;
          for (const c of this.singleWordConcepts.get(s) ?? []) concepts[i]!.add(c);
        }
        for (const s of t.partStems) {
          for (const c of this.singleWordConcepts.get(s) ?? []) if (!concepts[i]!.has(c)) partConcepts[i]!.add(c);
        }
      }
      for (const phrase of this.phrases.get(t.stem) ?? []) {
        if (phrase.stems.every((s, k) => tokens[i + k]?.stem === s)) {
          for (let k = 0; k < phrase.stems.length; k++) concepts[i + k]!.add(phrase.concept);
        }
      }
    });
    const out: QueryWord[] = [];
    tokens.forEach((t, i) => {
      if (t.stop && concepts[i]!.size === 0) return;
      for (const c of concepts[i]!) partConcepts[i]!.delete(c);
      const word: QueryWord = {
        stem: t.stop ? '' : t.stem,
        weight: t.stop ? 0 : t.weight,
        parts: t.partStems.filter((p) => p !== t.stem),
        concepts: [...concepts[i]!],
        partConcepts: [...partConcepts[i]!],
      };
      if (!t.stop && t.baseStem) word.baseStem = t.baseStem;
      out.push(word);
    });
    return out;
  }

  /** The weight of a concept term. */
  conceptWeight(concept: string): number {
    return this.conceptWeights.get(concept) ?? 0.5;
  }

  /** Turns words into weighted terms: stems 1, parts, pairs and concepts less. */
  termsOf(words: readonly QueryWord[]): Terms {
    const terms: Terms = new Map();
    const add = (term: string, weight: number) => terms.set(term, (terms.get(term) ?? 0) + weight);
    // A concept counts once per text, however many of its words appear: it says "this text
    // is about X", and repeating synonyms should not outweigh the exact words. Reached only
    // through a compound part, it counts as much as a part.
    const concepts = new Map<string, number>();
    const addConcept = (c: string, factor: number) => concepts.set(c, Math.max(concepts.get(c) ?? 0, factor));
    for (const w of words) {
      if (w.stem) add(w.stem, w.weight);
      if (w.baseStem) add(w.baseStem, BASE_WEIGHT * w.weight);
      for (const p of w.parts) add(p, PART_WEIGHT * w.weight);
      for (const c of w.concepts) addConcept(c, 1);
      for (const c of w.partConcepts) addConcept(c, PART_WEIGHT);
    }
    // Neighbouring content words as one more term: a question that has "ledelse er tillid"
    // prefers the statement that says exactly that over one with "ledelse" and "tillid" apart.
    let previous: QueryWord | undefined;
    for (const w of words) {
      if (!w.stem) continue;
      if (previous) add(`${BIGRAM_PREFIX}${previous.stem}|${w.stem}`, BIGRAM_WEIGHT * Math.min(previous.weight, w.weight));
      previous = w;
    }
    for (const [c, factor] of concepts) add(c, factor * this.conceptWeight(c));
    return terms;
  }

  /** The weighted terms of a text. Index and query both call this. */
  analyze(text: string): Terms {
    return this.termsOf(this.words(text));
  }

  /** Content stems of a text (no concepts), for explaining matches and measuring coverage. */
  contentStems(text: string): string[] {
    return this.analyzeTokens(text)
      .filter((t) => !t.stop)
      .map((t) => t.stem);
  }
}
