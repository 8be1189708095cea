// Live knowledge edits, proven through the running app: `npx tsx src/main.ts` over a temp copy
// of data/ (DATA_DIR). A saved edit takes effect without a restart; an invalid edit keeps the
// last good data and the log names the file, the entry and the field. Each test starts from the
// original data and makes the edits it builds on itself, so the tests run in any order.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/bot/reply.ts';
import { copyData, postJson, removeDir, startAppProcess, tempDir, type AppProcess } from './helpers.ts';

let app: AppProcess;
let dataDir: string;
let stateDir: string;
let statementsFile: string;
let lexiconFile: string;
/** The files as copied, and the first statement's text in them. */
let original: { statements: string; lexicon: string; firstText: string };

const NEW_TEXT = 'Tegn et zebrakort over hele spareprocessen.';

beforeAll(async () => {
  dataDir = copyData();
  stateDir = tempDir('state');
  statementsFile = path.join(dataDir, 'statements.json');
  lexiconFile = path.join(dataDir, 'lexicon.json');
  const statements = readFileSync(statementsFile, 'utf8');
  original = { statements, lexicon: readFileSync(lexiconFile, 'utf8'), firstText: JSON.parse(statements).statements[0].text };
  app = await startAppProcess({ PORT: '0', DATA_DIR: dataDir, DB_FILE: path.join(stateDir, 'db.json') });
}, 90_000);

afterAll(async () => {
  await app?.stop();
  removeDir(dataDir);
  removeDir(stateDir);
});

async function ask(text: string): Promise<Reply> {
  const res = await postJson(`${app.url}/api/message`, { text });
  expect(res.status).toBe(200);
  return res.json.reply as Reply;
}

function texts(reply: Reply): string[] {
  return reply.sections.flatMap((s) => s.statements.map((st) => st.text));
}

/**
 * Polls until `check` passes. File watching is quick, but new data is trained in the background
 * (~8 s on a quiet machine, several times that when CI runs both Node versions at once).
 */
async function eventually<T>(check: () => Promise<T>, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function editJson(file: string, change: (data: any) => void): void {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  change(data);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

/** Back to the data as copied, served again. */
async function restoreOriginalData(): Promise<void> {
  writeFileSync(lexiconFile, original.lexicon);
  writeFileSync(statementsFile, original.statements);
  await eventually(async () => expect(texts(await ask('opad'))).toContain(original.firstText));
}

/** A valid edit of the first statement, waited for until it is served. */
async function serveFirstStatement(text: string): Promise<void> {
  editJson(statementsFile, (d) => {
    d.statements[0].text = text;
    d.statements[0].kind = 'do';
  });
  await eventually(async () => expect(texts(await ask('opad'))).toContain(text));
}

/** A lexicon concept that ties the question word to the edited statement, waited for. */
async function serveConcept(question: string): Promise<void> {
  editJson(lexiconFile, (d) => {
    d.concepts.push({ terms: ['kvartalsflimmer', 'zebrakort'], weight: 1 });
  });
  await eventually(async () => expect((await ask(question)).type).toBe('answer'));
}

beforeEach(restoreOriginalData, 90_000);

describe('live knowledge edits in the running app', () => {
  it('serves an edited statement without a restart, in directions and in answers', async () => {
    const before = await ask('opad');
    expect(texts(before)).not.toContain(NEW_TEXT);
    expect(texts(await ask('Hvad med zebrakortet?'))).not.toContain(NEW_TEXT);

    const mark = app.lines.length;
    editJson(statementsFile, (d) => {
      d.statements[0].text = NEW_TEXT;
    });

    await eventually(async () => expect(texts(await ask('opad'))).toContain(NEW_TEXT));
    const answer = await ask('Hvad med zebrakortet?');
    expect(answer.type).toBe('answer');
    expect(texts(answer)[0]).toBe(NEW_TEXT);
    await app.waitForLine(/Vidensbasen er genindlæst: \d+ udsagn/, 60_000, mark);
  }, 180_000);

  it('keeps the last good data when statements.json is broken JSON, and logs the file', async () => {
    await serveFirstStatement(NEW_TEXT);
    const good = readFileSync(statementsFile, 'utf8');
    const mark = app.lines.length;
    try {
      writeFileSync(statementsFile, good.replace(NEW_TEXT, 'Halvt gemt').slice(0, 400));
      const line = await app.waitForLine(/ugyldig JSON/, 60_000, mark);
      expect(line).toContain('de sidste gyldige data bruges stadig');
      expect(line).toContain(statementsFile);
      const served = texts(await ask('opad'));
      expect(served).toContain(NEW_TEXT);
      expect(served).not.toContain('Halvt gemt');
    } finally {
      writeFileSync(statementsFile, good);
    }
  }, 180_000);

  it('keeps the last good data when an entry has a bad field, and logs file, entry and field', async () => {
    await serveFirstStatement(NEW_TEXT);
    const mark = app.lines.length;
    editJson(statementsFile, (d) => {
      d.statements[0].text = 'Denne ændring må ikke bruges.';
      d.statements[0].kind = 'måske';
    });
    const line = await app.waitForLine(/felt "kind"/, 60_000, mark);
    expect(line).toContain(statementsFile);
    expect(line).toMatch(/statements\[0\] \(id "opad-01"\), felt "kind"/);
    expect(line).toContain('de sidste gyldige data bruges stadig');
    const served = texts(await ask('opad'));
    expect(served).toContain(NEW_TEXT);
    expect(served).not.toContain('Denne ændring må ikke bruges.');
  }, 180_000);

  it('takes a corrected file into use again', async () => {
    const mark = app.lines.length;
    editJson(statementsFile, (d) => {
      d.statements[0].kind = 'måske';
    });
    await app.waitForLine(/felt "kind"/, 60_000, mark);
    editJson(statementsFile, (d) => {
      d.statements[0].kind = 'do';
      d.statements[0].text = `${NEW_TEXT} Rettet.`;
    });
    await eventually(async () => expect(texts(await ask('opad'))).toContain(`${NEW_TEXT} Rettet.`));
  }, 180_000);

  it('uses an edited lexicon without a restart: a new word finds its statements', async () => {
    const question = 'Hvad gør jeg ved kvartalsflimmer?';
    await serveFirstStatement(NEW_TEXT);
    expect((await ask(question)).type).toBe('no-match');
    await serveConcept(question);
    expect(texts(await ask(question))[0]).toBe(NEW_TEXT);
  }, 180_000);

  it('keeps the last good lexicon when an entry is invalid, and logs file, entry and field', async () => {
    await serveFirstStatement(NEW_TEXT);
    await serveConcept('Hvad gør jeg ved kvartalsflimmer?');
    const mark = app.lines.length;
    editJson(lexiconFile, (d) => {
      d.concepts.at(-1).terms = ['kvartalsflimmer'];
    });
    const line = await app.waitForLine(/lexicon\.json.*felt "terms"/, 60_000, mark);
    expect(line).toContain(lexiconFile);
    expect(line).toMatch(/concepts\[\d+\], felt "terms": et begreb skal have mindst to ord/);
    expect((await ask('Hvad gør jeg ved kvartalsflimmer?')).type).toBe('answer');
  }, 180_000);
});
