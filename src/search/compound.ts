// Danish compound splitting: "medarbejderinddragelsen" → "medarbejder" + "inddragelsen",
// "budgetprocessen" → "budget" + "processen", "konsekvensberegning" → "konsekvens" + "beregning".
// Parts must be words of the dictionary (or of the corpus/lexicon); the linking
// morphemes -s- and -e- are allowed between them ("ledelse-s-rum", "spare-katalog").

/** Parts shorter than this are too ambiguous to be worth matching ("af", "ud"). */
const MIN_PART = 3;
/** Words shorter than this are not split. */
const MIN_WORD = 7;
/**
 * A word the dictionary knows as a whole is split only into long parts:
 * "forældre|bestyrelse", "retning|s|linje", but not "med|arbejder" or "for|andring".
 */
const MIN_PART_LEXICALISED = 5;

/** Inflectional endings stripped to find a tail's base form ("processen" → "proces"). */
const ENDINGS = ['ernes', 'enes', 'erne', 'este', 'ende', 'ene', 'ede', 'ere', 'ers', 'ens', 'ets', 'ste', 'er', 'en', 'et', 'es', 'ne', 'de', 'te', 'e', 'r', 'n', 't', 's'];

export class CompoundSplitter {
  private readonly memo = new Map<string, string[] | null>();

  constructor(
    private readonly isWord: (w: string) => boolean,
    private readonly noSplit: ReadonlySet<string> = new Set(),
  ) {}

  /** A base form for `tail` that is a word, or undefined. */
  baseForm(tail: string): string | undefined {
    if (tail.length < MIN_PART) return undefined;
    if (this.isWord(tail)) return tail;
    // The longest base wins: "pressen" is "presse" + n, not "pres" + sen.
    let best: string | undefined;
    for (const ending of ENDINGS) {
      if (tail.length - ending.length < MIN_PART || !tail.endsWith(ending)) continue;
      const base = tail.slice(0, -ending.length);
      if (best && base.length <= best.length) continue;
      if (this.isWord(base)) best = base;
      else {
        // Danish doubles a final consonant before an ending: "processen" → "process" → "proces".
        const last = base.at(-1);
        const single = base.slice(0, -1);
        if (last && base.at(-2) === last && (!best || single.length > best.length) && this.isWord(single)) best = single;
      }
    }
    return best;
  }

  /**
   * The parts of `word` (as written, inflection kept on the last part), or null when it is
   * not a compound. Words the dictionary knows as a whole are not split.
   */
  split(word: string): string[] | null {
    const hit = this.memo.get(word);
    if (hit !== undefined) return hit;
    const result = this.compute(word, 0);
    this.memo.set(word, result);
    return result;
  }

  private compute(word: string, depth: number): string[] | null {
    if (word.length < MIN_WORD || this.noSplit.has(word)) return null;
    // A dictionary word, inflected or not, is lexicalised: "medarbejderne" is not "med" + "arbejderne".
    const minPart = depth === 0 && this.baseForm(word) !== undefined ? MIN_PART_LEXICALISED : MIN_PART;
    // Of all splits into known words, take the one whose shorter part is longest, then the
    // longest head: "spare|runden" (5, 5) beats "sparer|unden" (6, 3);
    // "medarbejder|inddragelsen" beats "med|arbejderinddragelsen".
    let best: { parts: string[]; shortest: number; head: number } | undefined;
    for (let i = word.length - minPart; i >= minPart; i--) {
      const head = word.slice(0, i);
      if (!this.isWord(head) || this.noSplit.has(head)) continue;
      for (const link of ['', 's', 'e']) {
        if (link && (word[i] !== link || head.length < MIN_PART_LEXICALISED)) continue;
        const tail = word.slice(i + link.length);
        if (tail.length < minPart) continue;
        let parts: string[] | null = null;
        let shortest = 0;
        const base = this.baseForm(tail);
        if (base !== undefined) {
          parts = [head, tail];
          shortest = Math.min(head.length, base.length);
        } else if (depth < 1) {
          const rest = this.compute(tail, depth + 1);
          if (rest) {
            parts = [head, ...rest];
            shortest = Math.min(head.length, ...rest.map((r) => r.length));
          }
        }
        if (parts && (!best || shortest > best.shortest || (shortest === best.shortest && head.length > best.head))) {
          best = { parts, shortest, head: head.length };
        }
      }
    }
    return best?.parts ?? null;
  }

}
