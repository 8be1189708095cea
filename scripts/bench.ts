// npm run bench — index build time, query latency (p50/p99) and memory for this engine,
// natural's TfIdf and MiniSearch, on the real corpus and on synthetic corpora of about
// 10 000 and 100 000 statements made from the real ones; and the time `ledelse ask` takes
// from process start to printed answer.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adviceStatements } from '../src/knowledge/advice.ts';
import type { Statement } from '../src/knowledge/schema.ts';
import { buildEngine, loadKnowledgeIndex } from '../src/search/knowledge-index.ts';
import { miniSearch, naturalTfIdf, type Engine } from './lib/baselines.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn('(Kør med node --expose-gc for pålidelige hukommelsestal: npm run bench gør det.)');

function heapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same corpus. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Synthetic statements: each joins the words of two real statements, shuffled a little, so
 * the vocabulary, lengths and term frequencies stay those of the real corpus.
 */
function synthetic(real: readonly Statement[], n: number): Statement[] {
  const rnd = random(42);
  const words = real.map((s) => s.text.split(/\s+/));
  const out: Statement[] = [];
  for (let i = 0; i < n; i++) {
    const a = words[Math.floor(rnd() * words.length)]!;
    const b = words[Math.floor(rnd() * words.length)]!;
    const cut = Math.max(1, Math.floor(a.length * (0.3 + rnd() * 0.5)));
    const mixed = [...a.slice(0, cut), ...b.slice(Math.floor(b.length / 2))];
    for (let k = 0; k < 2 && mixed.length > 3; k++) {
      const x = Math.floor(rnd() * mixed.length);
      const y = Math.floor(rnd() * mixed.length);
      [mixed[x], mixed[y]] = [mixed[y]!, mixed[x]!];
    }
    const base = real[i % real.length]!;
    out.push({ ...base, id: `syn-${i}`, text: mixed.join(' ') });
  }
  return out;
}

function questions(): string[] {
  const qs: string[] = [];
  for (const f of ['dev.jsonl', 'extra.jsonl']) {
    const file = path.join(root, 'eval', f);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) qs.push((JSON.parse(line) as { question: string }).question);
  }
  return qs;
}

