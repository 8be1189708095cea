// The pure scheduling rules: when a subscription's tip is due on a day, until when a missed tip
// may still come, and when the next tip will be. All times are Copenhagen wall-clock times,
// turned into instants with the zone's own rules, so the server's time zone never matters.

import { dayOffReason, type CalendarOptions } from './calendar.ts';
import { addDays, copenhagenDay, copenhagenInstant, endOfDay, minutesOf } from '../clock.ts';
import type { StoredSubscription, TipClaim } from './state.ts';

export interface ScheduleOptions {
  calendar: CalendarOptions;
  /** "HH:MM": a tip missed (app down) may come until this time the same day. */
  cutoff: string;
}

/** How long after its time a tip set at or after the cut-off may still come. */
export const LATE_WINDOW_MS = 60 * 60 * 1000;

/** The instant a subscription's tip is due on `day` (Copenhagen time). */
export function dueAt(subscription: Pick<StoredSubscription, 'time'>, day: string): Date {
  return copenhagenInstant(day, subscription.time);
}

/**
 * The end of the window in which the day's tip may still be posted: the cut-off, or — for a tip
 * time at or after the cut-off — one hour after the tip time, never past midnight.
 */
export function windowEnd(subscription: Pick<StoredSubscription, 'time'>, day: string, cutoff: string): Date {
  if (minutesOf(subscription.time) < minutesOf(cutoff)) return copenhagenInstant(day, cutoff);
  const late = dueAt(subscription, day).getTime() + LATE_WINDOW_MS;
  return new Date(Math.min(late, endOfDay(day).getTime()));
}

/** Whether the subscription counts for `day` at all: it existed (in its current form) at the due time. */
export function startedBy(subscription: Pick<StoredSubscription, 'time' | 'since'>, day: string): boolean {
  return Date.parse(subscription.since) <= dueAt(subscription, day).getTime();
}

/**
 * Whether a tip should be claimed for the subscription now: an active subscription, a tip day,
 * due ≤ now < window end, started before the due time, and not yet claimed for the day.
 */
export function isDue(
  subscription: StoredSubscription,
  claim: TipClaim | undefined,
  now: Date,
  options: ScheduleOptions,
): boolean {
  if (subscription.status !== 'active' || claim) return false;
  const day = copenhagenDay(now);
  if (dayOffReason(day, options.calendar)) return false;
  const t = now.getTime();
  return startedBy(subscription, day) && dueAt(subscription, day).getTime() <= t && t < windowEnd(subscription, day, options.cutoff).getTime();
}

/** A claim waiting for Slack's Retry-After that may be tried again now. */
export function isRetryDue(subscription: StoredSubscription, claim: TipClaim | undefined, now: Date, options: ScheduleOptions): boolean {
  if (subscription.status !== 'active' || claim?.state !== 'retry') return false;
  const day = copenhagenDay(now);
  const t = now.getTime();
  return (claim.notBefore === undefined || Date.parse(claim.notBefore) <= t) && t < windowEnd(subscription, day, options.cutoff).getTime();
}

/**
 * When the subscription's next tip will come: today if it is still to come (or waiting to be
 * retried), else the next tip day. Undefined when paused.
 */
export function nextTip(
  subscription: StoredSubscription,
  claims: Readonly<Record<string, TipClaim>> | undefined,
  now: Date,
  options: ScheduleOptions,
): { day: string; at: Date } | undefined {
  if (subscription.status !== 'active') return undefined;
  const today = copenhagenDay(now);
  for (let i = 0; i < 60; i++) {
    const day = addDays(today, i);
    if (dayOffReason(day, options.calendar)) continue;
    const at = dueAt(subscription, day);
    const claim = claims?.[day];
    if (i === 0) {
      const stillToday = now.getTime() < windowEnd(subscription, day, options.cutoff).getTime();
      if (claim?.state === 'retry' && stillToday) return { day, at: claim.notBefore ? new Date(claim.notBefore) : now };
      if (claim || !startedBy(subscription, day) || !stillToday) continue;
      return { day, at };
    }
    if (!claim) return { day, at };
  }
  return undefined;
}
