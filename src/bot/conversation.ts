// The core's one entry: a front end hands it what arrived — a message, or a button's (later a
// form's) request — with a small context, and renders the Reply that comes back. The core reads
// the text, removes duplicate deliveries, and runs every conversation; no front end parses
// intents or builds answers of its own.

import type { Platform } from '../store/store.ts';
import type { ActionRequest } from './actions.ts';
import type { BriefHandler, MessageContext, TipCommandHandler } from './context.ts';
import type { FeedbackBox } from './feedback.ts';
import type { HrConversation } from './hr-port.ts';
import { parseIntent, type Intent } from './intent.ts';
import type { QuestionChannels } from './question-channels.ts';
import type { Questions } from './questions.ts';
import type { HelpContext, KnowledgeSource, Replies } from './replies.ts';
import type { Asked, Reply } from './reply.ts';

export type Incoming =
  | {
      type: 'message';
      text: string;
      /**
       * Nobody addressed the bot (a new message in a channel): answered only in a question
       * channel, and only with a confident answer.
       */
      unasked?: boolean;
      /** The platform's ids for this delivery; a retry with the same id is not answered again. */
      deliveryIds?: readonly string[];
    }
  | { type: 'action'; action: ActionRequest; deliveryIds?: readonly string[] }
  /** The bot was added to a conversation: it says how to use it. */
  | { type: 'welcome'; deliveryIds?: readonly string[] };

/** Where duplicate deliveries are remembered (the store). */
export interface DeliveryLog {
  firstDelivery(deliveryId: string): Promise<boolean>;
}

export interface ConversationParts {
  knowledge: KnowledgeSource;
  replies: Replies;
  questions: Questions;
  questionChannels: QuestionChannels;
  feedback: FeedbackBox;
  tipCommands: TipCommandHandler;
  deliveries: DeliveryLog;
  /** Brief and backbrief (src/brief); without it they are not offered. */
  briefs?: BriefHandler;
  /** "Spørg HR" (src/hr); without it the HR commands say that HR is not set up. */
  hr?: HrConversation;
}

export class UnknownIntentError extends Error {
  constructor(intent: never) {
    super(`The conversation has no answer for intent ${JSON.stringify(intent)}`);
    this.name = 'UnknownIntentError';
  }
}

export class Conversation {
  constructor(private readonly parts: ConversationParts) {}

  /**
   * Answers what arrived. Undefined means: say nothing (a duplicate delivery, or an unasked
   * message that is not a confident question in a question channel).
   */
  async respond(input: Incoming, ctx: MessageContext): Promise<Reply | undefined> {
    if (input.type === 'message' && input.unasked && !(await this.parts.questionChannels.isOn(ctx.platform, ctx.conversation))) return undefined;
    if (input.deliveryIds && !(await this.firstDelivery(ctx.platform, input.deliveryIds))) return undefined;
    if (input.type === 'action') return this.act(input.action, ctx);
    if (input.type === 'welcome') return this.parts.replies.help(ctx);
    if (input.unasked) return this.screen(input.text, ctx);
    const intent = parseIntent(input.text);
    const reply = await this.reply(intent, ctx);
    return { ...reply, asked: asked(intent, input.text) };
  }

  /** What a front end shows when answering failed (the error itself goes to its log). */
  sorry(): Reply {
    return this.parts.replies.error('Der skete en fejl', 'Jeg kunne ikke svare lige nu. Prøv igen om lidt.');
  }

  /** The help reply, for places that are not an answer to a message (a welcome, a home page). */
  help(ctx: HelpContext): Reply {
    return this.parts.replies.help(ctx);
  }

