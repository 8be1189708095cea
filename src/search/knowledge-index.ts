// The knowledge base and its search engine, built together from data/ and swapped as one.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DATA_FILES,
  DEFAULT_DATA_DIR,
  DataError,
  LEXICON_FILE,
  OFF_TOPIC_FILE,
  SITUATIONS_FILE,
  STATEMENTS_FILE,
  loadKnowledge,
  loadLexicon,
  loadOffTopic,
  loadSituations,
  readDataFile,
  type KnowledgeBase,
} from '../knowledge/load.ts';
import type { Lexicon, Situation, Statement } from '../knowledge/schema.ts';
import { DanishAnalyzer, type AnalyzerSnapshot } from './analyzer.ts';
import { Answerer } from './answerer.ts';
import { DEFAULT_POLICY, SearchEngine, type EngineSnapshot } from './engine.ts';
import { SituationMatcher, type MatcherSnapshot } from './matcher.ts';
import { DIRECTION_LABEL } from '../knowledge/directions.ts';

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
  engine: SearchEngine;
  matcher: SituationMatcher;
  /** Guard → situations → statements → confidence: what answers a question. */
  answerer: Answerer;
}

interface IndexSnapshot {
  analyzer: AnalyzerSnapshot;
  engine: EngineSnapshot;
  matcher: MatcherSnapshot;
}

/** Builds the engine over the given statements (the knowledge base, or a benchmark corpus). */
export function buildEngine(statements: readonly Statement[], lexicon: Lexicon, snapshot?: Omit<IndexSnapshot, 'matcher'>): SearchEngine {
  const vocabulary = new Set<string>();
  for (const s of statements) for (const w of s.text.toLowerCase().match(/[\p{L}]{3,}/gu) ?? []) vocabulary.add(w);
  const analyzer = new DanishAnalyzer({ lexicon, extraWords: vocabulary, snapshot: snapshot?.analyzer });
  return new SearchEngine(statements, analyzer, DEFAULT_POLICY, statementContext, snapshot?.engine);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const CACHE_DIR = path.resolve(here, '..', '..', 'node_modules', '.cache', 'ledelsesbot');
/** "src" (run with tsx) or "dist" (the installed command): each keeps its own cache entry. */
const CACHE_PREFIX = `index-${path.basename(path.dirname(here))}-`;

/**
 * The start-up cache's key: the data files and the search code itself, so an edit to either
 * builds the index anew. Analysing ~200 statements with their keywords and ~150 lexicon
 * concepts takes ~250 ms; reading the stored result takes a few.
 */
function cacheKey(raws: readonly string[]): string {
  const hash = createHash('sha256').update(codeFingerprint());
  for (const raw of raws) hash.update(raw).update('\0');
  return hash.digest('hex').slice(0, 24);
}

let fingerprint: string | undefined;

/** A hash of the search code; it does not change while the process runs, so it is read once. */
function codeFingerprint(): string {
  if (fingerprint === undefined) {
    const hash = createHash('sha256');
    for (const file of readdirSync(here).sort()) {
      if (/\.(ts|js)$/.test(file)) hash.update(file).update(readFileSync(path.join(here, file)));
    }
    fingerprint = hash.digest('hex');
  }
  return fingerprint;
}

function readSnapshot(key: string): IndexSnapshot | undefined {
  try {
    return JSON.parse(readFileSync(path.join(CACHE_DIR, `${CACHE_PREFIX}${key}.json`), 'utf8')) as IndexSnapshot;
  } catch {
    return undefined;
  }
}

function writeSnapshot(key: string, engine: SearchEngine, matcher: SituationMatcher): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    for (const old of readdirSync(CACHE_DIR)) if (old.startsWith(CACHE_PREFIX)) rmSync(path.join(CACHE_DIR, old), { force: true });
    const file = path.join(CACHE_DIR, `${CACHE_PREFIX}${key}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ analyzer: engine.analyzer.snapshot(), engine: engine.snapshot(), matcher: matcher.snapshot() } satisfies IndexSnapshot));
    renameSync(tmp, file);
  } catch {
    // A read-only install still works, only without the faster start.
  }
}

/** Loads and validates everything in `dataDir`; throws DataError naming file, entry and field. */
export function loadKnowledgeIndex(dataDir = DEFAULT_DATA_DIR): KnowledgeIndex {
  // Each file is read once: its text is both parsed and part of the cache key.
  const statementsRaw = readDataFile(path.join(dataDir, STATEMENTS_FILE));
  const lexiconRaw = readDataFile(path.join(dataDir, LEXICON_FILE));
  const situationsRaw = readDataFile(path.join(dataDir, SITUATIONS_FILE));
  const offTopicRaw = readDataFile(path.join(dataDir, OFF_TOPIC_FILE));
  const kb = loadKnowledge(dataDir, statementsRaw);
  const lexicon = loadLexicon(dataDir, lexiconRaw);
  const situations = loadSituations(dataDir, kb, situationsRaw);
  const offTopic = loadOffTopic(dataDir, offTopicRaw);
  const key = cacheKey([statementsRaw, lexiconRaw, situationsRaw, offTopicRaw]);
  const snapshot = readSnapshot(key);
  const engine = buildEngine(kb.statements, lexicon, snapshot);
  const matcher = snapshot?.matcher
    ? SituationMatcher.restore(snapshot.matcher, engine.analyzer)
    : SituationMatcher.train({ situations, offTopic, statements: kb.statements }, engine.analyzer);
  if (!snapshot) writeSnapshot(key, engine, matcher);
  return { kb, lexicon, situations, engine, matcher, answerer: new Answerer(engine, matcher, situations) };
}

/**
 * Advice statements that no situation lists and that a search for their own text does not
 * find among the first five: nobody would ever be shown them.
 */
export function unreachableStatements(index: KnowledgeIndex): Statement[] {
  const listed = new Set(index.situations.flatMap((s) => s.statements));
  return index.kb.statements.filter(
    (s) => s.kind !== 'meeting' && !listed.has(s.id) && !index.engine.search(s.text, { top: 5 }).candidates.some((h) => h.statement === s),
  );
}

/**
 * Holds the current knowledge index and reloads it when a file in data/ changes. An invalid
 * edit keeps the last good index and reports the problem; never half a knowledge base.
 */
export class LiveKnowledge {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private index: KnowledgeIndex,
    readonly dataDir = DEFAULT_DATA_DIR,
    private readonly log: (line: string) => void = (l) => console.error(l),
  ) {}

  static load(dataDir = DEFAULT_DATA_DIR, log?: (line: string) => void): LiveKnowledge {
    return new LiveKnowledge(loadKnowledgeIndex(dataDir), dataDir, log);
  }

  get current(): KnowledgeIndex {
    return this.index;
  }

  /** Tries a reload; returns true when the new data took effect. */
  reload(): boolean {
    try {
      this.index = loadKnowledgeIndex(this.dataDir);
      this.log(`Vidensbasen er genindlæst: ${this.index.kb.statements.length} udsagn.`);
      return true;
    } catch (err) {
      const detail = err instanceof DataError ? err.message : String(err);
      this.log(`Ændringen i data/ er ikke taget i brug — de sidste gyldige data bruges stadig. ${detail}`);
      return false;
    }
  }

  /** Watches data/ for saved changes to the statements, the lexicon, the situations or the off-topic examples. */
  watch(): void {
    if (this.watcher) return;
    this.watcher = watch(this.dataDir, (_event, name) => {
      if (name && !(DATA_FILES as readonly string[]).includes(name)) return;
      // Editors save in several steps (truncate, write, rename): wait until they are done.
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), 150);
    });
    this.watcher.unref();
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
