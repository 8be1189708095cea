// Answering in layers: off-topic guard → situations → statements (BM25, boosted by the
// situations the question likely describes) → how sure we are. Three outcomes: a confident
// answer, an honest "nearest" answer when the situation is clear but no statement says it
// directly, and no match.

import type { Direction, Kind } from '../knowledge/directions.ts';
import type { Situation, Statement } from '../knowledge/schema.ts';
import type { Hit, SearchEngine, SearchOptions, SearchResult } from './engine.ts';
import type { SituationLikelihood, SituationMatcher, StatementLikelihood } from './matcher.ts';

export type Confidence = 'high' | 'low';

export interface Answer {
  /** True when statements are shown: confidently or as the nearest. */
  answered: boolean;
  /** "high": the statements answer the question; "low": the nearest the groups wrote. */
  confidence: Confidence | undefined;
  /** Best first; empty when not answered. */
  hits: Hit[];
  /** The best candidates even when not answered, for diagnostics and evaluation. */
  candidates: Hit[];
  /** Ids of the situations the question most likely describes, most likely first. */
  situations: string[];
  /** 0..1: how much of the question the best statements cover word for word. */
  coverage: number;
  /** 0..1: the guard's belief that the question is about leading in a budget and savings process. */
  inDomain: number;
}

export interface AnswerPolicy {
  /** Below this the guard's "off topic" wins: no answer, whatever words the question shares. */
  minInDomain: number;
  /**
   * Coverage at which the statements' own words outweigh the guard: a question they answer
   * nearly word for word is theirs, even in words no example had (a new statement, a new term).
   */
  strongCoverage: number;
  /** A guard below this wins even over full coverage (see `coveredByStatements`). */
  coveredFloor: number;
  /** Coverage at which the words' best statement is shown first, not only among the first three. */
  firstPlaceCoverage: number;
  /** How much a situation's statements gain, times the situation's probability and (boostOffset − coverage). */
  situationBoost: number;
  /** The less of the question the statements' words cover, the more the situation counts. */
  boostOffset: number;
  /** The least probability of the top situation for an honest "nearest" answer. */
  minSituation: number;
  /** Situations at least this likely are reported. */
  reportSituation: number;
  /** How many of the best BM25 candidates take part in the fusion. */
  depth: number;
  /** A situation's statements are listed most helpful first: the n-th counts 1 / (1 + rankDecay·n). */
  rankDecay: number;
  /**
   * How much the statements that the matcher reads as helping this very question gain (learned
   * from the examples' `best` and `helps`), times their weight relative to the likeliest and the
   * same (boostOffset − coverage) as the situations. 1.3 since the examples have `best` (dev
   * parts, mean of four training orders, MRR@5 at 0.4 / 0.8 / 1.0 / 1.3 / 1.7: persona 0.898 /
   * 0.918 / 0.920 / 0.929 / 0.922, persona2 0.745 / 0.781 / 0.786 / 0.794 / 0.790); 2.0, chosen
   * when data/helps.json had grown to 5 302 questions (at 0.9 / 1.3 / 1.8 / 2.4 / 3.2: persona
   * 0.935 / 0.943 / 0.943 / 0.946 / 0.943, persona2 0.842 / 0.865 / 0.877 / 0.877 / 0.873).
   */
  statementBoost: number;
  /**
   * A situation's statements of the direction whose people the question names ("mine
   * medarbejdere" → nedad) gain this factor, and its don'ts when the question asks what to
   * avoid: the same leans the word search has, now also for statements the words did not reach.
   */
  leanBoost: number;
  /**
   * Content words a question needs before it can be shown the nearest statements. Leaders write
   * fragments ("sure medarbejdere efter lukning"), so two are enough; one is not a situation.
   */
  minSituationWords: number;
  /** Keep the words' best statement among the first three when the words alone answer. */
  keepBestWord: boolean;
  /**
   * A question of three words or more needs at least this share of Danish words to be answered
   * (`DanishAnalyzer.danishShare`): the statements are Danish, and a question in English shares
   * a loanword or two with them ("budget", "team") and nothing else. Danish questions, typos,
   * fragments and abbreviations included, have 0.67 or more in every evaluation set.
   */
  minDanishShare: number;
}

export const DEFAULT_ANSWER_POLICY: AnswerPolicy = {
  minInDomain: 0.3,
  strongCoverage: 0.75,
  coveredFloor: 0.05,
  firstPlaceCoverage: 0.9,
  situationBoost: 1,
  boostOffset: 2,
  minSituation: 0.25,
  reportSituation: 0.15,
  depth: 20,
  rankDecay: 0.15,
  statementBoost: 2,
  leanBoost: 1.5,
  minSituationWords: 2,
  keepBestWord: true,
  minDanishShare: 0.6,
};

export interface AnswerOptions {
  top?: number;
  direction?: Direction | undefined;
  kind?: Kind | undefined;
}

/**
 * The statements answer the question nearly word for word: it is theirs even if the guard has
 * not seen its words (a new statement, a new term). Not when it asks for a fact, or when the
 * guard is all but certain: coverage alone is fooled by short questions ("Hvem er direktør for
 * børn og unge?", "Hvordan deler jeg min skærm i Teams?" share every content word with some
 * statement and ask for none of their advice).
 */
function coveredByStatements(result: SearchResult, inDomain: number, policy: AnswerPolicy): boolean {
  return result.answered && result.confidence >= policy.strongCoverage && result.form !== 'fact' && inDomain >= policy.coveredFloor;
}

/** The place (1-based) the words' best statement is moved up to when it falls below it. */
const WORD_PLACE = 3;

