// "Spørg HR" over Teams' activity protocol: Bot Framework activities POSTed to /api/messages,
// what the bot sends read at the Bot Connector stand-in. An HR team channel registers itself
// ("hr kanal til"); a leader's unanswered question goes there as a card with an answer form; the
// answer comes back to the leader's chat through the stored conversation reference.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BOT, PERSONAL, TENANT, USER, personalMessage, submitMessage } from '../helpers/teams-activities.ts';
import { actionsOf, cardsOf, startHarness, textOf, walk, type Harness } from '../helpers/teams-harness.ts';

const HR_CHANNEL = '19:hr-team-kanal@thread.tacv2';
const HR_PERSON = { id: '29:hr-person', name: 'Helle HR', aadObjectId: '00000000-0000-0000-0000-0000000000bb' };
const QUESTION = 'Hvordan nulstiller jeg min adgangskode til lønsystemet?';
let seq = 5000;

function hrChannelActivity(serviceUrl: string, extra: Record<string, unknown>, threadRoot = '1712000000100') {
  return {
    id: String(++seq),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: HR_PERSON,
    recipient: BOT,
    conversation: { id: `${HR_CHANNEL};messageid=${threadRoot}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: '19:hr-team@thread.tacv2' }, channel: { id: HR_CHANNEL } },
    type: 'message',
    ...extra,
  };
}

function mention(serviceUrl: string, text: string) {
  const at = `<at>${BOT.name}</at>`;
  return hrChannelActivity(serviceUrl, { text: `${at} ${text}`, entities: [{ type: 'mention', mentioned: BOT, text: at }] });
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const sentTo = (conversation: string) => h.connector.activities().filter((a) => a.conversationId.split(';')[0] === conversation);

describe('Spørg HR in Teams', () => {
  let hrCardId: string;

  test('an HR team channel registers itself with "hr kanal til"', async () => {
    await h.post(mention(h.connector.serviceUrl, 'hr kanal til'));
    const [reply] = sentTo(HR_CHANNEL);
    expect(textOf(cardsOf(reply!.activity)[0])).toContain('HR-kanal slået til');
  });

  test('an unanswered question offers HR; the form sends it to the HR channel as a card with an answer form, without the asker', async () => {
    const asked = personalMessage(h.connector.serviceUrl, QUESTION);
    await h.post(asked);
    const answer = sentTo(PERSONAL).at(-1)!;
    const offer = actionsOf(cardsOf(answer.activity)[0]).find((a) => a.title === 'Send spørgsmålet til HR');
    expect(offer?.type).toBe('Action.Submit');
    expect(sentTo(HR_CHANNEL)).toHaveLength(1);

    // The click: the form, anonymous by default.
    await h.post(submitMessage(h.connector.serviceUrl, offer.data, answer.id!));
    const formCard = cardsOf(sentTo(PERSONAL).at(-1)!.activity)[0];
    const inputs = walk(formCard).filter((n) => n.type.startsWith('Input.'));
    expect(inputs.find((i) => i.id === 'question').value).toBe(QUESTION);
    expect(inputs.find((i) => i.id === 'identity').value).toBe('anonymous');
    expect(sentTo(HR_CHANNEL)).toHaveLength(1);
    const submit = actionsOf(formCard).find((a) => a.title === 'Send til HR');

    // Teams adds the inputs' values to the button's data.
    await h.post(submitMessage(h.connector.serviceUrl, { ...submit.data, question: QUESTION, identity: 'anonymous' }, sentTo(PERSONAL).at(-1)!.id!));
    const told = textOf(cardsOf(sentTo(PERSONAL).at(-1)!.activity)[0]);
    expect(told).toContain('Sendt til HR');
    expect(told).toContain('anonymt');
    expect(told).toContain('Svaret kommer her i vores chat');

    const toHr = sentTo(HR_CHANNEL).at(-1)!;
    hrCardId = toHr.id!;
    const card = cardsOf(toHr.activity)[0];
    expect(textOf(card)).toContain(QUESTION);
    expect(textOf(card)).toContain('Spurgt af: Anonym');
    expect(textOf(card)).toContain('Fra: Teams');
    expect(JSON.stringify(toHr.activity)).not.toContain(USER.id);
    expect(JSON.stringify(toHr.activity)).not.toContain(USER.name);
    const fields = walk(card).filter((n) => n.type.startsWith('Input.')).map((n) => n.id);
    expect(fields).toEqual(['answer', 'save', 'wording', 'direction', 'kind']);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(24_000);
  });

  test('HR answers in the card: the answer reaches the leader\'s chat, the card shows who answered, and it is saved', async () => {
    const card = cardsOf(sentTo(HR_CHANNEL).at(-1)!.activity)[0];
    const submit = actionsOf(card).find((a) => a.title === 'Send svar');
    const before = h.connector.activities().length;
    await h.post(
      hrChannelActivity(h.connector.serviceUrl, {
        replyToId: hrCardId,
        value: { ...submit.data, answer: 'Ring til IT-support på 1234. **Ikke** markdown.', save: 'yes', wording: QUESTION, direction: 'general', kind: 'do' },
      }, hrCardId),
    );
    const after = h.connector.activities().slice(before);
    const toLeader = after.find((a) => a.conversationId === PERSONAL);
    expect(toLeader).toBeTruthy();
    const text = textOf(cardsOf(toLeader!.activity)[0]);
    expect(text).toContain('Svar fra HR');
    expect(text).toContain('Ring til IT-support på 1234. **Ikke** markdown.');
    const update = h.connector.updates().find((u) => u.activityId === hrCardId);
    expect(textOf(cardsOf(update!.activity)[0])).toContain('Besvaret af: Helle HR');
    expect(walk(cardsOf(update!.activity)[0]).some((n) => n.type.startsWith('Input.'))).toBe(false);
    expect(textOf(cardsOf(after.find((a) => a.conversationId.startsWith(HR_CHANNEL))!.activity)[0])).toContain('Svaret er sendt');
    // Delivered: the leader's conversation reference is no longer kept with the question.
    expect(JSON.stringify(await h.deps.hrCore.repository.questions())).not.toContain(PERSONAL);
  });

  test('the same question from another leader gets the saved answer', async () => {
    await h.post(personalMessage(h.connector.serviceUrl, 'Hvordan nulstiller jeg adgangskoden til lønsystemet?', { conversation: { id: 'a:2another-leader', conversationType: 'personal', tenantId: TENANT } }));
    const reply = sentTo('a:2another-leader').at(-1)!;
    const text = textOf(cardsOf(reply.activity)[0]);
    expect(text).toContain('Svar fra HR');
    expect(text).toContain('Ring til IT-support');
    expect(text).toMatch(/Kilde: HR, \d{1,2}\. [a-z]+ \d{4}/);
  });

  test('a second answer keeps the first; a form sent from outside the HR channel is refused', async () => {
    const card = cardsOf(sentTo(HR_CHANNEL).find((a) => a.id === hrCardId)!.activity)[0];
    const submit = actionsOf(card).find((a) => a.title === 'Send svar');
    await h.post(hrChannelActivity(h.connector.serviceUrl, { replyToId: hrCardId, value: { ...submit.data, answer: 'Et andet svar', save: 'no' } }, hrCardId));
    expect(textOf(cardsOf(sentTo(HR_CHANNEL).at(-1)!.activity)[0])).toContain('Det første svar gælder');
    expect(JSON.stringify(h.connector.activities())).not.toContain('Et andet svar');

    await h.post(submitMessage(h.connector.serviceUrl, { ...submit.data, answer: 'Forfalsket svar' }, 'x'));
    expect(textOf(cardsOf(sentTo(PERSONAL).at(-1)!.activity)[0])).toContain('Det kan kun gøres i HR-kanalen');
    await h.post(submitMessage(h.connector.serviceUrl, { action: 'hr-offer', question: 42 }, 'x'));
    expect(textOf(cardsOf(sentTo(PERSONAL).at(-1)!.activity)[0])).toContain('fejl');
  });

  test('"hr kanal til" in another channel is refused while one is registered; "hr kanal fra" in it switches it off', async () => {
    const other = { ...mention(h.connector.serviceUrl, 'hr kanal til'), conversation: { id: '19:andet@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, tenantId: TENANT } };
    await h.post(other);
    expect(textOf(cardsOf(sentTo('19:andet@thread.tacv2').at(-1)!.activity)[0])).toContain('HR-kanalen findes allerede');
    await h.post(mention(h.connector.serviceUrl, 'hr kanal fra'));
    expect(textOf(cardsOf(sentTo(HR_CHANNEL).at(-1)!.activity)[0])).toContain('HR-kanal slået fra');
  });
});
