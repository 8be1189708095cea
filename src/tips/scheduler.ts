// The daily tip's clock: a minute schedule (croner, Copenhagen time), wake-ups after a
// Retry-After, and for each due subscription the exactly-once steps.
//
// Exactly once: a (channel, day) tip is claimed — the statement chosen and the rotation advanced —
// and the claim is written to DB_FILE before the front end is asked to post; the result is
// written after. A claim that was never confirmed (the app stopped mid-post) is never posted
// again, so a crash can cost a tip but never double-post one.

import { Cron } from 'croner';
import type { Logger } from '../app.ts';
import type { KnowledgeSource, Replies } from '../bot/replies.ts';
import { copenhagenClock, copenhagenDay, TIP_ZONE } from '../clock.ts';
import { tipStatements } from '../knowledge/advice.ts';
import type { Statement } from '../knowledge/schema.ts';
import { errorMessage } from '../shared/errors.ts';
import { dayOffReason } from './calendar.ts';
import type { DeliveryResult, TipDeliver, TipDeliveries, TipSubscription } from './delivery.ts';
import type { TipRepository } from './repository.ts';
import { emptyRotation, pickNext } from './rotation.ts';
import { isDue, isRetryDue, startedBy, windowEnd, type ScheduleOptions } from './schedule.ts';
import type { StoredSubscription, TipClaim } from './state.ts';
import type { ConfiguredTipChannels } from './sync.ts';

export interface TipSchedulerOptions {
  schedule: ScheduleOptions;
  /** The clock; tests pass a controlled one. */
  now: () => Date;
  /** Run the minute schedule with croner when started (default true). */
  cron?: boolean;
  /** A delivery that does not answer within this time counts as an error (default 60 s). */
  deliveryTimeoutMs?: number;
}

/** What a tick did, for tests and logs. */
export interface TickReport {
  day: string;
  posted: string[];
  retrying: string[];
  paused: string[];
  failed: string[];
}

/** Retry-After is honoured within these bounds (seconds). */
const MIN_RETRY_S = 1;
const MAX_RETRY_S = 3600;

/** Text fit for a log line: short, and never anything that looks like a token. */
function safeCode(text: string): string {
  return text.replace(/xox[a-z]-[\w-]+/gi, '[token]').replace(/\s+/g, ' ').slice(0, 160);
}

export class TipScheduler {
  private readonly now: () => Date;
  private readonly deliveryTimeoutMs: number;
  private cron: Cron | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private running: Promise<TickReport> | undefined;
  /** "key|day|what" already logged, so a minute tick does not repeat itself. */
  private readonly logged = new Set<string>();
  /** Other scheduled work on the same minute clock (HR's weekly summary), run after the tips. */
  private readonly jobs: Array<(now: Date) => Promise<unknown>> = [];

  constructor(
    private readonly repository: TipRepository,
    private readonly configured: ConfiguredTipChannels,
    private readonly deliveries: TipDeliveries,
    private readonly knowledge: KnowledgeSource,
    private readonly replies: Replies,
    private readonly options: TipSchedulerOptions,
    private readonly log: Logger,
  ) {
    this.now = options.now;
    this.deliveryTimeoutMs = options.deliveryTimeoutMs ?? 60_000;
  }

  /** Starts the schedule; catches up a missed tip of today before the cut-off. */
  async start(): Promise<void> {
    await this.configured.ensure();
    await this.repository.refresh();
    const today = copenhagenDay(this.now());
    for (const [key, days] of Object.entries(this.repository.state.claims)) {
      if (days[today]?.state === 'claimed') {
        this.log.warn(`Dagens tip til ${key} blev gjort klar, men ikke bekræftet sendt (appen stoppede midt i afsendelsen). Det sendes ikke igen i dag.`);
      }
    }
    if ((this.options.cron ?? true) && !this.cron) {
      this.cron = new Cron('0 * * * * *', { timezone: TIP_ZONE, protect: true, catch: (err) => this.log.error(`Daglige tips: ${String(err)}`) }, () =>
        this.tick().then(() => undefined),
      );
    }
    try {
      await this.tick();
    } catch (err) {
      this.log.error(`Daglige tips: ${safeCode(String(err))}`);
    }
  }

