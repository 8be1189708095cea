// Brief and backbrief as a conversation in the core: the forms, the checks, who may see and do
// what, and the messages to people. Front ends render the Replies and hand back the typed
// requests (src/bot/actions.ts); they never decide anything here.
//
// Only the author and the recipients ever see a brief: every request is checked against the
// person the front end says sent it (MessageContext.user) and the platform it came from.

import { randomBytes } from 'node:crypto';
import type { Logger } from '../app.ts';
import type { BriefCommand, BriefHandler, BriefRequest, MessageContext } from '../bot/context.ts';
import type { KnowledgeSource, Replies } from '../bot/replies.ts';
import { danishDate, type Reply, type ReplyDetail, type ReplyDetailGroup, type StatementView } from '../bot/reply.ts';
import { copenhagenDay } from '../clock.ts';
import { errorMessage } from '../shared/errors.ts';
import { failureText, type PersonDeliveries } from './delivery.ts';
import { backbriefForm, briefForm, checkBackbrief, checkBrief, withErrors, type SituationChoice } from './forms.ts';
import { findGaps, gapNotes } from './gaps.ts';
import { answeredCount, type Backbrief, type Brief } from './model.ts';
import {
  allAnsweredReply,
  authorGroup,
  backbriefDetails,
  briefDetails,
  closedReply,
  deadlinePassedReply,
  formReply,
  goneReply,
  notice,
  overviewButton,
  progressText,
  receivedReply,
  recipientGroup,
  reminderReply,
} from './replies.ts';
import type { BriefRepository } from './repository.ts';
import type { Statement } from '../knowledge/schema.ts';

/** The situation whose statements are the groups' remarks on brief and backbrief. */
export const REMARKS_SITUATION = 'brief-backbrief';
/** A platform call that does not answer within this time counts as failed. */
const DELIVERY_TIMEOUT_MS = 30_000;

export { backbriefDetails, progressText } from './replies.ts';

export interface BriefOptions {
  now: () => Date;
  /** BRIEF_RETENTION_DAYS */
  retentionDays: number;
}

