// The knowledge base and its search engine, built together from data/ and swapped as one.

import { watch, type FSWatcher } from 'node:fs';
import {
  DATA_FILES,
  DEFAULT_DATA_DIR,
  DataError,
  loadKnowledge,
  loadLexicon,
  loadOffTopic,
  loadSituations,
} from '../knowledge/load.ts';
import type { Statement } from '../knowledge/schema.ts';
import { Answerer } from './answerer.ts';
import { buildEngine, cacheKey, readDataFiles, readSnapshot, writeSnapshot, type KnowledgeIndex } from './index-cache.ts';
import { SituationMatcher } from './matcher.ts';

export { buildEngine, CONTEXT_WEIGHT, statementContext, type KnowledgeIndex } from './index-cache.ts';

/** Loads and validates everything in `dataDir`; throws DataError naming file, entry and field. */
export function loadKnowledgeIndex(dataDir = DEFAULT_DATA_DIR): KnowledgeIndex {
  // Each file is read once: its text is both parsed and part of the cache key.
  const raws = readDataFiles(dataDir);
  const [statementsRaw, lexiconRaw, situationsRaw, offTopicRaw] = raws;
  const kb = loadKnowledge(dataDir, statementsRaw);
  const lexicon = loadLexicon(dataDir, lexiconRaw);
  const situations = loadSituations(dataDir, kb, situationsRaw);
  const offTopic = loadOffTopic(dataDir, offTopicRaw);
  const key = cacheKey(raws);
  const snapshot = readSnapshot(key);
  const engine = buildEngine(kb.statements, lexicon, snapshot);
  const matcher = snapshot?.matcher
    ? SituationMatcher.restore(snapshot.matcher, engine.analyzer)
    : SituationMatcher.train({ situations, offTopic, statements: kb.statements }, engine.analyzer);
  const index = { kb, lexicon, situations, engine, matcher, answerer: new Answerer(engine, matcher, situations) };
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
