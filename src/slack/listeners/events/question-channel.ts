// A new top-level message from a person in a channel. The core answers it only in a question
// channel, and only when the match is confident (more so than when asked directly), so ordinary
// chatter gets no noise; the answer goes in the message's thread.

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { capInput, type SlackBot } from '../../bot.ts';
import { slackContext } from '../../platform.ts';
import { deliveryIds } from '../retries.ts';
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
    const ids = deliveryIds(body);
    bot.answers.push(async () => {
      const reply = await bot.conversation.respond({ type: 'message', text, unasked: true, deliveryIds: ids }, slackContext(message.channel));
      if (reply) await postReply(client, { channel: message.channel, threadTs: message.ts }, reply, { command: text });
    });
  };
}
