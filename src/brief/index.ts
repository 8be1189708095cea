// Brief and backbrief, assembled: the repository (the runtime store's records, lowdb file or
// PostgreSQL; any BriefRepository will do), the deliveries front ends register in, the conversation part and its clock.

import type { Logger } from '../app.ts';
import type { KnowledgeSource, Replies } from '../bot/replies.ts';
import type { Store } from '../store/store.ts';
import type { CalendarOptions } from '../tips/calendar.ts';
import { PersonDeliveries } from './delivery.ts';
import { StoreBriefRepository } from './store-repository.ts';
import type { BriefRepository } from './repository.ts';
import { BriefScheduler } from './scheduler.ts';
import { Briefs } from './service.ts';

export { PersonDeliveries, type PersonDeliver, type Person } from './delivery.ts';
export type { BriefRepository } from './repository.ts';

export interface BriefCore {
  repository: BriefRepository;
  deliveries: PersonDeliveries;
  briefs: Briefs;
  scheduler: BriefScheduler;
}

export interface BriefCoreDeps {
  store: Store;
  knowledge: KnowledgeSource;
  replies: Replies;
  log: Logger;
  settings: { calendar: CalendarOptions; cutoff: string; retentionDays: number };
  /** Another repository; the runtime store's records by default. */
  repository?: BriefRepository;
}

export function createBriefCore(deps: BriefCoreDeps, options: { now?: () => Date; cron?: boolean } = {}): BriefCore {
  const now = options.now ?? (() => new Date());
  const repository = deps.repository ?? new StoreBriefRepository(deps.store, deps.log);
  const deliveries = new PersonDeliveries();
  const briefs = new Briefs(repository, deliveries, deps.knowledge, deps.replies, { now, retentionDays: deps.settings.retentionDays }, deps.log);
  const scheduler = new BriefScheduler(
    repository,
    briefs,
    { ...deps.settings, now, ...(options.cron !== undefined ? { cron: options.cron } : {}) },
    deps.log,
  );
  return { repository, deliveries, briefs, scheduler };
}
