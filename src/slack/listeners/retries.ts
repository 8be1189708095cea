// Slack redelivers an event it thinks went unanswered (x-slack-retry-num over HTTP, a retry
// attempt over Socket Mode) with the same event_id. The core answers each delivery id once;
// this reads the id from the envelope.

/** The delivery ids of an event envelope: its event_id (if any) and any the listener adds. */
export function deliveryIds(body: unknown, ...more: string[]): string[] {
  const eventId = (body as { event_id?: unknown }).event_id;
  return typeof eventId === 'string' ? [eventId, ...more] : more;
}
