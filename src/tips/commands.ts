// "tip abonner [HH:MM]", "tip afmeld" and "tip status" in a channel: the subscription changes
// and the Danish replies that confirm them.

import type { Logger } from '../app.ts';
import type { TipCommand, TipCommandHandler, TipCommandTarget } from '../bot/context.ts';
import type { KnowledgeSource, Replies } from '../bot/replies.ts';
import type { Reply } from '../bot/reply.ts';
import { copenhagenClock, copenhagenDay, danishWhen } from '../clock.ts';
import { emptyRotation, roundProgress } from './rotation.ts';
import type { TipRepository } from './repository.ts';
import { nextTip, type ScheduleOptions } from './schedule.ts';
import { subscriptionKey, type StoredSubscription } from './state.ts';
import type { ConfiguredTipChannels } from './sync.ts';

export interface TipCommandsOptions {
  /** TIP_TIME: the time a subscription without one gets. */
  defaultTime: string;
  schedule: ScheduleOptions;
  now: () => Date;
}

type Change = 'new' | 'resumed' | 'retimed' | 'same';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function schedulePhrase(sub: Pick<StoredSubscription, 'time'>): string {
  return `hver hverdag kl. ${sub.time} (dansk tid)`;
}

function notSubscribed(p: string): string {
  return `Denne kanal abonnerer ikke på daglige tips. Skriv ${p}tip abonner 08:30 for at få et tip fra ledelsesgrupperne hver hverdag.`;
}

export class TipCommands implements TipCommandHandler {
  constructor(
    private readonly repository: TipRepository,
    private readonly configured: ConfiguredTipChannels,
    private readonly knowledge: KnowledgeSource,
    private readonly replies: Replies,
    private readonly options: TipCommandsOptions,
    private readonly log: Logger,
  ) {}

  async handle(command: TipCommand, target: TipCommandTarget): Promise<Reply> {
    if (target.channel === undefined || target.channel === '') {
      return this.replies.error('Dagligt tip', 'Daglige tips kan kun sættes op i en kanal eller en samtale, ikke her.');
    }
    await this.configured.ensure();
    await this.repository.refresh();
    const key = subscriptionKey(target.platform, target.channel);
    switch (command.type) {
      case 'tip-subscribe':
        return this.subscribe(key, target as TipCommandTarget & { channel: string }, command.time);
      case 'tip-unsubscribe':
        return this.unsubscribe(key, target.commandPrefix);
      case 'tip-status':
        return this.status(key, target.commandPrefix);
    }
  }

  private nextPhrase(sub: StoredSubscription): string {
    const now = this.options.now();
    const next = nextTip(sub, this.repository.claimsOf(sub.key), now, this.options.schedule);
    if (!next) return '';
    return ` Næste tip: ${danishWhen(next.day, copenhagenClock(next.at), copenhagenDay(now))}.`;
  }

  private async subscribe(key: string, target: TipCommandTarget & { channel: string }, requested: string | undefined): Promise<Reply> {
    const since = this.options.now().toISOString();
    const existing = this.repository.subscription(key);
    const address = target.address !== undefined ? { conversationRef: target.address } : {};

    if (existing?.origin === 'env') {
      const resumed = existing.status === 'paused';
      const sub: StoredSubscription = { ...existing, ...address };
      if (resumed) {
        sub.status = 'active';
        delete sub.pausedReason;
        sub.since = since;
      }
      await this.repository.putSubscriptions([sub]);
      const retime =
        requested && requested !== existing.time
          ? ` Tidspunktet for denne kanal er sat i opsætningen (TIP_TIME) og kan ikke ændres med en kommando.`
          : '';
      const lead = resumed
        ? `Tipsene er genoptaget. Denne kanal får et tip fra ledelsesgrupperne ${schedulePhrase(sub)}, som sat op i TIP_CHANNELS.`
        : `Denne kanal får allerede et tip fra ledelsesgrupperne ${schedulePhrase(sub)}, som sat op i TIP_CHANNELS.`;
      if (resumed) this.log.info(`Daglige tips til ${key} er genoptaget.`);
      return this.replies.info(resumed ? 'Dagligt tip er slået til' : 'Dagligt tip', `${lead}${retime}${this.nextPhrase(sub)}`);
    }

    const time = requested ?? this.options.defaultTime;
    const change: Change = !existing ? 'new' : existing.status === 'paused' ? 'resumed' : existing.time !== time ? 'retimed' : 'same';
    const sub: StoredSubscription = {
      ...(existing ?? { key, platform: target.platform, channel: target.channel, time, status: 'active', origin: 'command', since }),
      ...address,
    };
    if (change !== 'same') {
      sub.time = time;
      sub.status = 'active';
      delete sub.pausedReason;
      sub.since = since;
    }
    await this.repository.putSubscriptions([sub]);

    const schedule = schedulePhrase(sub);
    let title = 'Dagligt tip er slået til';
    let lead: string;
    switch (change) {
      case 'new':
        lead = `Denne kanal får nu et tip fra ledelsesgrupperne ${schedule}.`;
        this.log.info(`Daglige tips til ${key} er slået til kl. ${time}.`);
        break;
      case 'resumed':
        lead = `Tipsene er genoptaget. Denne kanal får et tip fra ledelsesgrupperne ${schedule}.`;
        this.log.info(`Daglige tips til ${key} er genoptaget kl. ${time}.`);
        break;
      case 'retimed':
        title = 'Tidspunktet er ændret';
        lead = `Denne kanal får nu sit tip fra ledelsesgrupperne ${schedule}.`;
        this.log.info(`Daglige tips til ${key} er flyttet til kl. ${time}.`);
        break;
      case 'same':
        title = 'Dagligt tip';
        lead = `Denne kanal får allerede et tip fra ledelsesgrupperne ${schedule}.`;
    }
    const rest = change === 'same' ? '' : ` Der kommer ingen tips i weekender og på helligdage. Skriv ${target.commandPrefix}tip afmeld for at stoppe dem.`;
    return this.replies.info(title, `${lead}${this.nextPhrase(sub)}${rest}`);
  }

