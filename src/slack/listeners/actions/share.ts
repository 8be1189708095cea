// "Del i kanalen": the same answer, posted for everyone in the conversation, without the
// share button; the private copy is then removed.

import type { AllMiddlewareArgs, BlockButtonAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parseIntent } from '../../../bot/intent.ts';
import { decodeCommandRef } from '../../action-values.ts';
import { renderMessage } from '../../blocks.ts';
import { describeError, rebuild, type SlackBot } from '../../bot.ts';

export function shareInChannel(bot: SlackBot) {
  return async function postSharedAnswer({ ack, action, body, respond }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> {
    await ack();
    bot.answers.push(() => share(bot, action.value, body.user.id, respond));
  };
}

async function share(bot: SlackBot, value: string | undefined, user: string, respond: RespondFn): Promise<void> {
  const ref = decodeCommandRef(value);
  if (!ref) {
    await respond({ response_type: 'ephemeral', replace_original: false, text: 'Svaret kan ikke deles. Prøv at spørge igen.' });
    return;
  }
  try {
    const reply = await rebuild(bot, ref);
    const isQuestion = parseIntent(ref.c).type === 'question';
    const message = renderMessage(reply, { command: ref.c, page: ref.p ?? 0, sharedBy: user, ...(isQuestion ? { question: ref.c } : {}) });
    await respond({ response_type: 'in_channel', replace_original: false, text: message.text, blocks: message.blocks });
    await respond({ delete_original: true });
  } catch (err) {
    bot.deps.log.error(`Slack: et svar kunne ikke deles: ${describeError(err)}`);
    await respond({ response_type: 'ephemeral', replace_original: false, text: 'Svaret kunne ikke deles lige nu. Prøv igen om lidt.' }).catch(() => undefined);
  }
}
