// A submitted "Spørg HR" modal: the values go to the core as a form submission; the modal
// closes at once (Slack allows 3 seconds), and the core's reply reaches the person privately —
// in the channel the button was in, or in the DM.

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { FormId } from '../../../bot/reply.ts';
import { renderMessage } from '../../blocks.ts';
import { describeError, type SlackBot } from '../../bot.ts';
import type { SlackAsker } from '../../hr.ts';
import { modalValues, type ModalMetadata } from '../../hr-blocks.ts';
import { isDirectMessage, slackHrContext } from '../../platform.ts';
import { slackName } from '../actions/hr.ts';

const MetadataSchema = z.object({
  h: z.record(z.string(), z.string().max(2000)),
  c: z.string().regex(/^[CGD][A-Z0-9]+$/),
  t: z.string().regex(/^\d+\.\d+$/).optional(),
  e: z.boolean().optional(),
});

function readMetadata(raw: string | undefined): ModalMetadata | undefined {
  try {
    const parsed = MetadataSchema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function submitHrForm(bot: SlackBot, form: FormId) {
  return async function handleHrSubmission({ ack, body, view, client }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> {
    const metadata = readMetadata(view.private_metadata);
    if (!metadata) {
      await ack({ response_action: 'errors', errors: { [Object.keys(view.state.values)[0] ?? 'question']: 'Formularen er for gammel eller ugyldig. Luk den, og prøv igen.' } });
      return;
    }
    await ack();
    const user = body.user.id;
    const values = { ...modalValues(view.state), ...metadata.h };
    bot.answers.push(async () => {
      const { c: channel, t: threadTs, e: ephemeral } = metadata;
      try {
        const name = await slackName(client, body.user);
        const asker: SlackAsker = ephemeral ? { user } : { channel, ...(threadTs ? { threadTs } : {}) };
        const ctx = { ...slackHrContext(channel, { threadTs, ephemeral }), address: asker };
        const reply = await bot.conversation.respond({ type: 'action', action: { type: 'submit', form, values, ...(name ? { person: { name } } : {}) } }, ctx);
        if (!reply) return;
        const message = renderMessage(reply);
        if (isDirectMessage(channel)) {
          await client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), text: message.text, blocks: message.blocks });
        } else {
          await client.chat.postEphemeral({ channel, user, ...(threadTs ? { thread_ts: threadTs } : {}), text: message.text, blocks: message.blocks });
        }
      } catch (err) {
        bot.log.error(`Slack: en HR-formular kunne ikke behandles: ${describeError(err)}`);
      }
    });
  };
}
