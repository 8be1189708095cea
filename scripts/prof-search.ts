// Development aid: where a query's time goes at scale (postings touched per term).
import { readFileSync } from 'node:fs';
import { adviceStatements } from '../src/knowledge/advice.ts';
import { buildEngine, loadKnowledgeIndex } from '../src/search/knowledge-index.ts';
const index = loadKnowledgeIndex();
const real = adviceStatements(index.kb.statements);
const n = Number(process.argv[2] ?? 100000);
const corpus = Array.from({ length: n }, (_, i) => ({ ...real[i % real.length]!, id: `s${i}`, text: real[(i * 7919) % real.length]!.text + ' ' + real[(i * 104729) % real.length]!.text.split(' ').slice(0, 6).join(' ') }));
const engine = buildEngine(corpus, index.lexicon);
const qs = readFileSync('eval/dev.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).question as string);
const postings = (engine as unknown as { postings: Map<string, { docs: number[] }> }).postings;
let total = 0;
const byKind = { word: 0, concept: 0, bigram: 0 };
for (const q of qs) {
  for (const [t] of engine.analyzer.termsOf(engine.analyzer.words(q, true))) {
    const len = postings.get(t)?.docs.length ?? 0;
    total += len;
    byKind[t.startsWith('~') ? 'concept' : t.startsWith('^') ? 'bigram' : 'word'] += len;
  }
}
console.log('avg postings per query', (total / qs.length).toFixed(0), Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, (v / qs.length).toFixed(0)])));
const t = performance.now();
const R = Number(process.env.R ?? 5); for (let r = 0; r < R; r++) for (const q of qs) engine.search(q, { top: 5 });
console.log('avg ms', ((performance.now() - t) / (R * qs.length)).toFixed(2));
