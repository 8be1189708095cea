// TIP_CHANNELS → stored subscriptions: channels the configuration says always get the daily tip.
// Synced once per run, before the first command or tick: added, re-timed or removed env
// subscriptions. A subscription made by a command in the channel becomes an env one when the
// channel is configured.

import type { Logger } from '../app.ts';
import type { Platform } from '../store/store.ts';
import type { TipRepository } from './repository.ts';
import { subscriptionKey, type StoredSubscription } from './state.ts';

export interface ConfiguredChannel {
  platform: Platform;
  channel: string;
}

export class ConfiguredTipChannels {
  private synced: Promise<void> | undefined;

  constructor(
    private readonly repository: TipRepository,
    private readonly channels: readonly ConfiguredChannel[],
    /** TIP_TIME: when configured channels get their tip. */
    private readonly time: string,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  /** Syncs once; a failed sync is tried again on the next call rather than failing for ever. */
  ensure(): Promise<void> {
    this.synced ??= this.sync().catch((err: unknown) => {
      this.synced = undefined;
      throw err;
    });
    return this.synced;
  }

  private async sync(): Promise<void> {
    await this.repository.refresh();
    const wanted = new Map(this.channels.map((c) => [subscriptionKey(c.platform, c.channel), c]));
    const now = this.now().toISOString();
    const remove = this.repository
      .subscriptions()
      .filter((sub) => sub.origin === 'env' && !wanted.has(sub.key))
      .map((sub) => sub.key);
    const put: StoredSubscription[] = [];
    for (const [key, { platform, channel }] of wanted) {
      const existing = this.repository.subscription(key);
      if (!existing) {
        put.push({ key, platform, channel, time: this.time, status: 'active', origin: 'env', since: now });
      } else if (existing.origin !== 'env' || existing.time !== this.time) {
        const retimed = existing.time !== this.time;
        put.push({ ...existing, origin: 'env', time: this.time, ...(retimed ? { since: now } : {}) });
      }
    }
    if (put.length || remove.length) await this.repository.putSubscriptions(put, remove);
    if (wanted.size) this.log.info(`Daglige tips fra TIP_CHANNELS: ${wanted.size} ${wanted.size === 1 ? 'kanal' : 'kanaler'} kl. ${this.time}.`);
  }
}
