// The best k of many scored statements, kept in a small min-heap instead of sorting them all:
// at 100 000 statements a common word touches tens of thousands of them.

export class TopK {
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.docs = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  /** Ties go to the lower doc, so rankings are stable. */
  private worse(i: number, j: number): boolean {
    const s = this.scores;
    return s[i]! < s[j]! || (s[i] === s[j] && this.docs[i]! > this.docs[j]!);
  }

  private swap(i: number, j: number): void {
    const d = this.docs[i]!;
    this.docs[i] = this.docs[j]!;
    this.docs[j] = d;
    const sc = this.scores[i]!;
    this.scores[i] = this.scores[j]!;
    this.scores[j] = sc;
  }

  offer(doc: number, score: number): void {
    if (this.size < this.k) {
      this.docs[this.size] = doc;
      this.scores[this.size] = score;
      let c = this.size++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!this.worse(c, parent)) break;
        this.swap(c, parent);
        c = parent;
      }
    } else if (score > this.scores[0]! || (score === this.scores[0] && doc < this.docs[0]!)) {
      this.docs[0] = doc;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  private siftDown(start: number): void {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (r < this.size && this.worse(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  /** What the heap holds, in no particular order. */
  entries(): Array<{ doc: number; score: number }> {
    const out: Array<{ doc: number; score: number }> = [];
    for (let i = 0; i < this.size; i++) out.push({ doc: this.docs[i]!, score: this.scores[i]! });
    return out;
  }
}
