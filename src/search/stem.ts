// Snowball Danish stemmer (the Porter/Snowball algorithm, via @orama/stemmers), with a memo:
// the vocabulary of questions and statements is small and repeats.

import { stemmer } from '@orama/stemmers/danish';

const memo = new Map<string, string>();
const MEMO_LIMIT = 200_000;

/**
 * Words the Snowball rules fold into an unrelated stem: "pressen" (the press) would become
 * "pres" (pressure), as in "tidspres".
 */
const OVERRIDES: Record<string, string> = {
  presse: 'presse',
  pressen: 'presse',
  pressens: 'presse',
};

export function stem(word: string): string {
  const override = OVERRIDES[word];
  if (override) return override;
  let s = memo.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (memo.size < MEMO_LIMIT) memo.set(word, s);
  }
  return s;
}
