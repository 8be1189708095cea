// Brief and backbrief through the core's one entry, as any front end would use it: the forms,
// the checks in Danish, who may see and do what, the gap notes, and exactly-once reminders and
// notes on a controlled clock.

import { describe, expect, it } from 'vitest';
import type { ActionRequest } from '../../src/bot/actions.ts';
import type { FormSpec, Reply } from '../../src/bot/reply.ts';
import { reminderDay } from '../../src/brief/scheduler.ts';
import { DEFAULT_CALENDAR } from '../../src/tips/calendar.ts';
import { briefWorld, detailsText, type BriefWorld } from './helpers.ts';

// Tuesday 24 February 2026, 10:00 in Copenhagen.
const START = new Date('2026-02-24T09:00:00Z');
const LEDER = 'U0LEDER';
const ANNA = 'U0ANNA';
const BO = 'U0BO';

const INTENT = 'Vi skal finde besparelser på vikarbudgettet, så borgerne fortsat får den hjælp, de har ret til.';

async function act(w: BriefWorld, user: string, action: ActionRequest): Promise<Reply> {
  return (await w.core.conversation.respond({ type: 'action', action }, w.ctx(user)))!;
}

function formOf(reply: Reply): FormSpec {
  const a = reply.actions.find((x) => x.type === 'form');
  if (!a || a.type !== 'form') throw new Error(`no form in ${reply.type}: ${reply.title}`);
  return a.form;
}

function buttonRequest(reply: Reply, label: string): ActionRequest {
  const all = [...reply.actions, ...(reply.groups ?? []).flatMap((g) => g.actions ?? [])];
  const b = all.find((a) => a.type === 'button' && a.label === label);
  if (!b || b.type !== 'button') throw new Error(`no button "${label}" in ${reply.title}`);
  return b.request;
}

async function giveBrief(w: BriefWorld, deadline = '2026-03-02', recipients = [ANNA, BO]): Promise<string> {
  const reply = await act(w, LEDER, { type: 'submit', form: 'brief', values: { intent: INTENT, frame: 'Ingen fyringer. Svar senest i budgetmødet.', deadline, recipients } });
  expect(reply.title).toBe('Dit brief er sendt');
  await w.core.brief.briefs.idle();
  const request = buttonRequest(w.inbox(ANNA).at(-1)!, 'Giv backbrief');
  return (request as { ref: string }).ref;
}

describe('giving a brief', () => {
  it('"brief" opens a form asking for intent, frame, deadline, recipients and an optional situation, with the explanation and the groups\' remarks', async () => {
    const w = await briefWorld(START);
    const reply = (await w.core.conversation.respond({ type: 'message', text: 'brief' }, w.ctx(LEDER)))!;
    expect(reply.type).toBe('form');
    const form = formOf(reply);
    expect(form.fields.map((f) => [f.id, f.kind, f.required])).toEqual([
      ['intent', 'longtext', true],
      ['frame', 'longtext', true],
      ['deadline', 'date', true],
      ['recipients', 'people', true],
      ['situation', 'choice', false],
    ]);
    expect(form.explanation).toMatch(/hensigten.*backbrief/s);
    expect(form.fields.at(-1)!.options!.some((o) => o.value === 'brief-backbrief' && o.label === 'Brief og backbrief')).toBe(true);
    expect(form.remarks!.statements.map((s) => s.text)).toContain('Brief og backbrief - lang vej op og ned i organisationen – hvordan gør vi det og finder tid til det');
  });

  it('refuses an empty intent, a deadline in the past and no recipients in the form itself, keeping what was written', async () => {
    const w = await briefWorld(START);
    const reply = await act(w, LEDER, { type: 'submit', form: 'brief', values: { intent: '  ', frame: 'Rammer', deadline: '2026-02-20', recipients: [] } });
    const form = formOf(reply);
    const errors = Object.fromEntries(form.fields.filter((f) => f.error).map((f) => [f.id, f.error]));
    expect(errors).toEqual({
      intent: 'Skriv hensigten: hvad skal opnås, og hvorfor?',
      deadline: 'Fristen 20. februar 2026 er allerede passeret. Vælg i dag eller en senere dag.',
      recipients: 'Vælg mindst én modtager.',
    });
    expect(form.fields.find((f) => f.id === 'frame')!.value).toBe('Rammer');
    expect(w.sent).toEqual([]);
  });

  it('says the author cannot be a recipient', async () => {
    const w = await briefWorld(START);
    const alone = formOf(await act(w, LEDER, { type: 'submit', form: 'brief', values: { intent: 'x', frame: 'y', deadline: '2026-03-02', recipients: [LEDER] } }));
    expect(alone.fields.find((f) => f.id === 'recipients')!.error).toBe('Du kan ikke give dig selv et brief. Vælg dem, der skal løse opgaven.');
    const among = formOf(await act(w, LEDER, { type: 'submit', form: 'brief', values: { intent: 'x', frame: 'y', deadline: '2026-03-02', recipients: [ANNA, LEDER] } }));
    expect(among.fields.find((f) => f.id === 'recipients')!.error).toMatch(/^Du står selv blandt modtagerne/);
  });

  it('refuses text longer than the limit with the count, so nothing is cut silently', async () => {
    const w = await briefWorld(START);
    const form = formOf(await act(w, LEDER, { type: 'submit', form: 'brief', values: { intent: 'ord '.repeat(600), frame: 'y', deadline: '2026-03-02', recipients: [ANNA] } }));
    expect(form.fields.find((f) => f.id === 'intent')!.error).toMatch(/^Hensigten må højst fylde 2000 tegn \(nu 2399\)/);
  });

  it('sends each recipient the brief with who sent it, the deadline and "Giv backbrief"', async () => {
    const w = await briefWorld(START);
    await giveBrief(w);
    for (const user of [ANNA, BO]) {
      const [got] = w.inbox(user);
      expect(got!.title).toBe('Du har fået et brief');
      expect(detailsText(got!)).toContain(`Fra:  [${LEDER}]`);
      expect(detailsText(got!)).toContain('Frist: 2. marts 2026');
      expect(detailsText(got!)).toContain(`Hensigt: ${INTENT}`);
      expect(buttonRequest(got!, 'Giv backbrief')).toMatchObject({ type: 'open-form', form: 'backbrief' });
    }
  });

  it('tells the author when a recipient could not be reached (outside the workspace), and keeps the rest', async () => {
    const w = await briefWorld(START);
    w.respond = (user) => (user === BO ? { ok: false, pause: { code: 'user_not_found', reason: 'Personen findes ikke i arbejdsområdet.' } } : { ok: true });
    await giveBrief(w);
    const [note] = w.inbox(LEDER);
    expect(note!.title).toBe('Briefet nåede ikke frem til alle');
    expect(detailsText(note!)).toContain(`Ikke leveret til: Personen findes ikke i arbejdsområdet. [${BO}]`);
    const status = await act(w, LEDER, { type: 'brief-status' });
    expect(status.groups![0]!.title).toBe('0 af 2 har givet backbrief · frist 2. marts 2026');
    expect(detailsText(status)).toContain(`Ikke leveret til: Personen findes ikke i arbejdsområdet. [${BO}]`);
  });
});

