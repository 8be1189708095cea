// A direct message to the bot: every message is a question or a command, answered in the DM.

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { parseIntent } from '../../../bot/intent.ts';
import { capInput, replyTo, type SlackBot } from '../../bot.ts';
import { firstDelivery } from '../retries.ts';
import { postReply, type IncomingMessage } from './post.ts';

export function directMessage(bot: SlackBot) {
  return async function answerDirectMessage({ event, body, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> {
    const message = event as IncomingMessage;
    // Edits, deletions, joins and bot posts all carry a subtype or a bot id.
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id || !message.user) return;
    const text = capInput(message.text);
    if (!text.trim()) return;
    if (!(await firstDelivery(bot, body))) return;
    bot.answers.push(async () => {
      const reply = await replyTo(bot, parseIntent(text), message.channel);
      await postReply(client, { channel: message.channel, threadTs: message.thread_ts }, reply, { command: text });
    });
  };
}
