// /ledelse: acknowledged at once (Slack allows 3 s), then answered through response_url,
// visible only to the person who asked until they press "Del i kanalen".

import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { renderMessage } from '../../blocks.ts';
import { capInput, describeError, type SlackBot } from '../../bot.ts';
import { slackContext } from '../../platform.ts';

export function ledelseCommand(bot: SlackBot) {
  return async function acknowledgeLedelseCommand({ command, ack, respond }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
    await ack();
    bot.answers.push(() => answerLedelseCommand(bot, command.text, command.channel_id, respond));
  };
}

export async function answerLedelseCommand(bot: SlackBot, raw: string, channel: string, respond: RespondFn): Promise<void> {
  const text = capInput(raw);
  try {
    const reply = await bot.conversation.respond({ type: 'message', text }, slackContext(channel));
    if (!reply) return;
    const message = renderMessage(reply, { command: text, share: true, ...(reply.asked?.isQuestion ? { question: text } : {}) });
    await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  } catch (err) {
    bot.log.error(`Slack: /ledelse kunne ikke besvares: ${describeError(err)}`);
    const message = renderMessage(bot.conversation.sorry());
    await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks }).catch(() => undefined);
  }
}
