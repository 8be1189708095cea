// The Teams conversation over HTTP: Bot Framework activities POSTed to /api/messages, the
// replies read where Teams would get them — at a stand-in for the Bot Connector.

import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { groupsLabel } from '../../src/bot/reply.ts';
import {
  BOT,
  CHANNEL,
  GROUP,
  PERSONAL,
  TENANT,
  USER,
  botAddedToTeam,
  channelChatter,
  channelMention,
  groupMention,
  installed,
  personalMessage,
  submitMessage,
  uninstalled,
} from '../helpers/teams-activities.ts';
import { actionsOf, cardsOf, startHarness, textOf, type Harness } from '../helpers/teams-harness.ts';

let h: Harness;
const statements = () => h.deps.knowledge.current.kb.statements;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.connector.requests.length = 0;
});

describe('personal chat', () => {
  test('answers "nedad" with a card of the downward do\'s and don\'ts, as a reply in the same chat', async () => {
    const activity = personalMessage(h.connector.serviceUrl, 'nedad');
    const res = await h.post(activity);
    expect(res.status).toBe(200);

    const sent = h.connector.activities();
    expect(sent).toHaveLength(1);
    const [reply] = sent;
    expect(reply!.conversationId).toBe(PERSONAL);
    expect(reply!.activity.type).toBe('message');
    expect(reply!.activity.replyToId).toBe(activity.id);
    expect(reply!.activity.from.id).toBe(BOT.id);
    const [card] = cardsOf(reply!.activity);
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');

    const text = textOf(card);
    expect(text).toContain('Ledelse nedad');
    expect(text).toMatch(/✔ Gør/);
    expect(text).toMatch(/✘ Undgå/);
    const nedad = statements().filter((s) => s.direction === 'nedad' && (s.kind === 'do' || s.kind === 'dont'));
    expect(nedad.length).toBeGreaterThan(5);
    for (const s of nedad) {
      expect(text).toContain(s.text);
      expect(text).toContain(groupsLabel(s.groups));
    }
    expect(text).toContain('Kilde: Opsamling');
    expect(text).toContain('22. maj 2024');
    // Do's come before don'ts, as in the source.
    expect(text.indexOf('✔ Gør')).toBeLessThan(text.indexOf('✘ Undgå'));
  });

  test('answers "opad undgå" with only the upward don\'ts', async () => {
    await h.post(personalMessage(h.connector.serviceUrl, 'opad undgå'));
    const [reply] = h.connector.activities();
    const text = textOf(cardsOf(reply!.activity)[0]);
    expect(text).toContain('Ledelse opad — undgå');
    const opad = statements().filter((s) => s.direction === 'opad');
    for (const s of opad.filter((s) => s.kind === 'dont')) expect(text).toContain(s.text);
    for (const s of opad.filter((s) => s.kind === 'do')) expect(text).not.toContain(s.text);
    expect(text).not.toMatch(/✔ Gør/);
  });

  test('answers "bungay" with the remarks on Bungay\'s model, grouped by topic', async () => {
    await h.post(personalMessage(h.connector.serviceUrl, 'bungay'));
    const cards = h.connector.activities().flatMap((a) => cardsOf(a.activity));
    const text = cards.map(textOf).join('\n');
    expect(text).toContain('Bungays model og budgetprocessen');
    const general = statements().filter((s) => s.direction === 'general' && s.kind !== 'meeting');
    for (const s of general) expect(text).toContain(s.text);
    const topics = [...new Set(general.map((s) => s.topic).filter(Boolean))];
    for (const t of topics) expect(text).toContain(t!);
  });

  test('answers a question with the best statements, their kind, direction, groups and source, and feedback buttons', async () => {
    const question = 'Hvordan fortæller jeg mine medarbejdere om nedskæringerne?';
    await h.post(personalMessage(h.connector.serviceUrl, question));
    const [reply] = h.connector.activities();
    const card = cardsOf(reply!.activity)[0];
    const text = textOf(card);
    expect(text).toContain('Det sagde ledelsesgrupperne');

    const expected = h.deps.knowledge.current.answerer.answer(question, { top: 3 });
    expect(expected.answered).toBe(true);
    for (const hit of expected.hits) {
      expect(text).toContain(hit.statement.text);
      expect(text).toMatch(new RegExp(`(Gør|Undgå|Bemærkning|Ønske) · Ledelse [a-zæøå ]+ · ${groupsLabel(hit.statement.groups)}`));
    }
    const execute = actionsOf(card).filter((a) => a.type === 'Action.Execute');
    expect(execute.map((a) => a.title)).toEqual(['👍 Ja', '👎 Nej']);
    expect(execute[0].data).toMatchObject({ action: 'feedback', vote: 'up', statementIds: expected.hits.map((x) => x.statement.id) });
    // The question is counted as a salted hash, never kept as text.
    const recorded = h.deps.store.data.questions.at(-1)!;
    expect(recorded).toMatchObject({ platform: 'teams', answered: true, questionHash: execute[0].data.questionHash });
    expect(JSON.stringify(h.deps.store.data)).not.toContain('nedskæringerne');
  });

  test('says honestly when nothing fits, and suggests the directions as buttons', async () => {
    const question = 'Hvornår lukker svømmehallen på søndag?';
    expect(h.deps.knowledge.current.engine.search(question, { top: 3 }).answered).toBe(false);
    await h.post(personalMessage(h.connector.serviceUrl, question));
    const card = cardsOf(h.connector.activities()[0]!.activity)[0];
    expect(textOf(card)).toContain('Ingen gode svar');
    const buttons = (card.actions ?? []).map((a: any) => [a.type, a.title, a.data?.command]);
    expect(buttons).toEqual([
      ['Action.Submit', 'Ledelse opad', 'opad'],
      ['Action.Submit', 'Ledelse nedad', 'nedad'],
      ['Action.Submit', 'Ledelse til siden', 'til siden'],
      ['Action.Submit', 'Ledelse udad', 'udad'],
      ['Action.Submit', 'Bungays model og budgetprocessen', 'bungay'],
    ]);
  });

  test('"hjælp" lists the commands without a slash', async () => {
    await h.post(personalMessage(h.connector.serviceUrl, 'hjælp'));
    const text = textOf(cardsOf(h.connector.activities()[0]!.activity)[0]);
    expect(text).toContain('Sådan bruger du Ledelsesbot');
    for (const command of ['nedad', 'opad', 'til siden', 'udad', 'bungay', 'tip', 'tip abonner 08:30']) expect(text).toContain(`${command} — `);
    expect(text).not.toContain('/ledelse');
    // The mention hint is for channels and group chats only.
    expect(text).not.toContain('@Ledelsesbot');
  });

  test('a "tip" is one statement with its source, "Flere om" and feedback', async () => {
    await h.post(personalMessage(h.connector.serviceUrl, 'tip'));
    const card = cardsOf(h.connector.activities()[0]!.activity)[0];
    const text = textOf(card);
    expect(text).toContain('Et tip fra ledelsesgrupperne');
    // One statement's text (Gruppe 5's don't has the same text under all four directions).
    const shown = statements().filter((s) => text.includes(s.text));
    expect(new Set(shown.map((s) => s.text)).size).toBe(1);
    expect(card.actions[0].title).toMatch(/^Flere om /);
    const ids = shown.map((s) => s.id);
    expect(actionsOf(card).some((a) => a.type === 'Action.Execute' && ids.includes(a.data.statementIds[0]))).toBe(true);
  });

  test('a card button (Action.Submit) works as if the command had been written', async () => {
    const res = await h.post(submitMessage(h.connector.serviceUrl, { action: 'command', command: 'udad' }, 'sent-1'));
    expect(res.status).toBe(200);
    const text = textOf(cardsOf(h.connector.activities()[0]!.activity)[0]);
    expect(text).toContain('Ledelse udad');
    for (const s of statements().filter((s) => s.direction === 'udad' && s.kind === 'do')) expect(text).toContain(s.text);
  });

  test('a retried activity is answered once', async () => {
    const activity = personalMessage(h.connector.serviceUrl, 'til siden');
    await h.post(activity);
    await h.post(activity);
    expect(h.connector.activities()).toHaveLength(1);
  });

  test('user text echoed back stays plain text, never Markdown', async () => {
    await h.post(personalMessage(h.connector.serviceUrl, 'tip abonner **otte**'));
    const card = cardsOf(h.connector.activities()[0]!.activity)[0];
    expect(textOf(card)).toContain('"**otte**" er ikke et klokkeslæt');
    // Everything from the reply is a TextRun (never Markdown); no TextBlock carries it.
    const json = JSON.stringify(card);
    expect(json).not.toContain('"TextBlock"');
    expect(h.deps.tips.commands).toHaveLength(0);
  });
});

