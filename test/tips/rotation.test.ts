// The rotation: every tip once per round, directions and do/don't spread out, live edits.
import { describe, expect, it } from 'vitest';
import type { Statement } from '../../src/knowledge/schema.ts';
import { isTipStatement, tipStatements } from '../../src/knowledge/advice.ts';
import { commonTipFor, emptyRotation, pickNext, roundProgress, type RotationState } from '../../src/tips/rotation.ts';
import { baseIndex } from './helpers.ts';

const statements = baseIndex.kb.statements;
const eligible = tipStatements(statements);

function run(count: number, seed: string, from: RotationState = emptyRotation(), pool: readonly Statement[] = statements) {
  const out: Statement[] = [];
  let rotation = from;
  for (let i = 0; i < count; i++) {
    const next = pickNext(rotation, pool, seed)!;
    out.push(next.statement);
    rotation = next.rotation;
  }
  return { out, rotation };
}

describe('which statements are tips', () => {
  it('are the do and don’t statements of every direction — not remarks, wishes or meeting notes', () => {
    expect(eligible.length).toBeGreaterThan(100);
    expect(eligible.every((s) => s.kind === 'do' || s.kind === 'dont')).toBe(true);
    const byId = baseIndex.kb.byId;
    expect(isTipStatement(byId.get('generelt-51')!)).toBe(false); // "Svært at se storskærmen." (meeting)
    expect(isTipStatement(byId.get('opad-39')!)).toBe(false); // a wish
    expect(isTipStatement(byId.get('generelt-03')!)).toBe(true); // general, but a do
    for (const d of ['opad', 'nedad', 'til siden', 'udad'] as const) {
      expect(eligible.some((s) => s.direction === d && s.kind === 'do')).toBe(true);
      expect(eligible.some((s) => s.direction === d && s.kind === 'dont')).toBe(true);
    }
  });
});

describe('the rotation', () => {
  it('serves every tip exactly once per round, then starts a new round', () => {
    const { out, rotation } = run(eligible.length * 2, 'slack:C1');
    const first = out.slice(0, eligible.length).map((s) => s.id);
    const second = out.slice(eligible.length).map((s) => s.id);
    expect(new Set(first).size).toBe(eligible.length);
    expect(new Set(second).size).toBe(eligible.length);
    expect(rotation.round).toBe(2);
    expect(roundProgress(rotation, statements).remaining).toBe(0);
  });

  it.each(['slack:C1', 'slack:C0123ABCD', 'slack:G0PRIVATE', 'teams:19:abc@thread.tacv2'])('never gives the same direction two days running, nor more than two of five days (%s)', (seed) => {
    const { out } = run(eligible.length * 2, seed);
    for (let i = 1; i < out.length; i++) expect(out[i]!.direction, `day ${i}`).not.toBe(out[i - 1]!.direction);
    for (let i = 0; i + 5 <= out.length; i++) {
      const counts = new Map<string, number>();
      for (const s of out.slice(i, i + 5)) counts.set(s.direction, (counts.get(s.direction) ?? 0) + 1);
      expect(Math.max(...counts.values()), `week from day ${i}`).toBeLessThanOrEqual(2);
    }
  });

  it.each(['slack:C1', 'slack:C0123ABCD', 'slack:G0PRIVATE', 'teams:19:abc@thread.tacv2'])('mixes do and don’t: every working week has a don’t, and never more than three do’s in a row (%s)', (seed) => {
    const { out } = run(eligible.length * 2, seed);
    let run3 = 0;
    for (let i = 0; i < out.length; i++) {
      run3 = out[i]!.kind === 'do' ? run3 + 1 : 0;
      expect(run3, `day ${i}`).toBeLessThanOrEqual(3);
    }
    for (let i = 0; i + 5 <= out.length; i++) expect(out.slice(i, i + 5).some((s) => s.kind === 'dont')).toBe(true);
  });

  it('is deterministic for a channel, and different channels get different orders', () => {
    const a = run(20, 'slack:C1').out.map((s) => s.id);
    expect(run(20, 'slack:C1').out.map((s) => s.id)).toEqual(a);
    expect(run(20, 'slack:C2').out.map((s) => s.id)).not.toEqual(a);
  });

  it('continues from a stored state exactly as it would have without a restart', () => {
    const whole = run(30, 'slack:C1').out.map((s) => s.id);
    const firstHalf = run(12, 'slack:C1');
    const stored = JSON.parse(JSON.stringify(firstHalf.rotation)) as RotationState;
    const rest = run(18, 'slack:C1', stored).out.map((s) => s.id);
    expect([...firstHalf.out.map((s) => s.id), ...rest]).toEqual(whole);
  });

  it('takes new statements into the running round and skips removed ones', () => {
    const start = run(40, 'slack:C1');
    const served = new Set(start.out.map((s) => s.id));
    const removed = eligible.find((s) => !served.has(s.id))!;
    const added: Statement = { id: 'nedad-99', text: 'At fortælle medarbejderne, hvad der er besluttet, før de læser det i avisen.', direction: 'nedad', kind: 'do', groups: [3], source: 'opsamling-2024-05-22' };
    const edited = [...statements.filter((s) => s.id !== removed.id), added];
    const remaining = tipStatements(edited).length - 40;
    expect(roundProgress(start.rotation, edited).remaining).toBe(remaining);
    const rest = run(remaining, 'slack:C1', start.rotation, edited);
    const ids = rest.out.map((s) => s.id);
    expect(ids).toContain('nedad-99');
    expect(ids).not.toContain(removed.id);
    expect(new Set([...served, ...ids]).size).toBe(tipStatements(edited).length);
    expect(rest.rotation.round).toBe(1);
  });

  it('has no tip to give when there are no do or don’t statements', () => {
    expect(pickNext(emptyRotation(), statements.filter((s) => !isTipStatement(s)), 'slack:C1')).toBeUndefined();
  });
});

describe('today’s tip for everyone', () => {
  it('is the same all day, changes the next day, and exists on weekends too', () => {
    const a = commonTipFor('2025-12-06', statements)!; // Saturday
    expect(commonTipFor('2025-12-06', statements)!.id).toBe(a.id);
    expect(commonTipFor('2025-12-07', statements)!.id).not.toBe(a.id);
    expect(isTipStatement(a)).toBe(true);
    const days = Array.from({ length: eligible.length }, (_, i) => {
      const d = new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10);
      return commonTipFor(d, statements)!.id;
    });
    expect(new Set(days).size).toBe(eligible.length);
  });
});
