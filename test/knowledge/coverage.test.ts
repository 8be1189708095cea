// Nothing from the source document may be lost on the way into data/statements.json,
// and nothing may be added to it that the source does not say.
//
// The source is cut into units (sentences, bullets, table cells); every unit is reduced to
// lowercase letters and digits, which makes line-break hyphenation, quotes and punctuation
// irrelevant. Each unit remembers the group ("Gruppe N") and the section (LEDELSE OPAD …,
// Generelle bemærkninger) it stands in. Then:
//   1. every unit must be carried: contained in one single statement that lists the unit's
//      group and has the unit's section as its direction (or was moved there on purpose, see MOVED);
//   2. every statement must be needed: removing it must leave some unit uncarried;
//   3. every statement must be made of source text: for each of its groups, its reduced text
//      must be a sequence of whole units that group wrote in that section.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Statement } from '../../src/knowledge/schema.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE_NAME = 'opsamling-ledelsesgrupper-2024-05-22.txt';
const SOURCE_COPY = path.join(repoRoot, 'data', 'source', SOURCE_NAME);
const SHARED_SEED = path.resolve(repoRoot, '..', 'shared', 'seed', SOURCE_NAME);
const STATEMENTS = path.join(repoRoot, 'data', 'statements.json');

type Section = Statement['direction'];