describe('the backbrief', () => {
  it('goes to the author at once, and the overview shows "1 af 2" with the intent next to it and a gentle gap note', async () => {
    const w = await briefWorld(START);
    const ref = await giveBrief(w);
    const form = formOf(await act(w, ANNA, { type: 'open-form', form: 'backbrief', ref }));
    expect(form.fields.map((f) => f.label)).toEqual(['Sådan har jeg forstået hensigten', 'Det vil jeg gøre', 'Det har jeg brug for / det er jeg i tvivl om']);
    expect(detailsText({ groups: [{ details: form.context! }] } as Reply)).toContain(`Hensigt: ${INTENT}`);

    const thanks = await act(w, ANNA, {
      type: 'submit',
      form: 'backbrief',
      ref,
      values: { understood: 'Vi skal spare på vikarerne.', plan: 'Jeg laver en ny vagtplan.', needs: 'Må vi bruge overarbejde?' },
    });
    expect(thanks.title).toBe('Tak for dit backbrief');
    await w.core.brief.briefs.idle();
    const [arrived] = w.inbox(LEDER);
    expect(arrived!.title).toBe('Nyt backbrief');
    expect(arrived!.intro).toBe('1 af 2 har givet backbrief på dit brief med frist 2. marts 2026.');
    const text = detailsText(arrived!);
    expect(text).toContain(`Backbrief fra:  [${ANNA}]`);
    expect(text).toContain('Sådan har jeg forstået hensigten: Vi skal spare på vikarerne.');
    // "vikarbudgettet" is met by "vikarerne" (compound part), "besparelser" by "spare"; the rest is named.
    expect(text).toContain('Backbriefet nævner ikke »borgerne«, »fortsat«, »hjælp« og »ret« fra hensigten');
    expect(text).toContain('Backbriefet stiller et spørgsmål: »Må vi bruge overarbejde?«');

    const status = await w.core.conversation.respond({ type: 'message', text: 'brief status' }, w.ctx(LEDER));
    expect(status!.groups![0]!.title).toBe('1 af 2 har givet backbrief · frist 2. marts 2026');
    const lines = detailsText(status!);
    expect(lines.indexOf(`Hensigt: ${INTENT}`)).toBeLessThan(lines.indexOf('Sådan har jeg forstået hensigten'));
    expect(lines).toContain(`Mangler backbrief fra:  [${BO}]`);
  });

  it('notes the author once when everyone has answered', async () => {
    const w = await briefWorld(START);
    const ref = await giveBrief(w);
    for (const user of [ANNA, BO, BO]) {
      await act(w, user, { type: 'submit', form: 'backbrief', ref, values: { understood: INTENT, plan: 'Det gør jeg.' } });
      await w.core.brief.briefs.idle();
    }
    const titles = w.inbox(LEDER).map((r) => r.title);
    expect(titles).toEqual(['Nyt backbrief', 'Nyt backbrief', 'Alle har givet backbrief', 'Et backbrief er rettet']);
  });

  it('only the author and the recipients see a brief; a stranger\'s or forged button gets a clear answer', async () => {
    const w = await briefWorld(START);
    const ref = await giveBrief(w);
    expect((await act(w, 'U0ANDEN', { type: 'open-form', form: 'backbrief', ref })).title).toBe('Briefet er ikke til dig');
    expect((await act(w, ANNA, { type: 'brief-close', ref })).title).toBe('Det er ikke dit brief');
    expect((await act(w, ANNA, { type: 'open-form', form: 'backbrief', ref: 'forfalsket' })).title).toBe('Briefet findes ikke længere');
    const stranger = await act(w, 'U0ANDEN', { type: 'brief-status' });
    expect(stranger.groups).toEqual([]);
    expect(JSON.stringify(stranger)).not.toContain(INTENT);
  });

  it('a backbrief on a closed brief is refused and what was written is given back', async () => {
    const w = await briefWorld(START);
    const ref = await giveBrief(w);
    expect((await act(w, LEDER, { type: 'brief-close', ref })).title).toBe('Briefet er lukket');
    const late = await act(w, ANNA, { type: 'submit', form: 'backbrief', ref, values: { understood: 'Mit svar', plan: 'Min plan' } });
    expect(late.title).toBe('Briefet er lukket');
    expect(detailsText(late)).toContain('Sådan har jeg forstået hensigten: Mit svar');
    expect((await act(w, LEDER, { type: 'brief-status' })).groups).toEqual([]);
  });
});

