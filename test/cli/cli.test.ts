// The `ledelse` command line (src/cli/main.ts), run as a child process: what a person sees in
// the terminal, what a script reads on stdout, and the exit codes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi, afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, loadKnowledge } from '../../src/knowledge/load.ts';
import { runCli, type CliResult } from './run-cli.ts';


// Each test starts Node processes; under a full parallel test run they can be slow.
vi.setConfig({ testTimeout: 60_000 });
const kb = loadKnowledge();
const temp = mkdtempSync(path.join(tmpdir(), 'ledelse-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** An answer says how sure it is; a no-match has no confidence. */
const RESULT_FIELDS = ['answered', 'confidence', 'question', 'results', 'situations'];
const NO_MATCH_FIELDS = ['answered', 'question', 'results', 'situations'];
const STATEMENT_FIELDS = ['direction', 'groups', 'id', 'kind', 'text'];

/** A usage error: Danish on stderr, nothing on stdout, exit code 2. */
function expectUsageError(r: CliResult, danish: RegExp) {
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(danish);
  expect(r.stderr).not.toMatch(/Unknown|Unexpected|Option|argument missing|Error:|at .*\.ts:\d+/);
  expect(r.code).toBe(2);
}

describe.concurrent('ledelse ask', () => {
  it('prints a readable Danish answer and exits 0', async () => {
    const r = await runCli(['ask', 'Hvordan bruger jeg MED-udvalget, når vi skal spare?']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Det sagde ledelsesgrupperne');
    expect(r.stdout).toContain('Bruge MED-udvalgene aktivt.');
    expect(r.stdout).toMatch(/Gør · Ledelse nedad · Gruppe 4 og 6/);
    expect(r.stdout).toContain('Kilde: Opsamling tværgående ledelsesgrupper, 22. maj 2024');
    expect(r.stdout).not.toMatch(/\{|\}|undefined|null/);
  });

  it('says "Ingen gode svar" to an off-topic question, with directions to try, and exits 0', async () => {
    const r = await runCli(['ask', 'Hvordan skifter jeg dæk på min bil?']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Ingen gode svar');
    expect(r.stdout).toContain('Prøv: opad · nedad · til siden · udad · bungay');
    expect(r.stdout).not.toMatch(/✔|✘/);
  });

  it('handles emoji-only and markup-only questions with a no-match', async () => {
    for (const q of ['😀🎉', '<@U123> <!channel>']) {
      const r = await runCli(['ask', q]);
      expect(r.code, q).toBe(0);
      expect(r.stdout, q).toContain('Ingen gode svar');
    }
  });

  it('--json prints only JSON with question, answered and results', async () => {
    const question = 'Hvordan giver jeg mine medarbejdere psykologisk tryghed?';
    const r = await runCli(['ask', '--json', question]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const parsed = JSON.parse(r.stdout); // throws if anything but JSON is on stdout
    expect(Object.keys(parsed).sort()).toEqual(RESULT_FIELDS);
    expect(parsed.confidence).toBe('high');
    expect(parsed.question).toBe(question);
    expect(parsed.answered).toBe(true);
    expect(parsed.confidence).toBe('high');
    expect(parsed.situations.length).toBeGreaterThan(0);
    for (const id of parsed.situations) expect(typeof id).toBe('string');
    expect(parsed.results).toHaveLength(3);
    for (const res of parsed.results) {
      expect(Object.keys(res).sort()).toEqual([...STATEMENT_FIELDS, 'score'].sort());
      expect(typeof res.score).toBe('number');
    }
    expect(parsed.results.some((res: { text: string }) => res.text.includes('psykologisk tryghed'))).toBe(true);
    // Best first.
    const scores = parsed.results.map((res: { score: number }) => res.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('--json with --direction, --kind and --top filters and limits', async () => {
    const r = await runCli(['ask', '--json', '--direction', 'udad', '--kind', 'dont', '--top', '2', 'besparelser og konsekvenser']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout);
    expect(parsed.results.length).toBeGreaterThan(0);
    expect(parsed.results.length).toBeLessThanOrEqual(2);
    expect(parsed.results.every((res: { direction: string; kind: string }) => res.direction === 'udad' && res.kind === 'dont')).toBe(true);
  });

  it('--direction accepts the Danish spellings ("til siden", "sideværts")', async () => {
    for (const d of ['til siden', 'sideværts']) {
      const r = await runCli(['ask', '--json', '--direction', d, 'samarbejde på tværs']);
      expect(r.code, d).toBe(0);
      const parsed = JSON.parse(r.stdout);
      expect(parsed.results.length, d).toBeGreaterThan(0);
      expect(parsed.results.every((res: { direction: string }) => res.direction === 'til siden'), d).toBe(true);
    }
  });

  it('--jsonl prints exactly one JSON object per non-empty stdin line and nothing else', async () => {
    const big = 'Hvordan bruger jeg MED-udvalget, når vi skal spare? '.repeat(2000);
    expect(big.length).toBeGreaterThan(100_000);
    const questions = [
      'Hvordan giver jeg mine medarbejdere psykologisk tryghed?',
      '',
      'Hvad er opskriften på æblekage?',
      '   ',
      big,
      '😀',
      '',
      'HVAD ER BUNGAYS MODEL?',
    ];
    const input = `${questions.slice(0, 7).join('\n')}\r\n${questions[7]}\n\n`;
    const r = await runCli(['ask', '--jsonl'], { input });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.at(-1)).toBe(''); // ends with a newline
    const objects = lines.slice(0, -1).map((l) => JSON.parse(l));
    const expected = questions.filter((q) => q.trim() !== '');
    expect(objects.map((o) => o.question)).toEqual(expected);
    for (const o of objects) {
      expect(Object.keys(o).sort()).toEqual(o.answered ? RESULT_FIELDS : NO_MATCH_FIELDS);
      if (o.answered) expect(['high', 'low']).toContain(o.confidence);
      expect(o.results.length > 0).toBe(o.answered);
      for (const res of o.results) expect(Object.keys(res).sort()).toEqual([...STATEMENT_FIELDS, 'score'].sort());
    }
    expect(objects.map((o) => o.answered)).toEqual([true, false, true, false, true]);
    expect(objects[2].results[0].text).toContain('MED-udvalgene');
  });

  it('--jsonl with no input prints nothing and exits 0', async () => {
    const r = await runCli(['ask', '--jsonl'], { input: '\n\n' });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--corpus searches the given JSON array (the shape `list --json` prints)', async () => {
    const corpus = [
      { id: 'k-1', text: 'Fortæl personalet ærligt om nedskæringerne.', direction: 'nedad', kind: 'do', groups: [1] },
      { id: 'k-2', text: 'Bestil kage til fredagsbaren.', direction: 'til siden', kind: 'do', groups: [2] },
      { id: 'k-3', text: 'Skjul ikke konsekvenserne for byrådet.', direction: 'opad', kind: 'dont', groups: [3] },
    ];
    const file = path.join(temp, 'corpus.json');
    writeFileSync(file, JSON.stringify(corpus));
    const r = await runCli(['ask', '--jsonl', '--corpus', file], { input: 'Hvordan fortæller jeg personalet om nedskæringerne?\nkage\n' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const [first, second] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(first.results[0]).toMatchObject({ id: 'k-1', text: corpus[0]!.text, direction: 'nedad', kind: 'do', groups: [1] });
    expect(second.results.map((res: { id: string }) => res.id)).not.toContain('k-1');
    // Nothing from the real knowledge base.
    expect([...first.results, ...second.results].every((res: { id: string }) => res.id.startsWith('k-'))).toBe(true);
  });

  it('--corpus accepts the output of `list --json` as it is', async () => {
    const listed = await runCli(['list', '--json']);
    const file = path.join(temp, 'listed.json');
    writeFileSync(file, listed.stdout);
    const r = await runCli(['ask', '--json', '--corpus', file, 'Hvordan bruger jeg MED-udvalget, når vi skal spare?']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].text).toContain('MED-udvalgene');
  });

  it('a --corpus file that is not a valid corpus is a Danish usage error', async () => {
    const file = path.join(temp, 'bad-corpus.json');
    writeFileSync(file, JSON.stringify([{ id: 'x-1', direction: 'nedad', kind: 'do', groups: [1] }]));
    expectUsageError(await runCli(['ask', '--corpus', file, 'hej']), /Korpus .*bad-corpus\.json.*text/);
    expectUsageError(await runCli(['ask', '--corpus', path.join(temp, 'findes-ikke.json'), 'hej']), /Kan ikke læse korpus/);
  });
});

describe.concurrent('ledelse list and validate', () => {
  it('list --json is one JSON array of every statement with id, text, direction, kind and groups', async () => {
    const r = await runCli(['list', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const list = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(Array.isArray(list)).toBe(true);
    expect(list.map((s) => s.id)).toEqual(kb.statements.map((s) => s.id));
    for (const s of list) expect(Object.keys(s).sort()).toEqual(STATEMENT_FIELDS);
    expect(list.find((s) => s.text === 'Svært at se storskærmen.')).toMatchObject({ direction: 'general', kind: 'meeting' });
  });

  it('list --direction udad --kind dont shows exactly the don\'ts for udad', async () => {
    const expected = kb.statements.filter((s) => s.direction === 'udad' && s.kind === 'dont');
    expect(expected.length).toBeGreaterThan(3);

    const json = JSON.parse((await runCli(['list', '--json', '--direction', 'udad', '--kind', 'dont'])).stdout) as Array<{ id: string }>;
    expect(json.map((s) => s.id)).toEqual(expected.map((s) => s.id));

    const text = await runCli(['list', '--direction', 'udad', '--kind', 'dont']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Ledelse udad');
    expect(text.stdout).not.toMatch(/Ledelse (opad|nedad|til siden)/);
    for (const s of expected) expect(text.stdout).toContain(s.id);
    expect(text.stdout).not.toMatch(/ Gør /);
    expect(text.stdout.trim().endsWith(`${expected.length} udsagn.`)).toBe(true);
  });

  it('list --kind accepts the Danish word ("undgå")', async () => {
    const json = JSON.parse((await runCli(['list', '--json', '--kind', 'undgå'])).stdout) as Array<{ kind: string }>;
    expect(json.length).toBeGreaterThan(10);
    expect(json.every((s) => s.kind === 'dont')).toBe(true);
  });

  it('validate says the real data are in order and exits 0', async () => {
    const r = await runCli(['validate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Data er i orden: \d+ udsagn/);
    expect(r.stdout).toContain(`${kb.statements.length} udsagn`);
  });
});

describe('validate warns about likely typos in the editors\' words', () => {
  // A copy of data/ with a mistyped keyword and a mistyped lexicon term: still valid data.
  const dataDir = path.join(temp, 'typo-data');
  cpSync(DEFAULT_DATA_DIR, dataDir, { recursive: true });
  const statementsFile = path.join(dataDir, 'statements.json');
  const statements = JSON.parse(readFileSync(statementsFile, 'utf8'));
  const target = statements.statements.findIndex((s: { kind: string }) => s.kind === 'do');
  statements.statements[target].keywords = [...(statements.statements[target].keywords ?? []), 'utrygge medarbjedere'];
  writeFileSync(statementsFile, JSON.stringify(statements, null, 2));
  const lexiconFile = path.join(dataDir, 'lexicon.json');
  const lexicon = JSON.parse(readFileSync(lexiconFile, 'utf8'));
  lexicon.concepts[0].terms.push('kommunkation');
  writeFileSync(lexiconFile, JSON.stringify(lexicon, null, 2));

  it('names file, entry, field, the word and the word probably meant, and still exits 0', async () => {
    const r = await runCli(['validate'], { env: { DATA_DIR: dataDir } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^Data er i orden/);
    const keywordIndex = statements.statements[target].keywords.length - 1;
    expect(r.stdout).toContain(
      `Advarsel: ${statementsFile}, statements[${target}] (id "${statements.statements[target].id}"), felt "keywords.${keywordIndex}": "medarbjedere" ligner en stavefejl for "medarbejdere".`,
    );
    expect(r.stdout).toContain(`Advarsel: ${lexiconFile}, concepts[0] ("${lexicon.concepts[0].terms[0]}"), felt "terms.${lexicon.concepts[0].terms.length - 1}": "kommunkation" ligner en stavefejl for "kommunikation".`);
    // Correct words in the same edits are not flagged, and nothing else in the real data is.
    expect(r.stdout).not.toContain('"utrygge"');
    expect(lines.filter((l) => l.startsWith('Advarsel:'))).toHaveLength(2);
  });
});

describe.concurrent('invalid data', () => {
  // A copy of data/ where one statement lacks its direction.
  const dataDir = path.join(temp, 'bad-data');
  cpSync(DEFAULT_DATA_DIR, dataDir, { recursive: true });
  const file = path.join(dataDir, 'statements.json');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const broken = data.statements[3];
  delete broken.direction;
  writeFileSync(file, JSON.stringify(data, null, 2));

  it.each([
    ['validate', ['validate']],
    ['ask', ['ask', 'Hvordan inddrager jeg medarbejderne?']],
    ['ask --json', ['ask', '--json', 'Hvordan inddrager jeg medarbejderne?']],
    ['list --json', ['list', '--json']],
  ])('%s exits non-zero and names the file, the entry and the field', async (_name, args) => {
    const r = await runCli(args, { env: { DATA_DIR: dataDir } });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain('statements[3]');
    expect(r.stderr).toContain(`"${broken.id}"`);
    expect(r.stderr).toContain('"direction"');
    expect(r.stderr).toMatch(/ugyldige/);
  });
});

describe.concurrent('usage errors: Danish on stderr, exit 2, nothing on stdout', () => {
  it('unknown command', async () => {
    expectUsageError(await runCli(['spørg', 'hej']), /Ukendt kommando "spørg"/);
  });

  it.each([['x'], ['0'], ['51'], ['2.5'], ['']])('bad --top "%s"', async (top) => {
    expectUsageError(await runCli(['ask', '--top', top, 'besparelser']), /--top skal være et helt tal fra 1 til 50/);
  });

  it('a negative --top, written either way', async () => {
    expectUsageError(await runCli(['ask', '--top=-1', 'besparelser']), /--top skal være et helt tal fra 1 til 50, ikke "-1"/);
    expectUsageError(await runCli(['ask', '--top', '-1', 'besparelser']), /Tilvalget "--top" mangler en værdi/);
  });

  it('bad --direction', async () => {
    expectUsageError(await runCli(['ask', '--direction', 'sydpå', 'besparelser']), /Ukendt retning "sydpå"/);
    expectUsageError(await runCli(['list', '--direction', 'baglæns']), /Ukendt retning "baglæns"/);
  });

  it('bad --kind', async () => {
    expectUsageError(await runCli(['ask', '--kind', 'måske', 'besparelser']), /Ukendt type "måske"/);
  });

  it('unknown option and option without a value', async () => {
    expectUsageError(await runCli(['ask', '--bogus', 'besparelser']), /Ukendt tilvalg "--bogus"/);
    expectUsageError(await runCli(['ask', 'besparelser', '--top']), /Tilvalget "--top" mangler en værdi/);
  });

  it('an empty question', async () => {
    for (const q of ['', '   ']) expectUsageError(await runCli(['ask', q]), /Skriv et spørgsmål/);
  });

  it('help is Danish on stdout with exit 0', async () => {
    const r = await runCli(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Brug:');
    expect(r.stdout).toContain('ledelse ask "spørgsmål"');
  });
});
