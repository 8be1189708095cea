// The weekly summary in the HR channels: on the week's first working day (Copenhagen, the tip
// calendar's working days) at HR_SUMMARY_TIME, once per channel and week. It runs on the tip
// scheduler's minute clock and uses the same exactly-once rule: the (channel, week) claim is
// written before anything is posted, so a crash can cost a summary but never post one twice.

import type { Logger } from '../app.ts';
import { addDays, copenhagenClock, copenhagenDay, minutesOf } from '../clock.ts';
import { errorMessage } from '../shared/errors.ts';
import { dayOffReason, type CalendarOptions } from '../tips/calendar.ts';
import type { HrFrontEnds } from './front-ends.ts';
import { insightFigures, summaryReply, type InsightSources } from './insight.ts';
import type { HrRepository } from './repository.ts';
import { weekOf, type HrService } from './service.ts';

export interface SummarySettings {
  calendar: CalendarOptions;
  /** HR_SUMMARY_TIME, "HH:MM". */
  time: string;
  /** After this the day's summary is skipped (TIP_CUTOFF). */
  cutoff: string;
}

/** True when `day` is the first working day of its week. */
export function isFirstWorkingDay(day: string, calendar: CalendarOptions): boolean {
  if (dayOffReason(day, calendar)) return false;
  for (let d = weekOf(day); d < day; d = addDays(d, 1)) if (!dayOffReason(d, calendar)) return false;
  return true;
}

export class HrWeeklySummary {
  private lastPrune = '';

  constructor(
    private readonly service: HrService,
    private readonly repository: HrRepository,
    private readonly frontEnds: HrFrontEnds,
    private readonly insight: InsightSources,
    private readonly settings: SummarySettings,
    private readonly log: Logger,
  ) {}

  /** One pass of the minute clock: prunes once a day, posts the summary when it is due. Returns the channels posted to. */
  async run(now: Date): Promise<string[]> {
    const day = copenhagenDay(now);
    if (this.lastPrune !== day) {
      this.lastPrune = day;
      const removed = await this.service.prune();
      if (removed) this.log.info(`Spørg HR: ${removed} besvarede spørgsmål er slettet efter opbevaringstiden.`);
    }
    if (!isFirstWorkingDay(day, this.settings.calendar)) return [];
    const clock = minutesOf(copenhagenClock(now));
    if (clock < minutesOf(this.settings.time) || clock >= minutesOf(this.settings.cutoff)) return [];
    const week = weekOf(day);
    const posted: string[] = [];
    for (const desk of this.service.postingDesks()) {
      const key = `${desk.platform}:${desk.channel}`;
      if (!(await this.repository.claimSummary(key, week, now.toISOString()))) continue;
      try {
        const figures = await insightFigures(this.insight, now);
        const result = await this.frontEnds.get(desk.platform)!.postToDesk!(desk, summaryReply(figures, addDays(week, -7)));
        await this.repository.recordSummary(key, week, result.ok ? { state: 'posted', postedAt: new Date().toISOString() } : { state: 'failed', error: result.note });
        if (result.ok) posted.push(key);
        else this.log.warn(`Spørg HR: ugens overblik kunne ikke sendes til ${key}: ${result.note}`);
      } catch (err) {
        await this.repository.recordSummary(key, week, { state: 'failed', error: errorMessage(err).slice(0, 160) });
        this.log.error(`Spørg HR: ugens overblik kunne ikke sendes til ${key}: ${errorMessage(err)}`);
      }
    }
    return posted;
  }
}