/** Lowercase letters (any script, incl. æøå) and digits; everything else goes. */
function reduce(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Obvious typos fixed in statements.json: source spelling → fixed spelling, both reduced. */
const CORRECTIONS: ReadonlyArray<readonly [string, string]> = [
  ['personliedomæne', 'personligedomæne'], // Gruppe 5, all four directions
  ['bevistom', 'bevidstom'], // Gruppe 9
  ['taleandretaleandre', 'taleandre'], // Gruppe 2, til siden
  ['deruspiselige', 'dereruspiselige'], // Gruppe 8: "der [er] uspiselige"
  ['givefagligerådgivning', 'givefagligrådgivning'], // Gruppe 2, opad
  ['væretilgængelighed', 'væretilgængelig'], // Gruppe 2, nedad
  ['klaropoversættelsen', 'klarpåoversættelsen'], // Gruppe 4, nedad
  ['udgifteratandetsted', 'udgifteretandetsted'], // Gruppe 4, til siden
  ['egetfagområder', 'egetfagområde'], // Gruppe 2, til siden
  ['ogsåglæderfor', 'ogsågælderfor'], // Gruppe 4, udad
];

/** Units that are headings, not statements (compared reduced, whole unit). */
const NOT_STATEMENTS: readonly string[] = [
  'opsamlingtværgåendeledelsesgrupper22052024', // document title
  'ledelseopad',
  'ledelsenedad',
  'ledelsetilsiden',
  'ledelseudad',
  'dosdonts', // "Do´s Don´ts" column headings
  'dos', // "Do´s:" (Gruppe 8)
  'heleteksten', // Gruppe 8 and 9
  'skaljeggøre', // Gruppe 2 column headings
  'skaljegikkegøre',
  'hvadkunneviønskeosoppefra', // sub-headings, kept as `topic`
  'ledelsetilsidenognedad',
  'generellebemærkningertilbungaysmodel',
  'afrundinghvadtagervimed',
  'hvordanvilviledes',
  'evaluering',
  'budgetprocessendilemmaerogopmærksomhedspunkter',
  'powerpoint', // "Gruppe 2 (PowerPoint)"
];

/** Lines (reduced) that open a section of the source. */
const SECTION_HEADINGS: Record<string, Section> = {
  ledelseopad: 'opad',
  ledelsenedad: 'nedad',
  ledelsetilsiden: 'til siden',
  ledelseudad: 'udad',
  generellebemærkningertilbungaysmodel: 'general',
};

/**
 * Statements deliberately filed under another direction than the section their text stands in
 * (id → that section). Gruppe 8 and 9 wrote free text under LEDELSE OPAD; Gruppe 11's bullets
 * under "Ledelse til siden og nedad" stand in the NEDAD section.
 */
const MOVED: Record<string, Section> = {
  'udad-01': 'opad', // Gruppe 8: "Fra medarbejderne: … sig evt. til borgerne"
  'generelt-01': 'opad', // Gruppe 9: did not fill in the table (about the meeting)
  'generelt-02': 'opad', // Gruppe 9: the dilemma of leading opad, til siden and udad loyally
  'generelt-03': 'opad', // Gruppe 9: recommendation, be reflective about dos and don'ts
  'generelt-04': 'opad', // Gruppe 9: recommendation, a common plan with colleagues and chef
  'generelt-05': 'opad', // Gruppe 9: glad about the new 3i1
  'siden-01': 'nedad', // Gruppe 11, "Ledelse til siden og nedad"
  'siden-02': 'nedad',
  'siden-03': 'nedad',
  'siden-04': 'nedad',
  'siden-05': 'nedad',
};

interface Unit {
  raw: string;
  reduced: string;
  group: number | undefined;
  section: Section | undefined;
  line: number;
}

/** Cuts the source into units; see the comment at the top. Exported shape only for this test. */
function splitUnits(source: string): Unit[] {
  // Undo line-break hyphenation ("bespa-\nrelser", also across a blank line: "tilbage-\n\nmelding")
  // by moving the rest of the word up; lines keep their numbers for the failure messages.
  // Hyphens inside a line ("MED-udvalgene", "tæt-på-ledelse") are untouched; reduce() drops them anyway.
  const JOINED = '\u0000'; // a blank line that only separated the two halves of a word
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/\p{L}-[ \t]*$/u.test(lines[i] ?? '')) continue;
    const next = (lines[i + 1] ?? '').trim() === '' ? i + 2 : i + 1;
    const rest = /^[ \t]*(\p{L}\S*)/u.exec(lines[next] ?? '');
    if (!rest) continue;
    lines[i] = (lines[i] ?? '').replace(/-[ \t]*$/u, '') + rest[1];
    lines[next] = (lines[next] ?? '').slice(rest[0].length);
    if (next === i + 2) lines[i + 1] = JOINED;
  }

  const units: Unit[] = [];
  let group: number | undefined;
  let section: Section | undefined;
  let paragraph: string[] = [];
  let paragraphLine = 0;

  const flush = () => {
    const text = paragraph.join(' ');
    paragraph = [];
    // Sentence ends: ". ", "! ", "? ", "… " (also "...." and "?" at the end).
    for (const piece of text.split(/(?<=[.!?…])\s+/u)) {
      let reduced = reduce(piece);
      if (!/\p{L}/u.test(reduced)) continue;
      for (const [from, to] of CORRECTIONS) reduced = reduced.replaceAll(from, to);
      units.push({ raw: piece.trim(), reduced, group, section, line: paragraphLine });
    }
  };
  const add = (text: string, lineNo: number) => {
    if (paragraph.length === 0) paragraphLine = lineNo;
    paragraph.push(text);
  };

  lines.forEach((rawLine, i) => {
    const lineNo = i + 1;
    if (rawLine === JOINED) return;
    let line = rawLine.trim();
    const sectionHere = SECTION_HEADINGS[reduce(line)];
    if (sectionHere) {
      flush();
      section = sectionHere;
      group = undefined;
      add(line, lineNo);
      flush();
      return;
    }
    const groupMatch = /^Gruppe\s+(\d+)\b\s*/u.exec(line);
    if (groupMatch) {
      flush();
      group = Number(groupMatch[1]);
      line = line.slice(groupMatch[0].length);
    }
    if (line === '') {
      flush();
      return;
    }
    // Bullets start a new unit; so does a line that starts with a capital letter: in the dumped
    // tables a new cell (a do after a do, a don't after a do) starts on a new line with a capital,
    // while a sentence that runs on continues in lowercase.
    line.split('•').forEach((part, k) => {
      const p = part.trim();
      if (k > 0 || /^\p{Lu}/u.test(p)) flush();
      if (p) add(p, lineNo);
    });
  });
  flush();
  return units;
}

interface Loaded {
  statements: Statement[];
}

function loadStatements(): Statement[] {
  return (JSON.parse(readFileSync(STATEMENTS, 'utf8')) as Loaded).statements;
}

