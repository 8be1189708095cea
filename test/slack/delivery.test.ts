// Daily tips delivered to Slack: posted with Block Kit and a text fallback, and Slack's errors
// mapped to what the tip core must do — retry after Retry-After, pause the channel, or log.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TipSubscription } from '../../src/tips/delivery.ts';
import { allText, buttonById, header } from '../helpers/slack-blocks.ts';
import { startSlackHarness, type SlackHarness } from '../helpers/slack-deps.ts';

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

const subscription = (channel: string): TipSubscription => ({ key: `slack:${channel}`, platform: 'slack', channel, time: '08:30', status: 'active', origin: 'command' });

function deliver(channel: string) {
  const d = h.deps.tips.deliveries.get('slack');
  expect(d, 'startSlack registers a Slack delivery with the tip service').toBeDefined();
  return d!(subscription(channel), h.deps.tips.todaysTip());
}

describe('tip delivery', () => {
  it('posts the tip to the subscribed channel with Block Kit, a text fallback, "Flere om …" and feedback', async () => {
    expect(await deliver('C0DAGLIG')).toEqual({ ok: true });
    const call = h.slack.callsTo('chat.postMessage').find((c) => c.body.channel === 'C0DAGLIG')!;
    const tip = h.deps.tips.todaysTip();
    expect(header(call.body.blocks)).toBe('Dagens tip');
    expect(allText(call.body.blocks)).toContain(tip.sections[0]!.statements[0]!.text);
    expect(allText(call.body.blocks)).toContain('Kilde: Opsamling tværgående ledelsesgrupper, 22. maj 2024');
    expect(call.body.text).toContain(tip.sections[0]!.statements[0]!.text);
    expect(call.body.thread_ts).toBeUndefined();
    expect(buttonById(call.body.blocks, 'ledelse_more')).toBeDefined();
    expect(buttonById(call.body.blocks, 'ledelse_feedback_up')).toBeDefined();
    expect(buttonById(call.body.blocks, 'ledelse_share')).toBeUndefined();
  });

  it('reports a rate limit with the Retry-After seconds, after a single attempt', async () => {
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const before = h.slack.callsTo('chat.postMessage').length;
    const started = Date.now();
    expect(await deliver('C0LIMIT')).toEqual({ ok: false, retryAfterSeconds: 7 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(h.slack.callsTo('chat.postMessage').length).toBe(before + 1);
  });

  it.each([
    ['channel_not_found', /finde kanalen/],
    ['not_in_channel', /\/invite @Ledelsesbot/],
    ['is_archived', /arkiveret/],
  ])('pauses the subscription with a Danish reason on %s', async (error, reason) => {
    h.slack.failNext('chat.postMessage', { error });
    const result = await deliver(`C0${error.toUpperCase().replace(/_/g, '')}`);
    expect(result.ok).toBe(false);
    expect('pause' in result && result.pause.code).toBe(error);
    expect('pause' in result && result.pause.reason).toMatch(reason);
  });

  it('reports any other Slack error as an error', async () => {
    h.slack.failNext('chat.postMessage', { error: 'invalid_blocks' });
    expect(await deliver('C0BROKEN')).toEqual({ ok: false, error: 'invalid_blocks' });
  });

  it('reports a Slack that cannot be reached as an error, without hanging', async () => {
    const { createTipDelivery } = await import('../../src/slack/delivery.ts');
    const { webApi } = await import('@slack/bolt');
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: 'http://127.0.0.1:9/api/', retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: webApi.LogLevel.ERROR });
    const result = await createTipDelivery(client)(subscription('C0OFFLINE'), h.deps.tips.todaysTip());
    expect(result.ok).toBe(false);
    expect('error' in result && result.error.length).toBeGreaterThan(0);
  });
});