describe('the clock', () => {
  it('finds the working day before the deadline across weekends and Danish holidays', () => {
    expect(reminderDay('2026-03-02', DEFAULT_CALENDAR)).toBe('2026-02-27'); // Monday → Friday
    expect(reminderDay('2026-04-07', DEFAULT_CALENDAR)).toBe('2026-04-01'); // after Easter → Wednesday before Skærtorsdag
    expect(reminderDay('2026-12-28', DEFAULT_CALENDAR)).toBe('2026-12-23'); // Christmas
  });

  it('reminds those who have not answered once, in the morning of the working day before the deadline, and notes the author when the deadline has passed', async () => {
    const w = await briefWorld(START);
    const ref = await giveBrief(w, '2026-03-02'); // a Monday
    await act(w, ANNA, { type: 'submit', form: 'backbrief', ref, values: { understood: INTENT, plan: 'Ja.' } });
    await w.core.brief.briefs.idle();
    const scheduler = w.core.brief.scheduler;
    const reminders = () => w.sent.filter((s) => s.reply.title === 'Påmindelse om backbrief');

    w.clock.at('2026-02-26', '09:00'); // Thursday: too early
    await scheduler.tick();
    w.clock.at('2026-02-27', '08:59'); // Friday, before the morning
    await scheduler.tick();
    expect(reminders()).toEqual([]);

    w.clock.at('2026-02-27', '09:00');
    const report = await scheduler.tick();
    await Promise.all([scheduler.tick(), scheduler.tick()]);
    w.clock.at('2026-02-27', '11:00');
    await scheduler.tick();
    expect(report.reminded).toEqual([{ brief: ref, user: BO }]);
    expect(reminders().map((r) => r.user)).toEqual([BO]);
    expect(reminders()[0]!.at.toISOString()).toBe('2026-02-27T08:00:00.000Z');
    expect(reminders()[0]!.reply.intro).toContain('Fristen for briefet er 2. marts 2026');

    w.clock.at('2026-03-02', '12:00'); // the deadline day itself: nothing
    await scheduler.tick();
    w.clock.at('2026-03-03', '09:00');
    await scheduler.tick();
    w.clock.at('2026-03-03', '09:01');
    await scheduler.tick();
    const notes = w.inbox(LEDER).filter((r) => r.title === 'Fristen for dit brief er passeret');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.intro).toBe('Fristen var 2. marts 2026, og 1 af 2 har givet backbrief. Tal med dem, der mangler, eller luk briefet, hvis opgaven er på plads.');
    expect(reminders()).toHaveLength(1);
  });

  it('deletes a brief BRIEF_RETENTION_DAYS after its deadline', async () => {
    const w = await briefWorld(START, { BRIEF_RETENTION_DAYS: '30' });
    await giveBrief(w, '2026-03-02');
    w.clock.at('2026-04-01', '10:00');
    expect((await w.core.brief.scheduler.tick()).deleted).toBe(0);
    w.clock.at('2026-04-02', '10:00');
    expect((await w.core.brief.scheduler.tick()).deleted).toBe(1);
    expect(JSON.stringify(await w.store.exportData())).not.toContain(INTENT);
  });
});
