// Development aid: shows how the engine sees questions (terms, confidence, top candidates).
// npx tsx scripts/diagnose.ts "spørgsmål" ...   or   npx tsx scripts/diagnose.ts --file eval/dev.jsonl
import { readFileSync } from 'node:fs';
import { loadKnowledgeIndex } from '../src/search/knowledge-index.ts';

const index = loadKnowledgeIndex(process.env.DATA_DIR || undefined);
const args = process.argv.slice(2);
let qs: Array<{ q: string; rel: boolean | undefined }> = [];
if (args[0] === '--file') {
  qs = readFileSync(args[1]!, 'utf8').split('\n').filter(Boolean).map((l) => {
    const j = JSON.parse(l) as { question: string; relevant: string[] };
    return { q: j.question, rel: j.relevant.length > 0 };
  });
} else qs = args.map((q) => ({ q, rel: undefined }));
for (const { q, rel } of qs) {
  const r = index.engine.search(q, { top: 3 });
  const terms = [...index.engine.analyzer.analyze(q)].map(([t, w]) => `${t}${w !== 1 ? `*${w.toFixed(2)}` : ''}${index.engine.has(t) ? '' : '?'}`).join(' ');
  console.log(`${rel === undefined ? '' : rel ? 'IN ' : 'OUT'} ${r.answered ? 'ANS' : 'no '} conf=${r.confidence.toFixed(2)} score=${(r.candidates[0]?.score ?? 0).toFixed(2)} | ${q}\n      ${terms}\n      → ${r.candidates[0]?.statement.id} ${r.candidates[0]?.statement.text.slice(0, 70)}`);
}
const explainArg = process.env.EXPLAIN;
if (explainArg) {
  for (const id of explainArg.split(',')) {
    console.log(id, index.engine.explain(qs[0]!.q, id).map((e) => `${e.term}=${e.score.toFixed(2)}`).join(' '));
  }
}
