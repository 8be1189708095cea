// Brief and backbrief over Slack's real request format: signed slash commands, block_actions
// and view_submission over HTTP, with the Web API at a local stand-in. Tried as a new user:
// /ledelse brief opens a modal; submitting it sends each recipient the brief with "Giv backbrief";
// that button opens a modal; submitting it delivers the backbrief to the author; and
// /ledelse brief status shows "1 af 2".

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, copenhagenDay } from '../../src/clock.ts';
import { allText, buttons, header, type Block } from '../helpers/slack-blocks.ts';
import { startSlackHarness, type SlackHarness } from '../helpers/slack-deps.ts';
import { postSigned, sendAction, sendCommand, sendViewSubmission } from '../helpers/slack-requests.ts';

let h: SlackHarness;
let n = 0;
const LEDER = 'U0LEDER1';
const ANNA = 'U0ANNA';
const BO = 'U0BO';
const DEADLINE = addDays(copenhagenDay(), 7);
const INTENT = 'Vi skal nedbringe sygefraværet i hjemmeplejen, så borgerne møder faste hjælpere.';

beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Modal {
  type: string;
  callback_id: string;
  title: { text: string };
  submit: { text: string };
  private_metadata: string;
  blocks: Array<Block & { label?: { text: string }; element?: { type: string; action_id: string }; optional?: boolean; hint?: { text: string } }>;
}

/** /ledelse <text> from a user; resolves to what came back through response_url (or undefined). */
async function ledelse(text: string, user = LEDER) {
  const id = `brief-cmd-${++n}`;
  const opened = h.slack.callsTo('views.open').length;
  const res = await sendCommand(h.eventsUrl, { text, user_id: user, response_url: h.slack.responseUrl(id) });
  expect(res.status).toBe(200);
  return { id, opened };
}

async function openedModal(before: number): Promise<Modal> {
  const call = await h.slack.waitFor(() => h.slack.callsTo('views.open')[before], 'views.open');
  expect(call.body.trigger_id).toBeTruthy();
  return call.body.view as Modal;
}

function textInput(value: string) {
  return { value: { type: 'plain_text_input', value } };
}

async function submitBrief(modal: Modal, values: Record<string, Record<string, unknown>>, user = LEDER) {
  return sendViewSubmission(h.eventsUrl, { user, privateMetadata: modal.private_metadata, values });
}

function dmsTo(user: string): Array<{ text: string; blocks: Block[] }> {
  return h.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === user).map((c) => c.body as { text: string; blocks: Block[] });
}

async function giveBrief(recipients = [ANNA, BO]) {
  const { opened } = await ledelse('brief');
  const modal = await openedModal(opened);
  const res = await submitBrief(modal, {
    intent: textInput(INTENT),
    frame: textInput('Ingen ekstra budget. Ingen må gå ned i tid.'),
    deadline: { value: { type: 'datepicker', selected_date: DEADLINE } },
    recipients: { value: { type: 'multi_users_select', selected_users: recipients } },
    situation: { value: { type: 'static_select', selected_option: null } },
  });
  expect(res.status).toBe(200);
  expect(res.body).toBe('');
  await h.slack.waitFor(() => recipients.every((r) => dmsTo(r).length > 0) && dmsTo(LEDER).length > 0, 'the brief in each DM');
  await h.deps.brief.briefs.idle();
}