describe('channels and group chats', () => {
  test('answers a channel mention in the thread, with the mention stripped from the text', async () => {
    const activity = channelMention(h.connector.serviceUrl, 'nedad gør');
    await h.post(activity);
    const sent = h.connector.activities();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.conversationId).toBe(`${CHANNEL};messageid=1712000000001`);
    expect(sent[0]!.activity.replyToId).toBe(activity.id);
    const text = textOf(cardsOf(sent[0]!.activity)[0]);
    expect(text).toContain('Ledelse nedad — gør');
    expect(text).not.toMatch(/✘ Undgå/);
  });

  test('a mentioned question in a channel is searched without the bot\'s name', async () => {
    const question = 'Hvordan fortæller jeg mine medarbejdere om nedskæringerne?';
    await h.post(channelMention(h.connector.serviceUrl, question));
    const text = textOf(cardsOf(h.connector.activities()[0]!.activity)[0]);
    const expected = h.deps.knowledge.current.answerer.answer(question, { top: 3 });
    for (const hit of expected.hits) expect(text).toContain(hit.statement.text);
    // What was searched (and counted, as a hash) is the question alone, without "<at>Ledelsesbot</at>".
    expect(h.deps.store.data.questions.at(-1)!.questionHash).toBe(h.deps.store.hashQuestion(question));
  });

  test('stays quiet in a channel when not mentioned', async () => {
    const res = await h.post(channelChatter(h.connector.serviceUrl, 'nedad'));
    expect(res.status).toBe(200);
    expect(h.connector.requests).toHaveLength(0);
  });

  test('answers a mention in a group chat, and its help says to mention the bot', async () => {
    await h.post(groupMention(h.connector.serviceUrl, 'hjælp'));
    const [reply] = h.connector.activities();
    expect(reply!.conversationId).toBe(GROUP);
    expect(textOf(cardsOf(reply!.activity)[0])).toContain('skriv @Ledelsesbot foran beskeden');
  });

  test('"kanal spørgsmål til" explains that Teams needs no switch', async () => {
    await h.post(channelMention(h.connector.serviceUrl, 'kanal spørgsmål til'));
    const text = textOf(cardsOf(h.connector.activities()[0]!.activity)[0]);
    expect(text).toContain('nævn @Ledelsesbot');
    expect(h.deps.store.data.questionChannels).toEqual([]);
  });
});

