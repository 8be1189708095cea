// "Spørg HR", assembled in dependency order: the repository (on the runtime store's records) → the front-end
// registry → the conversation part (HrService) → insight and the weekly summary. Front ends
// register in `frontEnds` as they start.

import type { Logger } from '../app.ts';
import type { KnowledgeSource, Replies } from '../bot/replies.ts';
import type { FeedbackRecord, Store } from '../store/store.ts';
import type { CalendarOptions } from '../tips/calendar.ts';
import { HrFrontEnds, type HrDeskTarget } from './front-ends.ts';
import { insightFigures, type InsightFigures, type InsightSources } from './insight.ts';
import type { HrRepository } from './repository.ts';
import { StoreHrRepository } from './store-repository.ts';
import { HrService } from './service.ts';
import { HrWeeklySummary } from './summary.ts';

export interface HrCoreSettings {
  configuredDesks: readonly HrDeskTarget[];
  retentionDays: number;
  calendar: CalendarOptions;
  summaryTime: string;
  cutoff: string;
}

export interface HrCore {
  repository: HrRepository;
  frontEnds: HrFrontEnds;
  service: HrService;
  summary: HrWeeklySummary;
  insight(now?: Date): Promise<InsightFigures>;
  /** Resolves when the HR channels and saved answers are read (main.ts waits for it before serving). */
  ready: Promise<void>;
}

export function createHrCore(
  deps: {
    store: Store;
    knowledge: KnowledgeSource;
    replies: Replies;
    log: Logger;
    settings: HrCoreSettings;
    /** Another repository (tests); the one on `store`'s records by default. */
    repository?: HrRepository;
    feedback?: () => Promise<readonly FeedbackRecord[]>;
  },
  now: () => Date = () => new Date(),
): HrCore {
  const { store, knowledge, replies, log, settings } = deps;
  const repository = deps.repository ?? new StoreHrRepository(store, log);
  const frontEnds = new HrFrontEnds();
  const service = new HrService(repository, frontEnds, knowledge, replies, { configuredDesks: settings.configuredDesks, retentionDays: settings.retentionDays }, log, now);
  const ready = service.load();
  // An HR channel registered on another instance: read the channels again.
  store.onChange((topic) => {
    if (topic === 'records') void service.reloadDesks().catch((err: unknown) => log.warn(`Spørg HR: HR-kanalerne kunne ikke læses igen: ${err instanceof Error ? err.message : String(err)}`));
  });
  const sources: InsightSources = {
    repository,
    feedback: deps.feedback ?? (async () => (await store.exportData()).feedback),
    situations: () => knowledge.current.situations,
    statementText: (id) => knowledge.current.kb.byId.get(id)?.text,
  };
  const summary = new HrWeeklySummary(service, repository, frontEnds, sources, { calendar: settings.calendar, time: settings.summaryTime, cutoff: settings.cutoff }, log);
  return { repository, frontEnds, service, summary, ready, insight: (at = now()) => insightFigures(sources, at) };
}

export { HrFrontEnds, type HrDeskTarget, type HrFrontEnd, type HrSendResult } from './front-ends.ts';
