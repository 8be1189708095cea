import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { z } from 'zod';
import { errorMessage } from '../shared/errors.ts';
import {
  KnowledgeFileSchema,
  LexiconFileSchema,
  type KnowledgeFile,
  type Lexicon,
  type Source,
  type Statement,
} from './schema.ts';

/** `data/` next to `src/` (and next to `dist/` when built). */
export const DEFAULT_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
export const STATEMENTS_FILE = 'statements.json';
export const LEXICON_FILE = 'lexicon.json';

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

/** A data file's text; a file that cannot be read is a DataError naming it. */
export function readDataFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new DataError(file, [`filen kan ikke læses (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
}

function parseJson(raw: string, file: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new DataError(file, [`ugyldig JSON: ${errorMessage(err)}`]);
  }
}

/** Names the entry (by index and id when there is one) and the field of each zod issue. */
function describeIssues(data: unknown, issues: z.core.$ZodIssue[], listKey: string): string[] {
  return issues.map((issue) => {
    const p = issue.path;
    let where = p.length ? p.join('.') : '(hele filen)';
    if (p[0] === listKey && typeof p[1] === 'number') {
      const list = (data as Record<string, unknown>)[listKey] as unknown[];
      const entry = list?.[p[1]] as Record<string, unknown> | undefined;
      const id = entry && typeof entry.id === 'string' ? ` (id "${entry.id}")` : '';
      const field = p.slice(2).join('.') || '(hele posten)';
      where = `${listKey}[${p[1]}]${id}, felt "${field}"`;
    }
    return `${where}: ${issue.message}`;
  });
}

export function parseKnowledge(data: unknown, file: string): KnowledgeBase {
  const parsed = KnowledgeFileSchema.safeParse(data);
  if (!parsed.success) throw new DataError(file, describeIssues(data, parsed.error.issues, 'statements'));
  return checkKnowledge(parsed.data, file);
}

function checkKnowledge(kb: KnowledgeFile, file: string): KnowledgeBase {
  const problems: string[] = [];
  const sources = new Map(kb.sources.map((s) => [s.id, s]));
  const byId = new Map<string, Statement>();
  kb.statements.forEach((s, i) => {
    const where = `statements[${i}] (id "${s.id}")`;
    if (byId.has(s.id)) problems.push(`${where}, felt "id": id'et findes allerede`);
    byId.set(s.id, s);
    if (!sources.has(s.source)) problems.push(`${where}, felt "source": kilden "${s.source}" findes ikke under "sources"`);
    if (new Set(s.groups).size !== s.groups.length) problems.push(`${where}, felt "groups": samme gruppe står to gange`);
    if ((s.kind === 'do' || s.kind === 'dont') && s.direction === 'general') {
      // Allowed, but do/don't normally belong to a direction; nothing to report.
    }
  });
  const seenText = new Map<string, string>();
  for (const s of kb.statements) {
    const key = `${s.direction}|${s.kind}|${s.text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')}`;
    const other = seenText.get(key);
    if (other) problems.push(`statements (id "${s.id}"), felt "text": samme udsagn som "${other}" — slå dem sammen og skriv begge grupper i "groups"`);
    seenText.set(key, s.id);
  }
  if (problems.length) throw new DataError(file, problems);
  return { statements: kb.statements, sources, byId };
}

/** `raw` is the file's text when the caller has already read it. */
export function loadKnowledge(dataDir = DEFAULT_DATA_DIR, raw?: string): KnowledgeBase {
  const file = path.join(dataDir, STATEMENTS_FILE);
  return parseKnowledge(parseJson(raw ?? readDataFile(file), file), file);
}

export function parseLexicon(data: unknown, file: string): Lexicon {
  const parsed = LexiconFileSchema.safeParse(data);
  if (!parsed.success) throw new DataError(file, describeIssues(data, parsed.error.issues, 'concepts'));
  return parsed.data;
}

/** `raw` is the file's text when the caller has already read it. */
export function loadLexicon(dataDir = DEFAULT_DATA_DIR, raw?: string): Lexicon {
  const file = path.join(dataDir, LEXICON_FILE);
  return parseLexicon(parseJson(raw ?? readDataFile(file), file), file);
}
