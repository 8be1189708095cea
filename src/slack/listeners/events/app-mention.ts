// "@Ledelsesbot …" in a channel: answered in the thread of that message.

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { capInput, type SlackBot } from '../../bot.ts';
import { isDirectMessage, slackContext } from '../../platform.ts';
import { deliveryIds } from '../retries.ts';
import { postReply } from './post.ts';

export function appMention(bot: SlackBot) {
  return async function answerMention({ event, body, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>): Promise<void> {
    // Direct messages are answered by the message listener; bots are never answered.
    if (isDirectMessage(event.channel) || event.bot_id || !event.user || 'edited' in event) return;
    const { channel, ts } = event;
    const threadTs = event.thread_ts ?? ts;
    const text = capInput(event.text);
    // One answer per message, even if Slack sends the mention again (a retry, an edit).
    const ids = deliveryIds(body, `mention:${channel}:${ts}`);
    bot.answers.push(async () => {
      const reply = await bot.conversation.respond({ type: 'message', text, deliveryIds: ids }, slackContext(channel, event.user));
      if (reply) await postReply(client, { channel, threadTs }, reply, { command: text });
    });
  };
}
