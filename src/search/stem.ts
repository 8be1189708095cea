// Snowball Danish stemmer (the Porter/Snowball algorithm, via @orama/stemmers), with a memo:
// the vocabulary of questions and statements is small and repeats.

import { stemmer } from '@orama/stemmers/danish';

const memo = new Map<string, string>();
const MEMO_LIMIT = 200_000;

/**
 * Word endings the Snowball rules fold into the wrong stem, with the stem they should have
 * (the start of the word is kept, so compounds follow: "budgetprocessen", "byrådspolitikerne"):
 * - "proces" loses "es" ("proc") while "processen" keeps "proces";
 * - "politikere" (politicians) and "politikker" (policies) both become "politik";
 * - "pressen" (the press) becomes "pres" (pressure), as in "tidspres", while "presset"
 *   (under pressure) has the base form "presse";
 * - "følelser" (feelings) and "føler" (feels) share "føl";
 * - "udvalgte" (chosen) becomes "udvalg" (committee);
 * - "helhed" (the whole: "kommunen som helhed") becomes "hel", like "hele" and "heller";
 * - "synlig" (visible) becomes "syn", like "synes" (thinks);
 * - "forliget" (the budget agreement) becomes "for";
 * - "ledigheden" (unemployment) becomes "led", like "leder";
 * - "videre" (on: "sende videre") becomes "vid", like "vide" (know) and "viden";
 * - "ligeligt" (evenly: "skære ligeligt") becomes "lig", like "lige" and "ligge";
 * - "sagligt" (objectively) becomes "sag", like "sagen" (the matter).
 */
const OVERRIDES: Array<[RegExp, string]> = [
  [/proces(?:sen|ser|serne|sernes|sens|s)?$/, 'proces'],
  [/politiker(?:e|en|ens|ne|nes|s)?$/, 'politiker'],
  [/pres(?:set|sede|sende)$/, 'pres'],
  [/presse(?:n|ns|r)?$/, 'presse'],
  [/følelse(?:r|rne|rnes|n|ns|s)?$/, 'følelse'],
  [/udvalgte$/, 'udvalgt'],
  [/helhed(?:en|ens|er|erne|s)?$/, 'helhed'],
  [/synlig(?:e|t|hed|heden|heds)?$/, 'synlig'],
  [/forlig(?:et|ets|ene|s)?$/, 'forlig'],
  [/ledighed(?:en|ens|s)?$/, 'ledighed'],
  [/videre$/, 'videre'],
  [/ligelig(?:e|t)?$/, 'ligelig'],
  [/saglig(?:e|t|hed|heden)?$/, 'saglig'],
];

export function stem(word: string): string {
  let s = memo.get(word);
  if (s !== undefined) return s;
  for (const [pattern, replacement] of OVERRIDES) {
    const m = pattern.exec(word);
    if (m) {
      s = word.slice(0, m.index) + replacement;
      if (memo.size < MEMO_LIMIT) memo.set(word, s);
      return s;
    }
  }
  if (s === undefined) {
    s = stemmer(word);
    if (memo.size < MEMO_LIMIT) memo.set(word, s);
  }
  return s;
}

/** True when the word's stem is fixed by an override: its base form must not second-guess it. */
export function hasStemOverride(word: string): boolean {
  return OVERRIDES.some(([pattern]) => pattern.test(word));
}
