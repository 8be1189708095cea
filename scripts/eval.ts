// npm run eval — answer quality of this engine, its layers one by one, and two references.
// Relevance rule (eval/README.shared.md): a statement is relevant when its text, reduced to
// lowercase letters and digits, contains one of the question's snippets reduced the same way.
//
//   npm run eval                 every set, every engine
//   npm run eval -- --ours       only Ledelsesbot as shipped
//   npm run eval -- -v FILE      the questions of FILE that miss the top 3, and wrong answers

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adviceStatements } from '../src/knowledge/advice.ts';
import { Answerer, DEFAULT_ANSWER_POLICY, type AnswerPolicy } from '../src/search/answerer.ts';
import { loadKnowledgeIndex } from '../src/search/knowledge-index.ts';
import { miniSearch, naturalTfIdf, type Engine } from './lib/baselines.ts';

interface EvalQuestion {
  id: string;
  question: string;
  relevant: string[];
  /** Situations that fit the question, where the set has them. */
  situations?: string[];
}

interface RankedWithConfidence {
  answered: boolean;
  ids: number[];
  confidence?: 'high' | 'low' | undefined;
  situations?: string[];
}

interface EvalEngine {
  name: string;
  search(query: string, top: number): RankedWithConfidence;
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
const SETS: Array<[string, string]> = [
  ['dev.jsonl', 'dev.jsonl (../shared/eval)'],
  ['extra.jsonl', 'extra.jsonl (egne spørgsmål, skrevet med udsagnene for øje)'],
  ['blind.jsonl', 'blind.jsonl (skrevet af en, der kun kendte udsagnene)'],
  ['persona-dev.jsonl', 'persona-dev.jsonl (personaer, skrevet uden udsagn; må tunes på)'],
  ['persona-test.jsonl', 'persona-test.jsonl (personaer, skrevet uden udsagn; kun målt, aldrig tunet)'],
  ['persona2-dev.jsonl', 'persona2-dev.jsonl (12 personaer, anden skribent og læser; må tunes på)'],
  ['persona2-test.jsonl', 'persona2-test.jsonl (12 personaer, anden skribent og læser; kun målt, aldrig tunet)'],
  ['persona3-test.jsonl', 'persona3-test.jsonl (udfordringens seks personaer, to nye skribenter og læsere; kun målt, aldrig tunet)'],
];
const sets = files.length
  ? files.map((f) => ({ name: path.basename(f), questions: readSet(path.resolve(f)) }))
  : SETS.filter(([f]) => existsSync(path.join(root, 'eval', f))).map(([f, name]) => ({ name, questions: readSet(path.join(root, 'eval', f)) }));

const index = loadKnowledgeIndex(process.env.DATA_DIR || undefined);
const corpus = adviceStatements(index.kb.statements);
const position = new Map(corpus.map((s, i) => [s, i]));

function answererEngine(name: string, answerer: Answerer): EvalEngine {
  return {
    name,
    search(query, top) {
      const r = answerer.answer(query, { top });
      return { answered: r.answered, ids: r.candidates.map((h) => position.get(h.statement)!), confidence: r.confidence, situations: r.situations };
    },
  };
}

const variant = (name: string, policy: Partial<AnswerPolicy>, withMatcher = true) =>
  answererEngine(name, new Answerer(index.engine, withMatcher ? index.matcher : undefined, index.situations, { ...DEFAULT_ANSWER_POLICY, ...policy }));

const ours = answererEngine('Ledelsesbot', index.answerer);
// Each layer's share: the engine before this work (BM25 over the statements alone), then one
// layer at a time, then the whole without one part.
const layers: EvalEngine[] = [
  variant('  før: BM25 alene', {}, false),
  variant('  + vagt', { situationBoost: 0, minSituation: Number.POSITIVE_INFINITY }),
  variant('  alle lag undtagen vagten', { minInDomain: 0 }),
  variant('  alle lag undtagen "nærmeste"', { minSituation: Number.POSITIVE_INFINITY }),
  variant('  alle lag undtagen eksemplernes "best" og "helps"', { statementBoost: 0 }),
];
const baseline = (e: Engine): EvalEngine => e;
const engines: EvalEngine[] = args.includes('--ours')
  ? [ours]
  : [ours, ...layers, baseline(naturalTfIdf(corpus)), baseline(miniSearch(corpus))];

interface Metrics {
  hit1: number;
  hit3: number;
  mrr5: number;
  answered: number;
  rejected: number;
  /** In-scope questions answered confidently with nothing relevant in the top 3, plus off-topic ones answered confidently. */
  confidentlyWrong: number;
  low: number;
  situationAccuracy: number | undefined;
  inScope: number;
  outOfScope: number;
}

function evaluate(engine: EvalEngine, questions: EvalQuestion[]): Metrics {
  let hit1 = 0, hit3 = 0, mrr = 0, answered = 0, rejected = 0, inScope = 0, outOfScope = 0, wrong = 0, low = 0;
  let sitRight = 0, sitAsked = 0;
  for (const q of questions) {
    const r = engine.search(q.question, 5);
    const confident = r.answered && r.confidence !== 'low';
    if (q.relevant.length === 0) {
      outOfScope++;
      if (!r.answered) rejected++;
      else if (confident) wrong++;
      if (r.answered && verbose && engine === ours) console.log(`  ${q.id} besvaret (${r.confidence}), burde afvises: ${q.question}`);
      continue;
    }
    inScope++;
    if (r.answered) answered++;
    if (r.confidence === 'low') low++;
    if (q.situations?.length && r.situations) {
      sitAsked++;
      if (r.situations[0] && q.situations.includes(r.situations[0])) sitRight++;
    }
    const snippets = q.relevant.map(reduce);
    const shown = r.answered ? r.ids : [];
    const rank = shown.findIndex((i) => {
      const text = reduce(corpus[i]!.text);
      return snippets.some((s) => text.includes(s));
    });
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
    if (rank >= 0 && rank < 5) mrr += 1 / (rank + 1);
    if (confident && (rank < 0 || rank >= 3)) wrong++;
    if (verbose && engine === ours && (rank < 0 || rank >= 3)) {
      const how = r.answered ? `${r.confidence}, rang ${rank < 0 ? '>5' : rank + 1}` : 'IKKE BESVARET';
      console.log(`  ${q.id} ${how} [${r.situations?.slice(0, 2).join(', ')}]: ${q.question}`);
      for (const i of r.ids.slice(0, 3)) console.log(`      ${corpus[i]!.id} ${corpus[i]!.text.slice(0, 90)}`);
    }
  }
  const share = (n: number, d: number) => (d ? n / d : 0);
  return {
    hit1: share(hit1, inScope),
    hit3: share(hit3, inScope),
    mrr5: share(mrr, inScope),
    answered: share(answered, inScope),
    rejected: share(rejected, outOfScope),
    confidentlyWrong: share(wrong, inScope + outOfScope),
    low: share(low, inScope),
    situationAccuracy: sitAsked ? share(sitRight, sitAsked) : undefined,
    inScope,
    outOfScope,
  };
}

const f = (n: number) => n.toFixed(2);
for (const set of sets) {
  const inScope = set.questions.filter((q) => q.relevant.length).length;
  console.log(`\n${set.name}: ${set.questions.length} spørgsmål (${inScope} i emnet, ${set.questions.length - inScope} uden for)`);
  console.log('motor                            hit@1  hit@3  MRR@5  besvaret  heraf nærmeste  afvist uden for  sikkert forkert  situation@1');
  for (const engine of engines) {
    const m = evaluate(engine, set.questions);
    const sit = m.situationAccuracy === undefined ? '' : f(m.situationAccuracy);
    console.log(
      `${engine.name.padEnd(32)} ${f(m.hit1)}   ${f(m.hit3)}   ${f(m.mrr5)}   ${f(m.answered).padStart(6)}    ${f(m.low).padStart(10)}      ${f(m.rejected).padStart(10)}       ${f(m.confidentlyWrong).padStart(10)}       ${sit}`,
    );
  }
}
