// The daily-tip core, assembled in dependency order: the repository (the only writer of the
// stored tip data), the sync of configured channels, the commands, the scheduler and today's
// tip. Front ends register their delivery in `deliveries`.

import type { Logger } from '../app.ts';
import type { KnowledgeSource, Replies } from '../bot/replies.ts';
import type { Store } from '../store/store.ts';
import type { CalendarOptions } from './calendar.ts';
import { TipCommands } from './commands.ts';
import { TipDeliveries } from './delivery.ts';
import { TipRepository } from './repository.ts';
import { TipScheduler } from './scheduler.ts';
import { ConfiguredTipChannels, type ConfiguredChannel } from './sync.ts';
import { todaysTipFor, type TodaysTip } from './today.ts';

export interface TipSettings {
  calendar: CalendarOptions;
  /** TIP_TIME */
  time: string;
  /** TIP_CUTOFF */
  cutoff: string;
  /** TIP_CHANNELS, parsed. */
  channels: readonly ConfiguredChannel[];
}

export interface TipCore {
  repository: TipRepository;
  commands: TipCommands;
  scheduler: TipScheduler;
  deliveries: TipDeliveries;
  todaysTip: TodaysTip;
}

export interface TipCoreOptions {
  now?: () => Date;
  /** Run the minute schedule with croner when started (default true). */
  cron?: boolean;
  deliveryTimeoutMs?: number;
}

export function createTipCore(
  deps: { store: Store; knowledge: KnowledgeSource; replies: Replies; log: Logger; settings: TipSettings },
  options: TipCoreOptions = {},
): TipCore {
  const { store, knowledge, replies, log, settings } = deps;
  const now = options.now ?? (() => new Date());
  const schedule = { calendar: settings.calendar, cutoff: settings.cutoff };
  const repository = new TipRepository(store, log);
  const configured = new ConfiguredTipChannels(repository, settings.channels, settings.time, now, log);
  const deliveries = new TipDeliveries();
  const commands = new TipCommands(repository, configured, knowledge, replies, { defaultTime: settings.time, schedule, now }, log);
  const scheduler = new TipScheduler(
    repository,
    configured,
    deliveries,
    knowledge,
    replies,
    {
      schedule,
      now,
      ...(options.cron !== undefined ? { cron: options.cron } : {}),
      ...(options.deliveryTimeoutMs !== undefined ? { deliveryTimeoutMs: options.deliveryTimeoutMs } : {}),
    },
    log,
  );
  return { repository, commands, scheduler, deliveries, todaysTip: todaysTipFor(knowledge, replies, now) };
}
