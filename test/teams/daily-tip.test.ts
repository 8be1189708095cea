// Daily tips in Teams with the real tip core (src/tips): subscribed from a channel over
// HTTP, posted proactively by the core's tick — once per day — and paused with a Danish
// reason when Teams says the bot is gone.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCore, type Core } from '../../src/core.ts';
import { startTeams, type RunningTeams } from '../../src/teams/index.ts';
import { CHANNEL, channelMention, postActivity } from '../helpers/teams-activities.ts';
import { startConnectorStandIn, type ConnectorStandIn } from '../helpers/teams-connector.ts';
import { teamsDeps } from '../helpers/teams-deps.ts';
import { cardsOf, textOf } from '../helpers/teams-harness.ts';

// Tuesday 4 March 2025, 08:20 in Copenhagen (UTC+1).
let now = new Date('2025-03-04T07:20:00Z');
let core: Core;
let teams: RunningTeams;
let connector: ConnectorStandIn;

beforeAll(async () => {
  const { config, knowledge, store, log, readiness } = await teamsDeps();
  core = createCore({ config, knowledge, store, log }, { now: () => now, cron: false });
  connector = await startConnectorStandIn();
  teams = await startTeams({ config, conversation: core.conversation, store, tipDeliveries: core.tips.deliveries, readiness, log }, { port: 0 });
  await core.tips.scheduler.start();
});
afterAll(async () => {
  core.tips.scheduler.stop();
  await teams.stop();
  await connector.close();
});

describe('daily tip in a Teams channel', () => {
  test('"tip abonner 08:30" subscribes the channel; the tip arrives once, as a new post in the channel', async () => {
    const res = await postActivity(teams.url, channelMention(connector.serviceUrl, 'tip abonner 08:30'));
    expect(res.status).toBe(200);
    const confirmation = textOf(cardsOf(connector.activities().at(-1)!.activity)[0]);
    expect(confirmation).toContain('08:30');
    connector.requests.length = 0;
    expect((await core.tips.scheduler.tick()).posted).toEqual([]); // not yet 08:30

    now = new Date('2025-03-04T07:31:00Z');
    const first = await core.tips.scheduler.tick();
    expect(first.posted).toEqual([`teams:${CHANNEL}`]);
    const sent = connector.activities();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.conversationId).toBe(CHANNEL);
    const card = cardsOf(sent[0]!.activity)[0];
    expect(textOf(card)).toContain('Kilde: ');

    // Exactly once: another tick the same day posts nothing.
    const second = await core.tips.scheduler.tick();
    expect(second.posted).toEqual([]);
    expect(connector.activities()).toHaveLength(1);
  });

  test('when Teams answers 403 the next day, the subscription is paused and "tip status" says why', async () => {
    connector.failConversation(CHANNEL, { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'x' } } });
    now = new Date('2025-03-05T07:31:00Z');
    const report = await core.tips.scheduler.tick();
    expect(report.paused).toEqual([`teams:${CHANNEL}`]);

    connector.requests.length = 0;
    // The thread reply fails too (same channel), so read the status from the core directly.
    const status = await core.tips.commands.handle({ type: 'tip-status' }, { platform: 'teams', channel: CHANNEL, commandPrefix: '' });
    const text = [status.title, status.intro ?? ''].join('\n');
    expect(text).toContain('har ikke længere adgang til samtalen');
  });
});
