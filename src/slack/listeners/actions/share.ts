// "Del i kanalen": the same answer, posted for everyone in the conversation, without the
// share button; the private copy is then removed.

import type { AllMiddlewareArgs, BlockButtonAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeCommandRef, showRequest } from '../../action-values.ts';
import { renderMessage } from '../../blocks.ts';
import { describeError, type SlackBot } from '../../bot.ts';
import { slackContext } from '../../platform.ts';

export function shareInChannel(bot: SlackBot) {
  return async function postSharedAnswer({ ack, action, body, respond }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> {
    await ack();
    const channel = body.channel?.id ?? '';
    bot.answers.push(() => share(bot, action.value, body.user.id, channel, respond));
  };
}

async function share(bot: SlackBot, value: string | undefined, user: string, channel: string, respond: RespondFn): Promise<void> {
  const ref = decodeCommandRef(value);
  if (!ref) {
    await respond({ response_type: 'ephemeral', replace_original: false, text: 'Svaret kan ikke deles. Prøv at spørge igen.' });
    return;
  }
  try {
    const reply = await bot.conversation.respond({ type: 'action', action: showRequest(ref) }, slackContext(channel));
    if (!reply) return;
    const message = renderMessage(reply, { command: ref.c, page: ref.p ?? 0, sharedBy: user, ...(reply.asked?.isQuestion ? { question: ref.c } : {}) });
    await respond({ response_type: 'in_channel', replace_original: false, text: message.text, blocks: message.blocks });
    await respond({ delete_original: true });
  } catch (err) {
    bot.log.error(`Slack: et svar kunne ikke deles: ${describeError(err)}`);
    await respond({ response_type: 'ephemeral', replace_original: false, text: 'Svaret kunne ikke deles lige nu. Prøv igen om lidt.' }).catch(() => undefined);
  }
}
