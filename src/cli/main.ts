// The `ledelse` command: ask, list, validate, stats and tip — readable Danish for people,
// pure JSON on stdout with --json/--jsonl, errors on stderr with a non-zero exit code.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { renderText } from '../bot/render-text.ts';
import { groupsLabel, sourceLabel } from '../bot/reply.ts';
import { adviceStatements } from '../knowledge/advice.ts';
import { DIRECTION_ALIASES, DIRECTION_LABEL, DIRECTIONS, KIND_LABEL, KINDS, foldForMatching, type Direction, type Kind } from '../knowledge/directions.ts';
import { DataError, DEFAULT_DATA_DIR, SITUATIONS_FILE } from '../knowledge/files.ts';
import type { Statement } from '../knowledge/schema.ts';
import { Answerer, type Answer } from '../search/answerer.ts';
import { buildEngine, loadCachedIndex, type KnowledgeIndex } from '../search/index-cache.ts';
import { errorMessage } from '../shared/errors.ts';

export class UsageError extends Error {}

const HELP = `ledelse — ledelsesgruppernes gør og undgå i budget- og spareprocessen

Brug:
  ledelse ask "spørgsmål" [--top N] [--direction RETNING] [--kind do|dont] [--json]
  ledelse ask --jsonl [--top N] [--corpus FIL]   ét spørgsmål pr. linje på stdin, én JSON-linje pr. svar
  ledelse list [--direction RETNING] [--kind TYPE] [--json]
  ledelse validate                              tjek udsagn, leksikon, situationer og eksempler uden for emnet i data/
  ledelse stats [--json]                        stemmer pr. udsagn, andelen uden godt svar og HR's indsigt pr. uge
  ledelse hr list|remove|export|purge           HR's gemte svar (se "ledelse hr help")
  ledelse tip --date ÅÅÅÅ-MM-DD --channel ID    vis hvad der ville blive postet den dag (poster intet)
  ledelse migrate-state --from FIL              flyt en pilots tilstandsfil (DB_FILE) over i PostgreSQL (DATABASE_URL)

Retninger: opad, nedad, "til siden", udad, general. Typer: do, dont, remark, wish, meeting.
Miljø: DATA_DIR (standard: data/), DB_FILE eller DATABASE_URL (til stats, tip og migrate-state).`;

function parseDirection(value: string | undefined): Direction | undefined {
  if (value === undefined) return undefined;
  const folded = foldForMatching(value);
  const found = DIRECTIONS.find(
    (d) => foldForMatching(d) === folded || DIRECTION_ALIASES[d].some((a) => foldForMatching(a) === folded.replace('-', ' ')),
  );
  if (!found) throw new UsageError(`Ukendt retning "${value}". Brug opad, nedad, "til siden", udad eller general.`);
  return found;
}

function parseKind(value: string | undefined): Kind | undefined {
  if (value === undefined) return undefined;
  const folded = foldForMatching(value).replace(/[^a-z]/g, '');
  const alias: Record<string, Kind> = { gor: 'do', undga: 'dont', bemaerkning: 'remark', onske: 'wish' };
  const found = (KINDS as readonly string[]).includes(folded) ? (folded as Kind) : alias[folded];
  if (!found) throw new UsageError(`Ukendt type "${value}". Brug do eller dont (eller remark, wish, meeting).`);
  return found;
}

function parseTop(value: string | undefined): number {
  if (value === undefined) return 3;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new UsageError(`--top skal være et helt tal fra 1 til 50, ikke "${value}".`);
  return n;
}

interface JsonStatement {
  id: string;
  text: string;
  direction: Direction;
  kind: Kind;
  groups: number[];
}

const toJson = (s: Statement): JsonStatement => ({ id: s.id, text: s.text, direction: s.direction, kind: s.kind, groups: s.groups });

function resultJson(question: string, r: Answer) {
  return {
    question,
    answered: r.answered,
    ...(r.answered ? { confidence: r.confidence } : {}),
    situations: r.situations,
    results: r.hits.map((h) => ({ ...toJson(h.statement), score: Number(h.score.toFixed(4)) })),
  };
}

