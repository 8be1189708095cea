// Daily tips for Slack: the tip core decides what and when; this posts the Reply and tells the
// core what Slack said, so it can retry later, pause the channel, or log. The Danish reasons for
// a pause are Slack's own, worded here.

import type { webApi } from '@slack/bolt';
import { statementIdsOf } from '../bot/reply.ts';
import { errorMessage } from '../shared/errors.ts';
import type { DeliveryResult, TipDeliver } from '../tips/delivery.ts';
import { renderMessage } from './blocks.ts';

/** Slack errors that mean the channel cannot take posts until someone acts, in Danish for "tip status". */
export const PAUSE_REASONS: Readonly<Record<string, string>> = {
  channel_not_found:
    'Slack kan ikke finde kanalen. Den er måske slettet, eller Ledelsesbot har ikke adgang til den. Skriv /ledelse tip abonner i kanalen for at starte igen.',
  not_in_channel:
    'Ledelsesbot er ikke medlem af kanalen. Inviter den med /invite @Ledelsesbot, og skriv /ledelse tip abonner for at starte igen.',
  is_archived: 'Kanalen er arkiveret. Tips genoptages, hvis kanalen bliver genåbnet og nogen skriver /ledelse tip abonner.',
};

/** When Slack says "ratelimited" without a Retry-After header. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** Maps an error from the Web API client to a delivery result. */
export function deliveryFailure(err: unknown): DeliveryResult {
  const e = err as { code?: string; retryAfter?: number; data?: { error?: string; response_metadata?: { retryAfter?: number } } };
  if (e?.code === 'slack_webapi_rate_limited_error') {
    return { ok: false, retryAfterSeconds: typeof e.retryAfter === 'number' ? e.retryAfter : DEFAULT_RETRY_AFTER_SECONDS };
  }
  if (e?.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string') {
    const error = e.data.error;
    if (error === 'ratelimited') {
      return { ok: false, retryAfterSeconds: e.data.response_metadata?.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS };
    }
    const reason = PAUSE_REASONS[error];
    if (reason) return { ok: false, pause: { code: error, reason } };
    return { ok: false, error };
  }
  return { ok: false, error: errorMessage(err) };
}

export function createTipDelivery(client: webApi.WebClient): TipDeliver {
  return async function deliverTip(subscription, reply) {
    // The command "tip" with the statement id lets "Del"/feedback rebuild exactly this tip.
    const message = renderMessage(reply, statementIdsOf(reply).length ? { command: 'tip' } : {});
    try {
      await client.chat.postMessage({
        channel: subscription.channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      return { ok: true };
    } catch (err) {
      return deliveryFailure(err);
    }
  };
}
