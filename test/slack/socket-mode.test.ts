// Socket Mode (SLACK_APP_TOKEN set): no public URL; Slack sends envelopes over a WebSocket and
// the app acknowledges each by its envelope_id. Here Slack is a local stand-in.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type RunningSlack } from '../../src/slack/index.ts';
import { header } from '../helpers/slack-blocks.ts';
import { BOT_TOKEN, slackDeps, type SlackTestDeps } from '../helpers/slack-deps.ts';
import { nextTs } from '../helpers/slack-requests.ts';
import { BOT_USER_ID, SlackStandIn } from '../helpers/slack-standin.ts';

let slack: SlackStandIn;
let deps: SlackTestDeps;
let running: RunningSlack;

beforeAll(async () => {
  slack = await SlackStandIn.start();
  deps = await slackDeps({ SLACK_APP_TOKEN: 'xapp-1-test', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl, DB_FILE: ':memory:' });
  running = await startSlack(deps, 'socket');
});
afterAll(async () => {
  await running?.stop();
  await slack?.close();
});

describe('Socket Mode', () => {
  it('opens the connection with the app-level token and needs no public address', async () => {
    expect(running.name).toBe('Slack (Socket Mode)');
    expect(running.port).toBeUndefined();
    const open = slack.callsTo('apps.connections.open');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open[0]!.tokenKind).toBe('xapp');
    await slack.waitFor(() => slack.socket.connected, 'a WebSocket connection');
  });

  it('acknowledges a /ledelse envelope at once and answers through response_url', async () => {
    const started = Date.now();
    slack.socket.send({
      envelope_id: 'env-cmd-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'x',
        team_id: 'T0001',
        team_domain: 'kommunen',
        channel_id: 'C0SOCKET',
        channel_name: 'ledere',
        user_id: 'U0LEDER1',
        user_name: 'leder',
        command: '/ledelse',
        text: 'nedad undgå',
        api_app_id: 'A0LEDELSE',
        response_url: slack.responseUrl('socket-cmd'),
        trigger_id: '1.2.3',
      },
    });
    await slack.waitFor(() => slack.socket.ackFor('env-cmd-1'), 'the acknowledgement');
    expect(Date.now() - started).toBeLessThan(3000);
    const answer = await slack.waitFor(() => slack.responsesTo('socket-cmd')[0], 'the answer');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(header(answer.body.blocks)).toBe('Ledelse nedad — undgå');
  });

  it('answers a mention in its thread, once, however often the envelope is retried', async () => {
    const ts = nextTs();
    const payload = {
      token: 'x',
      team_id: 'T0001',
      api_app_id: 'A0LEDELSE',
      type: 'event_callback',
      event_id: 'Ev0SOCKET1',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_mention', user: 'U0LEDER1', text: `<@${BOT_USER_ID}> udad`, ts, channel: 'C0SOCKET', event_ts: ts },
      authorizations: [{ team_id: 'T0001', user_id: BOT_USER_ID, is_bot: true }],
    };
    slack.socket.send({ envelope_id: 'env-ev-1', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload });
    slack.socket.send({ envelope_id: 'env-ev-2', type: 'events_api', accepts_response_payload: false, retry_attempt: 1, retry_reason: 'timeout', payload });
    await slack.waitFor(() => slack.socket.ackFor('env-ev-1') && slack.socket.ackFor('env-ev-2'), 'both acknowledgements');
    const post = await slack.waitFor(() => slack.callsTo('chat.postMessage').find((c) => c.body.channel === 'C0SOCKET'), 'the answer');
    expect(post.body.thread_ts).toBe(ts);
    expect(post.tokenKind).toBe('xoxb');
    expect(header(post.body.blocks)).toBe('Ledelse udad');
    await slack.settle();
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0SOCKET')).toHaveLength(1);
  });
});

describe('Socket Mode with a refused app-level token', () => {
  it('stops with a Danish explanation naming SLACK_APP_TOKEN instead of retrying forever', async () => {
    const other = await SlackStandIn.start();
    try {
      other.failNext('apps.connections.open', { error: 'invalid_auth' });
      const d = await slackDeps({ SLACK_APP_TOKEN: 'xapp-1-revoked', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: other.apiUrl, DB_FILE: ':memory:' });
      const started = Date.now();
      await expect(startSlack(d, 'socket')).rejects.toThrow(/SLACK_APP_TOKEN.*connections:write/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await other.close();
    }
  });
});
