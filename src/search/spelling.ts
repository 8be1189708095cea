// Typing errors in questions: a word neither Danish nor the domain knows is read as the most
// frequent word of the domain's texts one edit away (a letter dropped, doubled, swapped with its
// neighbour, or wrong). Leaders type fast on phones; "medarbejdrene", "afdellingen" and
// "direktinen" should find what the right spelling finds.

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzæøå';

/** Shorter words have too many neighbours one edit away to guess which was meant. */
export const MIN_CORRECTED_LENGTH = 5;

/** Every string one edit (delete, transpose, replace, insert) away from `word`. */
export function* oneEditAway(word: string): Generator<string> {
  for (let i = 0; i < word.length; i++) yield word.slice(0, i) + word.slice(i + 1);
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] !== word[i + 1]) yield word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  }
  for (let i = 0; i < word.length; i++) {
    for (const c of ALPHABET) if (c !== word[i]) yield word.slice(0, i) + c + word.slice(i + 1);
  }
  for (let i = 0; i <= word.length; i++) for (const c of ALPHABET) yield word.slice(0, i) + c + word.slice(i);
}

const VOWEL = /[aeiouyæøå]/;

/** Inflection endings of Danish nouns, verbs and adjectives, longest first. */
const ENDINGS = ['erne', 'este', 'ende', 'ede', 'ene', 'ere', 'ste', 'er', 'en', 'et', 'ne', 'te', 'st', 'e', 't', 's', 'r', 'n'];

/**
 * A correct inflection the base-form dictionary does not list: "begyndt" (begynde), "vigtigst"
 * (vigtig), "anbefal" (anbefale), "gamle" (gammel), "sikre" (sikker). Such words are never
 * "corrected".
 */
export function isInflectionOf(word: string, isBaseForm: (w: string) => boolean): boolean {
  return inflectionBase(word, isBaseForm) !== undefined;
}

/** The base form `word` is a correct inflection of (see `isInflectionOf`), or undefined. */
export function inflectionBase(word: string, isBaseForm: (w: string) => boolean): string | undefined {
  if (isBaseForm(`${word}e`)) return `${word}e`;
  for (const ending of ENDINGS) {
    if (!word.endsWith(ending) || word.length - ending.length < 3) continue;
    const stem = word.slice(0, -ending.length);
    // A bare -r or -n follows a vowel ("ser", "skoen"): "ringr" is a typo, not "ring" + r.
    if ((ending === 'r' || ending === 'n') && !VOWEL.test(stem.at(-1)!)) continue;
    if (isBaseForm(stem)) return stem;
    if (isBaseForm(`${stem}e`)) return `${stem}e`;
    // A past form keeps a double consonant single: gemme → gemt, adskille → adskilt.
    if ((ending === 't' || ending === 'te') && isBaseForm(`${stem}${stem.at(-1)}e`)) return `${stem}${stem.at(-1)}e`;
    // Syncope before an ending: gammel → gamle, sikker → sikre, enkel → enkle, åben → åbne.
    const m = /^(.*[^aeiouyæøå])([lnr])$/.exec(stem);
    if (m) {
      const [, head, tail] = m as unknown as [string, string, string];
      const last = head.at(-1)!;
      // The base's double consonant is single in the inflected form: "gammle" is a typo.
      if (head.at(-2) === last) continue;
      if (isBaseForm(`${head}e${tail}`)) return `${head}e${tail}`;
      if (isBaseForm(`${head}${last}e${tail}`)) return `${head}${last}e${tail}`;
    }
  }
  return undefined;
}

/**
 * How often each word of the domain's texts occurs, keeping only what the corrector can use:
 * words of at least four letters that are correctly spelled or occur more than once.
 */
export function countWords(words: Iterable<string>, isKnown: (w: string) => boolean): Map<string, number> {
  const all = new Map<string, number>();
  for (const w of words) if (w.length >= MIN_CORRECTED_LENGTH - 1) all.set(w, (all.get(w) ?? 0) + 1);
  const kept = new Map<string, number>();
  for (const [w, c] of all) if (c >= 2 || isKnown(w)) kept.set(w, c);
  return kept;
}

export class SpellingCorrector {
  /**
   * `counts`: how often each word occurs in the domain's texts (`countWords`); `isKnown`: a
   * correctly spelled Danish word.
   */
  constructor(
    readonly counts: ReadonlyMap<string, number>,
    private readonly isKnown: (w: string) => boolean,
  ) {}

  /** A word the domain's texts use more than once is a word, whatever the dictionary says. */
  isDomainWord(word: string): boolean {
    return (this.counts.get(word) ?? 0) >= 2;
  }

  /**
   * The most frequent correctly spelled word of the domain one edit away (ties: the first in
   * code-unit order), or undefined.
   */
  correct(word: string): string | undefined {
    if (word.length < MIN_CORRECTED_LENGTH) return undefined;
    let best: string | undefined;
    let bestCount = 0;
    for (const candidate of oneEditAway(word)) {
      const count = this.counts.get(candidate) ?? 0;
      if (count === 0 || count < bestCount || (count === bestCount && candidate > best!)) continue;
      if (!this.isKnown(candidate)) continue;
      best = candidate;
      bestCount = count;
    }
    return best;
  }
}
