// "Spørg HR" over Slack's real request format: signed slash commands, block_actions and
// view_submission against the app, with the Web API at a local stand-in. The whole loop as a new
// user would meet it: no answer → "Send spørgsmålet til HR" → the modal → the question in
// HR_CHANNEL without the asker's id → HR's "Svar" → the answer reaches the asker → the next leader
// who asks the same gets HR's saved answer.

import type { HrQuestion } from '../../src/hr/model.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allText, buttonById, buttonLabel, type Block } from '../helpers/slack-blocks.ts';
import { startSlackHarness, type SlackHarness } from '../helpers/slack-deps.ts';
import { sendAction, sendCommand, sendViewSubmission } from '../helpers/slack-requests.ts';

const HR = 'C0HRKANAL';
const LEADER = 'U0LEDER1';
const QUESTION = 'Hvordan nulstiller jeg min adgangskode til lønsystemet?';
const ANSWER = 'Ring til IT-support på 1234, så nulstiller de den med det samme. <b>Husk</b> dit medarbejdernummer & din e-mail.';

let h: SlackHarness;
let n = 0;

beforeAll(async () => {
  h = await startSlackHarness({ HR_CHANNEL: HR });
});
afterAll(async () => {
  await h?.close();
});

interface Posted {
  text?: string;
  blocks?: Block[];
}

async function ledelse(text: string, user = LEADER): Promise<Posted> {
  const id = `cmd-${++n}`;
  const res = await sendCommand(h.eventsUrl, { text, channel_id: 'C0LEDERE', user_id: user, response_url: h.slack.responseUrl(id) });
  expect(res.status).toBe(200);
  return (await h.slack.waitFor(() => h.slack.responsesTo(id)[0], `the answer to /ledelse ${text}`)).body;
}

async function click(actionId: string, value: string, where: { channel?: string; user?: string; ephemeral?: boolean; message?: { ts: string; text: string; blocks: unknown[] } } = {}) {
  const id = `click-${++n}`;
  const res = await sendAction(h.eventsUrl, { actionId, value, responseUrl: h.slack.responseUrl(id), ephemeral: where.ephemeral ?? true, ...where });
  expect(res.status).toBe(200);
  expect(res.ms).toBeLessThan(3000);
  return id;
}

/** The modal opened by the last views.open after `before` calls. */
async function openedModal(before: number): Promise<any> {
  const call = await h.slack.waitFor(() => h.slack.callsTo('views.open')[before], 'views.open');
  expect(call.body.trigger_id).toBeTruthy();
  return call.body.view;
}

function initialValues(view: any): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of view.blocks) {
    if (b.type !== 'input') continue;
    out[b.block_id] = b.element.initial_value ?? b.element.initial_option?.value ?? '';
  }
  return out;
}

const CHOICES = ['identity', 'save', 'direction', 'kind'];

