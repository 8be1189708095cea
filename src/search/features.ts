// Features of a question for the learned matcher: what the analysis chain understands
// (stems, base forms, compound parts, lexicon concepts, neighbouring stems) and how the
// words are spelled (character 3- and 4-grams of each word, which survive typos and
// inflections the stemmer does not know), plus the function words ("hvornår", "kan du"),
// which tell a request for a fact or a task from a request for advice.

import type { DanishAnalyzer } from './analyzer.ts';
import type { SparseVector } from './linear-model.ts';
import { normalizeText, tokenize } from './normalize.ts';
import { isStopword } from './stopwords.ts';

/** Relative weights of the feature groups before the vector is scaled to unit length. */
const WEIGHT = { stem: 1, base: 0.7, part: 0.5, concept: 0.8, pair: 0.5, function: 0.4, gram: 0.25 };

export type FeatureBag = Map<string, number>;

export function featuresOf(text: string, analyzer: DanishAnalyzer): FeatureBag {
  const bag: FeatureBag = new Map();
  const add = (f: string, w: number) => bag.set(f, Math.max(bag.get(f) ?? 0, w));
  let previous = '';
  for (const w of analyzer.words(text, true)) {
    if (w.stem) {
      add(`s:${w.stem}`, WEIGHT.stem * (w.weight || 0.5));
      if (previous) add(`b:${previous}|${w.stem}`, WEIGHT.pair);
      previous = w.stem;
    }
    if (w.baseStem) add(`s:${w.baseStem}`, WEIGHT.base);
    for (const p of w.parts) add(`s:${p}`, WEIGHT.part);
    for (const c of w.concepts) add(`c:${c}`, WEIGHT.concept);
    for (const c of w.partConcepts) add(`c:${c}`, WEIGHT.part);
  }
  for (const token of tokenize(normalizeText(text))) {
    const word = analyzer.respelled(token.word);
    if (isStopword(word)) {
      add(`f:${word}`, WEIGHT.function);
      continue;
    }
    if (/^\d+$/.test(word)) continue;
    const padded = `<${word}>`;
    for (let n = 3; n <= 4; n++) {
      for (let i = 0; i + n <= padded.length; i++) add(`g:${padded.slice(i, i + n)}`, WEIGHT.gram);
    }
  }
  return bag;
}

/** Maps feature names to ids; built from the training texts, fixed afterwards. */
export class FeatureSpace {
  private readonly ids: Map<string, number>;

  constructor(readonly names: readonly string[]) {
    this.ids = new Map(names.map((n, i) => [n, i]));
  }

  get size(): number {
    return this.names.length;
  }

  /** The features seen in at least `minCount` training texts. */
  static fromBags(bags: readonly FeatureBag[], minCount = 1): FeatureSpace {
    const counts = new Map<string, number>();
    for (const bag of bags) for (const f of bag.keys()) counts.set(f, (counts.get(f) ?? 0) + 1);
    return new FeatureSpace([...counts].filter(([, c]) => c >= minCount).map(([f]) => f).sort());
  }

  /** The bag scaled to unit length, as a sparse vector over the known features. */
  vector(bag: FeatureBag): SparseVector {
    const ids: number[] = [];
    const values: number[] = [];
    // The length counts every feature, known or not: a question made mostly of words no
    // example had keeps only a small vector, and the model stays near its prior for it.
    let norm = 0;
    for (const [f, v] of bag) {
      norm += v * v;
      const id = this.ids.get(f);
      if (id === undefined) continue;
      ids.push(id);
      values.push(v);
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return { ids: Int32Array.from(ids), values: Float32Array.from(values, (v) => v * scale) };
  }
}
