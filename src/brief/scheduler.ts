// The brief's clock: one reminder to each recipient who has not answered, on the working day
// before the deadline in the morning (Copenhagen time, the tip calendar's working days); a note
// to the author when the deadline has passed; and deleting briefs BRIEF_RETENTION_DAYS after they
// closed or their deadline passed. Every message is claimed in the repository before it is sent,
// so a restart or a second instance never sends it twice.

import { Cron } from 'croner';
import type { Logger } from '../app.ts';
import { addDays, copenhagenDay, copenhagenInstant, TIP_ZONE } from '../clock.ts';
import { errorMessage } from '../shared/errors.ts';
import { dayOffReason, type CalendarOptions } from '../tips/calendar.ts';
import type { Brief } from './model.ts';
import type { BriefRepository } from './repository.ts';
import type { Briefs } from './service.ts';

/** When reminders and deadline notes go out (Copenhagen time). */
export const REMINDER_TIME = '09:00';

export interface BriefScheduleOptions {
  calendar: CalendarOptions;
  /** A reminder missed at 09:00 (app down) may still come until this time the same day (TIP_CUTOFF). */
  cutoff: string;
  retentionDays: number;
  now: () => Date;
  /** Run every minute with croner when started (default true). */
  cron?: boolean;
}

export interface BriefTickReport {
  reminded: Array<{ brief: string; user: string }>;
  deadlineNotes: string[];
  deleted: number;
}

/** The working day before `deadline` (weekends, Danish public holidays and the configured days off skipped). */
export function reminderDay(deadline: string, calendar: CalendarOptions): string {
  let day = addDays(deadline, -1);
  for (let i = 0; i < 30 && dayOffReason(day, calendar); i++) day = addDays(day, -1);
  return day;
}

/** The first day a brief may be deleted: BRIEF_RETENTION_DAYS after it closed or its deadline passed. */
export function deleteFrom(brief: Pick<Brief, 'deadline' | 'closedAt'>, retentionDays: number): string {
  const closed = brief.closedAt ? copenhagenDay(new Date(brief.closedAt)) : undefined;
  const ended = closed && closed < brief.deadline ? closed : brief.deadline;
  return addDays(ended, retentionDays + 1);
}

export class BriefScheduler {
  private cron: Cron | undefined;
  private running: Promise<BriefTickReport> | undefined;

  constructor(
    private readonly repository: BriefRepository,
    private readonly briefs: Briefs,
    private readonly options: BriefScheduleOptions,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    if ((this.options.cron ?? true) && !this.cron) {
      this.cron = new Cron('30 * * * * *', { timezone: TIP_ZONE, protect: true, catch: (err) => this.log.error(`Brief og backbrief: ${String(err)}`) }, () =>
        this.tick().then(() => undefined),
      );
    }
    try {
      await this.tick();
    } catch (err) {
      this.log.error(`Brief og backbrief: ${errorMessage(err)}`);
    }
  }

  stop(): void {
    this.cron?.stop();
    this.cron = undefined;
  }

  /** One pass; overlapping calls share it. */
  tick(): Promise<BriefTickReport> {
    this.running ??= this.runTick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runTick(): Promise<BriefTickReport> {
    const now = this.options.now();
    const today = copenhagenDay(now);
    const report: BriefTickReport = { reminded: [], deadlineNotes: [], deleted: 0 };
    report.deleted = await this.repository.deleteWhere((b) => deleteFrom(b, this.options.retentionDays) <= today);
    if (report.deleted) this.log.info(`Brief og backbrief: ${report.deleted} udløbne briefs er slettet (BRIEF_RETENTION_DAYS).`);

    const morning = copenhagenInstant(today, REMINDER_TIME).getTime();
    const cutoff = copenhagenInstant(today, this.options.cutoff).getTime();
    const t = now.getTime();
    if (dayOffReason(today, this.options.calendar) || t < morning) return report;

    for (const brief of await this.repository.open()) {
      if (today > brief.deadline) {
        const { recipients } = brief;
        // Everyone answered: the author already had that note; nothing more to say.
        if (recipients.every((r) => r.backbrief)) continue;
        if (await this.repository.claim(brief.id, 'deadline-passed', now)) {
          await this.briefs.deliver(brief, brief.author, this.briefs.deadlinePassedReply(brief));
          report.deadlineNotes.push(brief.id);
        }
        continue;
      }
      if (today !== reminderDay(brief.deadline, this.options.calendar) || t >= cutoff) continue;
      // A brief given after this morning's reminder time is fresh news, not something to remind of.
      if (Date.parse(brief.createdAt) >= morning) continue;
      for (const r of brief.recipients) {
        if (r.backbrief || r.delivery === 'failed') continue;
        if (!(await this.repository.claim(brief.id, `reminder:${r.user}`, now))) continue;
        await this.briefs.deliver(brief, r.user, this.briefs.reminderReply(brief));
        report.reminded.push({ brief: brief.id, user: r.user });
      }
    }
    return report;
  }
}