/** Statements that carry a unit: same group, right direction, and the unit inside its text. */
function carriers(unit: Unit, statements: readonly Statement[], reduced: ReadonlyMap<Statement, string>): Statement[] {
  return statements.filter(
    (s) =>
      unit.group !== undefined &&
      s.groups.includes(unit.group) &&
      (s.direction === unit.section || MOVED[s.id] === unit.section) &&
      (reduced.get(s) ?? '').includes(unit.reduced),
  );
}

/** Can `text` be written as a sequence of whole `pieces`? */
function composable(text: string, pieces: readonly string[]): boolean {
  const reach = new Array<boolean>(text.length + 1).fill(false);
  reach[0] = true;
  for (let i = 0; i < text.length; i++) {
    if (!reach[i]) continue;
    for (const p of pieces) if (p.length > 0 && text.startsWith(p, i)) reach[i + p.length] = true;
  }
  return reach[text.length] === true;
}

const source = readFileSync(SOURCE_COPY, 'utf8');
const units = splitUnits(source);
const statements = loadStatements();
const reducedText = new Map(statements.map((s) => [s, reduce(s.text)] as const));
const contentUnits = units.filter((u) => !NOT_STATEMENTS.includes(u.reduced));
const show = (u: Unit) => `  line ${u.line} (Gruppe ${u.group ?? '-'}, ${u.section ?? '-'}): "${u.raw}"`;

describe('source copy', () => {
  it.skipIf(!existsSync(SHARED_SEED))('data/source is a verbatim copy of ../shared/seed', () => {
    expect(readFileSync(SOURCE_COPY, 'utf8')).toBe(readFileSync(SHARED_SEED, 'utf8'));
  });
});

describe('coverage of the source document', () => {
  it('splits the source into a plausible number of units', () => {
    expect(contentUnits.length).toBeGreaterThan(250);
    expect(new Set(contentUnits.map((u) => u.group)).size).toBe(11);
    expect(contentUnits.every((u) => u.group !== undefined && u.section !== undefined)).toBe(true);
  });

  it('every NOT_STATEMENTS heading and every CORRECTIONS entry is actually used', () => {
    const all = new Set(units.map((u) => u.reduced));
    expect(NOT_STATEMENTS.filter((h) => !all.has(h)), 'headings not found in the source').toEqual([]);
    const raw = reduce(source);
    expect(CORRECTIONS.filter(([from]) => !raw.includes(from)).map(([from]) => from), 'stale corrections').toEqual([]);
  });

  it('MOVED lists only statements that exist and really left their section', () => {
    const byId = new Map(statements.map((s) => [s.id, s]));
    for (const [id, section] of Object.entries(MOVED)) {
      expect(byId.has(id), `MOVED: ${id} does not exist`).toBe(true);
      expect(byId.get(id)?.direction, `MOVED: ${id} is not moved`).not.toBe(section);
    }
  });

  it('every unit of the source is carried by a statement of the same group and direction', () => {
    const lost = contentUnits.filter((u) => carriers(u, statements, reducedText).length === 0);
    expect(
      lost.length,
      `${lost.length} unit(s) of ${SOURCE_NAME} are not in any statement of that group and direction:\n${lost.map(show).join('\n')}`,
    ).toBe(0);
  });

  it('every statement is needed: removing it would lose some unit', () => {
    const soleCarriers = new Set<Statement>();
    for (const u of contentUnits) {
      const c = carriers(u, statements, reducedText);
      if (c.length === 1 && c[0]) soleCarriers.add(c[0]);
    }
    const redundant = statements.filter((s) => !soleCarriers.has(s));
    expect(
      redundant.map((s) => `${s.id}: "${s.text}"`),
      'statements that carry nothing of their own (invented, duplicated or wrong group/direction)',
    ).toEqual([]);
  });

  it('every statement is made of whole source units written by each of its groups', () => {
    const bad: string[] = [];
    for (const s of statements) {
      const text = reducedText.get(s) ?? '';
      for (const g of s.groups) {
        const pieces = contentUnits
          .filter((u) => u.group === g && (u.section === s.direction || u.section === MOVED[s.id]))
          .map((u) => u.reduced);
        if (!composable(text, pieces)) bad.push(`${s.id} (Gruppe ${g}, ${s.direction}): "${s.text}"`);
      }
    }
    expect(bad, 'statements with text the group did not write there').toEqual([]);
  });
});
