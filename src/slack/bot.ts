// What the Slack listeners share: the core from AppDeps, and the few Slack-specific decisions
// (where a text goes, which channels are question channels, how a button's answer is rebuilt).

import type { AppDeps } from '../app.ts';
import { Conversation } from '../bot/conversation.ts';
import { parseIntent, type Intent } from '../bot/intent.ts';
import type { Reply } from '../bot/reply.ts';
import type { CommandRef } from './action-values.ts';
import { AnswerQueue } from './answer-queue.ts';
import { COMMAND_PREFIX } from './blocks.ts';

/**
 * Longest text we read. The search analyses only the first 4000 characters anyway; a longer
 * paste is cut here, so no text, however long, can slow the app down.
 */
export const MAX_INPUT_CHARS = 4000;

/**
 * How sure the search must be before the bot speaks unasked in a question channel. An answer
 * to a mention, a DM or /ledelse needs only the search's own "answered"; an unasked answer
 * needs more, so chatter ("Hvem tager kage med på fredag?") gets none. Measured on eval/ with
 * the current engine: 0.5 keeps about three in four real questions answered and answers none
 * of the out-of-scope questions or everyday chatter tried.
 */
export const QUESTION_CHANNEL_MIN_CONFIDENCE = 0.5;

export interface SlackBot {
  deps: AppDeps;
  /**
   * The same conversation without a store: answers re-run by a button, and messages in a
   * question channel that may be chatter, are not counted as questions.
   */
  quiet: Conversation;
  /** Answer work, run after the acknowledgements (see answer-queue.ts). */
  answers: AnswerQueue;
}

export function createSlackBot(deps: AppDeps): SlackBot {
  const answers = new AnswerQueue((err) => deps.log.error(`Slack: et svar kunne ikke sendes: ${describeError(err)}`));
  return { deps, quiet: new Conversation(deps.knowledge), answers };
}

export const conversationContext = { platform: 'slack', commandPrefix: COMMAND_PREFIX } as const;

export function capInput(text: string | undefined): string {
  const t = text ?? '';
  return t.length > MAX_INPUT_CHARS ? t.slice(0, MAX_INPUT_CHARS) : t;
}

/** "C123" or "slack:C123" in QUESTION_CHANNELS, or switched on with /ledelse kanal spørgsmål til. */
export async function isQuestionChannel(bot: SlackBot, channel: string): Promise<boolean> {
  const fromEnv = bot.deps.config.QUESTION_CHANNELS;
  return fromEnv.includes(channel) || fromEnv.includes(`slack:${channel}`) || (await bot.deps.store.isQuestionChannel(`slack:${channel}`));
}

/** A direct message conversation (D…), where there is no channel to configure. */
export function isDirectMessage(channel: string): boolean {
  return channel.startsWith('D');
}

/** Answers a command, mention or direct message; tip subscriptions and question channels change state here. */
export async function replyTo(bot: SlackBot, intent: Intent, channel: string): Promise<Reply> {
  const { conversation, tips } = bot.deps;
  switch (intent.type) {
    case 'tip-subscribe':
    case 'tip-unsubscribe':
    case 'tip-status':
      return tips.handleCommand(intent, { platform: 'slack', channel, commandPrefix: COMMAND_PREFIX });
    case 'question-channel':
      return setQuestionChannel(bot, channel, intent.on);
    default:
      return conversation.reply(intent, conversationContext);
  }
}

async function setQuestionChannel(bot: SlackBot, channel: string, on: boolean): Promise<Reply> {
  const { conversation, store, config } = bot.deps;
  if (isDirectMessage(channel)) {
    return conversation.info(
      'Kun i kanaler',
      'En spørgsmålskanal er en kanal, hvor jeg svarer på nye beskeder uden at blive nævnt. Her i vores direkte beskeder svarer jeg altid, så der er intet at slå til.',
    );
  }
  await store.setQuestionChannel(`slack:${channel}`, on);
  if (on) {
    return conversation.info(
      'Spørgsmålskanal slået til',
      'Fra nu af svarer jeg i tråden på nye beskeder i denne kanal, når jeg er sikker på, at ledelsesgruppernes udsagn passer til spørgsmålet. Almindelig snak og svar i tråde lader jeg være. Husk at invitere mig til kanalen (/invite @Ledelsesbot), så jeg kan se beskederne. Slå det fra igen med /ledelse kanal spørgsmål fra.',
    );
  }
  const pinned = config.QUESTION_CHANNELS.includes(channel) || config.QUESTION_CHANNELS.includes(`slack:${channel}`);
  return conversation.info(
    'Spørgsmålskanal slået fra',
    pinned
      ? 'Kanalen står i QUESTION_CHANNELS i opsætningen (.env), så jeg bliver ved med at svare på spørgsmål her, indtil den fjernes derfra.'
      : 'Jeg svarer ikke længere af mig selv på beskeder her. Nævn @Ledelsesbot eller brug /ledelse, når du vil spørge om noget.',
  );
}

/**
 * Rebuilds the answer a button refers to, without side effects: only read-only intents are
 * re-run, a tip by its statement id, and nothing is counted as a new question.
 */
export function rebuild(bot: SlackBot, ref: CommandRef): Promise<Reply> {
  const { conversation, knowledge, store } = bot.deps;
  if (ref.s) {
    const statement = knowledge.current.kb.byId.get(ref.s);
    if (statement) return Promise.resolve(conversation.tip(statement));
  }
  const intent = parseIntent(capInput(ref.c));
  switch (intent.type) {
    case 'direction':
    case 'general':
    case 'help':
    case 'tip':
    case 'tip-invalid-time':
      return bot.quiet.reply(intent, conversationContext);
    case 'question':
      return bot.quiet
        .reply(intent, conversationContext)
        .then((reply) => withQuestionHash(reply, ref.q ?? store.hashQuestion(intent.text)));
    default:
      return Promise.resolve(conversation.help(conversationContext));
  }
}

/** The same reply with its feedback counted under `questionHash`. */
export function withQuestionHash(reply: Reply, questionHash: string): Reply {
  return {
    ...reply,
    actions: reply.actions.map((a) => (a.type === 'feedback' ? { ...a, questionHash } : a)),
  };
}

/** An error's message for the log; never a token (Bolt and the Web API client keep them out of messages). */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object' && 'data' in err) {
    const data = (err as { data?: { error?: unknown } }).data;
    if (data && typeof data.error === 'string') return data.error;
  }
  return err instanceof Error ? err.message : String(err);
}