describe('installation and conversation references', () => {
  test('when added to a team it remembers the channel (not the user) and posts a welcome', async () => {
    const res = await h.post(botAddedToTeam(h.connector.serviceUrl));
    expect(res.status).toBe(200);
    const ref = h.deps.store.data.addresses.teams?.[CHANNEL];
    expect(ref).toMatchObject({ serviceUrl: h.connector.serviceUrl, conversationId: CHANNEL, conversationType: 'channel', tenantId: TENANT, botId: BOT.id });
    const stored = JSON.stringify(h.deps.store.data.addresses);
    expect(stored).not.toContain(USER.id);
    expect(stored).not.toContain(USER.name);
    expect(stored).not.toContain(USER.aadObjectId);

    const [welcome] = h.connector.activities();
    expect(welcome!.conversationId).toBe(CHANNEL);
    expect(welcome!.activity.replyToId).toBeUndefined();
    expect(textOf(cardsOf(welcome!.activity)[0])).toContain('Sådan bruger du Ledelsesbot');
  });

  test('installationUpdate add remembers the chat; remove forgets it', async () => {
    await h.post(installed(h.connector.serviceUrl));
    expect(h.deps.store.data.addresses.teams?.[PERSONAL]).toMatchObject({ conversationId: PERSONAL, botId: BOT.id });
    expect(h.connector.requests).toHaveLength(0);
    await h.post(uninstalled(h.connector.serviceUrl));
    expect(h.deps.store.data.addresses.teams?.[PERSONAL]).toBeUndefined();
  });

  test('"tip abonner 07:45" in a channel goes to the tip core with the channel and its reference', async () => {
    await h.post(channelMention(h.connector.serviceUrl, 'tip abonner 7:45'));
    const call = h.deps.tips.commands.at(-1)!;
    expect(call.intent).toEqual({ type: 'tip-subscribe', time: '07:45' });
    expect(call.ctx).toMatchObject({ platform: 'teams', channel: CHANNEL, commandPrefix: '' });
    expect(call.ctx.address).toMatchObject({ serviceUrl: h.connector.serviceUrl, conversationId: CHANNEL, tenantId: TENANT, botId: BOT.id });
    expect(JSON.stringify(call.ctx.address)).not.toContain(USER.id);
    // The tip core's reply is shown in the thread.
    const text = textOf(cardsOf(h.connector.activities()[0]!.activity)[0]);
    expect(text).toContain('Abonnement på dagligt tip kl. 07:45.');

    await h.post(channelMention(h.connector.serviceUrl, 'tip status'));
    await h.post(channelMention(h.connector.serviceUrl, 'tip afmeld'));
    expect(h.deps.tips.commands.slice(-2).map((c) => c.intent.type)).toEqual(['tip-status', 'tip-unsubscribe']);
  });
});
