// The stored tip data: subscriptions, each channel's rotation and the (channel, day) claims. The
// only writer of it. Every change is one atomic store.updateTips on the state as the store holds
// it at that moment (in PostgreSQL under a lock every instance honours, a new claim a unique
// row), so a check and the write it leads to never interleave with another tick, command or
// instance. Reads come from a snapshot that refresh() takes at the start of each command and
// tick and that every write replaces with what it wrote.

import type { Logger } from '../app.ts';
import { addDays } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { RotationState } from './rotation.ts';
import { unserve } from './rotation.ts';
import { emptyTipState, normalizeTipState, type StoredSubscription, type TipClaim, type TipState } from './state.ts';

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

export class TipRepository {
  private snapshot: TipState = emptyTipState();
  /** Problems already reported, so a hand-edited entry is named once, not every minute. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly store: Pick<Store, 'readTips' | 'updateTips'>,
    private readonly log: Logger,
  ) {}

  /** Reads the state as the store holds it now (what other instances wrote included). */
  async refresh(): Promise<Readonly<TipState>> {
    const { state, problems } = normalizeTipState(await this.store.readTips());
    this.report(problems);
    this.snapshot = state;
    return state;
  }

  /** The state as last read or written, validated. Change it only through the methods below. */
  get state(): Readonly<TipState> {
    return this.snapshot;
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
    return this.snapshot;
  }

  private report(problems: readonly string[]): void {
    for (const p of problems) {
      if (this.reported.has(p)) continue;
      this.reported.add(p);
      this.log.warn(`Daglige tips: ${p}.`);
    }
  }

  /** One atomic change on the store's current state; what does not validate is dropped by it. */
  private async write(change: (state: TipState) => void): Promise<void> {
    const { state, problems } = await this.store.updateTips((docs) => {
      const validated = normalizeTipState(docs);
      change(validated.state);
      docs.subscriptions = validated.state.subscriptions;
      docs.rotations = validated.state.rotations;
      docs.claims = validated.state.claims;
      return validated;
    });
    this.report(problems);
    this.snapshot = state;
  }
}
