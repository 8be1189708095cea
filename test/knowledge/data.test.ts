// Properties of data/statements.json as the application sees it, through loadKnowledge().
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LEADING_DIRECTIONS, type Direction } from '../../src/knowledge/directions.ts';
import { DataError, DEFAULT_DATA_DIR, loadKnowledge, STATEMENTS_FILE } from '../../src/knowledge/load.ts';
import type { Statement } from '../../src/knowledge/schema.ts';

const kb = loadKnowledge();
const all = kb.statements;

const PREFIX: Record<Direction, string> = {
  opad: 'opad',
  nedad: 'nedad',
  'til siden': 'siden',
  udad: 'udad',
  general: 'generelt',
};

function withText(start: string): Statement[] {
  return all.filter((s) => s.text.startsWith(start));
}

describe('data/statements.json', () => {
  it('loads and has one source that every statement points to', () => {
    expect(all.length).toBeGreaterThan(150);
    expect([...kb.sources.keys()]).toEqual(['opsamling-2024-05-22']);
    expect(kb.sources.get('opsamling-2024-05-22')).toMatchObject({ date: '2024-05-22', file: 'opsamling-ledelsesgrupper-2024-05-22.txt' });
    expect(all.every((s) => s.source === 'opsamling-2024-05-22')).toBe(true);
  });

  it.each(LEADING_DIRECTIONS)('direction "%s" has both do and dont entries', (direction) => {
    const here = all.filter((s) => s.direction === direction);
    expect(here.filter((s) => s.kind === 'do').length).toBeGreaterThanOrEqual(5);
    expect(here.filter((s) => s.kind === 'dont').length).toBeGreaterThanOrEqual(5);
  });

  it('do and dont are only used with their columns; general remarks use remark, wish or meeting', () => {
    const general = all.filter((s) => s.direction === 'general');
    expect(new Set(general.map((s) => s.kind))).toEqual(new Set(['remark', 'wish', 'meeting', 'do']));
    // The only general do's are Gruppe 9's recommendations, which were written outside the table.
    expect(general.filter((s) => s.kind === 'do').every((s) => s.groups.join() === '9')).toBe(true);
    expect(general.every((s) => s.topic !== undefined && s.topic.length > 0)).toBe(true);
  });

  it('statements that Gruppe 4 and 6 share are single entries listing both groups', () => {
    const shared = [
      ['opad', 'Konsekvensberegne på de forslag man lægger op, så politikerne er fuldt ud klar over hvilken betydning deres beslutning har.'],
      ['nedad', 'Glemme medarbejderinddragelsen og oversættelsen af fx infomails fra Tim – ikke bare tryk ”videresend”.'],
      ['udad', 'Lad ikke følelserne blive i konsekvensberegningen.'],
      ['general', 'Vi ønsker en kommune, hvor agilitet og fleksibilitet står over retningslinjer'],
    ] as const;
    for (const [direction, start] of shared) {
      const found = withText(start);
      expect(found, start).toHaveLength(1);
      expect(found[0]).toMatchObject({ direction, groups: [4, 6] });
    }
    // …while what only Gruppe 4 said stays Gruppe 4's.
    expect(withText('Vil gerne inddrages før høring')[0]?.groups).toEqual([4]);
  });

  it("Gruppe 5's personal-domain don't appears once per direction, spelled \"personlige\"", () => {
    const found = withText('At blande det personlige domæne med det professionelle.');
    expect(found.map((s) => s.direction).sort()).toEqual([...LEADING_DIRECTIONS].sort());
    for (const s of found) expect(s).toMatchObject({ kind: 'dont', groups: [5] });
    expect(all.filter((s) => /personlie\b/u.test(s.text))).toEqual([]);
  });

  it('meeting remarks include the big screen and the 5-minute break, and are all general', () => {
    const meeting = all.filter((s) => s.kind === 'meeting');
    expect(meeting.some((s) => s.text === 'Svært at se storskærmen.')).toBe(true);
    expect(meeting.some((s) => s.text.includes('pause på 5 minutter'))).toBe(true);
    expect(meeting.filter((s) => s.direction !== 'general')).toEqual([]);
    // Leaders knowing each other is an answer to "how do we become a common 'we'", not logistics.
    expect(withText('det giver noget at vi kender hinanden')[0]?.kind).toBe('remark');
    expect(withText('rart at sidde her i gruppen igen')[0]?.kind).toBe('remark');
  });

  it('sub-headings are kept as topics', () => {
    expect(withText('Tag ansvar: jeg kunne godt tænke mig')[0]).toMatchObject({ kind: 'wish', topic: 'Hvad kunne vi ønske os oppefra' });
    expect(withText('Svært at se storskærmen.')[0]?.topic).toBe('Evaluering');
    expect(withText('Rammebesparelser giver større frihed')[0]?.topic).toBe('Budgetprocessen (dilemmaer og opmærksomhedspunkter)');
    expect(all.filter((s) => s.topic === 'Ledelse til siden og nedad').map((s) => s.direction)).toEqual(
      expect.arrayContaining(['til siden', 'nedad']),
    );
  });

  it('texts are clean: no line-break hyphens, no doubled spaces, no headings', () => {
    for (const s of all) {
      expect(s.text, s.id).toBe(s.text.trim());
      expect(s.text, s.id).not.toMatch(/\s{2}|\n/u);
      expect(s.text, s.id).not.toMatch(/\p{L}-\s(?!og\b)/u); // "bespa- relser"; "til- og fravalg" is Danish
      expect(s.text, s.id).not.toMatch(/^(Gruppe \d|Skal jeg|Do´s|LEDELSE)/u);
      expect(s.text, s.id).not.toContain('´');
    }
  });

  it('ids are unique, well formed and numbered in order per direction', () => {
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    const counters = new Map<string, number>();
    for (const s of all) {
      const prefix = PREFIX[s.direction];
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      expect(s.id).toMatch(/^(opad|nedad|siden|udad|generelt)-\d{2,}$/u);
      expect(s.id).toBe(`${prefix}-${String(n).padStart(2, '0')}`);
    }
  });

  it('groups are sorted and within 1–11', () => {
    for (const s of all) {
      expect(s.groups, s.id).toEqual([...s.groups].sort((a, b) => a - b));
      expect(s.groups.every((g) => g >= 1 && g <= 11), s.id).toBe(true);
    }
  });
});