interface Row {
  engine: string;
  size: number;
  buildMs: number;
  p50: number;
  p99: number;
  heapMb: number;
  queries: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function measure(name: string, corpus: readonly Statement[], make: (c: readonly Statement[]) => Engine, qs: string[], budgetMs: number): Row {
  const before = heapMb();
  const t0 = performance.now();
  const engine = make(corpus);
  const buildMs = performance.now() - t0;
  const heap = heapMb() - before;
  // Warm up (JIT, memo tables), then time each query; stop early for slow engines.
  for (const q of qs.slice(0, 5)) engine.search(q, 5);
  const times: number[] = [];
  const started = performance.now();
  for (let round = 0; round < 20; round++) {
    for (const q of qs) {
      const s = performance.now();
      engine.search(q, 5);
      times.push(performance.now() - s);
    }
    if (performance.now() - started > budgetMs) break;
  }
  times.sort((a, b) => a - b);
  return { engine: name, size: corpus.length, buildMs, p50: percentile(times, 50), p99: percentile(times, 99), heapMb: heap, queries: times.length };
}

const index = loadKnowledgeIndex(process.env.DATA_DIR || undefined);
const real = adviceStatements(index.kb.statements);
const qs = questions();
const ours = (c: readonly Statement[]): Engine => {
  const engine = buildEngine(c, index.lexicon);
  return { name: 'Ledelsesbot', search: (q, top) => ({ answered: true, ids: [], scores: engine.search(q, { top }).hits.map((h) => h.score) }) };
};
// The whole answer on the real knowledge: guard, situations, BM25 and the fusion.
const layered = (): Engine => ({
  name: 'Ledelsesbot, alle lag',
  search: (q, top) => ({ answered: true, ids: [], scores: index.answerer.answer(q, { top }).hits.map((h) => h.score) }),
});
const engines: Array<[string, (c: readonly Statement[]) => Engine]> = [
  ['Ledelsesbot', ours],
  ['natural TfIdf', naturalTfIdf],
  ['MiniSearch', miniSearch],
];

console.log(`Spørgsmål: ${qs.length} (eval/dev.jsonl og eval/extra.jsonl), top 5. Node ${process.version}.`);
console.log('motor              udsagn   opbygning   p50 (ms)   p99 (ms)   hukommelse   målinger');
const sizeArg = process.argv.find((a) => a.startsWith('--sizes='));
const sizes = sizeArg ? sizeArg.slice(8).split(',').map((x) => (x === 'real' ? real.length : Number(x))) : [real.length, 10_000, 100_000];
const only = process.argv.find((a) => a.startsWith('--engine='))?.slice(9);
for (const size of sizes) {
  const corpus = size === real.length ? real : synthetic(real, size);
  for (const [name, make] of engines) {
    if (only && !name.toLowerCase().startsWith(only.toLowerCase())) continue;
    const row = measure(name, corpus, make, qs, size > 50_000 ? 8000 : 3000);
    console.log(
      `${row.engine.padEnd(16)} ${String(row.size).padStart(8)} ${`${row.buildMs.toFixed(0)} ms`.padStart(11)} ${row.p50.toFixed(3).padStart(10)} ${row.p99.toFixed(3).padStart(10)} ${`${row.heapMb.toFixed(1)} MB`.padStart(12)} ${String(row.queries).padStart(10)}`,
    );
  }
}

// The learned layer on its own: classifying one question, and training it from scratch (what a
// cache miss or a live edit of data/ costs).
{
  const row = measure('Ledelsesbot, alle lag', real, layered, qs, 3000);
  console.log(
    `${row.engine.padEnd(16)} ${String(row.size).padStart(8)} ${'(cache)'.padStart(11)} ${row.p50.toFixed(3).padStart(10)} ${row.p99.toFixed(3).padStart(10)} ${''.padStart(12)} ${String(row.queries).padStart(10)}`,
  );
  const times: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (const q of qs) {
      const t = performance.now();
      index.matcher.classify(q);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const { SituationMatcher } = await import('../src/search/matcher.ts');
  const { loadHelpExamples, loadOffTopic } = await import('../src/knowledge/load.ts');
  const dataDir = process.env.DATA_DIR || path.join(root, 'data');
  const t = performance.now();
  SituationMatcher.train({ situations: index.situations, offTopic: loadOffTopic(dataDir), statements: index.kb.statements, helpExamples: loadHelpExamples(dataDir, index.kb, index.situations) }, index.engine.analyzer);
  const trainMs = performance.now() - t;
  const snapshotMb = JSON.stringify(index.matcher.snapshot()).length / 1024 / 1024;
  console.log(
    `\nSituationer og vagt: klassifikation p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms; ` +
      `træning fra bunden ${(trainMs / 1000).toFixed(1)} s; gemt model ${snapshotMb.toFixed(1)} MB.`,
  );
}

// From process start to printed answer, as a leader in a terminal experiences it.
const bin = path.join(root, 'bin', 'ledelse.js');
// The installed command runs dist/: build it from the current source first.
try {
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'pipe' });
} catch {
  console.warn('(npm run build fejlede; ledelse ask måles på den dist/, der findes.)');
}
if (existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    execFileSync(process.execPath, [bin, 'ask', 'Hvordan fortæller jeg mine medarbejdere om nedskæringerne?'], { stdio: 'pipe' });
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(`\nledelse ask fra processtart til svar: median ${runs[2]!.toFixed(0)} ms, langsomst ${runs[4]!.toFixed(0)} ms (5 kørsler).`);
} else {
  console.log('\n(ledelse ask ikke målt: kør npm run build først.)');
}
