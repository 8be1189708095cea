// The start-up cache and everything a warm start needs — none of it loads the data's schemas:
// a cached entry was validated when it was written, and its key is the data files' text and
// the code that reads them, so `ledelse ask` on unchanged data starts without zod (~90 ms).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { DIRECTION_LABEL } from '../knowledge/directions.ts';
import { DATA_FILES, knowledgeBase, readDataFile, type KnowledgeBase } from '../knowledge/files.ts';
import type { Lexicon, Situation, Source, Statement } from '../knowledge/schema.ts';
import { DanishAnalyzer, type AnalyzerSnapshot } from './analyzer.ts';
import { Answerer } from './answerer.ts';
import { DEFAULT_POLICY, SearchEngine, type EngineSnapshot } from './engine.ts';
import { SituationMatcher, type MatcherSnapshot } from './matcher.ts';

/** Weights of what is indexed besides a statement's own words. */
export const CONTEXT_WEIGHT = { topic: 0.3, direction: 0.3, kind: 0.3, keywords: 0.7 };

/**
 * What a statement is about beyond its words: its sub-heading, its direction ("ledelse til
 * siden"), "undgå" for a don't, and the editors' keywords — each indexed below the text.
 */
export function statementContext(s: Statement): Array<{ text: string; weight: number }> {
  const out = [
    { text: s.direction === 'general' ? 'Bungays model budgetprocessen' : DIRECTION_LABEL[s.direction], weight: CONTEXT_WEIGHT.direction },
  ];
  if (s.topic) out.push({ text: s.topic, weight: CONTEXT_WEIGHT.topic });
  if (s.kind === 'dont') out.push({ text: 'undgå', weight: CONTEXT_WEIGHT.kind });
  if (s.kind === 'wish') out.push({ text: 'ønske', weight: CONTEXT_WEIGHT.kind });
  if (s.keywords?.length) out.push({ text: s.keywords.join('. '), weight: CONTEXT_WEIGHT.keywords });
  return out;
}

export interface KnowledgeIndex {
  kb: KnowledgeBase;
  lexicon: Lexicon;
  situations: readonly Situation[];
  /** The off-topic example questions the guard learned from. */
  offTopic: readonly string[];
  engine: SearchEngine;
  matcher: SituationMatcher;
  /** Guard → situations → statements → confidence: what answers a question. */
  answerer: Answerer;
}

export interface IndexSnapshot {
  analyzer: AnalyzerSnapshot;
  engine: EngineSnapshot;
  matcher: MatcherSnapshot;
  /** The validated data the index was built from: a warm start needs no validation. */
  data: {
    statements: readonly Statement[];
    sources: Source[];
    lexicon: Lexicon;
    situations: readonly Situation[];
    /** The off-topic questions' text: their words are the spelling corrector's too. */
    offTopic: readonly string[];
  };
}

