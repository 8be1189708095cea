// Slack redelivers an event it thinks went unanswered (x-slack-retry-num over HTTP, a retry
// attempt over Socket Mode) with the same event_id. Each event is handled once. Checked only
// for events the bot acts on, so messages in busy channels cost no write to the store.

import type { SlackBot } from '../bot.ts';

/** True the first time this event envelope is seen (and for envelopes without an event_id). */
export async function firstDelivery(bot: SlackBot, body: unknown): Promise<boolean> {
  const eventId = (body as { event_id?: unknown }).event_id;
  if (typeof eventId !== 'string') return true;
  return bot.deps.store.firstSighting(`slack:${eventId}`);
}
