// `ledelse hr list|remove|export|purge`: HR's saved answers from the terminal, on the runtime
// store (DB_FILE, or PostgreSQL when DATABASE_URL is set). With the file store, run it beside a
// running app only for reading (list, export): lowdb keeps one writer.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { StoreHrRepository } from '../hr/store-repository.ts';
import type { SavedAnswer } from '../hr/model.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';

export class HrUsageError extends Error {}

const HELP = `ledelse hr — HR's gemte svar i DB_FILE

  ledelse hr list [--json]             de gemte svar: id, formulering og svar
  ledelse hr remove ID                 fjern et gemt svar (ledere får det ikke længere)
  ledelse hr export [--out FIL]        de gemte svar som udsagn i data/-formatet, til gennemsyn i git
  ledelse hr purge --ja                slet alle spørgsmål til HR og alle gemte svar`;

/** Runs `use` on the HR repository of the configured store, and closes the store after. */
async function withRepository<T>(use: (repository: StoreHrRepository) => Promise<T>): Promise<T> {
  const store: Store = await openStore(loadConfig(), { quiet: true });
  const repository = new StoreHrRepository(store);
  try {
    return await use(repository);
  } finally {
    repository.close();
    await store.close();
  }
}

/** The saved answers as statements in data/statements.json's format. */
export function exportStatements(answers: readonly SavedAnswer[]) {
  const latest = answers.map((a) => a.day).sort().at(-1);
  return {
    sources: [{ id: 'hr', title: 'Svar fra HR', date: latest ?? new Date().toISOString().slice(0, 10) }],
    statements: answers.map((a) => ({
      id: a.id,
      text: a.text,
      direction: a.direction,
      kind: a.kind,
      // The data schema wants the groups who said it; HR is no workshop group, so the editor decides.
      groups: [],
      source: 'hr',
      // HR's wording is how leaders describe the situation: exactly what keywords are for.
      keywords: [a.wording],
    })),
  };
}

export async function runHrCommand(args: string[], out: (s: string) => void, err: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' }, out: { type: 'string' }, ja: { type: 'boolean' } } });
  switch (sub) {
    case 'list': {
      const answers = await withRepository((r) => r.savedAnswers());
      if (values.json) {
        out(JSON.stringify(answers, null, 2));
        return 0;
      }
      if (!answers.length) out('HR har ikke gemt nogen svar.');
      for (const a of answers) out(`${a.id}  ${a.day}  "${a.wording}"\n    ${a.text.replace(/\s+/g, ' ')}`);
      return 0;
    }
    case 'remove': {
      const id = positionals[0];
      if (!id) throw new HrUsageError('Skriv id\'et på svaret, fx: ledelse hr remove hr-0123456789ab');
      const removed = await withRepository((r) => r.removeSavedAnswer(id));
      out(removed ? `Svaret ${id} er fjernet.` : `Der er intet gemt svar med id ${id}.`);
      return removed ? 0 : 1;
    }
    case 'export': {
      const answers = await withRepository((r) => r.savedAnswers());
      const json = `${JSON.stringify(exportStatements(answers), null, 2)}\n`;
      if (values.out) {
        writeFileSync(values.out, json);
        out(`${answers.length} svar skrevet til ${values.out}.`);
      } else out(json.trimEnd());
      err('Bemærk: "groups" er tom, fordi svarene er HR\'s og ikke en gruppes. Udfyld den (eller aftal en kilde), før svarene flyttes ind i data/statements.json.');
      return 0;
    }
    case 'purge': {
      if (!values.ja) throw new HrUsageError('Det sletter alle spørgsmål til HR og alle gemte svar. Skriv "ledelse hr purge --ja" for at gøre det.');
      const removed = await withRepository((r) => r.purge());
      out(`Slettet: ${removed.questions} spørgsmål til HR og ${removed.answers} gemte svar.`);
      return 0;
    }
    default:
      out(HELP);
      return sub === undefined || sub === 'help' ? 0 : 2;
  }
}
