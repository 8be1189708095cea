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
const ENDINGS = ['ernes', 'enes', 'rnes', 'erne', 'rne', 'este', 'ende', 'ene', 'ede', 'ere', 'ers', 'ens', 'ets', 'ste', 'er', 'en', 'et', 'es', 'ne', 'de', 'te', 'e', 'r', 'n', 't', 's'];

/**
 * Derivational suffixes: where the head and the start of the tail make a known word, the tail
 * is the suffix of a derived word, not a word of its own — "sikkerhed|en", not "sikker" +
 * "heden"; "institution|en", not "institut" + "ionen"; "gruppering|er", not "gruppe" + "ringer".
 */
const DERIVATIONAL = ['hed', 'ion', 'ering', 'ring', 'ning', 'lig'];
/**
 * Tails that are a suffix and its inflection, never a word in a compound: "-isere", "-isering",
 * "-isation" ("digital|isering"), and "-ion", "-hed" inflected ("diskuss|ioner", "mulig|heder").
 */
const SUFFIX_TAIL = /^(?:is(?:er|at)|(?:ion|hed)(?:en|er|erne|ernes|ens|s)?$)/;

/** Suffixes after which Danish compounds take a linking -s-. */
const LINKING_S_AFTER = /(?:ning|ing|hed|tion|else|skab|dom)$/;

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
    return this.strippedBase(tail);
  }

  /** The longest word `tail` is an inflection of ("politikerne" → "politiker"), or undefined. */
  private strippedBase(tail: string): string | undefined {
    // The longest base wins: "pressen" is "presse" + n, not "pres" + sen.
    let best: string | undefined;
    for (const ending of ENDINGS) {
      if (tail.length - ending.length < MIN_PART || !tail.endsWith(ending)) continue;
      const base = tail.slice(0, -ending.length);
      // -rne and -rnes follow a base in -e only: "skole|rne", never "nedskæring|rne".
      if (ending.startsWith('rne') && !base.endsWith('e')) continue;
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
    // An inflected form of a known word splits only where that word does: "politikerne" is
    // "politiker" + ne, not "politi" + "kerne", and "nedskæringen" is not "nedskær" + "ingen";
    // "forældrebestyrelsen" is "forældre" + "bestyrelsen" because "forældrebestyrelse" is
    // "forældre" + "bestyrelse".
    let whole = this.strippedBase(word);
    // "politikernes" → "politikerne" → "politiker".
    const deeper = whole && this.strippedBase(whole);
    if (deeper) whole = deeper;
    // Of all splits into known words, take the one whose shorter part is longest, then the
    // longest head: "spare|runden" (5, 5) beats "sparer|unden" (6, 3);
    // "medarbejder|inddragelsen" beats "med|arbejderinddragelsen".
    let best: { parts: string[]; shortest: number; head: number } | undefined;
    for (let i = word.length - minPart; i >= minPart; i--) {
      const head = word.slice(0, i);
      if (!this.isWord(head) || this.noSplit.has(head)) continue;
      for (const link of ['', 's', 'e']) {
        if (link && (word[i] !== link || head.length < MIN_PART_LEXICALISED)) continue;
        // After -ning, -hed, -tion, -else, -skab and -dom an "s" is the linking s:
        // "undervisning|s|timerne", not "undervisning|stimerne".
        if (!link && word[i] === 's' && LINKING_S_AFTER.test(head)) continue;
        const tail = word.slice(i + link.length);
        if (tail.length < minPart) continue;
        if (this.derivedAt(head, link, tail)) continue;
        let parts: string[] | null = null;
        let shortest = 0;
        const base = this.baseForm(tail);
        if (base !== undefined) {
          if (whole !== undefined && !this.splitsBaseAt(whole, head + link)) continue;
          parts = [head, tail];
          shortest = Math.min(head.length, base.length);
        } else if (depth < 1 && whole === undefined) {
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

  /** `tail` is a suffix, or begins with one that makes `head` a derived word ("sikker" + "heden"). */
  private derivedAt(head: string, link: string, tail: string): boolean {
    if (SUFFIX_TAIL.test(tail)) return true;
    return !link && DERIVATIONAL.some((suffix) => tail.startsWith(suffix) && this.isWord(head + suffix));
  }

  /** The base form splits after `prefix` into it and a word: "brugerråd" after "bruger". */
  private splitsBaseAt(whole: string, prefix: string): boolean {
    const rest = whole.slice(prefix.length);
    return whole.startsWith(prefix) && rest.length >= MIN_PART && this.isWord(rest);
  }

}