/** Reads a corpus for benchmarks: a JSON array of statements in the shape `list --json` prints. */
async function loadCorpus(file: string): Promise<Statement[]> {
  const [{ z }, { StatementSchema }] = await Promise.all([import('zod'), import('../knowledge/schema.ts')]);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`Kan ikke læse korpus ${file}: ${errorMessage(err)}`);
  }
  const Item = StatementSchema.pick({ id: true, text: true, direction: true, kind: true, groups: true });
  const parsed = z.array(Item).safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`Korpus ${file}: post ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.map((s) => ({ ...s, source: 'korpus' }));
}

/**
 * The index: from the start-up cache when it holds one for exactly these data files (they were
 * validated when it was written), else loaded and validated — which names file, entry and field.
 */
async function knowledge(): Promise<KnowledgeIndex> {
  const dataDir = process.env.DATA_DIR || DEFAULT_DATA_DIR;
  return loadCachedIndex(dataDir) ?? (await import('../search/knowledge-index.ts')).loadKnowledgeIndex(dataDir);
}

async function ask(args: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      top: { type: 'string' },
      direction: { type: 'string' },
      kind: { type: 'string' },
      json: { type: 'boolean' },
      jsonl: { type: 'boolean' },
      corpus: { type: 'string' },
    },
  });
  const top = parseTop(values.top);
  const direction = parseDirection(values.direction);
  const kind = parseKind(values.kind);
  let answerer: Answerer;
  let index: KnowledgeIndex | undefined;
  if (values.corpus) {
    // A plain statement array has no situations: the BM25 path alone.
    const dataDir = process.env.DATA_DIR || DEFAULT_DATA_DIR;
    const { loadLexicon } = await import('../knowledge/load.ts');
    answerer = new Answerer(buildEngine(await loadCorpus(values.corpus), loadLexicon(dataDir)), undefined, []);
  } else {
    index = await knowledge();
    answerer = index.answerer;
  }
  const options = { top, direction, kind };

  if (values.jsonl) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      const question = line.replace(/\r$/, '');
      if (!question.trim()) continue;
      out(JSON.stringify(resultJson(question, answerer.answer(question, options))));
    }
    return 0;
  }

  const question = positionals.join(' ');
  if (!question.trim()) throw new UsageError('Skriv et spørgsmål, fx: ledelse ask "Hvordan fortæller jeg mine medarbejdere om nedskæringerne?"');
  const result = answerer.answer(question, options);
  if (values.json) {
    out(JSON.stringify(resultJson(question, result), null, 2));
    return 0;
  }
  if (values.corpus) {
    for (const h of result.hits) out(`${h.statement.id}  ${h.statement.text}`);
    if (!result.answered) out('Ingen gode svar.');
    return 0;
  }
  // The terminal shows what a leader would see in the chat, from the same reply model.
  const [{ Questions }, { Replies }] = await Promise.all([import('../bot/questions.ts'), import('../bot/replies.ts')]);
  const knowledgeSource = { current: index! };
  const reply = new Questions(knowledgeSource, new Replies(knowledgeSource)).reply(result);
  out(renderText(reply));
  return 0;
}

async function list(args: string[], out: (s: string) => void): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { direction: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' } },
  });
  const direction = parseDirection(values.direction);
  const kind = parseKind(values.kind);
  const { kb } = await knowledge();
  const statements = kb.statements.filter((s) => (!direction || s.direction === direction) && (!kind || s.kind === kind));
  if (values.json) {
    out(JSON.stringify(statements.map(toJson), null, 2));
    return 0;
  }
  let current = '';
  for (const s of statements) {
    if (s.direction !== current) {
      current = s.direction;
      out(`\n${DIRECTION_LABEL[s.direction]}`);
    }
    out(`  ${s.id.padEnd(13)} ${KIND_LABEL[s.kind].padEnd(10)} ${s.text}`);
    out(`  ${''.padEnd(13)} ${''.padEnd(10)} ${groupsLabel(s.groups)} · ${sourceLabel(kb.sources.get(s.source))}`);
  }
  out(`\n${statements.length} udsagn.`);
  return 0;
}

/** Always validates every file, whatever the cache holds. */
async function validate(out: (s: string) => void): Promise<number> {
  const { likelyTypos, loadKnowledgeIndex, unreachableStatements } = await import('../search/knowledge-index.ts');
  const dataDir = process.env.DATA_DIR || DEFAULT_DATA_DIR;
  const index = loadKnowledgeIndex(dataDir);
  const advice = adviceStatements(index.kb.statements).length;
  const lost = unreachableStatements(index);
  if (lost.length) {
    throw new DataError(
      `${dataDir}/${SITUATIONS_FILE}`,
      lost.map((s) => `udsagnet "${s.id}" hører ikke til nogen situation og findes ikke, når man søger på dets egen tekst — føj det til en situation`),
    );
  }
  for (const line of likelyTypos(index, dataDir)) out(line);
  const examples = index.situations.reduce((n, s) => n + s.examples.length, 0);
  const helped = index.situations.reduce((n, s) => n + s.exampleHelps.filter((h) => h.length).length, 0);
  out(
    `Data er i orden: ${index.kb.statements.length} udsagn (${advice} kan bruges som råd), ${index.lexicon.concepts.length} begreber i leksikonet, ` +
      `${index.situations.length} situationer med ${examples} eksempler på spørgsmål` +
      (helped === examples ? ', alle med de udsagn, der hjælper mest.' : `, heraf ${helped} med de udsagn, der hjælper mest.`),
  );
  return 0;
}

async function stats(args: string[], out: (s: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const { loadConfig } = await import('../config.ts');
  const { openStore } = await import('../store/open.ts');
  const { StoreHrRepository } = await import('../hr/store-repository.ts');
  const { insightFigures } = await import('../hr/insight.ts');
  const config = loadConfig();
  const store = await openStore(config, { quiet: true });
  const index = await knowledge();
  const { kb } = index;
  const { votes, questions, unanswered, insight } = await (async () => {
    const { votes, questions, unanswered } = await store.stats();
    const insight = await insightFigures(
      {
        repository: new StoreHrRepository(store),
        feedback: async () => (await store.exportData()).feedback,
        situations: () => index.situations,
        statementText: (id) => kb.byId.get(id)?.text,
      },
      new Date(),
    );
    return { votes, questions, unanswered, insight };
  })().finally(() => store.close());
  if (values.json) {
    out(JSON.stringify({ questions, unanswered, votes: Object.fromEntries(votes), insight }, null, 2));
    return 0;
  }
  const last = insight.weeks.at(-1)!;
  out(`Denne uge (${last.label}): ${last.questions} spørgsmål, ${last.high + last.hr} med godt svar, ${last.low} med det nærmeste, ${last.none} uden svar. Åbne spørgsmål til HR: ${insight.openQuestions.length}. Gemte svar fra HR: ${insight.savedAnswers}.`);
  out(`Spørgsmål: ${questions}. Uden godt svar: ${unanswered}${questions ? ` (${((100 * unanswered) / questions).toFixed(0)} %)` : ''}.`);
  if (votes.size === 0) {
    out('Ingen stemmer endnu.');
    return 0;
  }
  out('\nStemmer pr. udsagn (👍 / 👎):');
  const rows = [...votes].sort((a, b) => b[1].up + b[1].down - (a[1].up + a[1].down));
  for (const [id, v] of rows) {
    const text = kb.byId.get(id)?.text ?? '(udsagnet findes ikke længere)';
    out(`  ${String(v.up).padStart(4)} / ${String(v.down).padEnd(4)} ${id.padEnd(13)} ${text.length > 70 ? `${text.slice(0, 69)}…` : text}`);
  }
  return 0;
}

async function migrateState(args: string[], out: (s: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' } }, strict: true });
  if (!values.from) throw new UsageError('Skriv hvilken fil der skal flyttes: ledelse migrate-state --from state/ledelsesbot.json');
  const { loadConfig } = await import('../config.ts');
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new UsageError('DATABASE_URL er ikke sat: migrate-state flytter tilstanden fra en fil over i PostgreSQL.');
  const { readStateFile } = await import('../store/file-store.ts');
  const { openStore } = await import('../store/open.ts');
  // Files from before addresses were kept by platform: the front end that wrote them names the field.
  const { OLDER_REFERENCES } = await import('../teams/conversation-refs.ts');
  let data;
  try {
    data = readStateFile(values.from, OLDER_REFERENCES);
  } catch (err) {
    throw new UsageError(`Filen ${values.from} kan ikke læses: ${(err as Error).message}`);
  }
  const store = await openStore(config, { quiet: true });
  try {
    // The same file twice would count its votes twice: each file is moved once.
    const fingerprint = (await import('node:crypto')).createHash('sha256').update(readFileSync(values.from)).digest('hex');
    const done = await store.getRecord('migrate-state', fingerprint);
    if (done) {
      out(`Filen ${values.from} er allerede flyttet til databasen (${(done as { at?: string }).at ?? 'tidligere'}). Intet er ændret.`);
      return 0;
    }
    const { imported } = await store.importData(data);
    await store.putRecord('migrate-state', fingerprint, { at: new Date().toISOString(), imported });
    const saltKept = store.hashQuestion('x') === (await import('../store/file-store.ts')).hashWithSalt(data.salt, 'x');
    out(`Flyttet fra ${values.from} til PostgreSQL:`);
    out(`  ${imported.feedback ?? 0} stemmer, ${imported.questions ?? 0} spørgsmåls-hashes, ${imported.questionChannels ?? 0} spørgsmålskanaler`);
    out(`  ${imported.subscriptions ?? 0} tip-abonnementer, ${imported.rotations ?? 0} tip-rækkefølger, ${imported.claims ?? 0} sendte tips`);
    out(`  ${imported.addresses ?? 0} samtaleadresser (til dagligt tip i Teams)`);
    out(
      saltKept
        ? 'Spørgsmålenes salt er flyttet med, så samme spørgsmål tælles som ét før og efter flytningen.'
        : 'Databasen havde allerede data og beholder sit eget salt: spørgsmål fra før flytningen tælles for sig.',
    );
    out('Det, der allerede fandtes i databasen, er bevaret. Filen er ikke ændret; slet den, når appen kører på PostgreSQL.');
    return 0;
  } finally {
    await store.close();
  }
}

export async function run(argv: string[], out: (s: string) => void = (s) => process.stdout.write(`${s}\n`)): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'ask':
      return ask(rest, out);
    case 'list':
      return list(rest, out);
    case 'validate':
      return validate(out);
    case 'stats':
      return stats(rest, out);
    case 'migrate-state':
      return migrateState(rest, out);
    case 'hr': {
      const { runHrCommand, HrUsageError } = await import('./hr.ts');
      try {
        return await runHrCommand(rest, out);
      } catch (err) {
        if (err instanceof HrUsageError) throw new UsageError(err.message);
        throw err;
      }
    }
    case 'tip': {
      const { runTipCommand } = await import('./tip.ts');
      return runTipCommand(rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
    case 'hjælp':
      out(HELP);
      return 0;
    default:
      throw new UsageError(`Ukendt kommando "${command}".\n\n${HELP}`);
  }
}

/** node:util parseArgs explains bad options in English; the user reads Danish. */
function usageMessage(err: Error): string {
  const code = (err as { code?: string }).code;
  const quoted = /'([^' ]+)/.exec(err.message)?.[1] ?? '';
  const more = 'Skriv "ledelse help" for at se kommandoerne.';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Ukendt tilvalg "${quoted}". ${more}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing/.test(err.message)) return `Tilvalget "${quoted}" mangler en værdi.`;
    if (/ambiguous/.test(err.message)) {
      return `Tilvalget "${quoted}" mangler en værdi, eller værdien begynder med bindestreg (skriv den i så fald som ${quoted}=…).`;
    }
    return `Tilvalget "${quoted}" tager ingen værdi.`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Kommandoen tager ikke "${quoted}". ${more}`;
  return err.message;
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  // `ledelse list | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  try {
    process.exitCode = await run(argv);
  } catch (err) {
    if (err instanceof DataError) {
      process.stderr.write(`Data er ugyldige og bruges ikke.\nFil: ${err.file}\n${err.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      process.exitCode = 1;
    } else if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${usageMessage(err as Error)}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`Uventet fejl: ${errorMessage(err)}\n`);
      process.exitCode = 1;
    }
  }
}

const invokedDirectly = process.argv[1] && /cli[\\/]main\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) await main();
