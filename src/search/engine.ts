// Length-normalised BM25 over the Danish analysis chain, with an inverted index so a query
// touches only the statements that share a term with it, and a confidence measure so that
// a question nothing answers gets "no good match" instead of the least bad statements.

import { DIRECTIONS, KINDS, type Direction, type Kind } from '../knowledge/directions.ts';
import type { Statement } from '../knowledge/schema.ts';
import { readQuestion, type QuestionForm } from './question-form.ts';
import { TopK } from './top-k.ts';
import { BASE_WEIGHT, BIGRAM_PREFIX, CONCEPT_PREFIX, PART_WEIGHT, type DanishAnalyzer, type QueryWord, type Terms } from './analyzer.ts';

const MEETING = KINDS.indexOf('meeting');
const DONT = KINDS.indexOf('dont');

/** BM25 parameters: k1 saturates repeated terms; b sets how much length counts. */
const K1 = 1.2;
const B = 0.5;
/** Unknown query words match index stems that share at least this many first letters… */
const MIN_PREFIX = 5;
/** …and at least this share of the shorter word. */
const PREFIX_SHARE = 0.6;
/** Weight of such a related stem relative to the word itself. */
const RELATED_WEIGHT = 0.5;
/** How many candidates are reranked by their own coverage of the question. */
const RERANK_DEPTH = 20;
/** Reranking multiplies the score by (COORD_BASE + coverage). */
const COORD_BASE = 1;
/** How much a don't is preferred when the question asks what to avoid. */
const DONT_PREFERENCE = 2;
/** How much a statement is preferred when the question names only its direction's people. */
const AUDIENCE_PREFERENCE = 1.2;
/** The coverage a question of one or two content words needs. */
const SHORT_QUESTION_COVERAGE = 0.5;
/** How many of the best statements together must cover the question. */
const COVERAGE_DEPTH = 3;

export interface SearchOptions {
  top?: number;
  direction?: Direction | undefined;
  kind?: Kind | undefined;
  /** Include statements that are not advice (meeting remarks). Off for everyone but `list`. */
  includeNonAdvice?: boolean;
}

export interface Hit {
  statement: Statement;
  score: number;
}

export interface SearchResult {
  /** True when the best match is good enough to show as an answer. */
  answered: boolean;
  /** 0..1: how much of the question the best statement covers. */
  confidence: number;
  /** Best first. Empty when not answered. */
  hits: Hit[];
  /** The best candidates even when not answered, for diagnostics and evaluation. */
  candidates: Hit[];
  /** The question's form, as read for the coverage it needs ("neutral" for bare words). */
  form: QuestionForm;
  /** How many full-weight content words the question has. */
  contentWords: number;
  /** The question names only this direction's people ("mine medarbejdere" → nedad), if any. */
  audience: Direction | undefined;
  /** The question asks what to avoid ("Hvad må jeg ikke …"). */
  asksForDonts: boolean;
}

export interface ConfidencePolicy {
  /** Least share of the question's weight that the best statements must cover. */
  minCoverage: number;
  /** The same for a question asking how to act ("Hvordan håndterer jeg …"). */
  minCoverageAdvice: number;
  /** The same for a question after a fact ("Hvornår er …", "Hvor mange …"). */
  minCoverageFact: number;
  /** Least raw BM25 score for the best statement. */
  minScore: number;
}

export const DEFAULT_POLICY: ConfidencePolicy = { minCoverage: 0.3, minCoverageAdvice: 0.25, minCoverageFact: 0.55, minScore: 1.5 };

/** Statements that have a term, with the term's weighted frequency and its BM25 impact. */
interface Posting {
  docs: Int32Array;
  tfs: Float32Array;
  /** tf·(k1+1) / (tf + k1·(1−b+b·len/avglen)), computed once at build: a query only multiplies. */
  impacts: Float32Array;
}

/** The built index, as stored in the start-up cache. */
export interface EngineSnapshot {
  terms: Array<[string, number[], number[]]>;
  docLength: number[];
}

