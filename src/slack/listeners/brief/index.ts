// Brief and backbrief in Slack: the form's modal submitted (view_submission), the groups'
// remarks pushed on top of a form, and the buttons that carry a typed request ("Giv backbrief",
// "Luk briefet", "Se dine briefs"). The core decides everything; this reads Slack's payloads,
// checks them, and renders what comes back.

import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from '@slack/bolt';
import { decodeButtonRequest, type ActionRequest } from '../../../bot/actions.ts';
import type { Reply } from '../../../bot/reply.ts';
import { renderMessage, statementCard } from '../../blocks.ts';
import {
  decodeMetadata,
  FORM_CALLBACK,
  formModal,
  formOf,
  noticeModal,
  REMARKS_ACTION,
  REQUEST_ACTION_PREFIX,
  remarksModal,
  submittedValues,
} from '../../brief-blocks.ts';
import { describeError, type SlackBot } from '../../bot.ts';
import { slackContext } from '../../platform.ts';
import { homeView } from '../events/app-home-opened.ts';

export const STALE_REQUEST = 'Den knap virker ikke længere. Skriv /ledelse brief status for at se dine briefs.';

export function register(app: App, bot: SlackBot): void {
  app.view<ViewSubmitAction>(FORM_CALLBACK, submitForm(bot));
  app.action<BlockButtonAction>(REMARKS_ACTION, showRemarks(bot));
  app.action<BlockButtonAction>(new RegExp(`^${REQUEST_ACTION_PREFIX}\\d+$`), runRequest(bot));
}

/** Posts a reply to the person in their direct messages with the app. */
export async function sendToPerson(client: webApi.WebClient, user: string, reply: Reply): Promise<void> {
  const message = renderMessage(reply);
  await client.chat.postMessage({ channel: user, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
}

function submitForm(bot: SlackBot) {
  return async function submitBriefForm({ ack, body, view, client }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> {
    const meta = decodeMetadata(view.private_metadata);
    const user = body.user.id;
    if (!meta) {
      await ack({ response_action: 'update', view: noticeModal(bot.conversation.sorry()) });
      return;
    }
    const values = submittedValues(view.state as { values?: Record<string, Record<string, unknown>> });
    const action: ActionRequest = { type: 'submit', form: meta.f, ...(meta.r ? { ref: meta.r } : {}), values };
    let reply: Reply | undefined;
    try {
      // The core checks and stores at once and sends the messages afterwards, well inside Slack's 3 s.
      reply = await bot.conversation.respond({ type: 'action', action }, slackContext(user, user));
    } catch (err) {
      bot.log.error(`Slack: en formular kunne ikke gemmes: ${describeError(err)}`);
      await ack({ response_action: 'update', view: noticeModal(bot.conversation.sorry()) });
      return;
    }
    if (!reply) return ack();
    const form = formOf(reply);
    if (form) {
      const errors: Record<string, string> = {};
      for (const f of form.fields) if (f.error) errors[f.id] = f.error;
      await ack({ response_action: 'errors', errors });
      return;
    }
    if (reply.type === 'error' || (reply.type === 'info' && reply.groups?.length)) {
      // Closed or deleted meanwhile: the modal says so and shows what was written.
      await ack({ response_action: 'update', view: noticeModal(reply) });
      return;
    }
    await ack();
    bot.answers.push(() => sendToPerson(client, user, reply));
  };
}

function showRemarks(bot: SlackBot) {
  return async function pushRemarks({ ack, body, client }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> {
    await ack();
    const reply = await bot.conversation.respond({ type: 'action', action: { type: 'open-form', form: 'brief' } }, slackContext(body.user.id, body.user.id));
    const form = reply && formOf(reply);
    if (!form?.remarks) return;
    await client.views.push({ trigger_id: body.trigger_id, view: remarksModal(form, statementCard) });
  };
}

function runRequest(bot: SlackBot) {
  return async function runButtonRequest({ ack, action, body, respond, client }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> {
    await ack();
    const user = body.user.id;
    const request = decodeButtonRequest(action.value);
    const fromHome = body.container?.type === 'view';
    const show = async (reply: Reply) => {
      const message = renderMessage(reply);
      if (respond && !fromHome) await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
      else await sendToPerson(client, user, reply);
    };
    if (!request) {
      await show({ type: 'error', title: 'Knappen virker ikke', intro: STALE_REQUEST, sections: [], suggestions: [], sources: [], actions: [] });
      return;
    }
    try {
      const reply = await bot.conversation.respond({ type: 'action', action: request }, slackContext(body.channel?.id ?? user, user));
      if (!reply) return;
      const form = formOf(reply);
      if (form) {
        await client.views.open({ trigger_id: body.trigger_id, view: formModal(form) });
        return;
      }
      await show(reply);
      // The Home tab shows the overview: after closing a brief there, it is shown anew.
      if (fromHome) await client.views.publish({ user_id: user, view: await homeView(bot, user) });
    } catch (err) {
      bot.log.error(`Slack: en knap kunne ikke besvares: ${describeError(err)}`);
      await show(bot.conversation.sorry()).catch(() => undefined);
    }
  };
}
