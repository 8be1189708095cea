// The "Spørg HR" buttons: "Send spørgsmålet til HR" (opens the leader's form as a modal), HR's
// "Svar" (opens the answer form), "Ikke relevant" and "Fjern". The core decides; this opens
// modals and shows the core's replies to the person who clicked.

import type { AllMiddlewareArgs, BlockButtonAction, RespondFn, SlackActionMiddlewareArgs, webApi } from '@slack/bolt';
import type { ActionRequest } from '../../../bot/actions.ts';
import type { Reply } from '../../../bot/reply.ts';
import { decodeHrAnswerId, decodeHrOffer, decodeHrQuestion } from '../../action-values.ts';
import { renderMessage } from '../../blocks.ts';
import { describeError, type SlackBot } from '../../bot.ts';
import { renderModal } from '../../hr-blocks.ts';
import { slackHrContext } from '../../platform.ts';
import { STALE_HR_BUTTON } from '../../../hr/service.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/**
 * The person's name as Slack puts it in the payload (their user name). Asking Slack for the full
 * name would need users:read, a scope the app does not take; the user name is enough for HR to
 * follow up.
 */
export function slackName(_client: webApi.WebClient, user: { id: string; name?: string | undefined; username?: string | undefined }): Promise<string | undefined> {
  return Promise.resolve(user.name || user.username || undefined);
}

async function tell(respond: RespondFn, reply: Reply): Promise<void> {
  const message = renderMessage(reply);
  await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
}

function where(body: BlockButtonAction) {
  const container = body.container as { is_ephemeral?: boolean; channel_id?: string; thread_ts?: string };
  const channel = body.channel?.id ?? container.channel_id ?? '';
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  return { channel, threadTs: message?.thread_ts ?? container.thread_ts, ephemeral: Boolean(container.is_ephemeral) };
}

/** A button that opens a form: the core's reply is a form (a modal), or a notice for the clicker. */
function opensForm(bot: SlackBot, decodeRequest: (value: string | undefined) => ActionRequest | undefined) {
  return async function openHrForm({ ack, action, body, client, respond }: Args): Promise<void> {
    await ack();
    const request = decodeRequest(action.value);
    // The trigger_id is valid for 3 seconds: the form is opened at once, not queued.
    const { channel, threadTs, ephemeral } = where(body);
    try {
      if (!request) {
        await tell(respond, bot.conversation.sorry());
        return;
      }
      const reply = await bot.conversation.respond({ type: 'action', action: request }, slackHrContext(channel, { threadTs, ephemeral }));
      if (!reply) return;
      if (reply.form) {
        const view = renderModal(reply, reply.form, { h: reply.form.hidden, c: channel, ...(threadTs ? { t: threadTs } : {}), ...(ephemeral ? { e: true } : {}) });
        await client.views.open({ trigger_id: body.trigger_id, view });
      } else await tell(respond, reply);
    } catch (err) {
      bot.log.error(`Slack: en HR-knap kunne ikke besvares: ${describeError(err)}`);
    }
  };
}

/** A button the core handles at once; its reply is shown to the person who clicked. */
function acts(bot: SlackBot, decodeRequest: (value: string | undefined, person: { name?: string }) => ActionRequest | undefined) {
  return async function actOnHrButton({ ack, action, body, client, respond }: Args): Promise<void> {
    await ack();
    const { channel } = where(body);
    bot.answers.push(async () => {
      try {
        const name = await slackName(client, body.user);
        const request = decodeRequest(action.value, name ? { name } : {});
        const reply = request
          ? await bot.conversation.respond({ type: 'action', action: request }, slackHrContext(channel, {}))
          : bot.conversation.sorry();
        if (reply) await tell(respond, reply);
      } catch (err) {
        bot.log.error(`Slack: en HR-knap kunne ikke besvares: ${describeError(err)}`);
      }
    });
  };
}

export function hrOffer(bot: SlackBot) {
  return opensForm(bot, (value) => {
    const v = decodeHrOffer(value);
    return v && { type: 'hr-offer', question: v.q, nearest: v.n };
  });
}

export function hrOpen(bot: SlackBot) {
  return opensForm(bot, (value) => {
    const id = decodeHrQuestion(value);
    return id ? { type: 'hr-open', questionId: id } : undefined;
  });
}

export function hrDismiss(bot: SlackBot) {
  return acts(bot, (value, person) => {
    const id = decodeHrQuestion(value);
    return id ? { type: 'hr-dismiss', questionId: id, person } : undefined;
  });
}

export function hrRemove(bot: SlackBot) {
  return acts(bot, (value) => {
    const id = decodeHrAnswerId(value);
    return id ? { type: 'hr-remove', answerId: id } : undefined;
  });
}

export { STALE_HR_BUTTON };
