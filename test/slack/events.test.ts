// Events API over real HTTP: mentions answered in the thread, direct messages in the DM,
// question channels answered only when confident, and nothing ever answered twice.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allText, header } from '../helpers/slack-blocks.ts';
import { startSlackHarness, type SlackHarness } from '../helpers/slack-deps.ts';
import { eventEnvelope, nextTs, sendCommand, sendEvent } from '../helpers/slack-requests.ts';
import { BOT_ID, BOT_USER_ID } from '../helpers/slack-standin.ts';

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({ QUESTION_CHANNELS: 'C0ENVQ, C0ENVQ2 slack:G0PRIVAT,C0ENVQ3' });
});
afterAll(async () => {
  await h?.close();
});

const postsTo = (channel: string) => h.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);

async function event(e: Record<string, unknown>, options: { eventId?: string; headers?: Record<string, string> } = {}) {
  const res = await sendEvent(h.eventsUrl, eventEnvelope(e, options.eventId), options.headers ? { headers: options.headers } : {});
  expect(res.status).toBe(200);
  expect(res.ms).toBeLessThan(3000);
  return res;
}

const CONFIDENT = 'Hvordan fortæller jeg mine medarbejdere om besparelserne?';

describe('@Ledelsesbot in a channel', () => {
  it('answers in the thread of the message that mentioned it', async () => {
    const ts = nextTs();
    await event({ type: 'app_mention', user: 'U0LEDER1', text: `<@${BOT_USER_ID}> ${CONFIDENT}`, ts, channel: 'C0MENTION', event_ts: ts });
    const post = await h.slack.waitFor(() => postsTo('C0MENTION')[0], 'an answer to the mention');
    expect(post.body.thread_ts).toBe(ts);
    expect(header(post.body.blocks)).toBe('Det sagde ledelsesgrupperne');
    expect(post.body.text).toContain('Det sagde ledelsesgrupperne');
    expect(post.authorized).toBe(true);
  });

  it('answers a mention inside a thread in that same thread', async () => {
    const parent = nextTs();
    const ts = nextTs();
    await event({ type: 'app_mention', user: 'U0LEDER1', text: `<@${BOT_USER_ID}> nedad`, ts, thread_ts: parent, channel: 'C0THREAD', event_ts: ts });
    const post = await h.slack.waitFor(() => postsTo('C0THREAD')[0], 'an answer in the thread');
    expect(post.body.thread_ts).toBe(parent);
    expect(header(post.body.blocks)).toBe('Ledelse nedad');
  });

  it('answers an unclear mention too — plainly saying nothing fits', async () => {
    const ts = nextTs();
    await event({ type: 'app_mention', user: 'U0LEDER1', text: `<@${BOT_USER_ID}> hvor er kaffemaskinen`, ts, channel: 'C0UNCLEAR', event_ts: ts });
    const post = await h.slack.waitFor(() => postsTo('C0UNCLEAR')[0], 'a no-match answer');
    expect(header(post.body.blocks)).toBe('Ingen gode svar');
  });

  it('answers a retried event only once (same event_id, x-slack-retry-num)', async () => {
    const ts = nextTs();
    const e = { type: 'app_mention', user: 'U0LEDER1', text: `<@${BOT_USER_ID}> opad`, ts, channel: 'C0RETRY', event_ts: ts };
    await event(e, { eventId: 'Ev0RETRY01' });
    await event(e, { eventId: 'Ev0RETRY01', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await event(e, { eventId: 'Ev0RETRY01', headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } });
    await h.slack.waitFor(() => postsTo('C0RETRY')[0], 'the answer');
    await h.slack.settle();
    expect(postsTo('C0RETRY')).toHaveLength(1);
  });

  it('never lets markup in the question make it ping the channel or plant a link', async () => {
    const ts = nextTs();
    await event({
      type: 'app_mention',
      user: 'U0LEDER1',
      text: `<@${BOT_USER_ID}> <!channel> <!here> <@U123> <https://evil.example|klik> hvordan håndterer jeg modstand?`,
      ts,
      channel: 'C0EVIL',
      event_ts: ts,
    });
    await h.slack.waitFor(() => postsTo('C0EVIL')[0], 'an answer');
    const sent = JSON.stringify(postsTo('C0EVIL'));
    for (const bad of ['<!channel>', '<!here>', '<@U123>', '<https://evil', 'evil.example']) expect(sent).not.toContain(bad);
  });

  it('does not answer bots, including itself', async () => {
    const ts = nextTs();
    await event({ type: 'app_mention', bot_id: 'B0OTHER', user: 'U0OTHERBOT', text: `<@${BOT_USER_ID}> nedad`, ts, channel: 'C0BOTS', event_ts: ts });
    const own = nextTs();
    await event({ type: 'app_mention', user: BOT_USER_ID, text: `<@${BOT_USER_ID}> nedad`, ts: own, channel: 'C0BOTS', event_ts: own });
    await h.slack.settle();
    expect(postsTo('C0BOTS')).toHaveLength(0);
  });
});

describe('direct messages', () => {
  it('answers a direct message in the DM, not in a thread', async () => {
    const ts = nextTs();
    await event({ type: 'message', channel_type: 'im', user: 'U0LEDER1', text: 'udad undgå', ts, channel: 'D0LEDER1', event_ts: ts });
    const post = await h.slack.waitFor(() => postsTo('D0LEDER1')[0], 'a DM answer');
    expect(post.body.thread_ts).toBeUndefined();
    expect(header(post.body.blocks)).toBe('Ledelse udad — undgå');
  });

  it('answers every question in a DM, confident or not, and records it as a question', async () => {
    const ts = nextTs();
    const before = h.deps.store.data.questions.length;
    await event({ type: 'message', channel_type: 'im', user: 'U0LEDER2', text: 'hvad med kantinen', ts, channel: 'D0LEDER2', event_ts: ts });
    const post = await h.slack.waitFor(() => postsTo('D0LEDER2')[0], 'a DM answer');
    expect(header(post.body.blocks)).toBe('Ingen gode svar');
    expect(h.deps.store.data.questions).toHaveLength(before + 1);
    expect(h.deps.store.data.questions.at(-1)).toMatchObject({ answered: false, platform: 'slack' });
  });

  it('answers a retried direct message once, and a retried question-channel message once', async () => {
    const ts = nextTs();
    const dm = { type: 'message', channel_type: 'im', user: 'U0LEDER3', text: 'opad', ts, channel: 'D0RETRY', event_ts: ts };
    await event(dm, { eventId: 'Ev0DMRETRY' });
    await event(dm, { eventId: 'Ev0DMRETRY', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } });
    const qts = nextTs();
    const q = { type: 'message', channel_type: 'channel', user: 'U0LEDER3', text: CONFIDENT, ts: qts, channel: 'C0ENVQ3', event_ts: qts };
    await event(q, { eventId: 'Ev0QRETRY' });
    await event(q, { eventId: 'Ev0QRETRY', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await h.slack.waitFor(() => postsTo('D0RETRY')[0] && postsTo('C0ENVQ3').find((p) => p.body.thread_ts === qts), 'both answers');
    await h.slack.settle();
    expect(postsTo('D0RETRY')).toHaveLength(1);
    expect(postsTo('C0ENVQ3').filter((p) => p.body.thread_ts === qts)).toHaveLength(1);
  });

  it('ignores its own messages, other bots, edits and deletions in a DM', async () => {
    const channel = 'D0QUIET';
    const t = () => nextTs();
    await event({ type: 'message', channel_type: 'im', subtype: 'bot_message', bot_id: BOT_ID, text: 'Ledelse nedad', ts: t(), channel });
    await event({ type: 'message', channel_type: 'im', user: BOT_USER_ID, bot_id: BOT_ID, text: 'Ledelse nedad', ts: t(), channel });
    await event({ type: 'message', channel_type: 'im', subtype: 'message_changed', message: { user: 'U0LEDER1', text: 'nedad', ts: t() }, ts: t(), channel });
    await event({ type: 'message', channel_type: 'im', subtype: 'message_deleted', deleted_ts: t(), ts: t(), channel });
    await h.slack.settle();
    expect(postsTo(channel)).toHaveLength(0);
  });
});

describe('question channels', () => {
  it('answers a confident question in its thread without a mention, once switched on with /ledelse kanal spørgsmål til', async () => {
    await sendCommand(h.eventsUrl, { text: 'kanal spørgsmål til', channel_id: 'C0SPOERG', response_url: h.slack.responseUrl('q-on') });
    await h.slack.waitFor(() => h.slack.responsesTo('q-on')[0], 'the confirmation');
    const ts = nextTs();
    await event({ type: 'message', channel_type: 'channel', user: 'U0LEDER1', text: CONFIDENT, ts, channel: 'C0SPOERG', event_ts: ts });
    const post = await h.slack.waitFor(() => postsTo('C0SPOERG')[0], 'an answer in the thread');
    expect(post.body.thread_ts).toBe(ts);
    expect(header(post.body.blocks)).toBe('Det sagde ledelsesgrupperne');
    expect(h.deps.store.data.questions.at(-1)).toMatchObject({ answered: true, platform: 'slack' });
  });

  it('leaves ordinary chatter alone, and does not count it as a question', async () => {
    const before = h.deps.store.data.questions.length;
    for (const text of ['Hvem har set min oplader?', 'Frokost kl 12?', 'Tillykke med fødselsdagen Hanne!', 'Jeg er syg i dag', 'nedad']) {
      const ts = nextTs();
      await event({ type: 'message', channel_type: 'channel', user: 'U0LEDER1', text, ts, channel: 'C0ENVQ', event_ts: ts });
    }
    await h.slack.settle();
    expect(postsTo('C0ENVQ')).toHaveLength(0);
    expect(h.deps.store.data.questions).toHaveLength(before);
  });

  it('leaves replies in threads alone, even questions', async () => {
    const parent = nextTs();
    const ts = nextTs();
    await event({ type: 'message', channel_type: 'channel', user: 'U0LEDER2', text: CONFIDENT, ts, thread_ts: parent, channel: 'C0ENVQ2', event_ts: ts });
    await h.slack.settle();
    expect(postsTo('C0ENVQ2')).toHaveLength(0);
  });

  it('treats a channel in QUESTION_CHANNELS as a question channel, private channels included', async () => {
    const ts = nextTs();
    await event({ type: 'message', channel_type: 'group', user: 'U0LEDER1', text: CONFIDENT, ts, channel: 'G0PRIVAT', event_ts: ts });
    const post = await h.slack.waitFor(() => postsTo('G0PRIVAT')[0], 'an answer');
    expect(post.body.thread_ts).toBe(ts);
  });

  it('answers a mention in a question channel once, not once as a mention and once as a message', async () => {
    const ts = nextTs();
    const text = `<@${BOT_USER_ID}> ${CONFIDENT}`;
    await event({ type: 'message', channel_type: 'channel', user: 'U0LEDER1', text, ts, channel: 'C0DOUBLE', event_ts: ts });
    await event({ type: 'app_mention', user: 'U0LEDER1', text, ts, channel: 'C0DOUBLE', event_ts: ts });
    await event({ type: 'message', channel_type: 'channel', user: 'U0LEDER1', text, ts, channel: 'C0DOUBLE', event_ts: ts });
    await h.slack.settle();
    expect(postsTo('C0DOUBLE')).toHaveLength(1);
  });

  it('does not answer plain messages in a channel that is not a question channel', async () => {
    const ts = nextTs();
    await event({ type: 'message', channel_type: 'channel', user: 'U0LEDER1', text: CONFIDENT, ts, channel: 'C0ALMINDELIG', event_ts: ts });
    await h.slack.settle();
    expect(postsTo('C0ALMINDELIG')).toHaveLength(0);
  });
});

describe('App Home', () => {
  it('publishes what the bot is, where its knowledge comes from, today\'s tip and the commands', async () => {
    await event({ type: 'app_home_opened', user: 'U0HOME', channel: 'D0HOME', tab: 'home', event_ts: nextTs() });
    const call = await h.slack.waitFor(() => h.slack.callsTo('views.publish').find((c) => c.body.user_id === 'U0HOME'), 'views.publish');
    const view = call.body.view;
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = allText(view.blocks);
    expect(text).toContain('Ledelsesbot');
    expect(text).toContain('Opsamling tværgående ledelsesgrupper, 22. maj 2024');
    expect(text).toContain('Dagens tip');
    expect(text).toContain(h.deps.tips.todaysTip().sections[0]!.statements[0]!.text.slice(0, 30));
    for (const c of ['/ledelse nedad', '/ledelse bungay', '/ledelse tip abonner 08:30']) expect(text).toContain(c);
  });

  it('does not publish when the Messages tab is opened', async () => {
    await event({ type: 'app_home_opened', user: 'U0MSGTAB', channel: 'D0MSGTAB', tab: 'messages', event_ts: nextTs() });
    await h.slack.settle();
    expect(h.slack.callsTo('views.publish').filter((c) => c.body.user_id === 'U0MSGTAB')).toHaveLength(0);
  });
});