  private async unsubscribe(key: string, p: string): Promise<Reply> {
    const existing = this.repository.subscription(key);
    if (!existing) return this.replies.info('Dagligt tip', notSubscribed(p));
    if (existing.origin === 'env') {
      return this.replies.info(
        'Dagligt tip',
        'Denne kanals daglige tips kommer fra opsætningen (TIP_CHANNELS) og kan ikke afmeldes her. Bed den, der driver Ledelsesbot, om at fjerne kanalen fra TIP_CHANNELS.',
      );
    }
    await this.repository.putSubscriptions([], [key]);
    this.log.info(`Daglige tips til ${key} er slået fra.`);
    return this.replies.info(
      'Dagligt tip er slået fra',
      `Denne kanal får ikke længere daglige tips. Skriv ${p}tip abonner for at få dem igen — rækken fortsætter, hvor den slap.`,
    );
  }

  private status(key: string, p: string): Reply {
    const sub = this.repository.subscription(key);
    if (!sub) return this.replies.info('Dagligt tip', notSubscribed(p));
    const lines: string[] = [];
    const origin = sub.origin === 'env' ? ' Kanalen er sat op i TIP_CHANNELS.' : '';
    if (sub.status === 'paused') {
      const reason = sub.pausedReason ?? 'Kanalen kunne ikke modtage beskeder.';
      // Front ends' reasons may already say how to resume; don't say it twice.
      const howTo = /tip abonner/.test(reason) ? '' : ` Når det er løst, skriv ${p}tip abonner for at genoptage dem (kl. ${sub.time}).`;
      lines.push(`Tipsene i denne kanal er sat på pause: ${reason}${howTo}${origin}`);
    } else {
      lines.push(`Denne kanal får et tip fra ledelsesgrupperne ${schedulePhrase(sub)}.${origin}${this.nextPhrase(sub)}`);
    }
    const today = copenhagenDay(this.options.now());
    const claim = this.repository.claimsOf(key)?.[today];
    if (claim?.state === 'posted' && claim.postedAt) lines.push(`Dagens tip blev sendt kl. ${copenhagenClock(new Date(claim.postedAt))}.`);
    if (claim?.state === 'retry') lines.push('Dagens tip venter, fordi platformen bad om at vente lidt; det sendes snarest.');
    const progress = roundProgress(this.repository.rotationOf(key) ?? emptyRotation(), this.knowledge.current.kb.statements);
    if (progress.total > 0) {
      lines.push(
        progress.remaining === 0
          ? `Alle ${progress.total} tips er brugt i denne runde; næste tip begynder en ny runde.`
          : `Der er ${plural(progress.remaining, 'tip', 'tips')} af ${progress.total} tilbage i denne runde, før de kommer igen.`,
      );
    }
    return this.replies.info(sub.status === 'paused' ? 'Dagligt tip er sat på pause' : 'Dagligt tip', lines.join(' '));
  }
}
