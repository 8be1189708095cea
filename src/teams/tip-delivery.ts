// Daily tips in Teams: the tip core (src/tips) decides what and when; this only posts the
// tip's Reply into the subscribed conversation, proactively, and tells the core what Teams
// answered — so the same calendar, rotation and exactly-once rules apply as in Slack.

import type { Reply } from '../bot/reply.ts';
import { errorMessage } from '../shared/errors.ts';
import type { DeliveryResult, TipDeliver, TipSubscription } from '../tips/delivery.ts';
import { isConversationRef, storedConversation, type AddressBook, type TeamsConversationRef } from './conversation-refs.ts';

/** How long to wait when Teams says "too many requests" without saying how long. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

export type SendReply = (ref: TeamsConversationRef, reply: Reply) => Promise<unknown>;

interface HttpFailure {
  status?: number;
  headers?: Record<string, unknown>;
  code?: string;
}

/** Status, headers and Bot Framework error code of a failed Bot Connector call (axios error). */
function httpFailure(err: unknown): HttpFailure {
  const response = (err as { response?: { status?: unknown; headers?: unknown; data?: unknown } } | undefined)?.response;
  if (!response) return {};
  const failure: HttpFailure = {};
  if (typeof response.status === 'number') failure.status = response.status;
  if (response.headers && typeof response.headers === 'object') failure.headers = response.headers as Record<string, unknown>;
  const code = (response.data as { error?: { code?: unknown } } | undefined)?.error?.code;
  if (typeof code === 'string') failure.code = code;
  return failure;
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterSeconds(value: unknown, now = Date.now()): number {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw === 'number' && raw > 0) return Math.ceil(raw);
  if (typeof raw === 'string' && raw.trim()) {
    const seconds = Number(raw.trim());
    if (Number.isFinite(seconds) && seconds > 0) return Math.ceil(seconds);
    const date = Date.parse(raw);
    if (Number.isFinite(date) && date > now) return Math.ceil((date - now) / 1000);
  }
  return DEFAULT_RETRY_AFTER_SECONDS;
}

/** What Teams' answer means for the subscription. */
export function deliveryResultForError(err: unknown): DeliveryResult {
  const { status, headers, code } = httpFailure(err);
  if (status === 429) return { ok: false, retryAfterSeconds: retryAfterSeconds(headers?.['retry-after']) };
  if (status === 403) {
    if (code === 'ConversationBlockedByUser') {
      return { ok: false, pause: { code, reason: 'Personen har blokeret Ledelsesbot i chatten i Teams, så tippet kan ikke sendes.' } };
    }
    return {
      ok: false,
      pause: {
        code: code ?? 'http-403',
        reason:
          'Ledelsesbot har ikke længere adgang til samtalen i Teams (appen er fjernet, eller botten er ikke med i samtalen). Tilføj appen igen, og skriv "tip abonner" for at starte igen.',
      },
    };
  }
  if (status === 404) {
    return { ok: false, pause: { code: 'http-404', reason: 'Samtalen findes ikke længere i Teams (kanalen eller chatten er slettet).' } };
  }
  if (status === 401) {
    return { ok: false, error: 'Teams afviste Ledelsesbots login (HTTP 401). Tjek CLIENT_ID, CLIENT_SECRET og TENANT_ID.' };
  }
  if (status) return { ok: false, error: `Teams svarede HTTP ${status}${code ? ` (${code})` : ''}.` };
  return { ok: false, error: `Tippet kunne ikke sendes til Teams: ${errorMessage(err)}` };
}

/**
 * The deliver function registered with the tip core. It posts to the conversation reference
 * kept with the subscription, or the one remembered when the bot was installed or addressed.
 */
export function createTipDeliver(addresses: AddressBook, send: SendReply): TipDeliver {
  return async (subscription: TipSubscription, reply: Reply): Promise<DeliveryResult> => {
    const ref = isConversationRef(subscription.conversationRef) ? subscription.conversationRef : await storedConversation(addresses, subscription.channel);
    if (!ref) {
      return {
        ok: false,
        pause: {
          code: 'conversation-unknown',
          reason: 'Ledelsesbot kender ikke samtalen i Teams. Skriv "tip abonner" i samtalen (nævn @Ledelsesbot i kanaler) for at starte igen.',
        },
      };
    }
    try {
      await send(ref, reply);
      return { ok: true };
    } catch (err) {
      return deliveryResultForError(err);
    }
  };
}
