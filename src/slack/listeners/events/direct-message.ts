// A direct message to the bot: every message is a question or a command, answered in the DM.

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { capInput, type SlackBot } from '../../bot.ts';
import { slackContext } from '../../platform.ts';
import { deliveryIds } from '../retries.ts';
import { postReply, type IncomingMessage } from './post.ts';

export function directMessage(bot: SlackBot) {
  return async function answerDirectMessage({ event, body, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> {
    const message = event as IncomingMessage;
    // Edits, deletions, joins and bot posts all carry a subtype or a bot id.
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id || !message.user) return;
    const text = capInput(message.text);
    if (!text.trim()) return;
    const ids = deliveryIds(body);
    bot.answers.push(async () => {
      const reply = await bot.conversation.respond({ type: 'message', text, deliveryIds: ids }, slackContext(message.channel, message.user));
      if (reply) await postReply(client, { channel: message.channel, threadTs: message.thread_ts }, reply, { command: text });
    });
  };
}
