// What data/ holds and how its files are read, without the schemas: the start-up path that
// finds a valid cache needs no validation library (see src/search/index-cache.ts).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Source, Statement } from './schema.ts';

/** `data/` next to `src/` (and next to `dist/` when built). */
export const DEFAULT_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
export const STATEMENTS_FILE = 'statements.json';
export const LEXICON_FILE = 'lexicon.json';
export const SITUATIONS_FILE = 'situations.json';
export const OFF_TOPIC_FILE = 'offtopic.json';
export const HELPS_FILE = 'helps.json';
/** Every file in data/ that the knowledge is built from. */
export const DATA_FILES = [STATEMENTS_FILE, LEXICON_FILE, SITUATIONS_FILE, OFF_TOPIC_FILE, HELPS_FILE] as const;

export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'DataError';
  }
}

export interface KnowledgeBase {
  statements: readonly Statement[];
  sources: ReadonlyMap<string, Source>;
  byId: ReadonlyMap<string, Statement>;
}

/** The knowledge base over statements and sources that have been validated. */
export function knowledgeBase(statements: readonly Statement[], sources: readonly Source[]): KnowledgeBase {
  return { statements, sources: new Map(sources.map((s) => [s.id, s])), byId: new Map(statements.map((s) => [s.id, s])) };
}

/** A data file's text; a file that cannot be read is a DataError naming it. */
export function readDataFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new DataError(file, [`filen kan ikke læses (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
}
