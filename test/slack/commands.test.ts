// /ledelse over real HTTP, signed as Slack signs it, with the Web API and response_url at a
// local stand-in: what the person sees is what the stand-in receives.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID } from '../helpers/slack-standin.ts';
import { startSlackHarness, type SlackHarness } from '../helpers/slack-deps.ts';
import { allText, buttonLabel, buttons, header, type Block } from '../helpers/slack-blocks.ts';
import { postSigned, sendCommand } from '../helpers/slack-requests.ts';

let h: SlackHarness;
let n = 0;

beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Sends /ledelse <text> and returns what was posted to its response_url. */
async function ledelse(text: string, channel = 'C0LEDERE') {
  const id = `cmd-${++n}`;
  const res = await sendCommand(h.eventsUrl, { text, channel_id: channel, response_url: h.slack.responseUrl(id) });
  expect(res.status).toBe(200);
  const post = await h.slack.waitFor(() => h.slack.responsesTo(id)[0], `the answer to /ledelse ${text}`);
  const body = post.body as { response_type: string; text: string; blocks: Block[] };
  return { ...body, id };
}

describe('/ledelse <retning>', () => {
  it("answers /ledelse nedad with the downward do's and don'ts, privately, each with the groups that said it", async () => {
    const reply = await ledelse('nedad');
    expect(reply.response_type).toBe('ephemeral');
    expect(header(reply.blocks)).toBe('Ledelse nedad');
    const text = allText(reply.blocks);
    expect(text).toContain('✅ Gør');
    expect(text).toContain('⛔ Undgå');
    expect(text).toMatch(/_\(Gruppe \d+/);
    const nedad = h.deps.knowledge.current.kb.statements.filter((s) => s.direction === 'nedad' && (s.kind === 'do' || s.kind === 'dont'));
    for (const s of nedad) expect(text).toContain(s.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(text).toContain('22. maj 2024');
    expect(reply.text.length).toBeGreaterThan(0);
    const share = buttons(reply.blocks).find((b) => b.action_id === 'ledelse_share');
    expect(buttonLabel(share!)).toBe('Del i kanalen');
    expect(JSON.parse(share!.value!)).toEqual({ c: 'nedad' });
  });

  it.each([
    ['opad', 'Ledelse opad'],
    ['OPAD', 'Ledelse opad'],
    ['til siden', 'Ledelse til siden'],
    ['siden', 'Ledelse til siden'],
    ['sideværts', 'Ledelse til siden'],
    ['Udad', 'Ledelse udad'],
    ['ledelse nedad', 'Ledelse nedad'],
    ['vis mig opad!', 'Ledelse opad'],
  ])('is forgiving: /ledelse %s shows %s', async (command, title) => {
    const reply = await ledelse(command);
    expect(header(reply.blocks)).toBe(title);
  });

  it('narrows to the don\'ts with /ledelse nedad undgå, and to the do\'s with "gør" or "do"', async () => {
    const dont = await ledelse('nedad undgå');
    expect(header(dont.blocks)).toBe('Ledelse nedad — undgå');
    expect(allText(dont.blocks)).toContain('⛔ Undgå');
    expect(allText(dont.blocks)).not.toContain('✅ Gør');

    for (const command of ['opad gør', 'Opad DO', 'udad dont', 'til siden undgaa']) {
      const reply = await ledelse(command);
      const text = allText(reply.blocks);
      if (/gør|do$/i.test(command)) {
        expect(text, command).toContain('✅ Gør');
        expect(text, command).not.toContain('⛔ Undgå');
      } else {
        expect(text, command).toContain('⛔ Undgå');
        expect(text, command).not.toContain('✅ Gør');
      }
    }
  });

  it("shows the remarks on Bungay's model and the budget process for /ledelse bungay and /ledelse backbrief", async () => {
    for (const command of ['bungay', 'Backbrief']) {
      const reply = await ledelse(command);
      expect(header(reply.blocks)).toBe('Bungays model og budgetprocessen');
      expect(allText(reply.blocks)).toContain('Gruppe');
    }
  });
});

describe('/ledelse tip, hjælp and questions', () => {
  it('gives a tip now with /ledelse tip: one statement, "Flere om …", and "Hjalp det?"', async () => {
    const reply = await ledelse('tip');
    expect(header(reply.blocks)).toBe('Et tip fra ledelsesgrupperne');
    expect(allText(reply.blocks)).toMatch(/(✅|⛔|💡|💬) \*(Gør|Undgå|Ønske|Bemærkning):\*/);
    const ids = buttons(reply.blocks).map((b) => b.action_id);
    expect(ids).toEqual(expect.arrayContaining(['ledelse_share', 'ledelse_more', 'ledelse_feedback_up', 'ledelse_feedback_down']));
    expect(buttonLabel(buttons(reply.blocks).find((b) => b.action_id === 'ledelse_more')!)).toMatch(/^Flere om /);
  });

  it('explains how to use it for /ledelse hjælp and for /ledelse with nothing after it', async () => {
    for (const command of ['hjælp', 'HJÆLP', '']) {
      const reply = await ledelse(command);
      expect(header(reply.blocks)).toBe('Sådan bruger du Ledelsesbot');
      const text = allText(reply.blocks);
      for (const c of ['/ledelse opad', '/ledelse nedad undgå', '/ledelse bungay', '/ledelse tip abonner 08:30']) expect(text).toContain(c);
    }
  });

  it('answers a question with the best three statements, each marked do/don\'t with direction and groups, and names the source', async () => {
    const reply = await ledelse('Hvordan fortæller jeg mine medarbejdere om nedskæringerne?');
    expect(header(reply.blocks)).toBe('Det sagde ledelsesgrupperne');
    const cards = reply.blocks.filter((b) => b.type === 'section' && /^(✅|⛔|💡|💬) \*/.test(b.text?.text ?? ''));
    expect(cards).toHaveLength(3);
    for (const card of cards) {
      const next = reply.blocks[reply.blocks.indexOf(card) + 1]!;
      expect(next.type).toBe('context');
      expect(allText([next])).toMatch(/^(Ledelse (opad|nedad|til siden|udad)|Generelle bemærkninger) · Gruppe \d/);
    }
    expect(allText(reply.blocks)).toContain('Kilde: Opsamling tværgående ledelsesgrupper, 22. maj 2024');
    expect(allText(reply.blocks)).toContain('Dit spørgsmål: “Hvordan fortæller jeg mine medarbejdere om nedskæringerne?”');
    const feedback = buttons(reply.blocks).filter((b) => b.action_id?.startsWith('ledelse_feedback_'));
    expect(feedback.map(buttonLabel)).toEqual(['👍 Ja', '👎 Nej']);
  });

  it('says so plainly when nothing fits, and suggests the direction commands', async () => {
    const reply = await ledelse('hvem vandt fodboldkampen i går aftes');
    expect(header(reply.blocks)).toBe('Ingen gode svar');
    const text = allText(reply.blocks);
    expect(text).toContain('Jeg fandt ikke noget');
    for (const c of ['/ledelse opad', '/ledelse nedad', '/ledelse til siden', '/ledelse udad']) expect(text).toContain(c);
    expect(buttons(reply.blocks).map(buttonLabel)).toEqual(expect.arrayContaining(['Ledelse opad', 'Ledelse nedad']));
    expect(buttons(reply.blocks).some((b) => b.action_id === 'ledelse_share')).toBe(false);
  });
});

describe('/ledelse tip abonner, afmeld, status and kanal spørgsmål', () => {
  it('passes tip abonner 07:45, tip afmeld and tip status to the tip service for this channel and shows its reply', async () => {
    const before = h.deps.tips.commands.length;
    const sub = await ledelse('tip abonner 7:45', 'C0TIPS');
    expect(header(sub.blocks)).toBe('Dagligt tip slået til');
    expect(allText(sub.blocks)).toContain('kl. 07:45');
    await ledelse('Tip Afmeld', 'C0TIPS');
    await ledelse('tip status', 'C0TIPS');
    const seen = h.deps.tips.commands.slice(before);
    expect(seen.map((c) => c.intent)).toEqual([{ type: 'tip-subscribe', time: '07:45' }, { type: 'tip-unsubscribe' }, { type: 'tip-status' }]);
    for (const c of seen) expect(c.ctx).toEqual({ platform: 'slack', channel: 'C0TIPS', commandPrefix: '/ledelse ' });
  });

  it('says in Danish that "tip abonner kl. 25" is not a time of day', async () => {
    const reply = await ledelse('tip abonner 25:99');
    expect(header(reply.blocks)).toBe('Ugyldigt tidspunkt');
    expect(allText(reply.blocks)).toContain('/ledelse tip abonner 08:30');
  });

  it('makes a channel a question channel with /ledelse kanal spørgsmål til, and stops with fra', async () => {
    const on = await ledelse('kanal spørgsmål til', 'C0QCHAN');
    expect(await h.deps.store.isQuestionChannel('slack:C0QCHAN')).toBe(true);
    expect(header(on.blocks)).toBe('Spørgsmålskanal slået til');
    expect(allText(on.blocks)).toContain('/invite @Ledelsesbot');
    const off = await ledelse('Kanal Spørgsmål Fra', 'C0QCHAN');
    expect(await h.deps.store.isQuestionChannel('slack:C0QCHAN')).toBe(false);
    expect(header(off.blocks)).toBe('Spørgsmålskanal slået fra');
  });

  it('explains that a direct message needs no question channel', async () => {
    const reply = await ledelse('kanal spørgsmål til', 'D0DIRECT');
    expect(header(reply.blocks)).toBe('Kun i kanaler');
    expect(await h.deps.store.isQuestionChannel('slack:D0DIRECT')).toBe(false);
  });
});

describe('what nobody can make the bot do', () => {
  it('escapes @channel, <!here>, <@U123> and planted links in what it posts', async () => {
    const reply = await ledelse('@channel <!here> <@U123> <https://evil.example|klik> hvordan håndterer jeg modstand fra medarbejdere & kolleger <b>');
    const sent = h.slack.everythingSent();
    for (const bad of ['<!here>', '<!channel>', '<@U123>', '<https://evil', 'evil.example', '<b>']) expect(sent).not.toContain(bad);
    const quoted = allText(reply.blocks).split('\n').find((l) => l.startsWith('Dit spørgsmål'))!;
    expect(quoted).toContain('@\u2060channel');
    expect(quoted).toContain('@\u2060here');
    expect(quoted).toContain('klik');
    expect(quoted).toContain('&amp; kolleger &lt;b&gt;');
  });

  // How fast the acknowledgement is, also under load, is measured by `npm run bench:slack`.
  it('answers 100 kB of command text and stays up', async () => {
    const huge = `hvordan sparer vi ${'budget medarbejdere ledelse '.repeat(4000)}`.slice(0, 100_000);
    expect(huge.length).toBe(100_000);
    const reply = await ledelse(huge);
    expect(reply.blocks.length).toBeGreaterThan(0);
    // The paste is too long to carry in a button; the answer is still given.
    for (const b of buttons(reply.blocks)) expect((b.value ?? '').length).toBeLessThanOrEqual(2000);
    const next = await ledelse('opad');
    expect(header(next.blocks)).toBe('Ledelse opad');
  });

  it('refuses a request with a wrong signature with 401 and never answers it', async () => {
    const id = 'forged';
    const res = await sendCommand(h.eventsUrl, { text: 'nedad', response_url: h.slack.responseUrl(id) }, { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    await h.slack.settle();
    expect(h.slack.responsesTo(id)).toHaveLength(0);
  });

  it('refuses a six-minute-old timestamp with 401 (a replayed request)', async () => {
    const id = 'replayed';
    const res = await sendCommand(h.eventsUrl, { text: 'nedad', response_url: h.slack.responseUrl(id) }, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await h.slack.settle();
    expect(h.slack.responsesTo(id)).toHaveLength(0);
  });

  it('shows a short status text on GET /healthz, so a tunnel or proxy can be checked', async () => {
    const res = await fetch(h.eventsUrl.replace('/slack/events', '/healthz'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Ledelsesbot kører');
    expect((await fetch(h.eventsUrl.replace('/slack/events', '/findes-ikke'))).status).toBe(404);
  });

  it("answers Slack's url_verification challenge", async () => {
    const res = await postSigned(h.eventsUrl, JSON.stringify({ token: 'x', challenge: 'ledelse-3f9a', type: 'url_verification' }), 'application/json');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: 'ledelse-3f9a' });
  });

  it('checked its token with auth.test at start and learned its own user id', () => {
    expect(h.slack.callsTo('auth.test').length).toBeGreaterThanOrEqual(1);
    expect(h.slack.callsTo('auth.test')[0]!.authorized).toBe(true);
    expect(BOT_USER_ID).toMatch(/^U/);
  });
});
