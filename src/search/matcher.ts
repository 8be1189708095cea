// The learned layer in front of the statement search: an off-topic guard (does the question
// belong to leading in a budget and savings process at all?) and a situation matcher (which
// of the situations in data/situations.json does it describe?). All are linear models over
// the same features, trained on questions people wrote in their own words. The situations are
// the mean of a regression and naive Bayes; the guard is the mean of two opinions: a binary
// model (in the domain or not) and a model that tells each situation apart from the off-topic
// questions.

import type { HelpExample, Situation, OffTopicExample, Statement } from '../knowledge/schema.ts';
import type { DanishAnalyzer } from './analyzer.ts';
import { FeatureSpace, featuresOf } from './features.ts';
import { DEFAULT_TRAINING, LinearModel, type LinearModelSnapshot, type SoftLabel, type SparseVector } from './linear-model.ts';

export interface SituationLikelihood {
  id: string;
  probability: number;
}

export interface Classification {
  /** 0..1: how likely the question is about leading in a budget and savings process. */
  inDomain: number;
  /** Every situation, most likely first; probabilities sum to 1. */
  situations: SituationLikelihood[];
  /**
   * The statements that the examples' `helps` name, each with its probability of being what
   * helps most, scaled so the likeliest is 1; empty when no example names any.
   */
  statements: StatementLikelihood[];
}

export interface StatementLikelihood {
  id: string;
  /** Relative to the likeliest statement (0..1). */
  weight: number;
}

/** The trained matcher, as stored in the start-up cache. */
export interface MatcherSnapshot {
  features: string[];
  situationIds: string[];
  guard: LinearModelSnapshot;
  situations: LinearModelSnapshot;
  bayes: LinearModelSnapshot;
  offTopic: LinearModelSnapshot;
  statementIds: string[];
  statements?: LinearModelSnapshot | undefined;
}

export interface MatcherTrainingData {
  situations: readonly Situation[];
  offTopic: readonly OffTopicExample[];
  /** The statements themselves, and their editors' keywords, are in-domain text too. */
  statements: readonly Statement[];
  /** More questions with what helps (`data/helps.json`): only the statement model learns from them. */
  helpExamples?: readonly HelpExample[];
}

const IN = 1;
/** Weight of a statement's text or keyword as an in-domain example, relative to a question. */
const STATEMENT_TEXT_WEIGHT = 0.3;
const OUT = 0;
/**
 * The situation likelihoods are the mean of two models that err differently: the regression and
 * naive Bayes over the same features (dev parts, mean of four training orders: hit@3 0.86 → 0.87,
 * MRR@5 0.77 → 0.78, answered 0.98 → 0.99; and less dependent on the order).
 */
const BAYES_SHARE = 0.5;
/** Naive Bayes' additive smoothing of the feature counts, and how sharp its posterior is. */
const BAYES_SMOOTHING = 0.1;
const BAYES_SHARPNESS = 2;
/**
 * An example's `helps` are ordered, the most helpful first: the k-th counts 1/k, and an
 * example's labels together count as one example (dev parts, mean of four training orders,
 * measured with one training copy per help, against equal shares: MRR@5 0.873 → 0.877 and
 * 0.720 → 0.729; hit@3 0.929 → 0.939 and 0.815 → 0.820).
 */
const helpShare = (k: number) => 1 / (1 + k);
/**
 * The statement model has ~190 classes, so each pass costs four times the situations'. An
 * example is one soft label (its helps' shares), not one copy per help, and six passes are
 * enough (dev parts, mean of four training orders, MRR@5: 20 passes over copies 0.877 / 0.729,
 * 10 soft 0.879 / 0.721, 6 soft 0.882 / 0.727); training it takes ~1/13 of the time 20 passes
 * over copies took.
 */
const STATEMENT_EPOCHS = 6;

/** At most this many statements per example: its `best`, then its `helps` that `best` lacks. */
const MAX_HELPS = 5;