describe('/ledelse brief', () => {
  it('opens a modal asking for intent, frame, deadline and recipients, with the plain explanation and the groups\' remarks one click away', async () => {
    const { opened, id } = await ledelse('brief');
    const modal = await openedModal(opened);
    expect(modal.type).toBe('modal');
    expect(modal.title.text).toBe('Giv et brief');
    expect(modal.submit.text).toBe('Send briefet');
    const inputs = modal.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.element!.type, b.optional])).toEqual([
      ['intent', 'plain_text_input', false],
      ['frame', 'plain_text_input', false],
      ['deadline', 'datepicker', false],
      ['recipients', 'multi_users_select', false],
      ['situation', 'static_select', true],
    ]);
    expect(inputs[0]!.label!.text).toBe('Hensigt: hvad skal opnås, og hvorfor?');
    expect(allText(modal.blocks)).toMatch(/^Et brief siger, hvad der skal opnås og hvorfor/);
    const remarks = buttons(modal.blocks).find((b) => b.action_id === 'ledelse_form_remarks')!;
    expect(remarks).toBeDefined();
    // Nothing else is posted for the command: the modal is the answer.
    await h.slack.settle(100);
    expect(h.slack.responsesTo(id)).toEqual([]);

    const pushes = h.slack.callsTo('views.push').length;
    await sendAction(h.eventsUrl, { actionId: 'ledelse_form_remarks', value: 'brief', responseUrl: h.slack.responseUrl('remarks') });
    const pushed = await h.slack.waitFor(() => h.slack.callsTo('views.push')[pushes], 'views.push');
    expect(allText(pushed.body.view.blocks)).toContain('Brief og backbrief - lang vej op og ned i organisationen');
  });

  it('refuses an empty intent, a deadline in the past and no recipients in the modal itself, in Danish', async () => {
    const { opened } = await ledelse('brief');
    const modal = await openedModal(opened);
    const res = await submitBrief(modal, {
      intent: textInput(''),
      frame: textInput('Rammer'),
      deadline: { value: { type: 'datepicker', selected_date: '2020-01-02' } },
      recipients: { value: { type: 'multi_users_select', selected_users: [] } },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      response_action: 'errors',
      errors: {
        intent: 'Skriv hensigten: hvad skal opnås, og hvorfor?',
        deadline: 'Fristen 2. januar 2020 er allerede passeret. Vælg i dag eller en senere dag.',
        recipients: 'Vælg mindst én modtager.',
      },
    });
  });

  it('sends each recipient the brief in a DM with who sent it, the deadline and "Giv backbrief"; the backbrief reaches the author; status shows "1 af 2"', async () => {
    await giveBrief();
    for (const user of [ANNA, BO]) {
      const [dm] = dmsTo(user);
      expect(header(dm!.blocks)).toBe('Du har fået et brief');
      const text = allText(dm!.blocks);
      expect(text).toContain(`*Fra:* <@${LEDER}>`);
      expect(text).toContain(INTENT);
      expect(text).toMatch(/\*Frist:\* \d+\. \w+ \d{4}/);
      expect(buttons(dm!.blocks).map((b) => (typeof b.text === 'string' ? b.text : b.text?.text))).toContain('Giv backbrief');
    }
    expect(header(dmsTo(LEDER).at(-1)!.blocks)).toBe('Dit brief er sendt');

    // Anna presses "Giv backbrief" in her DM.
    const button = buttons(dmsTo(ANNA)[0]!.blocks).find((b) => (typeof b.text === 'string' ? b.text : b.text?.text) === 'Giv backbrief')!;
    const opened = h.slack.callsTo('views.open').length;
    await sendAction(h.eventsUrl, { actionId: button.action_id!, value: button.value!, user: ANNA, channel: 'D0ANNA', responseUrl: h.slack.responseUrl('anna-click'), message: { ts: '1.2', text: 'brief', blocks: dmsTo(ANNA)[0]!.blocks } });
    const modal = await openedModal(opened);
    expect(modal.title.text).toBe('Giv backbrief');
    expect(modal.blocks.filter((b) => b.type === 'input').map((b) => b.label!.text)).toEqual([
      'Sådan har jeg forstået hensigten',
      'Det vil jeg gøre',
      'Det har jeg brug for / det er jeg i tvivl om',
    ]);
    expect(allText(modal.blocks)).toContain(INTENT);

    const before = dmsTo(LEDER).length;
    const res = await submitBrief(
      modal,
      { understood: textInput('Færre sygedage i hjemmeplejen.'), plan: textInput('Jeg holder trivselssamtaler.'), needs: textInput('Hvornår skal vi måle?') },
      ANNA,
    );
    expect(res.status).toBe(200);
    const arrived = await h.slack.waitFor(() => dmsTo(LEDER).find((m, i) => i >= before && header(m.blocks) === 'Nyt backbrief'), 'the backbrief at the author');
    const text = allText(arrived.blocks);
    expect(text).toContain(`*Backbrief fra:* <@${ANNA}>`);
    expect(text).toContain('Færre sygedage i hjemmeplejen.');
    expect(text).toContain('Backbriefet nævner ikke');
    expect(text).toContain('»borgerne«');
    expect(text).toContain('Backbriefet stiller et spørgsmål: »Hvornår skal vi måle?«');
    // Anna is thanked in her DM.
    await h.slack.waitFor(() => dmsTo(ANNA).some((m) => header(m.blocks) === 'Tak for dit backbrief'), 'the thanks to Anna');

    const { id } = await ledelse('brief status');
    const status = await h.slack.waitFor(() => h.slack.responsesTo(id)[0], 'the status');
    const statusText = allText(status.body.blocks);
    expect(header(status.body.blocks)).toBe('Dine briefs');
    expect(statusText).toContain('1 af 2 har givet backbrief');
    expect(statusText.indexOf(INTENT)).toBeLessThan(statusText.indexOf('Færre sygedage'));
    expect(statusText).toContain(`*Mangler backbrief fra:* <@${BO}>`);
    expect(buttons(status.body.blocks).some((b) => (typeof b.text === 'string' ? b.text : b.text?.text) === 'Luk briefet')).toBe(true);
  });

  it('tells the author when a recipient is outside the workspace', async () => {
    h.slack.failNext('chat.postMessage', { error: 'user_not_found' });
    const before = dmsTo(LEDER).length;
    await giveBrief(['U0UDENFOR', ANNA]);
    const note = await h.slack.waitFor(() => dmsTo(LEDER).slice(before).find((m) => header(m.blocks) === 'Briefet nåede ikke frem til alle'), 'the note to the author');
    expect(allText(note.blocks)).toContain('Personen findes ikke i arbejdsområdet');
  });

  it('answers a forged button, a stranger\'s click and a backbrief on a closed brief with a clear Danish message', async () => {
    const id = 'forged-click';
    await sendAction(h.eventsUrl, { actionId: 'ledelse_request_0', value: '{"type":"brief-close","ref":"../../etc"}', user: ANNA, responseUrl: h.slack.responseUrl(id) });
    const forged = await h.slack.waitFor(() => h.slack.responsesTo(id)[0], 'the answer to a forged button');
    expect(header(forged.body.blocks)).toBe('Knappen virker ikke');

    await giveBrief([BO]);
    const button = buttons(dmsTo(BO).at(-1)!.blocks).find((b) => (typeof b.text === 'string' ? b.text : b.text?.text) === 'Giv backbrief')!;
    const stranger = 'stranger-click';
    await sendAction(h.eventsUrl, { actionId: button.action_id!, value: button.value!, user: 'U0FREMMED', responseUrl: h.slack.responseUrl(stranger) });
    const refused = await h.slack.waitFor(() => h.slack.responsesTo(stranger)[0], 'the answer to a stranger');
    expect(header(refused.body.blocks)).toBe('Briefet er ikke til dig');
    expect(JSON.stringify(refused.body)).not.toContain(INTENT);

    // Bo opens the form, the author closes the brief, then Bo submits: the modal says so and keeps his text.
    const opened = h.slack.callsTo('views.open').length;
    await sendAction(h.eventsUrl, { actionId: button.action_id!, value: button.value!, user: BO, channel: 'D0BO', responseUrl: h.slack.responseUrl('bo-click') });
    const modal = await openedModal(opened);
    const ref = JSON.parse(button.value!).ref as string;
    const closeId = 'close-click';
    await sendAction(h.eventsUrl, { actionId: 'ledelse_request_0', value: JSON.stringify({ type: 'brief-close', ref }), user: LEDER, responseUrl: h.slack.responseUrl(closeId) });
    const closed = await h.slack.waitFor(() => h.slack.responsesTo(closeId)[0], 'the close');
    expect(header(closed.body.blocks)).toBe('Briefet er lukket');
    const res = await submitBrief(modal, { understood: textInput('Mit svar, som ikke må gå tabt.'), plan: textInput('Planen.'), needs: textInput('') }, BO);
    const body = JSON.parse(res.body);
    expect(body.response_action).toBe('update');
    expect(body.view.title.text).toBe('Briefet er lukket');
    expect(allText(body.view.blocks)).toContain('Mit svar, som ikke må gå tabt.');
  });

  it('shows the person\'s briefs in the App Home', async () => {
    const envelope = {
      token: 'x',
      team_id: 'T0001',
      api_app_id: 'A0LEDELSE',
      type: 'event_callback',
      event_id: 'EvHOME1',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: LEDER, channel: 'D0LEDER', tab: 'home' },
    };
    const before = h.slack.callsTo('views.publish').length;
    await postSigned(h.eventsUrl, JSON.stringify(envelope), 'application/json');
    const call = await h.slack.waitFor(() => h.slack.callsTo('views.publish')[before], 'views.publish');
    const text = allText(call.body.view.blocks);
    expect(text).toContain('Dine briefs');
    expect(text).toContain('1 af 2 har givet backbrief');
    expect(call.body.view.blocks.length).toBeLessThanOrEqual(100);
  });
});
