// What a channel would get on a given day, computed from the stored state without changing it.
// Used by `ledelse tip --date YYYY-MM-DD --channel ID`.

import type { Statement } from '../knowledge/schema.ts';
import { dayOffReason } from './calendar.ts';
import { addDays, copenhagenDay } from '../clock.ts';
import { emptyRotation, pickNext, roundProgress } from './rotation.ts';
import { startedBy, windowEnd, type ScheduleOptions } from './schedule.ts';
import type { StoredSubscription, TipClaim, TipState } from './state.ts';

export type TipPreview =
  /** No tip that day (weekend, holiday, configured day off). */
  | { kind: 'day-off'; reason: string }
  /** A past or present day with a claim: what was (or is being) posted. */
  | { kind: 'claimed'; claim: TipClaim; statement?: Statement }
  /** A past day without a claim. */
  | { kind: 'nothing-sent' }
  /** Today, after the window closed (or subscribed after today's time): no tip today. */
  | { kind: 'window-closed' }
  /** The statement that comes that day, if every tip until then is posted. */
  | { kind: 'upcoming'; statement: Statement; ahead: number; round: number }
  | { kind: 'no-statements' };

export interface PreviewInput {
  state: TipState;
  /** The channel's subscription key, "slack:C0123ABCD". */
  key: string;
  day: string;
  now: Date;
  statements: readonly Statement[];
  schedule: ScheduleOptions;
  /** The time a channel without a subscription would get (TIP_TIME). */
  defaultTime: string;
}

export interface PreviewResult {
  preview: TipPreview;
  subscription?: StoredSubscription;
  time: string;
  /** Statements left in the channel's current round (as stored now). */
  remaining: number;
  total: number;
}

export function previewTip(input: PreviewInput): PreviewResult {
  const { state, key, day, now, statements, schedule } = input;
  const subscription = state.subscriptions[key];
  const time = subscription?.time ?? input.defaultTime;
  const claims = state.claims[key] ?? {};
  let rotation = state.rotations[key] ?? emptyRotation();
  const progress = roundProgress(rotation, statements);
  const base = { time, remaining: progress.remaining, total: progress.total, ...(subscription ? { subscription } : {}) };
  const result = (preview: TipPreview): PreviewResult => ({ preview, ...base });

  const reason = dayOffReason(day, schedule.calendar);
  if (reason) return result({ kind: 'day-off', reason });
  const byId = new Map(statements.map((s) => [s.id, s]));
  const claim = claims[day];
  if (claim) {
    const statement = byId.get(claim.statementId);
    return result(statement ? { kind: 'claimed', claim, statement } : { kind: 'claimed', claim });
  }
  const today = copenhagenDay(now);
  if (day < today) return result({ kind: 'nothing-sent' });

  const sub = subscription ?? { time, since: new Date(0).toISOString() };
  let ahead = 0;
  for (let d = today; d <= day; d = addDays(d, 1)) {
    if (dayOffReason(d, schedule.calendar) || claims[d]) continue;
    if (d === today) {
      const open = now.getTime() < windowEnd(sub, d, schedule.cutoff).getTime() && startedBy(sub, d);
      if (!open) {
        if (d === day) return result({ kind: 'window-closed' });
        continue;
      }
    }
    const next = pickNext(rotation, statements, key);
    if (!next) return result({ kind: 'no-statements' });
    ahead += 1;
    if (d === day) return result({ kind: 'upcoming', statement: next.statement, ahead, round: next.rotation.round });
    rotation = next.rotation;
  }
  return result({ kind: 'no-statements' });
}