export class Briefs implements BriefHandler {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly repository: BriefRepository,
    private readonly deliveries: PersonDeliveries,
    private readonly knowledge: KnowledgeSource,
    private readonly replies: Replies,
    private readonly options: BriefOptions,
    private readonly log: Logger,
  ) {}

  /** Resolves when every message already on its way has been handed to its platform. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  async command(command: BriefCommand, ctx: MessageContext): Promise<Reply> {
    if (command.type === 'brief-status') return this.status(ctx);
    return this.openBriefForm(ctx);
  }

  async act(request: BriefRequest, ctx: MessageContext): Promise<Reply> {
    switch (request.type) {
      case 'brief-status':
        return this.status(ctx);
      case 'brief-close':
        return this.close(request.ref, ctx);
      case 'open-form':
        return request.form === 'brief' ? this.openBriefForm(ctx) : this.openBackbriefForm(request.ref, ctx);
      case 'submit':
        return request.form === 'brief' ? this.submitBrief(request.values, ctx) : this.submitBackbrief(request.ref, request.values, ctx);
    }
  }

  // ---- giving a brief -------------------------------------------------------------------------

  private openBriefForm(ctx: MessageContext): Reply {
    const unavailable = this.unavailable(ctx);
    if (unavailable) return unavailable;
    return formReply(briefForm(this.situations(), ctx.people, this.remarks()));
  }

  private async submitBrief(values: Record<string, string | string[]>, ctx: MessageContext): Promise<Reply> {
    const unavailable = this.unavailable(ctx);
    if (unavailable) return unavailable;
    const author = ctx.user!;
    const now = this.options.now();
    const checked = checkBrief(values, author, copenhagenDay(now), this.situations());
    if (!checked.ok) return formReply(withErrors(briefForm(this.situations(), ctx.people, this.remarks()), checked.values, checked.errors));
    const draft = checked.value;
    const brief: Brief = {
      id: randomBytes(9).toString('base64url'),
      platform: ctx.platform,
      author,
      recipients: draft.recipients.map((user) => ({ user, delivery: 'pending' })),
      intent: draft.intent,
      frame: draft.frame,
      deadline: draft.deadline,
      ...(draft.situation ? { situation: draft.situation } : {}),
      createdAt: now.toISOString(),
      status: 'open',
      ...(ctx.address !== undefined ? { address: ctx.address } : {}),
    };
    await this.repository.create(brief);
    this.track(this.sendBrief(brief));
    return {
      ...notice(
        'Dit brief er sendt',
        'Modtagerne får briefet som en direkte besked med knappen »Giv backbrief«. Du får hvert backbrief, så snart det kommer. Hverdagen før fristen får de, der ikke har svaret, en påmindelse om morgenen.',
      ),
      groups: [{ details: [{ label: 'Modtagere', people: draft.recipients }, ...this.briefDetails(brief, { author: false })] }],
      actions: [overviewButton()],
    };
  }

  /** Sends the brief to each recipient and records whether it arrived; tells the author what did not. */
  private async sendBrief(brief: Brief): Promise<void> {
    const failed: Array<{ user: string; reason: string }> = [];
    for (const r of brief.recipients) {
      const reason = await this.deliver(brief, r.user, this.receivedReply(brief));
      await this.repository.update(brief.id, (b) => {
        const rec = b.recipients.find((x) => x.user === r.user);
        if (!rec) return false;
        rec.delivery = reason ? 'failed' : 'delivered';
        if (reason) rec.failure = reason;
        else delete rec.failure;
      });
      if (reason) failed.push({ user: r.user, reason });
    }
    if (!failed.length) return;
    const reply: Reply = {
      ...notice(
        'Briefet nåede ikke frem til alle',
        failed.length === brief.recipients.length
          ? 'Ingen af modtagerne fik briefet. Det er gemt, men ingen kan give backbrief på det. Luk det, og giv det igen til personer i dit arbejdsområde.'
          : 'De andre modtagere har fået briefet. Giv det til den eller dem, der mangler, på en anden måde — fx når I mødes.',
      ),
      groups: [{ details: [...failed.map((f) => ({ label: 'Ikke leveret til', people: [f.user], text: f.reason })), ...this.briefDetails(brief, { author: false })] }],
      actions: [overviewButton()],
    };
    await this.deliver(brief, brief.author, reply);
  }

  // ---- the backbrief --------------------------------------------------------------------------

  private async openBackbriefForm(ref: string | undefined, ctx: MessageContext): Promise<Reply> {
    const found = await this.briefForRecipient(ref, ctx);
    if ('reply' in found) return found.reply;
    const { brief } = found;
    const given = brief.recipients.find((r) => r.user === ctx.user)?.backbrief;
    return formReply(backbriefForm(brief, this.briefDetails(brief, { author: true }), given, this.remarks()));
  }

  private async submitBackbrief(ref: string | undefined, values: Record<string, string | string[]>, ctx: MessageContext): Promise<Reply> {
    const found = await this.briefForRecipient(ref, ctx, values);
    if ('reply' in found) return found.reply;
    const checked = checkBackbrief(values);
    if (!checked.ok) {
      const form = backbriefForm(found.brief, this.briefDetails(found.brief, { author: true }), undefined, this.remarks());
      return formReply(withErrors(form, checked.values, checked.errors));
    }
    const user = ctx.user!;
    const backbrief: Backbrief = { ...checked.value, at: this.options.now().toISOString() };
    let again = false;
    let refused: Reply | undefined;
    // Checked again inside the write: the brief may have been closed a moment ago.
    const brief = await this.repository.update(found.brief.id, (b) => {
      const rec = b.recipients.find((r) => r.user === user);
      if (b.status !== 'open' || !rec) {
        refused = this.closedReply(values);
        return false;
      }
      again = rec.backbrief !== undefined;
      rec.backbrief = backbrief;
    });
    if (!brief) return this.goneReply(values);
    if (refused) return refused;

    const { answered, total } = answeredCount(brief);
    this.track(this.sendBackbrief(brief, user, backbrief, again));
    return {
      ...notice(
        again ? 'Dit backbrief er rettet' : 'Tak for dit backbrief',
        `Afsenderen har fået det${again ? ' rettede backbrief' : ''} og kan nu se, hvordan du har forstået opgaven. ${answered} af ${total} har givet backbrief.`,
      ),
      groups: [{ details: [{ label: 'Briefet er fra', people: [brief.author] }, { label: 'Hensigt', text: brief.intent }, ...backbriefDetails(backbrief)] }],
    };
  }

  private async sendBackbrief(brief: Brief, user: string, backbrief: Backbrief, again: boolean): Promise<void> {
    const notes = gapNotes(findGaps(brief.intent, backbrief, this.analyzer()));
    const reply: Reply = {
      ...notice(again ? 'Et backbrief er rettet' : 'Nyt backbrief', `${progressText(brief)} på dit brief med frist ${danishDate(brief.deadline)}.`),
      type: 'brief',
      groups: [
        {
          details: [
            { label: 'Backbrief fra', people: [user] },
            { label: 'Din hensigt', text: brief.intent },
            ...backbriefDetails(backbrief),
            ...notes.map((n): ReplyDetail => ({ label: 'Værd at se på', text: n, note: true })),
          ],
        },
      ],
      actions: [overviewButton()],
    };
    await this.deliver(brief, brief.author, reply);
    const { answered, total } = answeredCount(brief);
    if (answered === total && (await this.repository.claim(brief.id, 'all-answered', this.options.now()))) {
      await this.deliver(brief, brief.author, this.allAnsweredReply(brief));
    }
  }

  // ---- the overview ---------------------------------------------------------------------------

  private async status(ctx: MessageContext): Promise<Reply> {
    const unavailable = this.unavailable(ctx);
    if (unavailable) return unavailable;
    const user = ctx.user!;
    const mine = (await this.repository.byAuthor(ctx.platform, user)).filter((b) => b.status === 'open');
    const toMe = await this.repository.openFor(ctx.platform, user);
    const groups: ReplyDetailGroup[] = [];
    for (const b of mine) groups.push(this.authorGroup(b));
    for (const b of toMe) groups.push(this.recipientGroup(b, user));
    const parts: string[] = [];
    parts.push(mine.length ? `Du har ${mine.length === 1 ? 'ét åbent brief' : `${mine.length} åbne briefs`}. Sammenlign hvert backbrief med hensigten, og luk briefet, når I er enige om opgaven.` : 'Du har ingen åbne briefs.');
    if (toMe.length) parts.push(`Du har fået ${toMe.length === 1 ? 'ét brief' : `${toMe.length} briefs`}, som stadig er åbne.`);
    if (!mine.length && !toMe.length) parts.push(`Giv et brief med »${ctx.commandPrefix}brief«.`);
    return {
      ...notice('Dine briefs', parts.join(' ')),
      type: 'brief',
      groups,
      actions: mine.length || toMe.length ? [] : [{ type: 'button', label: 'Giv et brief', request: { type: 'open-form', form: 'brief' }, style: 'primary' }],
    };
  }

  private authorGroup(brief: Brief): ReplyDetailGroup {
    return authorGroup(brief, (id) => this.situationTitle(id), this.analyzer());
  }

  private recipientGroup(brief: Brief, user: string): ReplyDetailGroup {
    return recipientGroup(brief, user, this.briefDetails(brief, { author: true }));
  }

  private async close(ref: string, ctx: MessageContext): Promise<Reply> {
    const unavailable = this.unavailable(ctx);
    if (unavailable) return unavailable;
    const brief = await this.repository.get(ref);
    if (!brief || brief.platform !== ctx.platform) return this.replies.error('Briefet findes ikke længere', 'Det er måske slettet, fordi fristen er længe passeret. Se dine briefs med knappen nedenfor.');
    if (brief.author !== ctx.user) return this.replies.error('Det er ikke dit brief', 'Kun den, der gav briefet, kan lukke det.');
    if (brief.status === 'closed') return this.replies.info('Briefet er allerede lukket', 'Der sker ikke mere med det.');
    await this.repository.update(ref, (b) => {
      if (b.status === 'closed') return false;
      b.status = 'closed';
      b.closedAt = this.options.now().toISOString();
    });
    return {
      ...this.replies.info(
        'Briefet er lukket',
        `Modtagerne kan ikke længere give backbrief på det, og der kommer ingen påmindelser. Det slettes helt om ${this.options.retentionDays} dage.`,
      ),
      groups: [{ details: [{ label: 'Hensigt', text: brief.intent }, { label: 'Status', text: progressText(brief) }] }],
      actions: [overviewButton()],
    };
  }

  // ---- messages the scheduler sends -----------------------------------------------------------

  reminderReply(brief: Brief): Reply {
    return reminderReply(brief, this.briefDetails(brief, { author: true }));
  }

  allAnsweredReply(brief: Brief): Reply {
    return allAnsweredReply(brief);
  }

  deadlinePassedReply(brief: Brief): Reply {
    return deadlinePassedReply(brief);
  }

  /**
   * Hands a Reply to a person through the brief's platform. Undefined when it arrived, else a
   * Danish reason.
   */
  async deliver(brief: Pick<Brief, 'platform' | 'address'>, user: string, reply: Reply): Promise<string | undefined> {
    const deliver = this.deliveries.get(brief.platform);
    if (!deliver) return `${brief.platform} er ikke sat op i denne kørsel, så beskeden kunne ikke sendes.`;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('Platformen svarede ikke i tide.'), DELIVERY_TIMEOUT_MS);
        timer.unref?.();
      });
      const sent = deliver({ user, ...(brief.address !== undefined ? { address: brief.address } : {}) }, reply).then(failureText);
      const reason = await Promise.race([sent, timeout]);
      if (reason) this.log.warn(`Brief og backbrief: en besked kunne ikke leveres (${brief.platform}): ${reason}`);
      return reason;
    } catch (err) {
      this.log.error(`Brief og backbrief: en besked kunne ikke leveres (${brief.platform}): ${errorMessage(err)}`);
      return 'Beskeden kunne ikke sendes.';
    } finally {
      clearTimeout(timer);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** A brief the person may answer, or the reply that says why not (keeping what they wrote). */
  private async briefForRecipient(ref: string | undefined, ctx: MessageContext, values?: Record<string, string | string[]>): Promise<{ brief: Brief } | { reply: Reply }> {
    const unavailable = this.unavailable(ctx);
    if (unavailable) return { reply: unavailable };
    const brief = ref ? await this.repository.get(ref) : undefined;
    if (!brief || brief.platform !== ctx.platform) return { reply: this.goneReply(values) };
    if (!brief.recipients.some((r) => r.user === ctx.user)) {
      return { reply: this.replies.error('Briefet er ikke til dig', 'Knappen hører til et brief, der er givet til en anden. Kun afsenderen og modtagerne kan se et brief.') };
    }
    if (brief.status !== 'open') return { reply: this.closedReply(values) };
    return { brief };
  }

  private goneReply(values?: Record<string, string | string[]>): Reply {
    return goneReply(this.replies, values);
  }

  private closedReply(values?: Record<string, string | string[]>): Reply {
    return closedReply(this.replies, values);
  }

  /** Why brief and backbrief cannot be used here, or undefined when they can. */
  private unavailable(ctx: MessageContext): Reply | undefined {
    if (ctx.user && ctx.capabilities.forms) return undefined;
    return this.replies.info('Brief og backbrief', 'Brief og backbrief kræver, at jeg ved, hvem du er, og kan vise en formular. Brug Ledelsesbot i Slack, i Teams eller på den lokale side.');
  }

  private receivedReply(brief: Brief): Reply {
    return receivedReply(brief, this.briefDetails(brief, { author: true }));
  }

  private briefDetails(brief: Brief, { author }: { author: boolean }): ReplyDetail[] {
    return briefDetails(brief, { author }, (id) => this.situationTitle(id));
  }

  private situations(): SituationChoice[] {
    return this.knowledge.current.situations.map((s) => ({ id: s.id, title: s.title }));
  }

  private situationTitle(id: string | undefined): string | undefined {
    return id ? this.knowledge.current.situations.find((s) => s.id === id)?.title : undefined;
  }

  /** The groups' own remarks on brief and backbrief, as the data lists them for that situation. */
  private remarks(): StatementView[] {
    const { situations, kb } = this.knowledge.current;
    const ids = situations.find((s) => s.id === REMARKS_SITUATION)?.statements ?? [];
    const statements = ids.map((id) => kb.byId.get(id)).filter((s): s is Statement => s !== undefined && s.kind !== 'meeting');
    return this.replies.view(statements.slice(0, 8));
  }

  private analyzer() {
    return this.knowledge.current.engine.analyzer;
  }

  private track(work: Promise<unknown>): void {
    const p = work.catch((err) => this.log.error(`Brief og backbrief: ${errorMessage(err)}`)).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }
}
