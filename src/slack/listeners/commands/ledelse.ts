// /ledelse: acknowledged at once (Slack allows 3 s), then answered through response_url,
// visible only to the person who asked until they press "Del i kanalen".

import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseIntent } from '../../../bot/intent.ts';
import { renderMessage } from '../../blocks.ts';
import { capInput, describeError, replyTo, type SlackBot } from '../../bot.ts';

export function ledelseCommand(bot: SlackBot) {
  return async function acknowledgeLedelseCommand({ command, ack, respond }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
    await ack();
    bot.answers.push(() => answerLedelseCommand(bot, command.text, command.channel_id, respond));
  };
}

export async function answerLedelseCommand(bot: SlackBot, raw: string, channel: string, respond: RespondFn): Promise<void> {
  const text = capInput(raw);
  try {
    const intent = parseIntent(text);
    const reply = await replyTo(bot, intent, channel);
    const message = renderMessage(reply, {
      command: text,
      share: true,
      ...(intent.type === 'question' ? { question: text } : {}),
    });
    await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  } catch (err) {
    bot.deps.log.error(`Slack: /ledelse kunne ikke besvares: ${describeError(err)}`);
    const message = renderMessage(bot.deps.conversation.error('Noget gik galt', 'Jeg kunne ikke svare lige nu. Prøv igen om lidt.'));
    await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks }).catch(() => undefined);
  }
}
