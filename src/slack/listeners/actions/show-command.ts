// Buttons that show another answer to the person who clicked: a tip's "Flere om …", "Vis flere"
// on a long list, and the suggested commands after "no good match" and in help.

import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeCommandRef, showRequest } from '../../action-values.ts';
import { renderMessage } from '../../blocks.ts';
import { describeError, type SlackBot } from '../../bot.ts';
import { slackContext } from '../../platform.ts';

export function showCommandResult(bot: SlackBot) {
  return async function respondWithCommandResult({ ack, action, body, respond }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> {
    await ack();
    const ref = decodeCommandRef(action.value);
    if (!ref) return;
    const channel = body.channel?.id ?? '';
    bot.answers.push(async () => {
      try {
        const reply = await bot.conversation.respond({ type: 'action', action: showRequest(ref) }, slackContext(channel));
        if (!reply) return;
        const message = renderMessage(reply, { command: ref.c, page: ref.p ?? 0, share: true });
        await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
      } catch (err) {
        bot.log.error(`Slack: en knap kunne ikke besvares: ${describeError(err)}`);
      }
    });
  };
}
