// "Spørg HR" on the local page over HTTP: the offer on a no-match, the form, /hr with the answer
// form (loopback only, same-origin posts), the answer waiting for the page, and /indsigt.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type InProcessWeb } from './helpers.ts';

let w: InProcessWeb;
beforeAll(async () => {
  w = await startInProcess();
});
afterAll(async () => {
  await w?.stop();
});

async function post(path: string, body: unknown) {
  const res = await fetch(`${w.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

const QUESTION = 'Hvordan bestiller jeg en ny skærm til mit kontor?';

describe('Spørg HR on the local page', () => {
  it('runs the loop: offer → form → /hr → answer waiting → fetched once → saved answer for the next', async () => {
    const asked = await post('/api/message', { text: QUESTION });
    const offer = asked.body.reply.actions.find((a: any) => a.type === 'hr-offer');
    expect(offer.label).toBe('Send spørgsmålet til HR');
    expect(JSON.stringify(w.deps.store.data)).not.toContain('skærm');

    const form = (await post('/api/action', { action: { type: 'hr-offer', question: offer.question, nearest: offer.nearest } })).body.reply;
    expect(form.type).toBe('form');
    expect(form.form.fields.map((f: any) => f.name)).toEqual(['question', 'identity', 'name']);
    const named = await post('/api/action', { action: { type: 'submit', form: 'hr-ask', values: { ...form.form.hidden, question: QUESTION, identity: 'named', name: '' } } });
    expect(named.body.reply.intro).toContain('Skriv dit navn');
    const sent = (await post('/api/action', { action: { type: 'submit', form: 'hr-ask', values: { ...form.form.hidden, question: QUESTION, identity: 'anonymous' } } })).body.reply;
    expect(sent.title).toBe('Sendt til HR');
    expect(sent.sentToHr).toMatch(/^q[0-9a-f]{12}$/);

    const page = await (await fetch(`${w.url}/hr`)).text();
    expect(page).toContain(QUESTION);
    expect(page).toContain('Sådan spørger ledere om det');
    expect(page).toContain('Anonym');

    // A post from another site is refused.
    const forged = await fetch(`${w.url}/hr`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: 'form=hr-answer' });
    expect(forged.status).toBe(403);

    const answer = new URLSearchParams({ form: 'hr-answer', questionId: sent.sentToHr, answer: 'Bestil den via IT-portalen under "Udstyr".', save: 'yes', wording: QUESTION, direction: 'general', kind: 'do' });
    const res = await fetch(`${w.url}/hr`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: answer.toString() });
    expect(res.status).toBe(303);
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('venter på lederen');

    const inbox = (await post('/api/action', { action: { type: 'hr-inbox', questionIds: [sent.sentToHr] } })).body.reply;
    expect(inbox.inbox[0].title).toBe('Svar fra HR');
    expect(inbox.delivered).toEqual([sent.sentToHr]);
    const again = (await post('/api/action', { action: { type: 'hr-inbox', questionIds: [sent.sentToHr] } })).body.reply;
    expect(again.inbox).toBeUndefined();

    const next = (await post('/api/message', { text: 'Hvordan bestiller jeg en ny skærm til kontoret?' })).body.reply;
    expect(next.title).toBe('Svar fra HR');
    expect(next.sections[0].statements[0].sourceLabel).toMatch(/^HR, \d/);
  });

  it('/indsigt draws the figures in SVG, with no script and nothing from outside', async () => {
    const res = await fetch(`${w.url}/indsigt`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(html).not.toContain(QUESTION);
  });

  it('rejects a forged action with a Danish message', async () => {
    const res = await post('/api/action', { action: { type: 'hr-dismiss', questionId: 'q0123456789ab' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('handling');
  });
});
