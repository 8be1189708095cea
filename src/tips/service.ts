// The daily tip: subscriptions, the minute schedule (croner, Copenhagen time) and the
// exactly-once bookkeeping. Platform-neutral: Slack and Teams register how they deliver a Reply.
//
// Exactly once: a (channel, day) tip is claimed — the statement chosen and the rotation advanced —
// and the claim is written to the store before the front end is asked to post; the result is
// written after. The claim is one atomic store change on fresh state (in PostgreSQL a unique
// (channel, day) row under a lock every instance honours), so any number of instances post it
// once. A claim that was never confirmed (the app stopped mid-post) is never posted again, so a
// crash can cost a tip but never double-post one.
//
// The state is read from the store at the start of each command and tick, never cached: what
// another instance wrote a moment ago is what this one acts on.

import { Cron } from 'croner';
import type { AppDeps } from '../app.ts';
import type { Statement } from '../knowledge/schema.ts';
import type { Intent } from '../bot/intent.ts';
import type { Reply } from '../bot/reply.ts';
import { calendarFromConfig, dayOffReason } from './calendar.ts';
import { addDays, copenhagenClock, copenhagenDay, danishWhen, TIP_ZONE } from './clock.ts';
import { commonTipFor, emptyRotation, pickNext, roundProgress, tipStatements, unserve, type RotationState } from './rotation.ts';
import { isDue, isRetryDue, nextTip, startedBy, windowEnd, type ScheduleOptions } from './schedule.ts';
import {
  normalizeTipState,
  parseChannelSpec,
  subscriptionKey,
  type StoredSubscription,
  type TipClaim,
  type TipState,
} from './state.ts';
import type { DeliveryResult, TipCommandContext, TipDeliver, TipPlatform, TipService, TipSubscription } from './types.ts';

export interface TipServiceOptions {
  /** The clock; tests pass a controlled one. */
  now?: () => Date;
  /** Run the minute schedule with croner when started (default true). */
  schedule?: boolean;
  /** A delivery that does not answer within this time counts as an error (default 60 s). */
  deliveryTimeoutMs?: number;
}

type TipCommandIntent = Extract<Intent, { type: 'tip-subscribe' | 'tip-unsubscribe' | 'tip-status' }>;

/** What a tick did, for tests and logs. */
export interface TickReport {
  day: string;
  posted: string[];
  retrying: string[];
  paused: string[];
  failed: string[];
}

/** Claims older than this many days are dropped. */
const CLAIM_HISTORY_DAYS = 60;
/** Retry-After is honoured within these bounds (seconds). */
const MIN_RETRY_S = 1;
const MAX_RETRY_S = 3600;

const PAUSE_REASONS: Record<string, string> = {
  channel_not_found: 'Kanalen findes ikke længere, eller appen kan ikke se den.',
  not_in_channel: 'Appen er ikke medlem af kanalen. Inviter den (fx med /invite @Ledelsesbot).',
  is_archived: 'Kanalen er arkiveret.',
};

/** A Danish sentence for a pause: known Slack codes are explained, a sentence is kept as it is. */
export function describePause(pause: string): string {
  const code = pause.trim();
  if (PAUSE_REASONS[code]) return PAUSE_REASONS[code];
  if (/\s/.test(code)) return code.endsWith('.') ? code : `${code}.`;
  return `Kanalen kan ikke modtage beskeder (fejlkode ${safeCode(code)}).`;
}