describe('Spørg HR in Slack', () => {
  let hrMessage: { ts: string; blocks: Block[]; text: string };

  it('offers "Send spørgsmålet til HR" on a question with no answer, and sends nothing before the click', async () => {
    const posted = await ledelse(QUESTION);
    expect(allText(posted.blocks!)).toContain('Ingen gode svar');
    const offer = buttonById(posted.blocks!, 'ledelse_hr_offer');
    expect(buttonLabel(offer!)).toContain('HR');
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === HR)).toHaveLength(0);
    expect(JSON.stringify(h.deps.store.data)).not.toContain('adgangskode');
  });

  it('the click opens a form with the question, anonymous by default; sending puts the question in HR_CHANNEL without the asker', async () => {
    const posted = await ledelse(QUESTION);
    const offer = buttonById(posted.blocks!, 'ledelse_hr_offer')!;
    const before = h.slack.callsTo('views.open').length;
    await click('ledelse_hr_offer', offer.value!, { ephemeral: true });
    const view = await openedModal(before);
    expect(view.callback_id).toBe('ledelse_hr_ask');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const values = initialValues(view);
    expect(values.question).toBe(QUESTION);
    expect(values.identity).toBe('anonymous');
    // Still nothing sent or stored.
    expect(JSON.stringify(h.deps.store.data)).not.toContain('adgangskode');

    const res = await sendViewSubmission(h.eventsUrl, { callbackId: view.callback_id, privateMetadata: view.private_metadata, values, choices: CHOICES });
    expect(res.status).toBe(200);
    const toHr = await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').find((c) => c.body.channel === HR), 'the question in HR_CHANNEL');
    const text = allText(toHr.body.blocks);
    expect(text).toContain(QUESTION.replace('til lønsystemet?', ''));
    expect(text).toContain('Anonym');
    expect(text).toContain('Slack');
    expect(JSON.stringify(toHr.body)).not.toContain(LEADER);
    expect(buttonLabel(buttonById(toHr.body.blocks, 'ledelse_hr_open')!)).toContain('Svar');
    expect(buttonLabel(buttonById(toHr.body.blocks, 'ledelse_hr_dismiss')!)).toBe('Ikke relevant');

    // The leader is told what happened, privately.
    const told = await h.slack.waitFor(() => h.slack.callsTo('chat.postEphemeral').find((c) => c.body.user === LEADER), 'the confirmation');
    expect(told.body.text).toContain('anonymt');
    expect(told.body.text).toContain('Svaret kommer som en besked fra Ledelsesbot');
    const ts = (await storedQuestion((q) => q.posts.length > 0)).posts[0]!.ref as string;
    hrMessage = { ts, blocks: toHr.body.blocks, text: toHr.body.text };
  });

  it('"Svar" opens the answer form; submitting sends the answer to the asker, marks the HR message and saves it', async () => {
    const svar = buttonById(hrMessage.blocks, 'ledelse_hr_open')!;
    const before = h.slack.callsTo('views.open').length;
    await click('ledelse_hr_open', svar.value!, { channel: HR, user: 'U0HRPERSON', ephemeral: false, message: hrMessage });
    const view = await openedModal(before);
    expect(view.callback_id).toBe('ledelse_hr_answer');
    const values = initialValues(view);
    expect(values.wording).toBe(QUESTION);
    const postsBefore = h.slack.callsTo('chat.postMessage').length;
    const res = await sendViewSubmission(h.eventsUrl, {
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: { ...values, answer: ANSWER, save: 'yes', direction: 'general', kind: 'do' },
      choices: CHOICES,
      user: 'U0HRPERSON',
      userName: 'hr.hanne',
    });
    expect(res.status).toBe(200);
    const toAsker = await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').slice(postsBefore).find((c) => c.body.channel === LEADER), 'the answer to the asker');
    const text = allText(toAsker.body.blocks);
    expect(text).toContain('Svar fra HR');
    // HR's text is escaped like user text: no markup, no stray entities.
    expect(text).toContain('&lt;b&gt;Husk&lt;/b&gt;');
    expect(text).toContain('&amp; din e-mail');
    const updated = await h.slack.waitFor(() => h.slack.callsTo('chat.update').find((c) => c.body.channel === HR && c.body.ts === hrMessage.ts), 'the HR message marked answered');
    expect(allText(updated.body.blocks)).toContain('besvaret');
    expect(allText(updated.body.blocks)).toContain('hr.hanne');
    expect(buttonById(updated.body.blocks, 'ledelse_hr_open')).toBeUndefined();
    const toHr = await h.slack.waitFor(() => h.slack.callsTo('chat.postEphemeral').find((c) => c.body.user === 'U0HRPERSON'), 'the confirmation to HR');
    expect(toHr.body.text).toContain('Svaret er sendt');
    // Delivered: the asker's reference is gone.
    expect(JSON.stringify(await h.deps.hrCore.repository.questions())).not.toContain(LEADER);
  });

  it('the same question from another leader is then answered with the saved answer, source "HR, <dato>"', async () => {
    const posted = await ledelse('Hvordan nulstiller jeg adgangskoden til lønsystemet?', 'U0LEDER2');
    const text = allText(posted.blocks!);
    expect(text).toContain('Svar fra HR');
    expect(text).toContain('Ring til IT-support');
    expect(text).toMatch(/Kilde: HR, \d{1,2}\. [a-z]+ \d{4}/);
    expect(buttonById(posted.blocks!, 'ledelse_hr_offer')).toBeUndefined();
  });

  it('a second answer to the same question keeps the first and tells the second HR person', async () => {
    const svar = buttonById(hrMessage.blocks, 'ledelse_hr_open')!;
    const id = await click('ledelse_hr_open', svar.value!, { channel: HR, user: 'U0HRTWO', ephemeral: false, message: hrMessage });
    const told = await h.slack.waitFor(() => h.slack.responsesTo(id)[0], 'the notice');
    expect(told.body.text).toContain('allerede besvaret af hr.hanne');
    // A stale form submitted anyway.
    const questionId = JSON.parse(svar.value!).i;
    const before = h.slack.callsTo('chat.postEphemeral').length;
    await sendViewSubmission(h.eventsUrl, {
      callbackId: 'ledelse_hr_answer',
      privateMetadata: JSON.stringify({ h: { questionId }, c: HR }),
      values: { answer: 'Et andet svar', save: 'no', wording: '', direction: 'general', kind: 'remark' },
      choices: CHOICES,
      user: 'U0HRTWO',
    });
    const second = await h.slack.waitFor(() => h.slack.callsTo('chat.postEphemeral').slice(before).find((c) => c.body.user === 'U0HRTWO'), 'the refusal');
    expect(second.body.text).toContain('Det første svar gælder');
    expect(h.slack.everythingSent()).not.toContain('Et andet svar');
  });

  it('a forged or stale button gets a Danish message and nothing else', async () => {
    const outside = await click('ledelse_hr_open', JSON.stringify({ i: 'q0123456789ab' }), { channel: 'C0LEDERE' });
    expect((await h.slack.waitFor(() => h.slack.responsesTo(outside)[0], 'the refusal')).body.text).toContain('Det kan kun gøres i HR-kanalen');
    const unknown = await click('ledelse_hr_dismiss', JSON.stringify({ i: 'q0123456789ab' }), { channel: HR, ephemeral: false });
    expect((await h.slack.waitFor(() => h.slack.responsesTo(unknown)[0], 'the refusal')).body.text).toContain('kender længere');
    const garbage = await click('ledelse_hr_offer', '{"q":', {});
    expect((await h.slack.waitFor(() => h.slack.responsesTo(garbage)[0], 'the refusal')).body.text).toContain('fejl');
  });

  it('when the asker is gone, the answer stays in HR\'s view with a note', async () => {
    const posted = await ledelse('Hvordan bestiller jeg nye visitkort til afdelingen?', 'U0LEDER3');
    const offer = buttonById(posted.blocks!, 'ledelse_hr_offer')!;
    let before = h.slack.callsTo('views.open').length;
    await click('ledelse_hr_offer', offer.value!, { user: 'U0LEDER3' });
    let view = await openedModal(before);
    await sendViewSubmission(h.eventsUrl, { callbackId: view.callback_id, privateMetadata: view.private_metadata, values: { ...initialValues(view), identity: 'named' }, choices: CHOICES, user: 'U0LEDER3', userName: 'leder.tre' });
    const toHr = await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').find((c) => c.body.channel === HR && allText(c.body.blocks).includes('visitkort')), 'the question');
    expect(allText(toHr.body.blocks)).toContain('leder.tre');
    expect(JSON.stringify(toHr.body)).not.toContain('U0LEDER3');
    await h.slack.settle(100);
    const q = (await h.deps.hrCore.repository.questions()).find((x) => x.text.includes('visitkort'))!;
    before = h.slack.callsTo('views.open').length;
    await click('ledelse_hr_open', JSON.stringify({ i: q.id }), { channel: HR, user: 'U0HRPERSON', ephemeral: false });
    view = await openedModal(before);
    h.slack.failNext('chat.postMessage', { error: 'user_not_found' });
    const ephemerals = h.slack.callsTo('chat.postEphemeral').length;
    await sendViewSubmission(h.eventsUrl, { callbackId: view.callback_id, privateMetadata: view.private_metadata, values: { ...initialValues(view), answer: 'Brug bestillingsformularen på intranettet.' }, choices: CHOICES, user: 'U0HRPERSON', userName: 'hr.hanne' });
    const told = await h.slack.waitFor(() => h.slack.callsTo('chat.postEphemeral').slice(ephemerals).find((c) => c.body.user === 'U0HRPERSON'), 'the note to HR');
    expect(told.body.text).toContain('kunne ikke leveres');
    expect(told.body.text).toContain('findes ikke længere i Slack');
    const updated = await h.slack.waitFor(() => h.slack.callsTo('chat.update').find((c) => allText(c.body.blocks).includes('visitkort')), 'the HR message');
    expect(allText(updated.body.blocks)).toContain('Kunne ikke leveres');
    expect(allText(updated.body.blocks)).toContain('Brug bestillingsformularen');
  });

  it('"/ledelse hr svar" lists the saved answers; "Fjern" in the HR channel removes one', async () => {
    const listed = await ledelse('hr svar');
    expect(allText(listed.blocks!)).toContain('Ring til IT-support');
    expect(allText(listed.blocks!)).toContain('Sådan spørger ledere');
    const id = `cmd-${++n}`;
    await sendCommand(h.eventsUrl, { text: 'hr svar', channel_id: HR, user_id: 'U0HRPERSON', response_url: h.slack.responseUrl(id) });
    const inHr = (await h.slack.waitFor(() => h.slack.responsesTo(id)[0], 'the list in HR')).body as Posted;
    const remove = inHr.blocks!.flatMap((b: any) => b.elements ?? []).find((e: any) => String(e.action_id).startsWith('ledelse_hr_remove_'));
    expect(remove).toBeTruthy();
    const clicked = await click(remove.action_id, remove.value, { channel: HR, user: 'U0HRPERSON' });
    expect((await h.slack.waitFor(() => h.slack.responsesTo(clicked)[0], 'removed')).body.text).toContain('Svaret er fjernet');
    const again = await ledelse('Hvordan nulstiller jeg adgangskoden til lønsystemet?', 'U0LEDER4');
    expect(allText(again.blocks!)).not.toContain('Ring til IT-support');
  });

  it('"/ledelse hr kanal til" explains that Slack uses HR_CHANNEL', async () => {
    const posted = await ledelse('hr kanal til');
    expect(allText(posted.blocks!)).toContain('HR_CHANNEL');
  });
});

/** Waits until the HR repository holds a question that `ok` accepts. */
async function storedQuestion(ok: (q: HrQuestion) => boolean, timeoutMs = 5000): Promise<HrQuestion> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = (await h.deps.hrCore.repository.questions()).find(ok);
    if (found) return found;
    if (Date.now() > until) throw new Error('The HR repository never held the expected question.');
    await new Promise((r) => setTimeout(r, 10));
  }
}
