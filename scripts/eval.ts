// npm run eval — answer quality of this engine and of two references on the same corpus.
// Relevance rule (eval/README.shared.md): a statement is relevant when its text, reduced to
// lowercase letters and digits, contains one of the question's snippets reduced the same way.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adviceStatements } from '../src/bot/conversation.ts';
import { loadKnowledgeIndex } from '../src/search/knowledge-index.ts';
import { miniSearch, naturalTfIdf, type Engine } from './lib/baselines.ts';

interface EvalQuestion {
  id: string;
  question: string;
  relevant: string[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reduce = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

function readSet(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const files = args.filter((a) => !a.startsWith('-'));
const sets = files.length
  ? files.map((f) => ({ name: path.basename(f), questions: readSet(path.resolve(f)) }))
  : [
      { name: 'dev.jsonl (../shared/eval)', questions: readSet(path.join(root, 'eval', 'dev.jsonl')) },
      { name: 'extra.jsonl (egne spørgsmål)', questions: readSet(path.join(root, 'eval', 'extra.jsonl')) },
      { name: 'blind.jsonl (skrevet uafhængigt af motoren)', questions: readSet(path.join(root, 'eval', 'blind.jsonl')) },
    ];

const index = loadKnowledgeIndex(process.env.DATA_DIR || undefined);
const corpus = adviceStatements(index.kb.statements);
const ours: Engine = {
  name: 'Ledelsesbot',
  search(query, top) {
    const r = index.engine.search(query, { top });
    const ids = r.candidates.map((h) => corpus.indexOf(h.statement));
    return { answered: r.answered, ids, scores: r.candidates.map((h) => h.score) };
  },
};
const engines = args.includes('--ours') ? [ours] : [ours, naturalTfIdf(corpus), miniSearch(corpus)];

interface Metrics {
  hit1: number;
  hit3: number;
  mrr5: number;
  answered: number;
  rejected: number;
  inScope: number;
  outOfScope: number;
}

function evaluate(engine: Engine, questions: EvalQuestion[]): Metrics {
  let hit1 = 0, hit3 = 0, mrr = 0, answered = 0, rejected = 0, inScope = 0, outOfScope = 0;
  for (const q of questions) {
    const r = engine.search(q.question, 5);
    if (q.relevant.length === 0) {
      outOfScope++;
      if (!r.answered) rejected++;
      else if (verbose && engine === ours) console.log(`  [${engine.name}] ${q.id} besvaret, burde afvises: ${q.question}`);
      continue;
    }
    inScope++;
    if (r.answered) answered++;
    const snippets = q.relevant.map(reduce);
    const shown = r.answered ? r.ids : [];
    const rank = shown.findIndex((i) => {
      const text = reduce(corpus[i]!.text);
      return snippets.some((s) => text.includes(s));
    });
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
    if (rank >= 0 && rank < 5) mrr += 1 / (rank + 1);
    if (verbose && engine === ours && (rank < 0 || rank >= (process.env.RANK ? Number(process.env.RANK) : 3))) {
      console.log(`  [${engine.name}] ${q.id} ${r.answered ? `rang ${rank < 0 ? '>5' : rank + 1}` : 'IKKE BESVARET'}: ${q.question}`);
      for (const i of (r.answered ? r.ids : r.ids).slice(0, 3)) console.log(`      ${corpus[i]!.id} ${corpus[i]!.text.slice(0, 90)}`);
    }
  }
  const share = (n: number, d: number) => (d ? n / d : 0);
  return {
    hit1: share(hit1, inScope),
    hit3: share(hit3, inScope),
    mrr5: share(mrr, inScope),
    answered: share(answered, inScope),
    rejected: share(rejected, outOfScope),
    inScope,
    outOfScope,
  };
}

const f = (n: number) => n.toFixed(3);
for (const set of sets) {
  console.log(`\n${set.name}: ${set.questions.length} spørgsmål`);
  console.log('motor                        hit@1  hit@3  MRR@5  besvaret  afvist (uden for emnet)');
  for (const engine of engines) {
    const m = evaluate(engine, set.questions);
    console.log(
      `${engine.name.padEnd(28)} ${f(m.hit1)}  ${f(m.hit3)}  ${f(m.mrr5)}  ${f(m.answered).padStart(8)}  ${f(m.rejected)} (${m.inScope} i emnet, ${m.outOfScope} uden for)`,
    );
  }
}
