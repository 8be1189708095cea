// A multinomial logistic regression over sparse features, trained deterministically.
// Used twice: the off-topic guard (in the domain or not) and the situation matcher (which of
// the situations a question describes). Small enough to train in well under a second on
// the example questions, and to store next to the index in the start-up cache.

/** A sparse example: feature ids with their values (already normalised). */
export interface SparseVector {
  ids: Int32Array;
  values: Float32Array;
}

export interface TrainingOptions {
  epochs: number;
  /** AdaGrad's base step. */
  learningRate: number;
  /** L2 penalty per update, scaled by the step. */
  l2: number;
  /** Seed of the shuffle: the same data always gives the same model. */
  seed: number;
  /** Per-class weight of an example (e.g. to balance a small class); 1 when absent. */
  classWeight?: readonly number[];
}

export const DEFAULT_TRAINING: TrainingOptions = { epochs: 20, learningRate: 0.5, l2: 1e-4, seed: 20240522 };

/** The trained weights, as stored in the start-up cache. */
export interface LinearModelSnapshot {
  classes: number;
  features: number;
  /**
   * Weights, feature-major (features × classes), as signed bytes times `scale`: base64 in JSON,
   * or the bytes themselves (the start-up cache reads them from a file of their own).
   */
  weights: string | Uint8Array;
  scale: number;
  bias: number[];
}

/** Gradients smaller than this are skipped (see train). */
const MIN_GRADIENT = 1e-3;

/** A target distribution over classes: each share in 0..1, together 1. */
export type SoftLabel = ReadonlyArray<{ label: number; share: number }>;

