// /ledelse: acknowledged at once (Slack allows 3 s), then answered through response_url,
// visible only to the person who asked until they press "Del i kanalen".

import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs, webApi } from '@slack/bolt';
import { renderMessage } from '../../blocks.ts';
import { formModal, formOf } from '../../brief-blocks.ts';
import { capInput, describeError, type SlackBot } from '../../bot.ts';
import { slackContext } from '../../platform.ts';

export function ledelseCommand(bot: SlackBot) {
  return async function acknowledgeLedelseCommand({ command, ack, respond, client }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
    await ack();
    const modal = { client, triggerId: command.trigger_id };
    bot.answers.push(() => answerLedelseCommand(bot, command.text, command.channel_id, respond, command.user_id, modal));
  };
}

export async function answerLedelseCommand(
  bot: SlackBot,
  raw: string,
  channel: string,
  respond: RespondFn,
  user?: string,
  modal?: { client: webApi.WebClient; triggerId: string },
): Promise<void> {
  const text = capInput(raw);
  try {
    const reply = await bot.conversation.respond({ type: 'message', text }, slackContext(channel, user));
    if (!reply) return;
    // A form (/ledelse brief) opens as a modal at once: the trigger is valid for 3 seconds.
    const form = formOf(reply);
    if (form && modal) {
      try {
        await modal.client.views.open({ trigger_id: modal.triggerId, view: formModal(form) });
        return;
      } catch (err) {
        // An expired trigger (a slow moment): the reply below has a button that opens the form.
        bot.log.warn(`Slack: formularen kunne ikke åbnes med det samme: ${describeError(err)}`);
      }
    }
    const message = renderMessage(reply, { command: text, share: true, ...(reply.asked?.isQuestion ? { question: text } : {}) });
    await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  } catch (err) {
    bot.log.error(`Slack: /ledelse kunne ikke besvares: ${describeError(err)}`);
    const message = renderMessage(bot.conversation.sorry());
    await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks }).catch(() => undefined);
  }
}
