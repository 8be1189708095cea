// Brief and backbrief over Teams' activity protocol: Bot Framework activities POSTed to
// /api/messages, the cards read where Teams would get them (a Bot Connector stand-in), and the
// personal chats the bot opens with each recipient.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addDays, copenhagenDay } from '../../src/clock.ts';
import { BOT, GROUP, TENANT, USER, personalMessage } from '../helpers/teams-activities.ts';
import { actionsOf, cardsOf, startHarness, textOf, walk, type Harness } from '../helpers/teams-harness.ts';

let h: Harness;
const ANNA = { id: '29:anna', name: 'Anna Andersen' };
const BO = { id: '29:bo', name: 'Bo Berg' };
const DEADLINE = addDays(copenhagenDay(), 7);
const INTENT = 'Vi skal nedbringe ventetiden i borgerservice, så borgerne får svar inden for en uge.';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

let seq = 5000;
function activity(conversation: Record<string, unknown>, from: { id: string; name: string }, extra: Record<string, unknown>) {
  return {
    id: String(++seq),
    channelId: 'msteams',
    serviceUrl: h.connector.serviceUrl,
    timestamp: new Date().toISOString(),
    from,
    recipient: BOT,
    conversation: { tenantId: TENANT, ...conversation },
    channelData: { tenant: { id: TENANT } },
    locale: 'da-DK',
    type: 'message',
    ...extra,
  };
}

const group = (extra: Record<string, unknown>, from = USER) => activity({ id: GROUP, conversationType: 'groupChat', isGroup: true }, from, extra);
const personal = (who: { id: string; name: string }, extra: Record<string, unknown>) => activity({ id: `a:dm-${who.id}`, conversationType: 'personal' }, who, extra);

function mention(p: { id: string; name: string }) {
  return { type: 'mention', mentioned: p, text: `<at>${p.name}</at>` };
}

/** The cards the bot posted to a conversation since `from` requests. */
function cardsTo(conversationId: string, from = 0): any[] {
  return h.connector
    .activities()
    .slice(from)
    .filter((a) => a.conversationId === conversationId)
    .flatMap((a) => cardsOf(a.activity));
}

function submitOf(card: any): any {
  return actionsOf(card).find((a) => a.type === 'Action.Submit' && a.data?.action === 'submit');
}

function buttonData(card: any, title: string): any {
  return actionsOf(card).find((a) => a.type === 'Action.Submit' && a.title === title)?.data;
}

async function giveBrief(): Promise<void> {
  const res = await h.post(
    group({
      text: `<at>${BOT.name}</at> brief <at>${ANNA.name}</at> <at>${BO.name}</at>`,
      entities: [mention(BOT), mention(ANNA), mention(BO)],
    }),
  );
  expect(res.status).toBe(200);
  const [form] = cardsTo(GROUP);
  const data = submitOf(form).data;
  const res2 = await h.post(group({ value: { ...data, intent: INTENT, frame: 'Ingen nye stillinger.', deadline: DEADLINE, recipients: `${ANNA.id},${BO.id}`, situation: '' } }));
  expect(res2.status).toBe(200);
  await h.deps.brief.briefs.idle();
}

