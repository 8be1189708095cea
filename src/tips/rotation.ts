// Which statement comes next in a channel. Every eligible statement comes once per round before
// any comes again; directions and do/don't are spread evenly through the round, and the same
// direction never comes two days running while another is left. The choice is a pure function
// of the stored rotation state and the current statements, so it survives restarts, and a live
// edit simply changes the pool: new statements join the round, removed ids are ignored.

import type { Direction, Kind } from '../knowledge/directions.ts';
import { daysBetween } from '../clock.ts';
import { tipStatements } from '../knowledge/advice.ts';
import type { Statement } from '../knowledge/schema.ts';

export interface RotationState {
  /** 1 for the first pass through the statements, 2 for the second, … */
  round: number;
  /** Ids already served in the current round, in order. */
  served: string[];
  /** The statement served last, kept even if it is later removed from the data. */
  last?: { id: string; direction: Direction; kind: Kind };
}

export function emptyRotation(): RotationState {
  return { round: 1, served: [] };
}

/** FNV-1a, 32 bit: a small, stable hash for seeded, repeatable orders. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface RoundProgress {
  round: number;
  /** Eligible statements not yet served in this round. */
  remaining: number;
  total: number;
}

export function roundProgress(rotation: RotationState, statements: readonly Statement[]): RoundProgress {
  const eligible = tipStatements(statements);
  const served = new Set(rotation.served);
  const remaining = eligible.filter((s) => !served.has(s.id)).length;
  return { round: rotation.round, remaining, total: eligible.length };
}

/**
 * The next statement for a channel and the rotation state after serving it; undefined when there
 * is no eligible statement at all. `seed` (the channel key) gives each channel its own order.
 */
export function pickNext(
  rotation: RotationState,
  statements: readonly Statement[],
  seed: string,
): { statement: Statement; rotation: RotationState } | undefined {
  const eligible = tipStatements(statements);
  if (eligible.length === 0) return undefined;
  const eligibleIds = new Set(eligible.map((s) => s.id));

  let round = rotation.round;
  let servedIds = [...new Set(rotation.served)];
  let served = new Set(servedIds.filter((id) => eligibleIds.has(id)));
  let remaining = eligible.filter((s) => !served.has(s.id));
  if (remaining.length === 0) {
    round += 1;
    servedIds = [];
    served = new Set();
    remaining = eligible;
  }

  // How far each direction and each kind lags behind an even spread over the round.
  const total = eligible.length;
  const done = served.size;
  const count = (list: readonly Statement[], key: (s: Statement) => string) => {
    const m = new Map<string, number>();
    for (const s of list) m.set(key(s), (m.get(key(s)) ?? 0) + 1);
    return m;
  };
  const servedList = eligible.filter((s) => served.has(s.id));
  const dirTotal = count(eligible, (s) => s.direction);
  const dirServed = count(servedList, (s) => s.direction);
  const kindTotal = count(eligible, (s) => s.kind);
  const kindServed = count(servedList, (s) => s.kind);
  const lag = (totals: Map<string, number>, servedCounts: Map<string, number>, key: string) =>
    ((done + 1) * (totals.get(key) ?? 0)) / total - (servedCounts.get(key) ?? 0);

  const buckets = new Map<string, Statement[]>();
  for (const s of remaining) {
    const key = `${s.direction}|${s.kind}`;
    buckets.set(key, [...(buckets.get(key) ?? []), s]);
  }
  const last = rotation.last;
  const scored = [...buckets.entries()].map(([key, list]) => {
    const { direction, kind } = list[0]!;
    return {
      list,
      repeatsDirection: last !== undefined && direction === last.direction ? 1 : 0,
      lag: lag(dirTotal, dirServed, direction) + lag(kindTotal, kindServed, kind),
      tie: stableHash(`${seed}|${round}|${key}`),
    };
  });
  scored.sort((a, b) => a.repeatsDirection - b.repeatsDirection || b.lag - a.lag || a.tie - b.tie);
  const bucket = scored[0]!.list;
  const statement = bucket.reduce((best, s) =>
    stableHash(`${seed}|${round}|${s.id}`) < stableHash(`${seed}|${round}|${best.id}`) ? s : best,
  );
  return {
    statement,
    rotation: {
      round,
      served: [...servedIds, statement.id],
      last: { id: statement.id, direction: statement.direction, kind: statement.kind },
    },
  };
}

/** Puts a statement back, when it was claimed but certainly not posted. */
export function unserve(rotation: RotationState, id: string): RotationState {
  return { ...rotation, served: rotation.served.filter((x) => x !== id) };
}

const sequences = new WeakMap<readonly Statement[], Statement[]>();

/** One full round from an empty state with a fixed seed: the order of "today's tip" for everyone. */
export function commonSequence(statements: readonly Statement[]): Statement[] {
  let seq = sequences.get(statements);
  if (!seq) {
    seq = [];
    let rotation = emptyRotation();
    const n = tipStatements(statements).length;
    for (let i = 0; i < n; i++) {
      const next = pickNext(rotation, statements, 'dagens-tip')!;
      seq.push(next.statement);
      rotation = next.rotation;
    }
    sequences.set(statements, seq);
  }
  return seq;
}

/**
 * The statement for everyone on a Copenhagen day (App Home, the local page): the common order,
 * one step a calendar day, weekends included.
 */
export function commonTipFor(day: string, statements: readonly Statement[]): Statement | undefined {
  const sequence = commonSequence(statements);
  if (sequence.length === 0) return undefined;
  const n = daysBetween('2024-01-01', day);
  return sequence[((n % sequence.length) + sequence.length) % sequence.length];
}