  stop(): void {
    this.cron?.stop();
    this.cron = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Adds work to every pass of the minute clock; it keeps its own exactly-once claims. */
  addJob(job: (now: Date) => Promise<unknown>): void {
    this.jobs.push(job);
  }

  /** Runs one pass: posts every tip that is due now. Overlapping calls share one pass. */
  tick(): Promise<TickReport> {
    this.running ??= this.runTick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runTick(): Promise<TickReport> {
    await this.configured.ensure();
    // What every instance wrote until now; each claim below is decided again on the store's state.
    await this.repository.refresh();
    const now = this.now();
    const day = copenhagenDay(now);
    const report: TickReport = { day, posted: [], retrying: [], paused: [], failed: [] };

    await this.expireRetries(now, day);
    const off = dayOffReason(day, this.options.schedule.calendar);
    if (off) {
      if (this.repository.subscriptions().length) this.logOnce(`${day}|off`, `Ingen daglige tips i dag (${day}): ${off}.`);
      await this.runJobs(now);
      return report;
    }

    for (const sub of this.repository.subscriptions()) {
      const claim = this.repository.claimsOf(sub.key)?.[day];
      if (!isDue(sub, claim, now, this.options.schedule) && !isRetryDue(sub, claim, now, this.options.schedule)) {
        this.noteSkipped(sub, claim, now, day);
        continue;
      }
      const deliver = this.deliveries.get(sub.platform);
      if (!deliver) {
        this.logOnce(`${sub.key}|${day}|nodeliver`, `Dagens tip til ${sub.key} venter: ${sub.platform} er ikke sat op i denne kørsel.`, 'warn');
        continue;
      }
      try {
        const statement = await this.claim(sub.key, day, now);
        if (!statement) continue;
        const target = this.repository.subscription(sub.key) ?? sub;
        const result = await this.deliver(deliver, target, statement);
        await this.record(sub.key, day, statement, result, report);
      } catch (err) {
        // The claim could not be written (or the result not saved): nothing more is sent today.
        this.log.error(`Dagens tip til ${sub.key} blev ikke sendt: ${safeCode(String(err))}`);
        report.failed.push(sub.key);
      }
    }
    await this.runJobs(now);
    return report;
  }

  private async runJobs(now: Date): Promise<void> {
    for (const job of this.jobs) {
      try {
        await job(now);
      } catch (err) {
        this.log.error(`Planlagt opgave fejlede: ${safeCode(String(err))}`);
      }
    }
  }

  /** Logs, once per channel and day, why a due-looking tip is not sent. */
  private noteSkipped(sub: StoredSubscription, claim: TipClaim | undefined, now: Date, day: string): void {
    if (sub.status !== 'active' || claim) return;
    const end = windowEnd(sub, day, this.options.schedule.cutoff).getTime();
    if (now.getTime() >= end && startedBy(sub, day)) {
      this.logOnce(
        `${sub.key}|${day}|late`,
        `Dagens tip til ${sub.key} (kl. ${sub.time}) blev ikke sendt, før fristen kl. ${copenhagenClock(new Date(end))} — det springes over; næste tip kommer næste hverdag.`,
      );
    }
  }

  /** Ends retries whose window has closed. */
  private async expireRetries(now: Date, day: string): Promise<void> {
    const expired: Array<{ key: string; day: string }> = [];
    for (const [key, days] of Object.entries(this.repository.state.claims)) {
      for (const [d, claim] of Object.entries(days)) {
        if (claim.state !== 'retry') continue;
        const sub = this.repository.subscription(key);
        const end = sub ? windowEnd(sub, d, this.options.schedule.cutoff).getTime() : 0;
        if (d < day || now.getTime() >= end) expired.push({ key, day: d });
      }
    }
    await this.repository.expireRetries(expired);
    for (const { key, day: d } of expired) this.log.warn(`Dagens tip til ${key} (${d}) opgives: platformen bad om at vente, til fristen var passeret.`);
  }

  /**
   * Claims (channel, day) and persists the claim before anything is posted. Returns the
   * statement to post, or undefined when there is nothing to post.
   */
  private async claim(key: string, day: string, now: Date): Promise<Statement | undefined> {
    const { statements, byId } = this.knowledge.current.kb;
    let chosen: Statement | undefined;
    const decision = await this.repository.claim(key, day, now, (sub, existing, rotation) => {
      if (!existing) {
        if (!isDue(sub, undefined, now, this.options.schedule)) return { action: 'skip' };
        const pick = pickNext(rotation ?? emptyRotation(), statements, key);
        if (!pick) return { action: 'skip' };
        chosen = pick.statement;
        return { action: 'claim', statementId: pick.statement.id, rotation: pick.rotation };
      }
      if (!isRetryDue(sub, existing, now, this.options.schedule)) return { action: 'skip' };
      chosen = byId.get(existing.statementId);
      return chosen ? { action: 'retry' } : { action: 'give-up', error: 'statement_removed' };
    });
    if (decision.action === 'give-up') {
      this.log.warn(`Dagens tip til ${key} opgives: udsagnet ${this.repository.claimsOf(key)?.[day]?.statementId} er fjernet fra data.`);
      return undefined;
    }
    if (!chosen && tipStatements(statements).length === 0) this.logOnce(`${day}|empty`, 'Ingen daglige tips: vidensbasen har ingen gør- eller undgå-udsagn.', 'warn');
    return decision.action === 'skip' ? undefined : chosen;
  }

  private async deliver(deliver: TipDeliver, sub: Readonly<StoredSubscription>, statement: Statement): Promise<DeliveryResult> {
    const reply = this.replies.tip(statement, 'Dagens tip');
    const target: TipSubscription = { key: sub.key, platform: sub.platform, channel: sub.channel, time: sub.time, status: sub.status, origin: sub.origin };
    if (sub.pausedReason) target.pausedReason = sub.pausedReason;
    if (sub.conversationRef !== undefined) target.conversationRef = sub.conversationRef;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<DeliveryResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, error: 'timeout' }), this.deliveryTimeoutMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([deliver(target, reply).catch((err: unknown): DeliveryResult => ({ ok: false, error: errorMessage(err) })), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes the delivery's outcome: posted, retry later, pause the channel, or give up today. */
  private async record(key: string, day: string, statement: Statement, result: DeliveryResult, report: TickReport): Promise<void> {
    const now = this.now();
    if (result.ok) {
      await this.repository.recordOutcome(key, day, { state: 'posted', postedAt: now.toISOString() });
      report.posted.push(key);
      this.log.info(`Dagens tip er sendt til ${key} (${day}): ${statement.id}.`);
      return;
    }
    if ('retryAfterSeconds' in result) {
      const seconds = Math.min(MAX_RETRY_S, Math.max(MIN_RETRY_S, Math.ceil(Number(result.retryAfterSeconds) || MIN_RETRY_S)));
      const notBefore = new Date(now.getTime() + seconds * 1000);
      await this.repository.recordOutcome(key, day, { state: 'retry', notBefore: notBefore.toISOString() });
      report.retrying.push(key);
      this.log.warn(`Dagens tip til ${key} venter ${seconds} s (rate limit, Retry-After) og prøves igen.`);
      this.wakeAt(notBefore);
      return;
    }
    if ('pause' in result) {
      const code = safeCode(result.pause.code);
      await this.repository.recordOutcome(key, day, { state: 'paused', error: code, reason: result.pause.reason, statementId: statement.id });
      report.paused.push(key);
      this.log.warn(`Daglige tips til ${key} er sat på pause (${code}): ${result.pause.reason}`);
      return;
    }
    const code = safeCode(result.error);
    await this.repository.recordOutcome(key, day, { state: 'failed', error: code });
    report.failed.push(key);
    this.log.error(`Dagens tip til ${key} kunne ikke sendes (${code}); det prøves ikke igen i dag.`);
  }

  /** Runs a tick when a Retry-After has passed, sooner than the next minute if need be. */
  private wakeAt(at: Date): void {
    if (!this.cron) return;
    const ms = Math.max(0, at.getTime() - this.now().getTime()) + 50;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.tick();
    }, ms);
    timer.unref?.();
    this.timers.add(timer);
  }

  private logOnce(key: string, line: string, level: 'info' | 'warn' = 'info'): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    if (this.logged.size > 5000) this.logged.clear();
    this.log[level](line);
  }
}
