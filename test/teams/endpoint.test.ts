// The endpoint without Teams credentials (the local default): what it accepts, what it
// refuses, where it listens, and the feedback buttons.

import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { FEEDBACK_ELEMENT_ID } from '../../src/teams/cards.ts';
import { PERSONAL, cardActionInvoke, personalMessage, postActivity, submitMessage } from '../helpers/teams-activities.ts';
import { actionsOf, cardsOf, startHarness, textOf, walk, type Harness } from '../helpers/teams-harness.ts';

let h: Harness;

beforeAll(async () => {
  // TEAMS_HOST is for the authenticated endpoint; without CLIENT_ID it must be ignored.
  h = await startHarness({ TEAMS_HOST: '0.0.0.0' });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.connector.requests.length = 0;
});

describe('without Teams credentials', () => {
  test('listens on 127.0.0.1 only, even when TEAMS_HOST says otherwise', () => {
    expect(h.teams.bot.authenticated).toBe(false);
    expect(h.teams.host).toBe('127.0.0.1');
    expect(h.teams.url).toBe(`http://127.0.0.1:${h.teams.port}/api/messages`);
    expect(h.teams.address).toContain('uden login');
  });

  test('makes no token call and sends no Authorization header', async () => {
    await h.post(personalMessage(h.connector.serviceUrl, 'nedad'));
    expect(h.connector.requests.length).toBeGreaterThan(0);
    for (const r of h.connector.requests) {
      expect(r.path).toMatch(/^\/teams\/v3\/conversations\//);
      expect(r.headers.authorization).toBeUndefined();
    }
  });

  test('refuses a request addressed to another host name (DNS rebinding from a web page)', async () => {
    const body = JSON.stringify(personalMessage(h.connector.serviceUrl, 'nedad'));
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: h.teams.port, path: '/api/messages', method: 'POST', headers: { host: `evil.example:${h.teams.port}`, 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(400);
    expect(text).toContain('kun imod beskeder sendt til 127.0.0.1 eller localhost');
    expect(h.connector.requests).toHaveLength(0);
  });

  test('answers only activities whose serviceUrl is on this machine', async () => {
    const res = await h.post(personalMessage('https://smba.trafficmanager.net/emea/', 'nedad'));
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('Uden Teams-login (CLIENT_ID) svarer Ledelsesbot kun');
    expect(h.connector.requests).toHaveLength(0);
  });
});

describe('what the endpoint refuses, in Danish', () => {
  test('malformed JSON gets 400 and causes no outgoing call', async () => {
    const res = await postActivity(h.teams.url, '{"type": "message", "text": "nedad"');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('Ugyldig JSON: Ledelsesbot kunne ikke læse beskeden.');
    expect(h.connector.requests).toHaveLength(0);
  });

  test('JSON that is not an activity gets 400', async () => {
    const res = await postActivity(h.teams.url, [1, 2, 3]);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('ikke en Bot Framework-aktivitet');
  });

  test('a body that is not JSON (as a web page could send) gets 415', async () => {
    const res = await fetch(h.teams.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(personalMessage(h.connector.serviceUrl, 'nedad')) });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: string }).error).toContain('kun imod JSON');
    expect(h.connector.requests).toHaveLength(0);
  });

  test('GET gets 405 and other paths 404', async () => {
    const get = await fetch(h.teams.url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const other = await fetch(h.teams.url.replace('/api/messages', '/api/other'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(other.status).toBe(404);
  });

  test('a huge body gets 413', async () => {
    const res = await postActivity(h.teams.url, personalMessage(h.connector.serviceUrl, 'x'.repeat(600_000)));
    expect(res.status).toBe(413);
    expect(h.connector.requests).toHaveLength(0);
  });

  test('when the Bot Connector fails, the endpoint says 500 and keeps running', async () => {
    h.connector.failConversation('a:1broken', { status: 502 });
    const broken = { ...personalMessage(h.connector.serviceUrl, 'nedad'), conversation: { id: 'a:1broken', conversationType: 'personal' } };
    const res = await h.post(broken);
    expect(res.status).toBe(500);
    const ok = await h.post(personalMessage(h.connector.serviceUrl, 'udad'));
    expect(ok.status).toBe(200);
  });
});

describe('feedback buttons', () => {
  async function askQuestion() {
    await h.post(personalMessage(h.connector.serviceUrl, 'Hvordan fortæller jeg mine medarbejdere om nedskæringerne?'));
    const sent = h.connector.activities().at(-1)!;
    const card = cardsOf(sent.activity)[0];
    const [up, down] = actionsOf(card).filter((a) => a.type === 'Action.Execute');
    // The id the Bot Connector gave the message is what Teams puts in the invoke's replyToId.
    return { card, up, down, messageId: sent.id! };
  }

  test('an Action.Execute vote (invoke adaptiveCard/action) lands in the store and the card thanks the voter', async () => {
    const { card, down, messageId } = await askQuestion();
    h.connector.requests.length = 0;
    const before = h.deps.store.data.feedback.length;

    const res = await h.post(cardActionInvoke(h.connector.serviceUrl, down.data, messageId));
    expect(res.status).toBe(200);
    expect(res.body.statusCode).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const updated = res.body.value;
    // Same card, with the buttons replaced by a thank-you.
    expect(textOf(updated)).toContain(textOf(card).split('\n')[0]!);
    expect(actionsOf(updated).filter((a) => a.type === 'Action.Execute')).toHaveLength(0);
    const thanks = walk(updated.body).find((n) => n.id === FEEDBACK_ELEMENT_ID);
    expect(textOf({ body: [thanks] })).toContain('Tak for din vurdering');

    const feedback = h.deps.store.data.feedback;
    expect(feedback).toHaveLength(before + 1);
    expect(feedback.at(-1)).toMatchObject({ vote: 'down', platform: 'teams', statementIds: down.data.statementIds, questionHash: down.data.questionHash });
    // An invoke is answered in the HTTP response; nothing else is posted.
    expect(h.connector.requests).toHaveLength(0);
  });

  test('a retried invoke is counted once', async () => {
    const { up, messageId } = await askQuestion();
    const invoke = cardActionInvoke(h.connector.serviceUrl, up.data, messageId);
    const before = h.deps.store.data.feedback.length;
    await h.post(invoke);
    await h.post(invoke);
    expect(h.deps.store.data.feedback).toHaveLength(before + 1);
  });

  test('after a restart (card unknown) the vote still counts and is answered with a short thanks', async () => {
    const { up } = await askQuestion();
    const res = await h.post(cardActionInvoke(h.connector.serviceUrl, up.data, 'unknown-message-id'));
    expect(res.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Tak for din vurdering.' });
    expect(h.deps.store.data.feedback.at(-1)).toMatchObject({ vote: 'up', statementIds: up.data.statementIds });
  });

  test('a forged button with unknown statement ids records nothing', async () => {
    const before = h.deps.store.data.feedback.length;
    const res = await h.post(cardActionInvoke(h.connector.serviceUrl, { action: 'feedback', vote: 'up', statementIds: ['findes-ikke-99'], questionHash: 'x' }, 'm1'));
    expect(res.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(res.body.value).toContain('knap');
    const junk = await h.post(cardActionInvoke(h.connector.serviceUrl, { action: 'feedback', vote: 'maybe' }, 'm1'));
    expect(junk.status).toBe(200);
    expect(h.deps.store.data.feedback).toHaveLength(before);
  });

  test('the Action.Submit fallback (a message with the vote as value) records the vote and thanks in the chat', async () => {
    const { up, messageId } = await askQuestion();
    h.connector.requests.length = 0;
    const before = h.deps.store.data.feedback.length;
    await h.post(submitMessage(h.connector.serviceUrl, up.data, messageId));
    expect(h.deps.store.data.feedback).toHaveLength(before + 1);
    const [thanks] = h.connector.activities();
    expect(thanks!.conversationId).toBe(PERSONAL);
    expect(textOf(cardsOf(thanks!.activity)[0])).toContain('Tak for din vurdering');
  });

  test('each feedback button falls back to Action.Submit with the same data for older Teams clients', async () => {
    const { up } = await askQuestion();
    expect(up.fallback).toMatchObject({ type: 'Action.Submit', data: up.data });
  });
});