/** mulberry32: a small, fast, seeded PRNG for a reproducible shuffle. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class LinearModel {
  private constructor(
    readonly classes: number,
    readonly features: number,
    /** The weights as signed bytes times `scale`: what is stored and what is used. */
    private readonly quantized: Int8Array,
    private readonly scale: number,
    private readonly bias: Float64Array,
  ) {}

  /**
   * `labels` holds each example's class, or its target distribution over classes (a soft label:
   * classes with shares that sum to 1). `sampleWeight` scales each example's gradient (1 when
   * absent), on top of its class weight (a hard label's only).
   */
  static train(
    examples: readonly SparseVector[],
    labels: ReadonlyArray<number | SoftLabel>,
    classes: number,
    features: number,
    options: TrainingOptions = DEFAULT_TRAINING,
    sampleWeight?: readonly number[],
  ): LinearModel {
    // Float64 while training (no rounding on every update), stored as Float32.
    const w = new Float64Array(features * classes);
    const bias = new Float64Array(classes);
    // AdaGrad's sums of squared gradients, per weight and per bias.
    const g2 = new Float64Array(features * classes).fill(1e-8);
    const b2 = new Float64Array(classes).fill(1e-8);
    const order = examples.map((_, i) => i);
    const random = seeded(options.seed);
    const probs = new Float64Array(classes);
    const target = new Float64Array(classes);
    const lr = options.learningRate;
    const l2 = options.l2;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const n of order) {
        const { ids, values } = examples[n]!;
        const label = labels[n]!;
        const y = typeof label === 'number' ? label : -1;
        if (y < 0) {
          target.fill(0);
          for (const t of label as SoftLabel) target[t.label] = t.share;
        }
        const cw = (y >= 0 ? (options.classWeight?.[y] ?? 1) : 1) * (sampleWeight?.[n] ?? 1);
        const count = ids.length;
        for (let c = 0; c < classes; c++) probs[c] = bias[c]!;
        for (let k = 0; k < count; k++) {
          const base = ids[k]! * classes;
          const v = values[k]!;
          for (let c = 0; c < classes; c++) probs[c]! += w[base + c]! * v;
        }
        softmaxInPlace(probs);
        for (let c = 0; c < classes; c++) {
          const g = cw * (probs[c]! - (y >= 0 ? (c === y ? 1 : 0) : target[c]!));
          // Classes the model already rules out for this example have almost no gradient;
          // skipping them makes training several times faster with the same results.
          if (g < MIN_GRADIENT && g > -MIN_GRADIENT) continue;
          b2[c]! += g * g;
          bias[c]! -= (lr * g) / Math.sqrt(b2[c]!);
          for (let k = 0; k < count; k++) {
            const at = ids[k]! * classes + c;
            const gw = g * values[k]! + l2 * w[at]!;
            const acc = (g2[at]! += gw * gw);
            w[at]! -= (lr * gw) / Math.sqrt(acc);
          }
        }
      }
    }
    const { quantized, scale } = quantize(w);
    return new LinearModel(classes, features, quantized, scale, bias);
  }

  /**
   * Multinomial naive Bayes as a linear model: each weight is log P(feature | class), learned by
   * counting, times `sharpness` (the examples are unit-length vectors, so the raw sum of logs is
   * too flat a posterior). A second opinion that errs differently from the regression: it weighs
   * every feature a class has seen, where the regression leans on the few that separate best.
   */
  static naiveBayes(
    examples: readonly SparseVector[],
    labels: readonly number[],
    classes: number,
    features: number,
    smoothing: number,
    sharpness: number,
  ): LinearModel {
    const counts = new Float64Array(features * classes);
    const totals = new Float64Array(classes);
    examples.forEach(({ ids, values }, n) => {
      const c = labels[n]!;
      for (let k = 0; k < ids.length; k++) {
        counts[ids[k]! * classes + c]! += values[k]!;
        totals[c]! += values[k]!;
      }
    });
    const w = new Float64Array(features * classes);
    for (let f = 0; f < features; f++) {
      for (let c = 0; c < classes; c++) {
        w[f * classes + c] = sharpness * Math.log((counts[f * classes + c]! + smoothing) / (totals[c]! + smoothing * features));
      }
    }
    // Weights relative to each feature's mean over the classes: the same posterior (a constant
    // per feature cancels in the softmax), and a narrower range for the signed bytes.
    for (let f = 0; f < features; f++) {
      let mean = 0;
      for (let c = 0; c < classes; c++) mean += w[f * classes + c]! / classes;
      for (let c = 0; c < classes; c++) w[f * classes + c]! -= mean;
    }
    const { quantized, scale } = quantize(w);
    return new LinearModel(classes, features, quantized, scale, new Float64Array(classes));
  }

  static restore(s: LinearModelSnapshot): LinearModel {
    const bytes = typeof s.weights === 'string' ? Buffer.from(s.weights, 'base64') : s.weights;
    if (bytes.length !== s.features * s.classes) throw new Error('model snapshot has the wrong size');
    // A view on the bytes, not a copy: they are read-only from here on (a copy cost ~30 ms at start).
    const quantized = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new LinearModel(s.classes, s.features, quantized, s.scale, Float64Array.from(s.bias));
  }

  /**
   * Weights rounded to 255 levels: a quarter of the size, so the start-up cache reads and parses
   * faster; the probabilities move in the third decimal. A freshly trained model is rounded the
   * same way (see `train`), so trained and restored models classify alike.
   */
  snapshot(): LinearModelSnapshot {
    const q = this.quantized;
    return {
      classes: this.classes,
      features: this.features,
      weights: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64'),
      scale: this.scale,
      bias: [...this.bias],
    };
  }

  /**
   * Class probabilities of one example. The signed-byte weights are used as they are (times the
   * scale), so restoring a model from the cache is a base64 decode and nothing more.
   */
  predict(x: SparseVector): Float64Array {
    const { classes, quantized } = this;
    const out = Float64Array.from(this.bias);
    for (let k = 0; k < x.ids.length; k++) {
      const base = x.ids[k]! * classes;
      const v = x.values[k]! * this.scale;
      for (let c = 0; c < classes; c++) out[c]! += quantized[base + c]! * v;
    }
    softmaxInPlace(out);
    return out;
  }
}

function quantize(w: ArrayLike<number>): { quantized: Int8Array; scale: number } {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]!));
  const scale = max > 0 ? max / 127 : 1;
  const quantized = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) quantized[i] = Math.round(w[i]! / scale);
  return { quantized, scale };
}

function softmaxInPlace(v: Float64Array): void {
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    v[i] = Math.exp(v[i]! - max);
    sum += v[i]!;
  }
  for (let i = 0; i < v.length; i++) v[i]! /= sum;
}