/**
 * What helps the asker of an example most, the most helpful first: the second reading's `best`
 * (chosen from all statements), then the first reading's `helps` (chosen from the situation's).
 */
function helpsOf(situation: Situation, example: number): string[] {
  return ordered(situation.exampleBest[example] ?? [], situation.exampleHelps[example] ?? []);
}

const ordered = (best: readonly string[], helps: readonly string[]) => [...new Set([...best, ...helps])].slice(0, MAX_HELPS);

/**
 * Which statement helps the asker most: one class per statement that some example's `best` or
 * `helps` names. Each example is one unit, shared by its statements in order.
 */
function trainStatementModel(
  situations: readonly Situation[],
  helpExamples: readonly HelpExample[],
  vec: (text: string) => SparseVector,
  features: number,
): { statementIds: string[]; statementModel: LinearModel | undefined } {
  const labelled: Array<{ text: string; helps: string[] }> = [
    ...situations.flatMap((s) => s.examples.map((text, i) => ({ text, helps: helpsOf(s, i) }))),
    ...helpExamples.map((q) => ({ text: q.text, helps: ordered(q.best, q.helps) })),
  ];
  const statementIds = [...new Set(labelled.flatMap((q) => q.helps))].sort();
  const statementClass = new Map(statementIds.map((id, i) => [id, i]));
  const helpX: SparseVector[] = [];
  const helpY: SoftLabel[] = [];
  for (const { text, helps } of labelled) {
    if (!helps.length) continue;
    const shares = helps.map((_, k) => helpShare(k));
    const total = shares.reduce((a, b) => a + b, 0);
    helpX.push(vec(text));
    helpY.push(helps.map((id, k) => ({ label: statementClass.get(id)!, share: shares[k]! / total })));
  }
  const statementModel = statementIds.length
    ? LinearModel.train(helpX, helpY, statementIds.length, features, { ...DEFAULT_TRAINING, epochs: STATEMENT_EPOCHS })
    : undefined;
  return { statementIds, statementModel };
}

export class SituationMatcher {
  private constructor(
    private readonly space: FeatureSpace,
    readonly situationIds: readonly string[],
    private readonly guard: LinearModel,
    private readonly situationModel: LinearModel,
    private readonly bayesModel: LinearModel,
    private readonly offModel: LinearModel,
    private readonly analyzer: DanishAnalyzer,
    readonly statementIds: readonly string[],
    private readonly statementModel: LinearModel | undefined,
  ) {}