export class SearchEngine {
  private readonly postings = new Map<string, Posting>();
  private readonly docLength: Float64Array;
  private readonly avgLength: number;
  private readonly idfCache = new Map<string, number>();
  private readonly maxIdf: number;
  /** Each statement's kind and direction as an index into KINDS and DIRECTIONS. */
  private readonly kindCode: Uint8Array;
  private readonly directionCode: Uint8Array;
  /** Scratch buffers reused by every query: no allocation proportional to the corpus. */
  private readonly scoreBuf: Float64Array;
  private readonly touched: Int32Array;
  /** Sorted word stems of the index, for matching unknown query words by their beginning. */
  private readonly vocabulary: string[];
  private readonly fallbackMemo = new Map<string, string[]>();
  readonly size: number;

  constructor(
    readonly statements: readonly Statement[],
    readonly analyzer: DanishAnalyzer,
    readonly policy: ConfidencePolicy = DEFAULT_POLICY,
    /**
     * What a statement is about beyond its words — its sub-heading, its direction ("ledelse
     * til siden"), do or don't ("undgå") — indexed with a low weight.
     */
    contextOf: (s: Statement) => Array<{ text: string; weight: number }> = (s) => (s.topic ? [{ text: s.topic, weight: 0.3 }] : []),
    /** A stored index of exactly these statements, instead of analysing them again. */
    snapshot?: EngineSnapshot,
  ) {
    this.size = statements.length;
    this.docLength = new Float64Array(statements.length);
    const building = new Map<string, { docs: number[]; tfs: number[] }>();
    if (snapshot) {
      snapshot.docLength.forEach((l, i) => (this.docLength[i] = l));
      for (const [term, docs, tfs] of snapshot.terms) building.set(term, { docs, tfs });
    }
    if (!snapshot) statements.forEach((s, doc) => {
      const terms = analyzer.analyze(s.text);
      for (const context of contextOf(s)) {
        for (const [t, w] of analyzer.analyze(context.text)) terms.set(t, (terms.get(t) ?? 0) + w * context.weight);
      }
      let length = 0;
      for (const [term, tf] of terms) {
        let p = building.get(term);
        if (!p) {
          p = { docs: [], tfs: [] };
          building.set(term, p);
        }
        p.docs.push(doc);
        p.tfs.push(tf);
        if (!term.startsWith(CONCEPT_PREFIX) && !term.startsWith(BIGRAM_PREFIX)) length += tf;
      }
      this.docLength[doc] = length;
    });
    let total = 0;
    for (const l of this.docLength) total += l;
    this.avgLength = statements.length ? total / statements.length : 1;
    for (const [term, { docs, tfs }] of building) {
      const impacts = new Float32Array(docs.length);
      for (let i = 0; i < docs.length; i++) {
        // As stored (float32), so a restored index ranks exactly like a freshly built one.
        const tf = Math.fround(tfs[i]!);
        impacts[i] = (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.docLength[docs[i]!]!) / this.avgLength));
      }
      this.postings.set(term, { docs: Int32Array.from(docs), tfs: Float32Array.from(tfs), impacts });
    }
    this.maxIdf = Math.log(1 + (this.size + 0.5) / 0.5);
    this.vocabulary = [...this.postings.keys()].filter((t) => !t.startsWith(CONCEPT_PREFIX) && !t.startsWith(BIGRAM_PREFIX)).sort();
    this.kindCode = Uint8Array.from(statements, (s) => KINDS.indexOf(s.kind));
    this.directionCode = Uint8Array.from(statements, (s) => DIRECTIONS.indexOf(s.direction));
    this.scoreBuf = new Float64Array(statements.length);
    this.touched = new Int32Array(statements.length);
  }

  snapshot(): EngineSnapshot {
    return {
      terms: [...this.postings].map(([term, p]) => [term, [...p.docs], [...p.tfs]]),
      docLength: [...this.docLength],
    };
  }

  /** BM25 idf; a term the corpus does not have counts as the rarest possible. */
  idf(term: string): number {
    let v = this.idfCache.get(term);
    if (v === undefined) {
      const df = this.postings.get(term)?.docs.length ?? 0;
      v = df === 0 ? this.maxIdf : Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
      this.idfCache.set(term, v);
    }
    return v;
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const top = Math.max(1, options.top ?? 3);
    const reading = readQuestion(this.analyzer.spellChecked(query));
    const lean = { donts: reading.donts, direction: reading.direction };
    return { ...this.searchWords(this.analyzer.words(query, true), top, options, this.requiredCoverage(reading.form), lean), form: reading.form, audience: reading.direction, asksForDonts: reading.donts };
  }

  /** The coverage a question needs before it is answered, by its form. */
  requiredCoverage(form: QuestionForm): number {
    if (form === 'social') return Number.POSITIVE_INFINITY;
    return form === 'fact' ? this.policy.minCoverageFact : form === 'advice' ? this.policy.minCoverageAdvice : this.policy.minCoverage;
  }

  /**
   * Index stems that a word the index does not have probably means: stems sharing a long
   * beginning ("bekymrede" ~ "bekymring", "konflikterne" ~ "konfliktsky"). Danish inflects
   * and derives at the end of words, so a shared beginning is a good sign of a shared root.
   */
  relatedStems(term: string): string[] {
    const memo = this.fallbackMemo.get(term);
    if (memo) return memo;
    const found: string[] = [];
    if (term.length >= MIN_PREFIX && !term.startsWith(CONCEPT_PREFIX)) {
      const prefix = term.slice(0, MIN_PREFIX);
      let lo = 0;
      let hi = this.vocabulary.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.vocabulary[mid]! < prefix) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < this.vocabulary.length && this.vocabulary[i]!.startsWith(prefix); i++) {
        const candidate = this.vocabulary[i]!;
        let common = MIN_PREFIX;
        while (common < term.length && common < candidate.length && term[common] === candidate[common]) common++;
        if (common >= PREFIX_SHARE * Math.min(term.length, candidate.length)) found.push(candidate);
        if (found.length >= 4) break;
      }
    }
    if (this.fallbackMemo.size < 50_000) this.fallbackMemo.set(term, found);
    return found;
  }

  /**
   * Adds related index stems, at a lower weight, for query words the index lacks and cannot
   * reach otherwise (no known base form, no compound parts: "tidspunkt" is tid + punkt, not
   * a cousin of "tidspres").
   */
  private expandUnknown(words: readonly QueryWord[]): Terms {
    const terms = this.analyzer.termsOf(words);
    for (const w of words) {
      if (!w.stem || this.postings.has(w.stem) || w.parts.length || (w.baseStem && this.postings.has(w.baseStem))) continue;
      for (const related of this.relatedStems(w.stem)) {
        if (!terms.has(related)) terms.set(related, w.weight * RELATED_WEIGHT);
      }
    }
    return terms;
  }

  searchWords(
    words: readonly QueryWord[],
    top: number,
    options: SearchOptions,
    minCoverage = this.policy.minCoverage,
    lean: { donts: boolean; direction: Direction | undefined } = { donts: false, direction: undefined },
  ): SearchResult {
    const terms = this.expandUnknown(words);
    const scores = this.scoreBuf;
    const touched = this.touched;
    let nTouched = 0;
    for (const [term, qw] of terms) {
      const p = this.postings.get(term);
      if (!p) continue;
      const idf = this.idf(term);
      const { docs, impacts } = p;
      const w = qw * idf;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        if (scores[doc] === 0) touched[nTouched++] = doc;
        scores[doc]! += w * impacts[i]!;
      }
    }
    const wantDirection = options.direction ? DIRECTIONS.indexOf(options.direction) : -1;
    const wantKind = options.kind ? KINDS.indexOf(options.kind) : -1;
    const leanDirection = lean.direction ? DIRECTIONS.indexOf(lean.direction) : -2;
    const best = new TopK(Math.max(top, RERANK_DEPTH));
    for (let i = 0; i < nTouched; i++) {
      const doc = touched[i]!;
      let score = scores[doc]!;
      scores[doc] = 0;
      // Kind and direction as small codes in typed arrays: at 100 000 statements, reading
      // each touched statement object costs more than the scoring itself.
      const kind = this.kindCode[doc]!;
      const direction = this.directionCode[doc]!;
      if (kind === MEETING && !options.includeNonAdvice) continue;
      if (wantDirection >= 0 && direction !== wantDirection) continue;
      if (wantKind >= 0 && kind !== wantKind) continue;
      if (lean.donts && kind === DONT) score *= DONT_PREFERENCE;
      if (direction === leanDirection) score *= AUDIENCE_PREFERENCE;
      best.offer(doc, score);
    }
    // Rerank the best candidates by how much of the question each covers on its own: a
    // statement that answers two of the question's points beats one that repeats one point.
    const shown = best.entries().map(({ doc, score }) => ({ doc, score: score * (COORD_BASE + this.coverage(words, [doc])) }));
    shown.sort((a, b) => b.score - a.score || a.doc - b.doc);
    const candidates = shown.map(({ doc, score }) => ({ statement: this.statements[doc]!, score }));
    const first = shown[0];
    const confidence = first ? this.coverage(words, shown.slice(0, COVERAGE_DEPTH).map((r) => r.doc)) : 0;
    // With one or two content words, a word the statements know in no form at all is half the
    // question: "Hvordan booker jeg et lokale?" shares "lokale" with "den lokale budgetproces"
    // and nothing else.
    const content = words.filter((w) => w.stem && w.weight >= 1);
    const required =
      content.length <= 2 && content.some((w) => !this.knowsInSomeForm(w)) ? Math.max(minCoverage, SHORT_QUESTION_COVERAGE) : minCoverage;
    const answered = !!first && confidence >= required && first.score >= this.policy.minScore;
    return {
      answered,
      confidence,
      hits: answered ? candidates.slice(0, top) : [],
      candidates: candidates.slice(0, top),
      form: 'neutral',
      contentWords: content.length,
      audience: lean.direction,
      asksForDonts: lean.donts,
    };
  }

  /** Per-term score contributions for one statement: for tuning and for tests. */
  explain(query: string, statementId: string): Array<{ term: string; score: number }> {
    const doc = this.statements.findIndex((s) => s.id === statementId);
    if (doc < 0) return [];
    const out: Array<{ term: string; score: number }> = [];
    for (const [term, qw] of this.expandUnknown(this.analyzer.words(query, true))) {
      const p = this.postings.get(term);
      const i = p ? p.docs.indexOf(doc) : -1;
      if (!p || i < 0) continue;
      out.push({ term, score: qw * this.idf(term) * p.impacts[i]! });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** The index has the word itself, its base form, a part, a concept of it or a related stem. */
  private knowsInSomeForm(w: QueryWord): boolean {
    const has = (t: string) => this.postings.has(t);
    return (
      has(w.stem) ||
      (!!w.baseStem && has(w.baseStem)) ||
      w.parts.some(has) ||
      w.concepts.some(has) ||
      w.partConcepts.some(has) ||
      this.relatedStems(w.stem).length > 0
    );
  }

  /** The weighted frequency of a term in a statement (0 when absent). */
  private tf(term: string, doc: number): number {
    const p = this.postings.get(term);
    if (!p) return 0;
    const docs = p.docs;
    let lo = 0;
    let hi = docs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = docs[mid]!;
      if (d === doc) return p.tfs[mid]!;
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /**
   * How much of the question the best statements together understand: each content word
   * counts with its idf (a word the corpus lacks counts most) and is credited fully when a
   * statement has it, partly when a statement has its compound part, a related stem or one
   * of its lexicon concepts. A question about pizza shares at most a stray word with the
   * statements, so its coverage stays low however the ranking turns out.
   */
  coverage(words: readonly QueryWord[], docs: readonly number[]): number {
    let mass = 0;
    let covered = 0;
    // How strongly the statements carry a term: a whole word counts 1, a compound part, a
    // sub-heading or a concept only as much as its weight in the index.
    const carried = (term: string) => {
      let best = 0;
      for (const d of docs) best = Math.max(best, Math.min(1, this.tf(term, d)));
      return best;
    };
    for (const w of words) {
      if (!w.stem || w.weight === 0) continue;
      const known = this.postings.has(w.stem);
      // A number the statements don't have ("2 mio.", "2025") says nothing about the topic.
      if (!known && /^\d+$/.test(w.stem)) continue;
      const weight = w.weight * this.idf(w.stem);
      mass += weight;
      let credit = carried(w.stem);
      if (credit < 1 && w.baseStem) credit = Math.max(credit, BASE_WEIGHT * carried(w.baseStem));
      if (credit < PART_WEIGHT) for (const p of w.parts) credit = Math.max(credit, PART_WEIGHT * carried(p));
      for (const c of w.concepts) if (credit < 1) credit = Math.max(credit, carried(c));
      for (const c of w.partConcepts) if (credit < PART_WEIGHT) credit = Math.max(credit, PART_WEIGHT * carried(c));
      if (credit < RELATED_WEIGHT && !w.parts.length && !known) {
        for (const r of this.relatedStems(w.stem)) credit = Math.max(credit, RELATED_WEIGHT * carried(r));
      }
      covered += weight * credit;
    }
    return mass > 0 ? Math.min(1, covered / mass) : 0;
  }

}
