// The stored tip data (store.data.tips): subscriptions, each channel's rotation and the
// (channel, day) claims. The only writer of it. Every change goes through the store's update
// path in one synchronous step, so a check and the write it leads to can never interleave with
// another tick or command.

import type { Logger } from '../app.ts';
import { addDays } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { RotationState } from './rotation.ts';
import { unserve } from './rotation.ts';
import { normalizeTipState, type StoredSubscription, type TipClaim, type TipState } from './state.ts';

/** Claims older than this many days are dropped. */
export const CLAIM_HISTORY_DAYS = 60;

/** What to do about (channel, day), decided inside the write that records it. */
export type ClaimDecision =
  | { action: 'skip' }
  /** A new claim for the statement; the rotation after serving it. */
  | { action: 'claim'; statementId: string; rotation: RotationState }
  /** Try the claimed statement again (after a Retry-After). */
  | { action: 'retry' }
  /** The statement waiting for a retry is gone from the data: give the day up. */
  | { action: 'give-up'; error: string };

export type ClaimOutcome =
  | { state: 'posted'; postedAt: string }
  | { state: 'retry'; notBefore: string }
  | { state: 'failed'; error: string }
  /** Certainly not posted: the channel is paused and the statement goes back into its round. */
  | { state: 'paused'; error: string; reason: string; statementId: string };

/**
 * Tip states that came out of validation and were written to a store. Shared by every repository,
 * so two repositories on one store (two schedulers) work on the same object and see each other's
 * claims, instead of each keeping its own copy.
 */
const validatedStates = new WeakSet<object>();

export class TipRepository {
  /** A stored value not yet validated and its validated copy, so a hand-edited file is read once. */
  private pending: { raw: unknown; state: TipState } | undefined;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /** The current state, validated. Read it; change it only through the methods below. */
  get state(): Readonly<TipState> {
    return this.live();
  }

  subscription(key: string): Readonly<StoredSubscription> | undefined {
    return this.live().subscriptions[key];
  }

  subscriptions(): ReadonlyArray<Readonly<StoredSubscription>> {
    return Object.values(this.live().subscriptions);
  }

  claimsOf(key: string): Readonly<Record<string, TipClaim>> | undefined {
    return this.live().claims[key];
  }

  rotationOf(key: string): Readonly<RotationState> | undefined {
    return this.live().rotations[key];
  }

  /** Adds or replaces subscriptions and removes others, in one write. */
  async putSubscriptions(put: readonly StoredSubscription[], remove: readonly string[] = []): Promise<void> {
    await this.write((s) => {
      for (const key of remove) delete s.subscriptions[key];
      for (const sub of put) s.subscriptions[sub.key] = { ...sub };
    });
  }

  /**
   * Decides and records a claim for (key, day) in one step. `decide` sees the subscription, the
   * day's claim and the rotation as they are at the moment of writing.
   */
  async claim(
    key: string,
    day: string,
    now: Date,
    decide: (sub: StoredSubscription, claim: TipClaim | undefined, rotation: RotationState | undefined) => ClaimDecision,
  ): Promise<ClaimDecision> {
    let decision: ClaimDecision = { action: 'skip' };
    await this.write((s) => {
      const sub = s.subscriptions[key];
      if (!sub) return;
      const days = (s.claims[key] ??= {});
      const existing = days[day];
      decision = decide(sub, existing, s.rotations[key]);
      switch (decision.action) {
        case 'claim': {
          s.rotations[key] = decision.rotation;
          days[day] = { statementId: decision.statementId, state: 'claimed', claimedAt: now.toISOString(), attempts: 1 };
          const oldest = addDays(day, -CLAIM_HISTORY_DAYS);
          for (const d of Object.keys(days)) if (d < oldest) delete days[d];
          break;
        }
        case 'retry':
          if (existing) {
            existing.state = 'claimed';
            existing.attempts += 1;
            delete existing.notBefore;
          }
          break;
        case 'give-up':
          if (existing) {
            existing.state = 'failed';
            existing.error = decision.error;
            delete existing.notBefore;
          }
          break;
        case 'skip':
          break;
      }
    });
    return decision;
  }

  /** Writes what became of a claimed (key, day). */
  async recordOutcome(key: string, day: string, outcome: ClaimOutcome): Promise<void> {
    await this.write((s) => {
      const claim = s.claims[key]?.[day];
      if (!claim) return;
      switch (outcome.state) {
        case 'posted':
          claim.state = 'posted';
          claim.postedAt = outcome.postedAt;
          break;
        case 'retry':
          claim.state = 'retry';
          claim.notBefore = outcome.notBefore;
          break;
        case 'failed':
          claim.state = 'failed';
          claim.error = outcome.error;
          break;
        case 'paused': {
          claim.state = 'paused';
          claim.error = outcome.error;
          const sub = s.subscriptions[key];
          if (sub) {
            sub.status = 'paused';
            sub.pausedReason = outcome.reason;
          }
          const rotation = s.rotations[key];
          if (rotation) s.rotations[key] = unserve(rotation, outcome.statementId);
          break;
        }
      }
    });
  }

  /** Ends the retries of these (key, day) pairs: their window has closed. */
  async expireRetries(expired: ReadonlyArray<{ key: string; day: string }>): Promise<void> {
    if (!expired.length) return;
    await this.write((s) => {
      for (const { key, day } of expired) {
        const claim = s.claims[key]?.[day];
        if (claim?.state === 'retry') {
          claim.state = 'expired';
          delete claim.notBefore;
        }
      }
    });
  }

  private live(): TipState {
    const raw = this.store.data.tips;
    if (validatedStates.has(raw)) return raw as unknown as TipState;
    if (this.pending && this.pending.raw === raw) return this.pending.state;
    const { state, problems } = normalizeTipState(raw);
    for (const p of problems) this.log.warn(`Daglige tips: ${p}.`);
    this.pending = { raw, state };
    return state;
  }

  private async write(change: (state: TipState) => void): Promise<void> {
    await this.store.update((d) => {
      const state = this.live();
      change(state);
      validatedStates.add(state);
      d.tips = state as unknown as Record<string, unknown>;
      this.pending = undefined;
    });
  }
}
