// The daily tip's persistent state, kept under store.data.tips: subscriptions, each channel's
// rotation, and the (channel, day) claims that make posting exactly-once. A hand-edited or older
// DB file is read defensively: what does not validate is dropped with a warning, never a crash.

import { z } from 'zod';
import { DIRECTIONS, KINDS } from '../knowledge/directions.ts';
import type { RotationState } from './rotation.ts';
import type { Platform } from '../store/store.ts';
import type { TipSubscription } from './delivery.ts';

export interface StoredSubscription extends TipSubscription {
  /**
   * When the subscription last started (created, given a new time, or resumed), ISO. A due time
   * before this is not a "missed" tip: the first tip comes at the next due time.
   */
  since: string;
}

/**
 * claimed: taken before posting (if it stays so, the app stopped mid-post: never posted again);
 * posted: delivered; retry: rate limited, try again from notBefore the same day;
 * paused: the channel cannot take posts; failed: any other error (not retried);
 * expired: a retry that ran past the day's cut-off.
 */
export type ClaimState = 'claimed' | 'posted' | 'retry' | 'paused' | 'failed' | 'expired';

export interface TipClaim {
  statementId: string;
  state: ClaimState;
  claimedAt: string;
  postedAt?: string;
  /** For state retry: not before this instant (ISO). */
  notBefore?: string;
  attempts: number;
  /** Short error code, never message text from users. */
  error?: string;
}

export interface TipState {
  version: 1;
  subscriptions: Record<string, StoredSubscription>;
  /** Per channel key; kept when a channel unsubscribes, so a new subscription continues. */
  rotations: Record<string, RotationState>;
  /** channel key → Copenhagen day → claim. */
  claims: Record<string, Record<string, TipClaim>>;
}

export function emptyTipState(): TipState {
  return { version: 1, subscriptions: {}, rotations: {}, claims: {} };
}

const iso = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'ugyldigt tidspunkt');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const SubscriptionSchema = z.object({
  key: z.string().min(3),
  platform: z.string().regex(/^[a-z][a-z0-9-]*$/),
  channel: z.string().min(1),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  status: z.enum(['active', 'paused']).catch('active'),
  pausedReason: z.string().optional().catch(undefined),
  origin: z.enum(['command', 'env']).catch('command'),
  conversationRef: z.unknown().optional(),
  since: iso.catch(new Date(0).toISOString()),
});

const RotationSchema = z.object({
  round: z.number().int().min(1).catch(1),
  served: z.array(z.string()).catch([]),
  last: z
    .object({ id: z.string(), direction: z.enum(DIRECTIONS), kind: z.enum(KINDS) })
    .optional()
    .catch(undefined),
});

const ClaimSchema = z.object({
  statementId: z.string().min(1),
  state: z.enum(['claimed', 'posted', 'retry', 'paused', 'failed', 'expired']),
  claimedAt: iso,
  postedAt: iso.optional().catch(undefined),
  notBefore: iso.optional().catch(undefined),
  attempts: z.number().int().min(0).catch(1),
  error: z.string().optional().catch(undefined),
});

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stripUndefined<T extends object>(value: T): T {
  for (const k of Object.keys(value) as Array<keyof T>) if (value[k] === undefined) delete value[k];
  return value;
}

/**
 * A valid TipState from whatever store.data.tips holds. Invalid entries are dropped and named in
 * `problems`; valid ones are kept as they are.
 */
export function normalizeTipState(raw: unknown): { state: TipState; problems: string[] } {
  const problems: string[] = [];
  const input = record(raw);
  const state = emptyTipState();

  for (const [key, value] of Object.entries(record(input.subscriptions))) {
    const parsed = SubscriptionSchema.safeParse({ key, ...record(value) });
    if (parsed.success && parsed.data.key === key) {
      state.subscriptions[key] = stripUndefined({ ...parsed.data }) as StoredSubscription;
    } else {
      problems.push(`tips.subscriptions["${key}"] er ugyldigt og ignoreres`);
    }
  }
  for (const [key, value] of Object.entries(record(input.rotations))) {
    const parsed = RotationSchema.safeParse(value);
    if (parsed.success) state.rotations[key] = stripUndefined({ ...parsed.data }) as RotationState;
    else problems.push(`tips.rotations["${key}"] er ugyldigt og ignoreres`);
  }
  for (const [key, days] of Object.entries(record(input.claims))) {
    const kept: Record<string, TipClaim> = {};
    for (const [d, value] of Object.entries(record(days))) {
      const parsed = ClaimSchema.safeParse(value);
      if (day.safeParse(d).success && parsed.success) kept[d] = stripUndefined({ ...parsed.data }) as TipClaim;
      else problems.push(`tips.claims["${key}"]["${d}"] er ugyldigt og ignoreres`);
    }
    state.claims[key] = kept;
  }
  return { state, problems };
}

export function subscriptionKey(platform: Platform, channel: string): string {
  return `${platform}:${channel}`;
}
