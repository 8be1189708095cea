// The knowledge base and its search engine, built together from data/ and swapped as one.

import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  DATA_FILES,
  DEFAULT_DATA_DIR,
  DataError,
  LEXICON_FILE,
  loadKnowledge,
  loadLexicon,
  loadHelpExamples,
  loadOffTopic,
  loadSituations,
  STATEMENTS_FILE,
} from '../knowledge/load.ts';
import type { Statement } from '../knowledge/schema.ts';
import { Answerer } from './answerer.ts';
import { buildEngine, cacheKey, indexFromSnapshot, readDataFiles, readSnapshot, writeSnapshot, type KnowledgeIndex } from './index-cache.ts';
import type { ReloadResult } from './reload-worker.ts';
import { SituationMatcher } from './matcher.ts';

export { buildEngine, CONTEXT_WEIGHT, statementContext, type KnowledgeIndex } from './index-cache.ts';

/** Loads and validates everything in `dataDir`; throws DataError naming file, entry and field. */
export function loadKnowledgeIndex(dataDir = DEFAULT_DATA_DIR): KnowledgeIndex {
  // Each file is read once: its text is both parsed and part of the cache key.
  const raws = readDataFiles(dataDir);
  const [statementsRaw, lexiconRaw, situationsRaw, offTopicRaw, helpsRaw] = raws;
  const kb = loadKnowledge(dataDir, statementsRaw);
  const lexicon = loadLexicon(dataDir, lexiconRaw);
  const situations = loadSituations(dataDir, kb, situationsRaw);
  const offTopicExamples = loadOffTopic(dataDir, offTopicRaw);
  const helpExamples = loadHelpExamples(dataDir, kb, situations, helpsRaw);
  const offTopic = offTopicExamples.map((e) => e.question);
  const key = cacheKey(raws);
  const snapshot = readSnapshot(key);
  const engine = buildEngine(kb.statements, lexicon, snapshot, { situations, offTopic });
  const matcher = snapshot?.matcher
    ? SituationMatcher.restore(snapshot.matcher, engine.analyzer)
    : SituationMatcher.train({ situations, offTopic: offTopicExamples, statements: kb.statements, helpExamples }, engine.analyzer);
  const index = { kb, lexicon, situations, offTopic, engine, matcher, answerer: new Answerer(engine, matcher, situations) };
  if (!snapshot?.data) writeSnapshot(key, index);
  return index;
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
 * Warnings for `ledelse validate`, not errors: words in the statements' keywords and the
 * lexicon's terms that look mistyped (`DanishAnalyzer.likelyTypo`), with file, entry and field.
 * The editors' words are read as written, so a typo there would quietly never match a question
 * spelled right. (The statements' own text is quoted from the source and left alone, and the
 * situations' examples are typed fast on purpose.)
 */
export function likelyTypos(index: KnowledgeIndex, dataDir = DEFAULT_DATA_DIR): string[] {
  const lines: string[] = [];
  const check = (file: string, where: string, field: string, text: string) => {
    for (const word of text.match(/\p{L}+/gu) ?? []) {
      const meant = index.engine.analyzer.likelyTypo(word);
      if (meant) lines.push(`Advarsel: ${path.join(dataDir, file)}, ${where}, felt "${field}": "${word}" ligner en stavefejl for "${meant}".`);
    }
  };
  index.kb.statements.forEach((s, i) =>
    (s.keywords ?? []).forEach((k, j) => check(STATEMENTS_FILE, `statements[${i}] (id "${s.id}")`, `keywords.${j}`, k)),
  );
  index.lexicon.concepts.forEach((c, i) => c.terms.forEach((t, j) => check(LEXICON_FILE, `concepts[${i}] ("${c.terms[0]}")`, `terms.${j}`, t)));
  return lines;
}

function refused(detail: string): string {
  return `Ændringen i data/ er ikke taget i brug — de sidste gyldige data bruges stadig. ${detail}`;
}

/** The reload worker next to this file: .ts when run with tsx, .js when built. */
const WORKER_URL = new URL(`./reload-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);

function startReloadWorker(dataDir: string): Worker {
  const workerData = { dataDir };
  if (WORKER_URL.pathname.endsWith('.js')) return new Worker(WORKER_URL, { workerData });
  // From the TypeScript sources (`npm start`): tsx's hooks do not reach worker threads
  // (privatenumber/tsx#354), so the worker registers them before it loads its module.
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(code, { eval: true, workerData });
}

/**
 * Holds the current knowledge index and reloads it when a file in data/ changes. An invalid
 * edit keeps the last good index and reports the problem; never half a knowledge base. The new
 * index is built in a worker thread, so questions are answered from the last good index while
 * it trains; a newer edit during a build starts the build again from the newer files.
 */
export class LiveKnowledge {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The worker building the newest edit, while it builds. */
  private building: Worker | undefined;

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

  /**
   * Builds the index from data/ again, off the main thread. Resolves true when the new data
   * took effect, false when it was refused (logged with file, entry and field) or when a newer
   * reload replaced this one.
   */
  reload(): Promise<boolean> {
    void this.building?.terminate();
    this.building = undefined;
    let worker: Worker;
    try {
      worker = startReloadWorker(this.dataDir);
    } catch {
      // No worker thread (a runtime without them, tsx not resolvable): build here, blocking
      // for those seconds, rather than never taking the edit into use.
      return Promise.resolve(this.reloadHere());
    }
    this.building = worker;
    return new Promise<boolean>((resolve) => {
      const finish = (taken: boolean, line?: string) => {
        worker.removeAllListeners();
        if (this.building === worker) this.building = undefined;
        if (line) this.log(line);
        resolve(taken);
      };
      worker.once('message', (result: ReloadResult) => {
        void worker.terminate();
        if (this.building !== worker) return finish(false);
        if (!result.ok) return finish(false, refused(result.detail));
        try {
          this.index = indexFromSnapshot(result.snapshot);
        } catch (err) {
          return finish(false, refused(String(err)));
        }
        finish(true, `Vidensbasen er genindlæst: ${this.index.kb.statements.length} udsagn.`);
      });
      // The worker itself failed (not the data: it reports those): build here instead.
      worker.once('error', () => finish(this.building === worker && this.reloadHere()));
      // Terminated by a newer reload or by close(): nothing to report.
      worker.once('exit', () => finish(false));
    });
  }

  /** Builds the index on this thread; the fallback when no worker can be started. */
  private reloadHere(): boolean {
    try {
      this.index = loadKnowledgeIndex(this.dataDir);
      this.log(`Vidensbasen er genindlæst: ${this.index.kb.statements.length} udsagn.`);
      return true;
    } catch (err) {
      this.log(refused(err instanceof DataError ? err.message : String(err)));
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
      this.timer = setTimeout(() => void this.reload(), 150);
    });
    this.watcher.unref();
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
    void this.building?.terminate();
    this.building = undefined;
  }
}
