// Snowball Danish stemmer (the Porter/Snowball algorithm, via @orama/stemmers), with a memo:
// the vocabulary of questions and statements is small and repeats.

import { stemmer } from '@orama/stemmers/danish';

const memo = new Map<string, string>();
const MEMO_LIMIT = 200_000;

export function stem(word: string): string {
  let s = memo.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (memo.size < MEMO_LIMIT) memo.set(word, s);
  }
  return s;
}