export class Answerer {
  /** Statement index in the engine → its rank weight in each situation that lists it. */
  private readonly members: Map<string, Array<{ doc: number; weight: number }>>;
  private readonly docOf: Map<Statement, number>;
  private readonly docOfId: Map<string, number>;

  constructor(
    readonly engine: SearchEngine,
    readonly matcher: SituationMatcher | undefined,
    situations: readonly Situation[],
    readonly policy: AnswerPolicy = DEFAULT_ANSWER_POLICY,
  ) {
    this.docOf = new Map(engine.statements.map((s, i) => [s, i]));
    const docOf = (this.docOfId = new Map(engine.statements.map((s, i) => [s.id, i])));
    this.members = new Map(
      situations.map((sit) => [
        sit.id,
        sit.statements
          .map((id, rank) => ({ doc: docOf.get(id) ?? -1, weight: 1 / (1 + policy.rankDecay * rank) }))
          .filter((m) => m.doc >= 0),
      ]),
    );
  }

  answer(query: string, options: AnswerOptions = {}): Answer {
    const top = Math.max(1, options.top ?? 3);
    const search: SearchOptions = { top: Math.max(top, this.policy.depth), direction: options.direction, kind: options.kind };
    const result = this.engine.search(query, search);
    if (!this.matcher) {
      return {
        answered: result.answered,
        confidence: result.answered ? 'high' : undefined,
        hits: result.hits.slice(0, top),
        candidates: result.candidates.slice(0, top),
        situations: [],
        coverage: result.confidence,
        inDomain: 1,
      };
    }
    const { inDomain, situations, statements } = this.matcher.classify(query);
    const fused = this.fuse(result, situations, statements, options);
    // When the words alone answer the question, their best statement keeps a place among the
    // first three: a question after a term the groups used ("Bungays model") is shown what they
    // wrote about it, not only what helps in the situation around it.
    const bestWord = result.answered ? result.candidates[0]?.statement : undefined;
    const at = bestWord ? fused.findIndex((h) => h.statement === bestWord) : -1;
    const place = result.confidence >= this.policy.firstPlaceCoverage ? 1 : WORD_PLACE;
    if (this.policy.keepBestWord && at >= place) fused.splice(place - 1, 0, ...fused.splice(at, 1));
    const candidates = fused.slice(0, top);
    const reported = situations.filter((s) => s.probability >= this.policy.reportSituation).map((s) => s.id);
    // Chat is never answered; a question after a fact ("Hvornår er budgetmødet?") is answered
    // only when the statements cover it, never with the nearest advice.
    const { form } = result;
    let confidence: Confidence | undefined;
    // A question the statements cover nearly word for word is theirs, unless it is after a fact
    // or the guard is all but certain it is off topic.
    const covered = coveredByStatements(result, inDomain, this.policy);
    if (form !== 'social' && (inDomain >= this.policy.minInDomain || covered) && this.isDanish(query)) {
      if (result.answered) confidence = 'high';
      else if (form !== 'fact' && (situations[0]?.probability ?? 0) >= this.policy.minSituation && result.contentWords >= this.policy.minSituationWords) {
        confidence = 'low';
      }
    }
    return {
      answered: confidence !== undefined,
      confidence,
      hits: confidence ? candidates : [],
      candidates,
      situations: reported,
      coverage: result.confidence,
      inDomain,
    };
  }

  /** Three words or more, and enough of them Danish (`minDanishShare`). */
  private isDanish(query: string): boolean {
    const words = query.match(/\p{L}+/gu)?.length ?? 0;
    return words < 3 || this.engine.analyzer.danishShare(query) >= this.policy.minDanishShare;
  }

  /**
   * BM25 scores scaled to the best one, plus each situation's probability for the statements
   * it lists (the first listed count most), plus what the matcher learned from the examples'
   * `helps` about this question's statements. A statement the words do not reach can still be
   * shown when the situation is clear.
   */
  private fuse(
    result: SearchResult,
    situations: readonly SituationLikelihood[],
    helping: readonly StatementLikelihood[],
    options: AnswerOptions,
  ): Hit[] {
    const { candidates, confidence: coverage, audience, asksForDonts } = result;
    const best = candidates[0]?.score ?? 0;
    const score = new Map<number, number>();
    const statementOf = new Map<number, Statement>();
    for (const c of candidates) {
      const doc = this.docOf.get(c.statement)!;
      score.set(doc, best > 0 ? c.score / best : 0);
      statementOf.set(doc, c.statement);
    }
    // The less the question's words are the statements' words, the more the situation counts.
    const boost = this.policy.situationBoost * Math.max(0, this.policy.boostOffset - coverage);
    const add = (doc: number, gain: number) => {
      const statement = this.engine.statements[doc]!;
      if (options.direction && statement.direction !== options.direction) return;
      if (options.kind && statement.kind !== options.kind) return;
      statementOf.set(doc, statement);
      score.set(doc, (score.get(doc) ?? 0) + gain);
    };
    const helpBoost = boost * this.policy.statementBoost;
    if (helpBoost > 0) {
      for (const h of helping) {
        const doc = this.docOfId.get(h.id);
        if (doc !== undefined && h.weight > 0) add(doc, helpBoost * h.weight);
      }
    }
    for (const sit of situations) {
      if (sit.probability < 0.02) break;
      for (const m of this.members.get(sit.id) ?? []) {
        const statement = this.engine.statements[m.doc]!;
        let lean = 1;
        if (audience && statement.direction === audience) lean *= this.policy.leanBoost;
        if (asksForDonts && statement.kind === 'dont') lean *= this.policy.leanBoost;
        add(m.doc, boost * sit.probability * m.weight * lean);
      }
    }
    return [...score]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([doc, s]) => ({ statement: statementOf.get(doc)!, score: s }));
  }
}
