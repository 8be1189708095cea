// In a question channel every new top-level message from a person is read as a question, and
// answered in its thread — but only when the match is confident (more so than when asked
// directly), so ordinary chatter in the channel gets no noise.

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { parseIntent } from '../../../bot/intent.ts';
import { ANSWER_COUNT } from '../../../bot/conversation.ts';
import {
  QUESTION_CHANNEL_MIN_CONFIDENCE,
  capInput,
  conversationContext,
  isQuestionChannel,
  withQuestionHash,
  type SlackBot,
} from '../../bot.ts';
import { firstDelivery } from '../retries.ts';
import { postReply, type IncomingMessage } from './post.ts';

export function questionChannelMessage(bot: SlackBot) {
  return async function answerQuestionChannelMessage({
    event,
    body,
    client,
    context,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> {
    const message = event as IncomingMessage;
    if (message.channel_type !== 'channel' && message.channel_type !== 'group') return;
    if (message.subtype !== undefined || message.bot_id || !message.user) return;
    // Replies in threads are conversation between people, not new questions.
    if (message.thread_ts && message.thread_ts !== message.ts) return;
    const text = capInput(message.text);
    // A mention is answered once, by the app_mention listener.
    if (context.botUserId && text.includes(`<@${context.botUserId}`)) return;
    if (!(await isQuestionChannel(bot, message.channel))) return;
    if (!(await firstDelivery(bot, body))) return;

    bot.answers.push(async () => {
      const intent = parseIntent(text);
      if (intent.type !== 'question') return;
      const { confidence } = bot.deps.knowledge.current.engine.search(intent.text, { top: ANSWER_COUNT });
      if (confidence < QUESTION_CHANNEL_MIN_CONFIDENCE) return;
      // Screened without counting: chatter is not a question nobody answered.
      const reply = await bot.quiet.reply(intent, conversationContext);
      if (reply.type !== 'answer') return;
      const questionHash = await bot.deps.store.recordQuestion(intent.text, true, 'slack');
      await postReply(client, { channel: message.channel, threadTs: message.ts }, withQuestionHash(reply, questionHash), { command: text });
    });
  };
}
