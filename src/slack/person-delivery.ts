// Brief and backbrief in Slack: a message to one person goes to their direct messages with the
// app (chat.postMessage to the user id). What Slack answers becomes the core's typed outcome,
// with Slack's reasons in Danish for the author's overview.

import type { webApi } from '@slack/bolt';
import type { PersonDeliver } from '../brief/delivery.ts';
import { deliveryFailure } from './delivery.ts';
import { renderMessage } from './blocks.ts';

/** Slack errors that mean the person cannot be reached, in Danish. */
export const PERSON_REASONS: Readonly<Record<string, string>> = {
  user_not_found: 'Personen findes ikke i arbejdsområdet (måske en gæst fra en anden organisation).',
  channel_not_found: 'Personen findes ikke i arbejdsområdet, eller Ledelsesbot kan ikke skrive til personen.',
  user_disabled: 'Personens Slack-konto er deaktiveret.',
  account_inactive: 'Personens Slack-konto er deaktiveret.',
  cannot_dm_bot: 'Det er en bot, ikke en person.',
  messages_tab_disabled: 'Ledelsesbot kan ikke skrive direkte beskeder i dette arbejdsområde (fanen Beskeder er slået fra).',
  restricted_action: 'Arbejdsområdets indstillinger tillader ikke, at Ledelsesbot skriver til personen.',
};

export function createPersonDelivery(client: webApi.WebClient): PersonDeliver {
  return async function deliverToPerson(person, reply) {
    if (!/^[UW][A-Z0-9]{2,}$/.test(person.user)) return { ok: false, pause: { code: 'not_a_user', reason: PERSON_REASONS.user_not_found! } };
    const message = renderMessage(reply);
    try {
      await client.chat.postMessage({ channel: person.user, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
      return { ok: true };
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      const reason = code ? PERSON_REASONS[code] : undefined;
      return reason ? { ok: false, pause: { code: code!, reason } } : deliveryFailure(err);
    }
  };
}