/** An error code fit for a log line: short, and never anything that looks like a token. */
function safeCode(text: string): string {
  return text.replace(/xox[a-z]-[\w-]+/gi, '[token]').replace(/\s+/g, ' ').slice(0, 160);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export class TipScheduler implements TipService {
  private readonly deliveries = new Map<TipPlatform, TipDeliver>();
  private readonly now: () => Date;
  private readonly deliveryTimeoutMs: number;
  private readonly useSchedule: boolean;
  private readonly options: ScheduleOptions;
  private cron: Cron | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private running: Promise<TickReport> | undefined;
  private envSync: Promise<void> | undefined;
  /** "key|day|what" already logged, so a minute tick does not repeat itself. */
  private readonly logged = new Set<string>();

  constructor(
    private readonly deps: AppDeps,
    options: TipServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.deliveryTimeoutMs = options.deliveryTimeoutMs ?? 60_000;
    this.useSchedule = options.schedule ?? true;
    this.options = { calendar: calendarFromConfig(deps.config), cutoff: deps.config.TIP_CUTOFF };
  }

  // ---- state ---------------------------------------------------------------------------------

  /** The tip state as the store holds it now, validated; what does not validate is named once. */
  private async load(): Promise<TipState> {
    const { state, problems } = normalizeTipState(await this.deps.store.readTips());
    for (const p of problems) this.logOnce(`problem|${p}`, `Daglige tips: ${p}.`, 'warn');
    return state;
  }

  /**
   * Changes the tip state in one atomic store step, on the state as it is in the store at that
   * moment (never on a copy read earlier). Returns the state after the change.
   */
  private async mutate(change: (state: TipState) => void): Promise<TipState> {
    const result = await this.deps.store.updateTips((docs) => {
      const { state, problems } = normalizeTipState(docs);
      change(state);
      docs.subscriptions = state.subscriptions;
      docs.rotations = state.rotations;
      docs.claims = state.claims;
      return { state, problems };
    });
    // Entries that did not validate are dropped by this write; say so once.
    for (const p of result.problems) this.logOnce(`problem|${p}`, `Daglige tips: ${p}.`, 'warn');
    return result.state;
  }

  private get statements(): readonly Statement[] {
    return this.deps.knowledge.current.kb.statements;
  }

  private logOnce(key: string, line: string, level: 'info' | 'warn' = 'info'): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    if (this.logged.size > 5000) this.logged.clear();
    this.deps.log[level](line);
  }

  /** Brings TIP_CHANNELS into the store once: added, re-timed or removed env subscriptions. */
  private syncEnv(): Promise<void> {
    this.envSync ??= this.doSyncEnv().catch((err: unknown) => {
      // Try again on the next call rather than failing forever.
      this.envSync = undefined;
      throw err;
    });
    return this.envSync;
  }

  private async doSyncEnv(): Promise<void> {
    const { TIP_CHANNELS, TIP_TIME } = this.deps.config;
    const wanted = new Map<string, { platform: TipPlatform; channel: string }>();
    for (const entry of TIP_CHANNELS) {
      const spec = parseChannelSpec(entry);
      if ('error' in spec) {
        this.deps.log.warn(`TIP_CHANNELS: ${spec.error} — posten springes over.`);
        continue;
      }
      wanted.set(spec.key, spec);
    }
    const now = this.now().toISOString();
    await this.mutate((s) => {
      for (const [key, sub] of Object.entries(s.subscriptions)) {
        if (sub.origin === 'env' && !wanted.has(key)) delete s.subscriptions[key];
      }
      for (const [key, { platform, channel }] of wanted) {
        const existing = s.subscriptions[key];
        if (!existing) {
          s.subscriptions[key] = { key, platform, channel, time: TIP_TIME, status: 'active', origin: 'env', since: now };
        } else if (existing.origin !== 'env' || existing.time !== TIP_TIME) {
          const retimed = existing.time !== TIP_TIME;
          existing.origin = 'env';
          existing.time = TIP_TIME;
          if (retimed) existing.since = now;
        }
      }
    });
    if (wanted.size) this.deps.log.info(`Daglige tips fra TIP_CHANNELS: ${wanted.size} ${wanted.size === 1 ? 'kanal' : 'kanaler'} kl. ${TIP_TIME}.`);
  }

  // ---- commands ------------------------------------------------------------------------------

  registerDelivery(platform: TipPlatform, deliver: TipDeliver): void {
    this.deliveries.set(platform, deliver);
  }

  async handleCommand(intent: TipCommandIntent, ctx: TipCommandContext): Promise<Reply> {
    const { conversation } = this.deps;
    if (!ctx.channel) {
      return conversation.error('Dagligt tip', 'Daglige tips kan kun sættes op i en kanal eller en samtale, ikke her.');
    }
    await this.syncEnv();
    const key = subscriptionKey(ctx.platform, ctx.channel);
    const p = ctx.commandPrefix ?? '';
    const state = await this.load();
    switch (intent.type) {
      case 'tip-subscribe':
        return this.subscribe(state, key, ctx, intent.time, p);
      case 'tip-unsubscribe':
        return this.unsubscribe(state, key, p);
      case 'tip-status':
        return this.status(state, key, p);
      default:
        return conversation.help({ platform: ctx.platform, commandPrefix: p });
    }
  }

  private schedulePhrase(sub: StoredSubscription): string {
    return `hver hverdag kl. ${sub.time} (dansk tid)`;
  }

  private nextPhrase(state: TipState, sub: StoredSubscription): string {
    const now = this.now();
    const next = nextTip(sub, state.claims[sub.key], now, this.options);
    if (!next) return '';
    return ` Næste tip: ${danishWhen(next.day, copenhagenClock(next.at), copenhagenDay(now))}.`;
  }

  private async subscribe(state: TipState, key: string, ctx: TipCommandContext, requested: string | undefined, p: string): Promise<Reply> {
    const { conversation } = this.deps;
    const nowIso = this.now().toISOString();
    const existing = state.subscriptions[key];
    let title = 'Dagligt tip er slået til';
    let lead: string;

    if (existing?.origin === 'env') {
      const resumed = existing.status === 'paused';
      const after = await this.mutate((s) => {
        const sub = s.subscriptions[key];
        if (!sub) return;
        if (ctx.conversationRef !== undefined) sub.conversationRef = ctx.conversationRef;
        if (resumed) {
          sub.status = 'active';
          delete sub.pausedReason;
          sub.since = nowIso;
        }
      });
      const retime =
        requested && requested !== existing.time
          ? ` Tidspunktet for denne kanal er sat i opsætningen (TIP_TIME) og kan ikke ændres med en kommando.`
          : '';
      lead = resumed
        ? `Tipsene er genoptaget. Denne kanal får et tip fra ledelsesgrupperne ${this.schedulePhrase(existing)}, som sat op i TIP_CHANNELS.`
        : `Denne kanal får allerede et tip fra ledelsesgrupperne ${this.schedulePhrase(existing)}, som sat op i TIP_CHANNELS.`;
      if (!resumed) title = 'Dagligt tip';
      if (resumed) this.deps.log.info(`Daglige tips til ${key} er genoptaget.`);
      const now = after.subscriptions[key];
      return conversation.info(title, `${lead}${retime}${now ? this.nextPhrase(after, now) : ''}`);
    }

    const time = requested ?? this.deps.config.TIP_TIME;
    let change: 'new' | 'resumed' | 'retimed' | 'same';
    if (!existing) change = 'new';
    else if (existing.status === 'paused') change = 'resumed';
    else if (existing.time !== time) change = 'retimed';
    else change = 'same';

    const after = await this.mutate((s) => {
      const sub: StoredSubscription = s.subscriptions[key] ?? {
        key,
        platform: ctx.platform,
        channel: ctx.channel,
        time,
        status: 'active',
        origin: 'command',
        since: nowIso,
      };
      if (ctx.conversationRef !== undefined) sub.conversationRef = ctx.conversationRef;
      if (change !== 'same') {
        sub.time = time;
        sub.status = 'active';
        delete sub.pausedReason;
        sub.since = nowIso;
      }
      s.subscriptions[key] = sub;
    });
    const sub = after.subscriptions[key]!;
    const schedule = this.schedulePhrase(sub);
    switch (change) {
      case 'new':
        lead = `Denne kanal får nu et tip fra ledelsesgrupperne ${schedule}.`;
        this.deps.log.info(`Daglige tips til ${key} er slået til kl. ${time}.`);
        break;
      case 'resumed':
        lead = `Tipsene er genoptaget. Denne kanal får et tip fra ledelsesgrupperne ${schedule}.`;
        this.deps.log.info(`Daglige tips til ${key} er genoptaget kl. ${time}.`);
        break;
      case 'retimed':
        title = 'Tidspunktet er ændret';
        lead = `Denne kanal får nu sit tip fra ledelsesgrupperne ${schedule}.`;
        this.deps.log.info(`Daglige tips til ${key} er flyttet til kl. ${time}.`);
        break;
      default:
        title = 'Dagligt tip';
        lead = `Denne kanal får allerede et tip fra ledelsesgrupperne ${schedule}.`;
    }
    const rest = change === 'same' ? '' : ` Der kommer ingen tips i weekender og på helligdage. Skriv ${p}tip afmeld for at stoppe dem.`;
    return conversation.info(title, `${lead}${this.nextPhrase(after, sub)}${rest}`);
  }

  private async unsubscribe(state: TipState, key: string, p: string): Promise<Reply> {
    const { conversation } = this.deps;
    const existing = state.subscriptions[key];
    if (!existing) {
      return conversation.info(
        'Dagligt tip',
        `Denne kanal abonnerer ikke på daglige tips. Skriv ${p}tip abonner 08:30 for at få et tip fra ledelsesgrupperne hver hverdag.`,
      );
    }
    if (existing.origin === 'env') {
      return conversation.info(
        'Dagligt tip',
        'Denne kanals daglige tips kommer fra opsætningen (TIP_CHANNELS) og kan ikke afmeldes her. Bed den, der driver Ledelsesbot, om at fjerne kanalen fra TIP_CHANNELS.',
      );
    }
    await this.mutate((s) => {
      delete s.subscriptions[key];
    });
    this.deps.log.info(`Daglige tips til ${key} er slået fra.`);
    return conversation.info(
      'Dagligt tip er slået fra',
      `Denne kanal får ikke længere daglige tips. Skriv ${p}tip abonner for at få dem igen — rækken fortsætter, hvor den slap.`,
    );
  }

  private status(state: TipState, key: string, p: string): Reply {
    const { conversation } = this.deps;
    const sub = state.subscriptions[key];
    if (!sub) {
      return conversation.info(
        'Dagligt tip',
        `Denne kanal abonnerer ikke på daglige tips. Skriv ${p}tip abonner 08:30 for at få et tip fra ledelsesgrupperne hver hverdag.`,
      );
    }
    const lines: string[] = [];
    const origin = sub.origin === 'env' ? ' Kanalen er sat op i TIP_CHANNELS.' : '';
    if (sub.status === 'paused') {
      const reason = sub.pausedReason ?? 'Kanalen kunne ikke modtage beskeder.';
      // Front ends' reasons may already say how to resume; don't say it twice.
      const howTo = /tip abonner/.test(reason) ? '' : ` Når det er løst, skriv ${p}tip abonner for at genoptage dem (kl. ${sub.time}).`;
      lines.push(`Tipsene i denne kanal er sat på pause: ${reason}${howTo}${origin}`);
    } else {
      lines.push(`Denne kanal får et tip fra ledelsesgrupperne ${this.schedulePhrase(sub)}.${origin}${this.nextPhrase(state, sub)}`);
    }
    const today = copenhagenDay(this.now());
    const claim = state.claims[key]?.[today];
    if (claim?.state === 'posted' && claim.postedAt) lines.push(`Dagens tip blev sendt kl. ${copenhagenClock(new Date(claim.postedAt))}.`);
    if (claim?.state === 'retry') lines.push('Dagens tip venter, fordi platformen bad om at vente lidt; det sendes snarest.');
    const progress = roundProgress(state.rotations[key] ?? emptyRotation(), this.statements);
    if (progress.total > 0) {
      lines.push(
        progress.remaining === 0
          ? `Alle ${progress.total} tips er brugt i denne runde; næste tip begynder en ny runde.`
          : `Der er ${plural(progress.remaining, 'tip', 'tips')} af ${progress.total} tilbage i denne runde, før de kommer igen.`,
      );
    }
    return conversation.info(sub.status === 'paused' ? 'Dagligt tip er sat på pause' : 'Dagligt tip', lines.join(' '));
  }

  // ---- today's tip for everyone ---------------------------------------------------------------

  todaysTip(now: Date = this.now()): Reply {
    const statement = commonTipFor(copenhagenDay(now), this.statements);
    if (!statement) return this.deps.conversation.info('Dagens tip', 'Der er ingen tips i vidensbasen lige nu.');
    return this.deps.conversation.tip(statement, 'Dagens tip');
  }

  // ---- schedule ------------------------------------------------------------------------------

  async start(): Promise<void> {
    await this.syncEnv();
    const now = this.now();
    const today = copenhagenDay(now);
    const state = await this.load();
    for (const [key, days] of Object.entries(state.claims)) {
      if (days[today]?.state === 'claimed') {
        this.deps.log.warn(
          `Dagens tip til ${key} blev gjort klar, men ikke bekræftet sendt (appen stoppede midt i afsendelsen). Det sendes ikke igen i dag.`,
        );
      }
    }
    if (this.useSchedule && !this.cron) {
      this.cron = new Cron('0 * * * * *', { timezone: TIP_ZONE, protect: true, catch: (err) => this.deps.log.error(`Daglige tips: ${String(err)}`) }, () =>
        this.tick().then(() => undefined),
      );
    }
    // Catch-up: a tip missed while the app was down comes now, if it is before the cut-off.
    try {
      await this.tick();
    } catch (err) {
      this.deps.log.error(`Daglige tips: ${safeCode(String(err))}`);
    }
  }

  stop(): void {
    this.cron?.stop();
    this.cron = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Runs one pass: posts every tip that is due now. Overlapping calls share one pass. */
  tick(): Promise<TickReport> {
    this.running ??= this.runTick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runTick(): Promise<TickReport> {
    await this.syncEnv();
    const now = this.now();
    const day = copenhagenDay(now);
    const report: TickReport = { day, posted: [], retrying: [], paused: [], failed: [] };

    const state = await this.expireRetries(await this.load(), now, day);
    const off = dayOffReason(day, this.options.calendar);
    if (off) {
      if (Object.keys(state.subscriptions).length) this.logOnce(`${day}|off`, `Ingen daglige tips i dag (${day}): ${off}.`);
      return report;
    }

    // Decided on this snapshot, re-checked inside the claim on the store's state at that moment.
    for (const sub of Object.values(state.subscriptions)) {
      const claim = state.claims[sub.key]?.[day];
      const fresh = isDue(sub, claim, now, this.options);
      const retry = isRetryDue(sub, claim, now, this.options);
      if (!fresh && !retry) {
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
        const result = await this.deliver(deliver, sub, statement);
        await this.record(sub.key, day, statement, result, report);
      } catch (err) {
        // The claim could not be written (or the result not saved): nothing more is sent today.
        this.deps.log.error(`Dagens tip til ${sub.key} blev ikke sendt: ${safeCode(String(err))}`);
        report.failed.push(sub.key);
      }
    }
    return report;
  }

  /** Logs, once per channel and day, why a due-looking tip is not sent. */
  private noteSkipped(sub: StoredSubscription, claim: TipClaim | undefined, now: Date, day: string): void {
    if (sub.status !== 'active' || claim) return;
    const end = windowEnd(sub, day, this.options.cutoff).getTime();
    if (now.getTime() >= end && startedBy(sub, day)) {
      this.logOnce(
        `${sub.key}|${day}|late`,
        `Dagens tip til ${sub.key} (kl. ${sub.time}) blev ikke sendt, før fristen kl. ${copenhagenClock(new Date(end))} — det springes over; næste tip kommer næste hverdag.`,
      );
    }
  }

  /** Ends retries whose window has closed; returns the state after. */
  private async expireRetries(state: TipState, now: Date, day: string): Promise<TipState> {
    const expired: string[] = [];
    for (const [key, days] of Object.entries(state.claims)) {
      for (const [d, claim] of Object.entries(days)) {
        if (claim.state !== 'retry') continue;
        const sub = state.subscriptions[key];
        const end = sub ? windowEnd(sub, d, this.options.cutoff).getTime() : 0;
        if (d < day || now.getTime() >= end) expired.push(`${key}|${d}`);
      }
    }
    if (!expired.length) return state;
    const after = await this.mutate((s) => {
      for (const id of expired) {
        const [key, d] = [id.slice(0, id.lastIndexOf('|')), id.slice(id.lastIndexOf('|') + 1)];
        const claim = s.claims[key]?.[d];
        if (claim?.state === 'retry') {
          claim.state = 'expired';
          delete claim.notBefore;
        }
      }
    });
    for (const id of expired) this.deps.log.warn(`Dagens tip til ${id.replace('|', ' (')}) opgives: platformen bad om at vente, til fristen var passeret.`);
    return after;
  }

  /**
   * Claims (channel, day) and persists the claim before anything is posted. The check and the
   * claim happen in one synchronous step, so two ticks can never both claim the same day.
   * Returns the statement to post, or undefined when there is nothing to post.
   */
  private async claim(key: string, day: string, now: Date): Promise<Statement | undefined> {
    const statements = this.statements;
    const byId = this.deps.knowledge.current.kb.byId;
    let chosen: Statement | undefined;
    let removed: string | undefined;
    await this.mutate((s) => {
      const sub = s.subscriptions[key];
      if (!sub) return;
      const days = (s.claims[key] ??= {});
      const existing = days[day];
      if (!existing) {
        if (!isDue(sub, undefined, now, this.options)) return;
        const pick = pickNext(s.rotations[key] ?? emptyRotation(), statements, key);
        if (!pick) return;
        s.rotations[key] = pick.rotation;
        days[day] = { statementId: pick.statement.id, state: 'claimed', claimedAt: now.toISOString(), attempts: 1 };
        chosen = pick.statement;
        const oldest = addDays(day, -CLAIM_HISTORY_DAYS);
        for (const d of Object.keys(days)) if (d < oldest) delete days[d];
      } else if (isRetryDue(sub, existing, now, this.options)) {
        const statement = byId.get(existing.statementId);
        if (!statement) {
          existing.state = 'failed';
          existing.error = 'statement_removed';
          delete existing.notBefore;
          removed = existing.statementId;
          return;
        }
        existing.state = 'claimed';
        existing.attempts += 1;
        delete existing.notBefore;
        chosen = statement;
      }
    });
    if (removed) this.deps.log.warn(`Dagens tip til ${key} opgives: udsagnet ${removed} er fjernet fra data.`);
    if (!chosen && tipStatements(statements).length === 0) this.logOnce(`${day}|empty`, 'Ingen daglige tips: vidensbasen har ingen gør- eller undgå-udsagn.', 'warn');
    return chosen;
  }

  private async deliver(deliver: TipDeliver, sub: StoredSubscription, statement: Statement): Promise<DeliveryResult> {
    const reply = this.deps.conversation.tip(statement, 'Dagens tip');
    const target: TipSubscription = {
      key: sub.key,
      platform: sub.platform,
      channel: sub.channel,
      time: sub.time,
      status: sub.status,
      origin: sub.origin,
    };
    if (sub.pausedReason) target.pausedReason = sub.pausedReason;
    if (sub.conversationRef !== undefined) target.conversationRef = sub.conversationRef;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<DeliveryResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, error: 'timeout' }), this.deliveryTimeoutMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([
        deliver(target, reply).catch((err: unknown): DeliveryResult => ({ ok: false, error: err instanceof Error ? err.message : String(err) })),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes the delivery's outcome: posted, retry later, pause the channel, or give up today. */
  private async record(key: string, day: string, statement: Statement, result: DeliveryResult, report: TickReport): Promise<void> {
    const now = this.now();
    if (result.ok) {
      await this.mutate((s) => setClaim(s, key, day, { state: 'posted', postedAt: now.toISOString() }));
      report.posted.push(key);
      this.deps.log.info(`Dagens tip er sendt til ${key} (${day}): ${statement.id}.`);
      return;
    }
    if ('retryAfterSeconds' in result) {
      const seconds = Math.min(MAX_RETRY_S, Math.max(MIN_RETRY_S, Math.ceil(Number(result.retryAfterSeconds) || MIN_RETRY_S)));
      const notBefore = new Date(now.getTime() + seconds * 1000);
      await this.mutate((s) => setClaim(s, key, day, { state: 'retry', notBefore: notBefore.toISOString() }));
      report.retrying.push(key);
      this.deps.log.warn(`Dagens tip til ${key} venter ${seconds} s (rate limit, Retry-After) og prøves igen.`);
      this.wakeAt(notBefore);
      return;
    }
    if ('pause' in result) {
      const reason = describePause(result.pause);
      await this.mutate((s) => {
        setClaim(s, key, day, { state: 'paused', error: safeCode(result.pause) });
        const sub = s.subscriptions[key];
        if (sub) {
          sub.status = 'paused';
          sub.pausedReason = reason;
        }
        // Certainly not posted: the statement comes again when the channel is back.
        const rotation: RotationState | undefined = s.rotations[key];
        if (rotation) s.rotations[key] = unserve(rotation, statement.id);
      });
      report.paused.push(key);
      const code = /\s/.test(result.pause.trim()) ? '' : ` (${safeCode(result.pause)})`;
      this.deps.log.warn(`Daglige tips til ${key} er sat på pause${code}: ${reason}`);
      return;
    }
    const code = safeCode(result.error);
    await this.mutate((s) => setClaim(s, key, day, { state: 'failed', error: code }));
    report.failed.push(key);
    this.deps.log.error(`Dagens tip til ${key} kunne ikke sendes (${code}); det prøves ikke igen i dag.`);
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
}

/** Records what became of a (channel, day) claim. */
function setClaim(state: TipState, key: string, day: string, change: Partial<TipClaim>): void {
  const claim = state.claims[key]?.[day];
  if (claim) Object.assign(claim, change);
}

export function createTipService(deps: AppDeps, options: TipServiceOptions = {}): TipScheduler {
  return new TipScheduler(deps, options);
}