  private async reply(intent: Intent, ctx: MessageContext): Promise<Reply> {
    const { replies, questions, questionChannels, tipCommands } = this.parts;
    switch (intent.type) {
      case 'help':
        return replies.help(ctx);
      case 'direction':
        return replies.direction(intent.direction, intent.kind);
      case 'general':
        return replies.general(intent.kind);
      case 'tip':
        return replies.randomTip();
      case 'question':
        return questions.ask(intent.text, ctx.platform);
      case 'tip-subscribe':
      case 'tip-unsubscribe':
      case 'tip-status':
        if (!ctx.capabilities.tipSubscriptions) return this.noTipSubscriptions(ctx);
        return tipCommands.handle(intent, {
          platform: ctx.platform,
          commandPrefix: ctx.commandPrefix,
          ...(ctx.conversation !== undefined ? { channel: ctx.conversation } : {}),
          ...(ctx.address !== undefined ? { address: ctx.address } : {}),
        });
      case 'tip-invalid-time':
        if (!ctx.capabilities.tipSubscriptions) return this.noTipSubscriptions(ctx);
        return replies.error('Ugyldigt tidspunkt', `"${intent.given}" er ikke et klokkeslæt. Skriv fx ${ctx.commandPrefix}tip abonner 08:30.`);
      case 'question-channel':
        return questionChannels.toggle(intent.on, ctx);
      case 'brief':
      case 'brief-status':
        return this.parts.briefs ? this.parts.briefs.command(intent, ctx) : this.noBriefs();
      case 'hr-channel':
      case 'hr-saved':
        return this.parts.hr ? this.parts.hr.command(intent, ctx) : this.noHr();
      default:
        throw new UnknownIntentError(intent);
    }
  }

  private async act(action: ActionRequest, ctx: MessageContext): Promise<Reply> {
    switch (action.type) {
      case 'feedback': {
        // Only a free question is offered to HR after a 👎 (not a tip, not a direction's list).
        const { question, ...vote } = action;
        const asked = question !== undefined && parseIntent(question).type === 'question' ? { question } : {};
        return this.parts.feedback.vote({ ...vote, ...asked }, ctx.platform);
      }
      case 'show':
        return this.show(action, ctx);
      case 'submit':
        if (action.form === 'brief' || action.form === 'backbrief') return this.parts.briefs ? this.parts.briefs.act(action, ctx) : this.noBriefs();
        return this.parts.hr ? this.parts.hr.act(action, ctx) : this.noHr();
      case 'open-form':
      case 'brief-close':
      case 'brief-status':
        return this.parts.briefs ? this.parts.briefs.act(action, ctx) : this.noBriefs();
      default:
        return this.parts.hr ? this.parts.hr.act(action, ctx) : this.noHr();
    }
  }

  private noBriefs(): Reply {
    return this.parts.replies.info('Brief og backbrief', 'Brief og backbrief er ikke sat op her.');
  }

  private noHr(): Reply {
    return this.parts.replies.info('Spørg HR', 'Spørgsmål til HR er ikke sat op her.');
  }

  /** An answer again, without side effects: only read-only intents re-run, a tip by its statement. */
  private async show(action: Extract<ActionRequest, { type: 'show' }>, ctx: MessageContext): Promise<Reply> {
    const { replies, questions, knowledge } = this.parts;
    const statement = action.statementId ? knowledge.current.kb.byId.get(action.statementId) : undefined;
    const intent = parseIntent(action.command);
    let reply: Reply;
    if (statement) reply = replies.tip(statement);
    else if (intent.type === 'question') reply = await questions.again(intent.text, action.questionHash, ctx.platform);
    else if (intent.type === 'direction' || intent.type === 'general' || intent.type === 'help' || intent.type === 'tip' || intent.type === 'tip-invalid-time') {
      reply = await this.reply(intent, ctx);
    } else reply = replies.help(ctx);
    return { ...reply, asked: asked(intent, action.command) };
  }

  private async screen(text: string, ctx: MessageContext): Promise<Reply | undefined> {
    const intent = parseIntent(text);
    if (intent.type !== 'question') return undefined;
    const reply = await this.parts.questions.screen(intent.text, ctx.platform);
    return reply && { ...reply, asked: asked(intent, text) };
  }

  private noTipSubscriptions(ctx: MessageContext): Reply {
    const notice = ctx.wording?.noTipSubscriptions ?? { title: 'Dagligt tip', text: 'Daglige tips kan ikke sættes op her.' };
    return this.parts.replies.info(notice.title, notice.text);
  }

  /** True when none of the delivery's ids was seen before; each is then remembered. */
  private async firstDelivery(platform: Platform, ids: readonly string[]): Promise<boolean> {
    for (const id of ids) if (!(await this.parts.deliveries.firstDelivery(`${platform}:${id}`))) return false;
    return true;
  }
}

/** What the reply answers: the text as it arrived, and whether the core read it as a question. */
function asked(intent: Intent, text: string): Asked {
  return { text, isQuestion: intent.type === 'question' };
}
