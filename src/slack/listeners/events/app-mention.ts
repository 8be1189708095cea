// "@Ledelsesbot …" in a channel: answered in the thread of that message.

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { parseIntent } from '../../../bot/intent.ts';
import { capInput, isDirectMessage, replyTo, type SlackBot } from '../../bot.ts';
import { firstDelivery } from '../retries.ts';
import { postReply } from './post.ts';

export function appMention(bot: SlackBot) {
  return async function answerMention({ event, body, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>): Promise<void> {
    // Direct messages are answered by the message listener; bots are never answered.
    if (isDirectMessage(event.channel) || event.bot_id || !event.user || 'edited' in event) return;
    // One answer per message, even if Slack sends the mention again (a retry, an edit).
    if (!(await firstDelivery(bot, body))) return;
    if (!(await bot.deps.store.firstSighting(`slack:mention:${event.channel}:${event.ts}`))) return;
    const { channel, ts } = event;
    const threadTs = event.thread_ts ?? ts;
    const text = capInput(event.text);
    bot.answers.push(async () => {
      const reply = await replyTo(bot, parseIntent(text), channel);
      await postReply(client, { channel, threadTs }, reply, { command: text });
    });
  };
}
