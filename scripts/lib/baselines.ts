// Reference engines for `npm run eval` and `npm run bench`: natural's TfIdf used as its
// README shows, and MiniSearch (BM25) with Danish stemming and stop words.

import { createRequire } from 'node:module';
import MiniSearch from 'minisearch';
import type { Statement } from '../../src/knowledge/schema.ts';
import { stem } from '../../src/search/stem.ts';
import { STOPWORDS } from '../../src/search/stopwords.ts';

export interface RankedResult {
  answered: boolean;
  ids: number[];
  scores: number[];
}

export interface Engine {
  name: string;
  search(query: string, top: number): RankedResult;
}

const require = createRequire(import.meta.url);

/** natural's TfIdf exactly as its README shows: `new natural.TfIdf()`, addDocument, tfidfs. */
export function naturalTfIdf(statements: readonly Statement[]): Engine {
  // The whole package, as the README imports it (this is what costs ~1 s at start-up).
  process.env.DOTENV_CONFIG_QUIET ??= 'true'; // natural loads dotenv, which prints tips on stdout
  const natural = require('natural') as { TfIdf: new () => NaturalTfIdf };
  const tfidf = new natural.TfIdf();
  for (const s of statements) tfidf.addDocument(s.text);
  return {
    name: 'natural TfIdf',
    search(query, top) {
      const scored: Array<{ i: number; score: number }> = [];
      tfidf.tfidfs(query, (i, measure) => {
        if (measure > 0) scored.push({ i, score: measure });
      });
      scored.sort((a, b) => b.score - a.score);
      const best = scored.slice(0, top);
      return { answered: best.length > 0, ids: best.map((b) => b.i), scores: best.map((b) => b.score) };
    },
  };
}

interface NaturalTfIdf {
  addDocument(text: string): void;
  tfidfs(query: string, cb: (i: number, measure: number) => void): void;
}

/** MiniSearch BM25 with a Unicode tokenizer, Danish stop words and the Snowball stemmer. */
export function miniSearch(statements: readonly Statement[]): Engine {
  const ms = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize: (text) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [],
    processTerm: (term) => (STOPWORDS.has(term) ? null : stem(term)),
  });
  ms.addAll(statements.map((s, i) => ({ id: i, text: s.text })));
  return {
    name: 'MiniSearch (BM25, dansk)',
    search(query, top) {
      const res = ms.search(query, { combineWith: 'OR' }).slice(0, top);
      return { answered: res.length > 0, ids: res.map((r) => r.id as number), scores: res.map((r) => r.score) };
    },
  };
}