describe('a broken statements.json is refused', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  function brokenCopy(edit: (statements: Record<string, unknown>[]) => void): string {
    const data = JSON.parse(readFileSync(path.join(DEFAULT_DATA_DIR, STATEMENTS_FILE), 'utf8')) as {
      statements: Record<string, unknown>[];
    };
    edit(data.statements);
    const dir = mkdtempSync(path.join(tmpdir(), 'ledelse-kb-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, STATEMENTS_FILE), JSON.stringify(data));
    return dir;
  }

  function loadError(dir: string): DataError {
    try {
      loadKnowledge(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(DataError);
      return err as DataError;
    }
    throw new Error(`loadKnowledge(${dir}) accepted a broken file`);
  }

  it('names file, entry and field when an entry has no direction', () => {
    const dir = brokenCopy((statements) => {
      delete statements[3]?.direction;
    });
    const err = loadError(dir);
    const file = path.join(dir, STATEMENTS_FILE);
    expect(err.file).toBe(file);
    expect(err.message).toContain(file);
    expect(err.message).toContain('statements[3] (id "opad-04")');
    expect(err.message).toContain('felt "direction"');
  });

  it('names file, entry and field when an entry has an unknown kind', () => {
    const dir = brokenCopy((statements) => {
      const s = statements[10];
      if (s) s.kind = 'tip';
    });
    const err = loadError(dir);
    const file = path.join(dir, STATEMENTS_FILE);
    expect(err.message).toContain(file);
    expect(err.message).toContain('statements[10] (id "opad-11")');
    expect(err.message).toContain('felt "kind"');
    expect(err.problems).toHaveLength(1);
  });
});