  static train(data: MatcherTrainingData, analyzer: DanishAnalyzer): SituationMatcher {
    const situationTexts: Array<{ text: string; label: number }> = [];
    data.situations.forEach((s, label) => {
      for (const q of s.examples) situationTexts.push({ text: q, label });
    });
    // Questions people wrote count fully; the statements' own words and the editors' keywords
    // are in-domain text too, but not questions, so they count less.
    const inDomain = [
      ...situationTexts.map((t) => ({ text: t.text, weight: 1 })),
      ...data.statements
        .filter((s) => s.kind !== 'meeting')
        .flatMap((s) => [s.text, ...(s.keywords ?? [])])
        .map((text) => ({ text, weight: STATEMENT_TEXT_WEIGHT })),
    ];
    const outDomain = data.offTopic.map((e) => ({ text: e.question, weight: 1 }));
    const bags = new Map<string, ReturnType<typeof featuresOf>>();
    const bagOf = (t: string) => {
      let b = bags.get(t);
      if (!b) bags.set(t, (b = featuresOf(t, analyzer)));
      return b;
    };
    // The extra questions with what helps add their words to the features (only the statement
    // model learns weights for them).
    const helpTexts = (data.helpExamples ?? []).map((q) => ({ text: q.text }));
    const space = FeatureSpace.fromBags([...inDomain, ...outDomain, ...helpTexts].map((e) => bagOf(e.text)), 2);
    const vec = (t: string): SparseVector => space.vector(bagOf(t));

    // The guard weighs both sides equally, however many examples each has.
    const guardExamples = [...inDomain, ...outDomain];
    const guardY = [...inDomain.map(() => IN), ...outDomain.map(() => OUT)];
    const mass = (list: ReadonlyArray<{ weight: number }>) => list.reduce((sum, e) => sum + e.weight, 0) || 1;
    const total = mass(inDomain) + mass(outDomain);
    const classWeight = [total / (2 * mass(outDomain)), total / (2 * mass(inDomain))];
    const guard = LinearModel.train(
      guardExamples.map((e) => vec(e.text)),
      guardY,
      2,
      space.size,
      { ...DEFAULT_TRAINING, classWeight },
      guardExamples.map((e) => e.weight),
    );

    const situationX = situationTexts.map((t) => vec(t.text));
    const situationY = situationTexts.map((t) => t.label);
    const situationModel = LinearModel.train(situationX, situationY, data.situations.length, space.size, DEFAULT_TRAINING);
    const bayesModel = LinearModel.naiveBayes(situationX, situationY, data.situations.length, space.size, BAYES_SMOOTHING, BAYES_SHARPNESS);
    // A second opinion on "off topic" from a model that knows each situation apart: the
    // situations and one more class for the questions outside the domain. It is stricter
    // where the binary guard lets a leadership question about something else through.
    const offLabel = data.situations.length;
    const offModel = LinearModel.train(
      [...situationX, ...outDomain.map((e) => vec(e.text))],
      [...situationY, ...outDomain.map(() => offLabel)],
      data.situations.length + 1,
      space.size,
      DEFAULT_TRAINING,
    );
    const { statementIds, statementModel } = trainStatementModel(data.situations, data.helpExamples ?? [], vec, space.size);
    return new SituationMatcher(space, data.situations.map((s) => s.id), guard, situationModel, bayesModel, offModel, analyzer, statementIds, statementModel);
  }

  static restore(snapshot: MatcherSnapshot, analyzer: DanishAnalyzer): SituationMatcher {
    return new SituationMatcher(
      new FeatureSpace(snapshot.features),
      snapshot.situationIds,
      LinearModel.restore(snapshot.guard),
      LinearModel.restore(snapshot.situations),
      LinearModel.restore(snapshot.bayes),
      LinearModel.restore(snapshot.offTopic),
      analyzer,
      snapshot.statementIds,
      snapshot.statements ? LinearModel.restore(snapshot.statements) : undefined,
    );
  }

  snapshot(): MatcherSnapshot {
    return {
      features: [...this.space.names],
      situationIds: [...this.situationIds],
      guard: this.guard.snapshot(),
      situations: this.situationModel.snapshot(),
      bayes: this.bayesModel.snapshot(),
      offTopic: this.offModel.snapshot(),
      statementIds: [...this.statementIds],
      statements: this.statementModel?.snapshot(),
    };
  }

  classify(text: string): Classification {
    const x = this.space.vector(featuresOf(text, this.analyzer));
    const off = this.offModel.predict(x)[this.situationIds.length]!;
    const inDomain = (this.guard.predict(x)[IN]! + 1 - off) / 2;
    const p = this.situationModel.predict(x);
    const b = this.bayesModel.predict(x);
    const situations = this.situationIds.map((id, i) => ({ id, probability: (1 - BAYES_SHARE) * p[i]! + BAYES_SHARE * b[i]! }));
    situations.sort((a, b) => b.probability - a.probability || (a.id < b.id ? -1 : 1));
    return { inDomain, situations, statements: this.statementLikelihoods(x) };
  }

  private statementLikelihoods(x: SparseVector): StatementLikelihood[] {
    if (!this.statementModel) return [];
    const p = this.statementModel.predict(x);
    let max = 0;
    for (const v of p) max = Math.max(max, v);
    return this.statementIds.map((id, i) => ({ id, weight: max > 0 ? p[i]! / max : 0 }));
  }
}
