import path from 'node:path';
import type { z } from 'zod';
import { errorMessage } from '../shared/errors.ts';
import { DataError, DEFAULT_DATA_DIR, HELPS_FILE, LEXICON_FILE, OFF_TOPIC_FILE, readDataFile, SITUATIONS_FILE, STATEMENTS_FILE, type KnowledgeBase } from './files.ts';
import {
  HelpExamplesFileSchema,
  KnowledgeFileSchema,
  LexiconFileSchema,
  OffTopicFileSchema,
  SituationsFileSchema,
  type HelpExample,
  type KnowledgeFile,
  type Lexicon,
  type OffTopicExample,
  type Situation,
  type Statement,
} from './schema.ts';

export { DATA_FILES, DataError, DEFAULT_DATA_DIR, HELPS_FILE, LEXICON_FILE, OFF_TOPIC_FILE, readDataFile, SITUATIONS_FILE, STATEMENTS_FILE } from './files.ts';
export type { KnowledgeBase } from './files.ts';

function parseJson(raw: string, file: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new DataError(file, [`ugyldig JSON: ${errorMessage(err)}`]);
  }
}

/**
 * The issue's path as it is in the file: a schema may read a plain string as an object
 * (an example written as text is read as {"text": …}), and the file has no field below it.
 */
function pathInFile(data: unknown, path: readonly PropertyKey[]): PropertyKey[] {
  let value = data;
  for (let i = 0; i < path.length; i++) {
    if (typeof value === 'string') return path.slice(0, i);
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[path[i]!] : undefined;
  }
  return [...path];
}

/** Names the entry (by index and id when there is one) and the field of each zod issue. */
function describeIssues(data: unknown, issues: z.core.$ZodIssue[], listKey: string): string[] {
  return issues.map((issue) => {
    const p = pathInFile(data, issue.path);
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

/** An example question as compared for duplicates: lower case, letters and digits only. */
const exampleKey = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Ids that must name statements that can be shown: none unknown, none a meeting remark, none twice. */
function shownStatementProblems(kb: KnowledgeBase, where: string, field: string, ids: readonly string[] | undefined): string[] {
  if (!ids) return [];
  const problems: string[] = [];
  ids.forEach((id, k) => {
    const statement = kb.byId.get(id);
    if (!statement) problems.push(`${where}, felt "${field}.${k}": udsagnet "${id}" findes ikke i ${STATEMENTS_FILE}`);
    else if (statement.kind === 'meeting') problems.push(`${where}, felt "${field}.${k}": "${id}" er en bemærkning om mødet og vises aldrig`);
  });
  if (new Set(ids).size !== ids.length) problems.push(`${where}, felt "${field}": samme udsagn står to gange`);
  return problems;
}

/** An example's `helps`: only statements its situation lists, none twice. */
function helpsProblems(listed: ReadonlySet<string>, where: string, field: string, ids: readonly string[] | undefined): string[] {
  if (!ids) return [];
  const problems = ids.flatMap((id, h) => (listed.has(id) ? [] : [`${where}, felt "${field}.${h}": "${id}" står ikke i situationens "statements"`]));
  if (new Set(ids).size !== ids.length) problems.push(`${where}, felt "${field}": samme udsagn står to gange`);
  return problems;
}

/** Situations checked against the statements: every id exists and is advice, no id or example twice. */
export function parseSituations(data: unknown, file: string, kb: KnowledgeBase): Situation[] {
  const parsed = SituationsFileSchema.safeParse(data);
  if (!parsed.success) throw new DataError(file, describeIssues(data, parsed.error.issues, 'situations'));
  const problems: string[] = [];
  const ids = new Set<string>();
  const examples = new Map<string, string>();
  parsed.data.situations.forEach((sit, i) => {
    const where = `situations[${i}] (id "${sit.id}")`;
    if (ids.has(sit.id)) problems.push(`${where}, felt "id": id'et findes allerede`);
    ids.add(sit.id);
    problems.push(...shownStatementProblems(kb, where, 'statements', sit.statements));
    const listed = new Set(sit.statements);
    sit.examples.forEach((q, k) => {
      const key = exampleKey(q.text);
      const other = examples.get(key);
      if (other) problems.push(`${where}, felt "examples.${k}": samme spørgsmål står allerede under "${other}"`);
      examples.set(key, sit.id);
      problems.push(...helpsProblems(listed, where, `examples.${k}.helps`, q.helps));
      problems.push(...shownStatementProblems(kb, where, `examples.${k}.best`, q.best));
    });
  });
  if (problems.length) throw new DataError(file, problems);
  return parsed.data.situations.map((sit) => ({
    ...sit,
    examples: sit.examples.map((q) => q.text),
    exampleHelps: sit.examples.map((q) => q.helps ?? []),
    exampleBest: sit.examples.map((q) => q.best ?? []),
  }));
}

export function loadSituations(dataDir: string, kb: KnowledgeBase, raw?: string): Situation[] {
  const file = path.join(dataDir, SITUATIONS_FILE);
  return parseSituations(parseJson(raw ?? readDataFile(file), file), file, kb);
}

export function parseOffTopic(data: unknown, file: string): OffTopicExample[] {
  const parsed = OffTopicFileSchema.safeParse(data);
  if (!parsed.success) throw new DataError(file, describeIssues(data, parsed.error.issues, 'examples'));
  return parsed.data.examples;
}

export function loadOffTopic(dataDir: string, raw?: string): OffTopicExample[] {
  const file = path.join(dataDir, OFF_TOPIC_FILE);
  return parseOffTopic(parseJson(raw ?? readDataFile(file), file), file);
}

/**
 * The extra questions with what helps, checked against the statements and the situations: the
 * situation exists, `helps` are from its list, `best` can be shown, and no question is already
 * an example.
 */
export function parseHelpExamples(data: unknown, file: string, kb: KnowledgeBase, situations: readonly Situation[]): HelpExample[] {
  const parsed = HelpExamplesFileSchema.safeParse(data);
  if (!parsed.success) throw new DataError(file, describeIssues(data, parsed.error.issues, 'examples'));
  const problems: string[] = [];
  const byId = new Map(situations.map((s) => [s.id, s]));
  const seen = new Map<string, string>();
  for (const s of situations) for (const q of s.examples) seen.set(exampleKey(q), `situationen "${s.id}"`);
  parsed.data.examples.forEach((q, i) => {
    const where = `examples[${i}]`;
    const situation = byId.get(q.situation);
    if (!situation) problems.push(`${where}, felt "situation": situationen "${q.situation}" findes ikke i ${SITUATIONS_FILE}`);
    if (situation) problems.push(...helpsProblems(new Set(situation.statements), where, 'helps', q.helps));
    problems.push(...shownStatementProblems(kb, where, 'best', q.best));
    if (!q.helps && !q.best) problems.push(`${where}: mindst ét af felterne "best" og "helps", ellers lærer botten intet af spørgsmålet`);
    const key = exampleKey(q.text);
    const other = seen.get(key);
    if (other) problems.push(`${where}, felt "text": samme spørgsmål står allerede under ${other}`);
    seen.set(key, `examples[${i}]`);
  });
  if (problems.length) throw new DataError(file, problems);
  return parsed.data.examples.map((q) => ({ text: q.text, situation: q.situation, helps: q.helps ?? [], best: q.best ?? [] }));
}

export function loadHelpExamples(dataDir: string, kb: KnowledgeBase, situations: readonly Situation[], raw?: string): HelpExample[] {
  const file = path.join(dataDir, HELPS_FILE);
  return parseHelpExamples(parseJson(raw ?? readDataFile(file), file), file, kb, situations);
}