/** Builds the engine over the given statements (the knowledge base, or a benchmark corpus). */
export function buildEngine(
  statements: readonly Statement[],
  lexicon: Lexicon,
  snapshot?: Pick<IndexSnapshot, 'analyzer' | 'engine'>,
  domain: { situations?: readonly Situation[]; offTopic?: readonly string[] } = {},
): SearchEngine {
  const vocabulary = new Set<string>();
  // The statements' words and their editors' keywords are words as written: "roen" (bevare
  // roen) is not respelled "røn".
  for (const s of statements) {
    for (const text of [s.text, ...(s.keywords ?? [])]) for (const w of text.toLowerCase().match(/[\p{L}]{3,}/gu) ?? []) vocabulary.add(w);
  }
  // A mistyped word is read as the nearest word of the statements, the situations and the
  // off-topic examples.
  function* correctionTexts(): Generator<string> {
    for (const s of statements) yield* [s.text, ...(s.keywords ?? [])];
    for (const sit of domain.situations ?? []) yield* [sit.title, sit.description, ...sit.examples];
    // Off-topic words too, so "pinteren" becomes "printeren", not the nearest word about savings.
    yield* domain.offTopic ?? [];
  }
  const analyzer = new DanishAnalyzer({ lexicon, extraWords: vocabulary, snapshot: snapshot?.analyzer, correctionTexts });
  return new SearchEngine(statements, analyzer, DEFAULT_POLICY, statementContext, snapshot?.engine);
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** The code the cached index depends on: the search, and the data's schemas and checks. */
const CODE_DIRS = [here, path.resolve(here, '..', 'knowledge')];
const CACHE_DIR = path.resolve(here, '..', '..', 'node_modules', '.cache', 'ledelsesbot');
/** "src" (run with tsx) or "dist" (the installed command): each keeps its own cache entry. */
const CACHE_PREFIX = `index-${path.basename(path.dirname(here))}-`;

/**
 * The start-up cache's key: the data files and the search code itself, so an edit to either
 * builds the index anew. Analysing ~200 statements with their keywords and ~150 lexicon
 * concepts takes ~250 ms; reading the stored result takes a few.
 */
export function cacheKey(raws: ReadonlyArray<string | Buffer>): string {
  // A text is hashed as UTF-8, so a file's bytes and its text give the same key (unless the
  // bytes are not valid UTF-8: then the cache is only missed here, and found on the slow path).
  const hash = createHash('sha256').update(codeFingerprint());
  for (const raw of raws) hash.update(raw).update('\0');
  return hash.digest('hex').slice(0, 24);
}

let fingerprint: string | undefined;

/** A hash of the search code; it does not change while the process runs, so it is read once. */
function codeFingerprint(): string {
  if (fingerprint === undefined) {
    const hash = createHash('sha256');
    for (const dir of CODE_DIRS) {
      for (const file of readdirSync(dir).sort()) {
        if (/\.(ts|js)$/.test(file)) hash.update(file).update(readFileSync(path.join(dir, file)));
      }
    }
    fingerprint = hash.digest('hex');
  }
  return fingerprint;
}

/** The matcher's models, whose weights the cache keeps as raw bytes beside the JSON. */
const MODELS = ['guard', 'situations', 'bayes', 'offTopic', 'statements'] as const;

export function readSnapshot(key: string): IndexSnapshot | undefined {
  try {
    const snapshot = JSON.parse(readFileSync(path.join(CACHE_DIR, `${CACHE_PREFIX}${key}.json`), 'utf8')) as IndexSnapshot;
    const bytes = readFileSync(path.join(CACHE_DIR, `${CACHE_PREFIX}${key}.bin`));
    // The bytes must be exactly the models' weights, in order; anything else (a file cut short
    // by a crash, a pair from two different writes) is no cache entry: the index is built again.
    let end = 0;
    for (const name of MODELS) {
      const model = snapshot.matcher[name];
      if (!model) continue;
      const at = typeof model.weights === 'string' ? /^@(\d+):(\d+)$/.exec(model.weights) : null;
      const length = Number(at?.[2]);
      if (!at || Number(at[1]) !== end || length !== model.features * model.classes) return undefined;
      model.weights = bytes.subarray(end, end + length);
      end += length;
    }
    return end === bytes.length ? snapshot : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The snapshot as JSON, with the models' weights (most of its size: 6.6 MB) moved to a byte
 * buffer: reading raw bytes skips the UTF-8 decode, the JSON parse and the base64 decode of
 * them, ~0.1 s of every `ledelse ask`.
 */
function detachWeights(snapshot: IndexSnapshot): { json: string; bytes: Buffer } {
  const parts: Buffer[] = [];
  let offset = 0;
  const matcher = { ...snapshot.matcher };
  for (const name of MODELS) {
    const model = matcher[name];
    if (!model) continue;
    const b = typeof model.weights === 'string' ? Buffer.from(model.weights, 'base64') : Buffer.from(model.weights);
    matcher[name] = { ...model, weights: `@${offset}:${b.length}` };
    parts.push(b);
    offset += b.length;
  }
  return { json: JSON.stringify({ ...snapshot, matcher }), bytes: Buffer.concat(parts) };
}

/** Cache entries kept per code location (src or dist), the newest first. */
const KEPT_ENTRIES = 4;

export function writeSnapshot(key: string, index: KnowledgeIndex): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // A few older entries stay: a second data folder (a test's copy, a staging edit) then does
    // not evict the main one and make every next start train again.
    const older = readdirSync(CACHE_DIR)
      .filter((f) => f.startsWith(CACHE_PREFIX) && f.endsWith('.json'))
      .map((f) => ({ f, at: statSync(path.join(CACHE_DIR, f), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of older.slice(KEPT_ENTRIES - 1)) rmSync(path.join(CACHE_DIR, f), { force: true });
    // Bytes without their JSON (removed just now, or a write cut short) belong to no entry.
    for (const f of readdirSync(CACHE_DIR)) {
      const json = path.join(CACHE_DIR, f.replace(/\.bin$/, '.json'));
      if (f.startsWith(CACHE_PREFIX) && f.endsWith('.bin') && !existsSync(json)) rmSync(path.join(CACHE_DIR, f), { force: true });
    }
    const { json, bytes } = detachWeights(snapshotOf(index));
    // The bytes first: a JSON entry is only ever found with its bytes beside it.
    for (const [ext, content] of [['bin', bytes], ['json', json]] as const) {
      const file = path.join(CACHE_DIR, `${CACHE_PREFIX}${key}.${ext}`);
      const tmp = `${file}.${process.pid}.${threadId}.tmp`;
      writeFileSync(tmp, content);
      renameSync(tmp, file);
    }
  } catch {
    // A read-only install still works, only without the faster start.
  }
}

/** The data files' texts, in DATA_FILES order: each is read once, parsed and part of the key. */
export function readDataFiles(dataDir: string): string[] {
  return DATA_FILES.map((f) => readDataFile(path.join(dataDir, f)));
}

/**
 * The data files' bytes, in DATA_FILES order, for the key alone: decoding ~3 MB of UTF-8 only to
 * hash it cost ~40 ms of every warm start. Their key is the texts' key (see cacheKey).
 */
function dataFileBytes(dataDir: string): Buffer[] {
  return DATA_FILES.map((f) => readFileSync(path.join(dataDir, f)));
}

/**
 * The index from the cache alone, when the cache holds one for exactly these data files and
 * this code; otherwise undefined, and the caller loads and validates (loadKnowledgeIndex).
 */
export function loadCachedIndex(dataDir: string): KnowledgeIndex | undefined {
  let snapshot: IndexSnapshot | undefined;
  try {
    // A file that cannot be read is no cache hit: the slow path names it.
    snapshot = readSnapshot(cacheKey(dataFileBytes(dataDir)));
  } catch {
    return undefined;
  }
  return snapshot?.data ? indexFromSnapshot(snapshot) : undefined;
}

/** Everything an index is, as plain data: for the start-up cache and from the reload worker. */
export function snapshotOf(index: KnowledgeIndex): IndexSnapshot {
  const { kb, lexicon, situations, offTopic, engine, matcher } = index;
  const data = { statements: kb.statements, sources: [...kb.sources.values()], lexicon, situations, offTopic };
  return { analyzer: engine.analyzer.snapshot(), engine: engine.snapshot(), matcher: matcher.snapshot(), data };
}

/** The index a snapshot describes, without training or validating (~100 ms). */
export function indexFromSnapshot(snapshot: IndexSnapshot): KnowledgeIndex {
  const { statements, sources, lexicon, situations, offTopic } = snapshot.data;
  const engine = buildEngine(statements, lexicon, snapshot, { situations, offTopic });
  const matcher = SituationMatcher.restore(snapshot.matcher, engine.analyzer);
  return { kb: knowledgeBase(statements, sources), lexicon, situations, offTopic, engine, matcher, answerer: new Answerer(engine, matcher, situations) };
}