describe('brief and backbrief in Teams', () => {
  test('"brief" with people mentioned gives a form card with intent, frame, deadline, the mentioned people chosen, and the groups\' remarks behind a button', async () => {
    const before = h.connector.activities().length;
    await h.post(group({ text: `<at>${BOT.name}</at> brief <at>${ANNA.name}</at> <at>${BO.name}</at>`, entities: [mention(BOT), mention(ANNA), mention(BO)] }));
    const [card] = cardsTo(GROUP, before);
    expect(textOf(card)).toContain('Et brief siger, hvad der skal opnås og hvorfor');
    const inputs = walk(card.body).filter((n) => n.type.startsWith('Input.'));
    expect(inputs.map((i) => [i.type, i.id])).toEqual([
      ['Input.Text', 'intent'],
      ['Input.Text', 'frame'],
      ['Input.Date', 'deadline'],
      ['Input.ChoiceSet', 'recipients'],
      ['Input.ChoiceSet', 'situation'],
    ]);
    const recipients = inputs.find((i) => i.id === 'recipients');
    expect(recipients.isMultiSelect).toBe(true);
    expect(recipients.choices).toEqual([
      { title: ANNA.name, value: ANNA.id },
      { title: BO.name, value: BO.id },
    ]);
    expect(recipients.value).toBe(`${ANNA.id},${BO.id}`);
    const remarks = actionsOf(card).find((a) => a.type === 'Action.ShowCard');
    expect(remarks.title).toBe('Se gruppernes bemærkninger');
    expect(JSON.stringify(remarks.card)).toContain('Brief og backbrief - lang vej op og ned i organisationen');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(24_000);
  });

  test('refuses an empty intent and a past deadline in the card itself, keeping the rest', async () => {
    const before = h.connector.activities().length;
    await h.post(group({ value: { action: 'submit', form: 'brief', intent: ' ', frame: 'Rammer her', deadline: '2020-01-02', recipients: ANNA.id } }));
    const [card] = cardsTo(GROUP, before);
    const text = textOf(card);
    expect(text).toContain('Skriv hensigten: hvad skal opnås, og hvorfor?');
    expect(text).toContain('Fristen 2. januar 2020 er allerede passeret.');
    const frame = walk(card.body).find((n) => n.id === 'frame');
    expect(frame.value).toBe('Rammer her');
    expect(walk(card.body).find((n) => n.id === 'recipients').choices).toEqual([{ title: ANNA.name, value: ANNA.id }]);
  });

  test('each recipient gets the brief in a personal chat with "Giv backbrief"; the backbrief reaches the author; "brief status" shows "1 af 2"', async () => {
    const before = h.connector.activities().length;
    await giveBrief();
    const confirm = cardsTo(GROUP, before).at(-1);
    expect(textOf(confirm)).toContain('Dit brief er sendt');
    expect(textOf(confirm)).toContain(`Modtagere: ${ANNA.name}, ${BO.name}`);
    const created = h.connector.requests.filter((r) => r.path === '/teams/v3/conversations');
    expect(created.map((r) => r.body.members[0].id)).toEqual(expect.arrayContaining([ANNA.id, BO.id]));
    expect(created[0]!.body.tenantId).toBe(TENANT);

    const [annaCard] = cardsTo(`a:dm-${ANNA.id}`, before);
    expect(textOf(annaCard)).toContain('Du har fået et brief');
    expect(textOf(annaCard)).toContain(`Fra: ${USER.name}`);
    expect(textOf(annaCard)).toContain(INTENT);
    const give = buttonData(annaCard, 'Giv backbrief');
    expect(give).toMatchObject({ action: 'request', request: { type: 'open-form', form: 'backbrief' } });

    // Anna presses the button in her chat: the backbrief form.
    const mark = h.connector.activities().length;
    await h.post(personal(ANNA, { value: give }));
    const [form] = cardsTo(`a:dm-${ANNA.id}`, mark);
    expect(walk(form.body).filter((n) => n.type === 'Input.Text').map((n) => n.id)).toEqual(['understood', 'plan', 'needs']);
    expect(textOf(form)).toContain(INTENT);

    const mark2 = h.connector.activities().length;
    await h.post(personal(ANNA, { value: { ...submitOf(form).data, understood: 'Kortere ventetid.', plan: 'Jeg laver en ny tidsbestilling.', needs: '' } }));
    await h.deps.brief.briefs.idle();
    expect(textOf(cardsTo(`a:dm-${ANNA.id}`, mark2)[0])).toContain('Tak for dit backbrief');
    const [toAuthor] = cardsTo(`a:dm-${USER.id}`, mark2);
    expect(textOf(toAuthor)).toContain('Nyt backbrief');
    expect(textOf(toAuthor)).toContain(`Backbrief fra: ${ANNA.name}`);
    expect(textOf(toAuthor)).toContain('Backbriefet nævner ikke');

    const mark3 = h.connector.activities().length;
    await h.post(personalMessage(h.connector.serviceUrl, 'brief status'));
    const [status] = h.connector.activities().slice(mark3).flatMap((a) => cardsOf(a.activity));
    expect(textOf(status)).toContain('Dine briefs');
    expect(textOf(status)).toContain('1 af 2 har givet backbrief');
    expect(textOf(status)).toContain(`Mangler backbrief fra: ${BO.name}`);
    expect(actionsOf(status).some((a) => a.title === 'Luk briefet')).toBe(true);
  });

  test('a forged button and a stranger get a clear answer; someone outside the organisation is reported to the author', async () => {
    const mark = h.connector.activities().length;
    await h.post(personal(ANNA, { value: { action: 'request', request: { type: 'brief-close', ref: '<script>' } } }));
    expect(textOf(cardsTo(`a:dm-${ANNA.id}`, mark)[0])).toContain('Knappen virker ikke');

    const OUT = { id: '29:outside-1', name: 'Gæst' };
    const mark2 = h.connector.activities().length;
    await h.post(group({ value: { action: 'submit', form: 'brief', intent: INTENT, frame: 'Rammer', deadline: DEADLINE, recipients: `${OUT.id},${BO.id}` } }));
    await h.deps.brief.briefs.idle();
    const note = cardsTo(`a:dm-${USER.id}`, mark2).find((c) => textOf(c).includes('Briefet nåede ikke frem til alle'));
    expect(textOf(note)).toContain('Personen kan ikke nås i Teams');

    const [boCard] = cardsTo(`a:dm-${BO.id}`, mark2);
    const mark3 = h.connector.activities().length;
    await h.post(personal(ANNA, { value: buttonData(boCard, 'Giv backbrief') }));
    const [refused] = cardsTo(`a:dm-${ANNA.id}`, mark3);
    expect(textOf(refused)).toContain('Briefet er ikke til dig');
    expect(JSON.stringify(refused)).not.toContain(INTENT);
  });
});
