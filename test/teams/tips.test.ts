// Daily tips in Teams: the tip core calls the deliver function the Teams front end
// registered; it posts the tip proactively to the stored conversation and reports what
// Teams answered, so the core can retry, pause or carry on.

import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { TipSubscription } from '../../src/tips/delivery.ts';
import { retryAfterSeconds } from '../../src/teams/tip-delivery.ts';
import { BOT, CHANNEL, PERSONAL, TENANT, channelMention, installed } from '../helpers/teams-activities.ts';
import { actionsOf, cardsOf, startHarness, textOf, type Harness } from '../helpers/teams-harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.connector.requests.length = 0;
});

function deliver() {
  const d = h.deps.tips.deliveries.get('teams');
  expect(d, 'startTeams registers a deliver function for Teams').toBeDefined();
  return d!;
}

function subscription(overrides: Partial<TipSubscription> = {}): TipSubscription {
  return { key: `teams:${CHANNEL}`, platform: 'teams', channel: CHANNEL, time: '08:30', status: 'active', origin: 'command', ...overrides };
}

describe('proactive tips', () => {
  test('the tip is posted as a new post in the subscribed channel, with the reference stored at "tip abonner"', async () => {
    await h.post(channelMention(h.connector.serviceUrl, 'tip abonner 08:30'));
    const conversationRef = h.deps.tips.commands.at(-1)!.ctx.address;
    h.connector.requests.length = 0;

    const reply = h.deps.tips.todaysTip();
    const result = await deliver()(subscription({ conversationRef }), reply);
    expect(result).toEqual({ ok: true });

    const sent = h.connector.activities();
    expect(sent).toHaveLength(1);
    // To the channel itself (a new post), not into the thread where "tip abonner" was written.
    expect(sent[0]!.conversationId).toBe(CHANNEL);
    expect(sent[0]!.activity.replyToId).toBeUndefined();
    expect(sent[0]!.activity.from.id).toBe(BOT.id);
    expect(sent[0]!.activity.summary).toBe('Dagens tip');
    const card = cardsOf(sent[0]!.activity)[0];
    const statement = h.deps.knowledge.current.kb.statements.find((s) => s.id === reply.sections[0]!.statements[0]!.id)!;
    const text = textOf(card);
    expect(text).toContain('Dagens tip');
    expect(text).toContain(statement.text);
    expect(text).toContain('Kilde: ');
    expect(card.actions[0].title).toMatch(/^Flere om /);
    expect(actionsOf(card).some((a) => a.type === 'Action.Execute' && a.data.statementIds.includes(statement.id))).toBe(true);
  });

  test('without a reference in the subscription, the one remembered at installation is used', async () => {
    await h.post(installed(h.connector.serviceUrl));
    h.connector.requests.length = 0;
    const result = await deliver()(subscription({ key: `teams:${PERSONAL}`, channel: PERSONAL }), h.deps.tips.todaysTip());
    expect(result).toEqual({ ok: true });
    expect(h.connector.activities()[0]!.conversationId).toBe(PERSONAL);
  });

  test('an unknown conversation pauses the subscription with a Danish reason', async () => {
    const result = await deliver()(subscription({ channel: '19:never-seen@thread.tacv2' }), h.deps.tips.todaysTip());
    expect(result).toMatchObject({ ok: false });
    expect((result as { pause: { reason: string } }).pause.reason).toContain('kender ikke samtalen');
    expect(h.connector.requests).toHaveLength(0);
  });

  test('HTTP 429 asks the core to retry after Retry-After seconds', async () => {
    const ref = { serviceUrl: h.connector.serviceUrl, conversationId: '19:busy@thread.tacv2', botId: BOT.id, tenantId: TENANT, updated: '2025-01-01' };
    h.connector.failConversation(ref.conversationId, { status: 429, headers: { 'retry-after': '120' } });
    const result = await deliver()(subscription({ channel: ref.conversationId, conversationRef: ref }), h.deps.tips.todaysTip());
    expect(result).toEqual({ ok: false, retryAfterSeconds: 120 });
  });

  test('HTTP 403 (bot removed) and 404 (conversation gone) pause the subscription with a Danish reason', async () => {
    const removed = { serviceUrl: h.connector.serviceUrl, conversationId: '19:removed@thread.tacv2', botId: BOT.id, updated: '2025-01-01' };
    const gone = { ...removed, conversationId: '19:deleted@thread.tacv2' };
    const blocked = { ...removed, conversationId: 'a:1blocked' };
    h.connector.failConversation(removed.conversationId, { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'x' } } });
    h.connector.failConversation(gone.conversationId, { status: 404 });
    h.connector.failConversation(blocked.conversationId, { status: 403, body: { error: { code: 'ConversationBlockedByUser', message: 'x' } } });

    const r1 = await deliver()(subscription({ channel: removed.conversationId, conversationRef: removed }), h.deps.tips.todaysTip());
    expect(r1).toEqual({ ok: false, pause: { code: 'BotNotInConversationRoster', reason: expect.stringContaining('har ikke længere adgang til samtalen') } });
    const r2 = await deliver()(subscription({ channel: gone.conversationId, conversationRef: gone }), h.deps.tips.todaysTip());
    expect(r2).toEqual({ ok: false, pause: { code: 'http-404', reason: expect.stringContaining('findes ikke længere') } });
    const r3 = await deliver()(subscription({ channel: blocked.conversationId, conversationRef: blocked }), h.deps.tips.todaysTip());
    expect(r3).toEqual({ ok: false, pause: { code: 'ConversationBlockedByUser', reason: expect.stringContaining('blokeret') } });
  });

  test('other failures are reported as errors, not as success', async () => {
    const ref = { serviceUrl: h.connector.serviceUrl, conversationId: '19:flaky@thread.tacv2', botId: BOT.id, updated: '2025-01-01' };
    h.connector.failConversation(ref.conversationId, { status: 500 });
    const result = await deliver()(subscription({ channel: ref.conversationId, conversationRef: ref }), h.deps.tips.todaysTip());
    expect(result).toEqual({ ok: false, error: 'Teams svarede HTTP 500 (Failure).' });
    const down = await deliver()(subscription({ conversationRef: { ...ref, serviceUrl: 'http://127.0.0.1:1' } }), h.deps.tips.todaysTip());
    expect(down).toMatchObject({ ok: false, error: expect.stringContaining('kunne ikke sendes') });
  });
});

describe('Retry-After', () => {
  test('reads seconds and HTTP dates, and falls back to a minute', () => {
    expect(retryAfterSeconds('30')).toBe(30);
    expect(retryAfterSeconds(['7'])).toBe(7);
    const now = Date.parse('2025-03-03T08:30:00Z');
    expect(retryAfterSeconds('Mon, 03 Mar 2025 08:32:00 GMT', now)).toBe(120);
    expect(retryAfterSeconds(undefined)).toBe(60);
    expect(retryAfterSeconds('soon')).toBe(60);
  });
});
