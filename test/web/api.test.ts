// The local page's HTTP API over real HTTP, on the real core (knowledge, conversation, store).

import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/bot/reply.ts';
import { LEADING_DIRECTIONS } from '../../src/knowledge/directions.ts';
import { MAX_BODY_BYTES } from '../../src/web/server.ts';
import { postJson, startInProcess, type InProcessWeb } from './helpers.ts';

const SOURCE = 'Opsamling tværgående ledelsesgrupper, 22. maj 2024';
const QUESTION = 'Hvordan fortæller jeg mine medarbejdere om nedskæringerne?';
const OFF_TOPIC = 'Hvad koster en pizza i Rom?';

let app: InProcessWeb;

beforeAll(async () => {
  app = await startInProcess();
});

afterAll(async () => {
  await app?.stop();
});

async function json(res: Response): Promise<any> {
  return res.json();
}

async function ask(text: string): Promise<Reply> {
  const res = await postJson(`${app.url}/api/message`, { text });
  expect(res.status).toBe(200);
  return res.json.reply as Reply;
}

/** Raw HTTP, for headers fetch() may not set (Host) or bodies it would not send. */
function rawRequest(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(`${app.url}${options.path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the page and its files', () => {
  it('serves a Danish page with a labelled input, the quick buttons and only local assets', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('<h1>Ledelsesbot</h1>');
    expect(html).toMatch(/<label for="text">Skriv et spørgsmål eller en kommando<\/label>/);
    expect(html).toContain('id="text"');
    expect(html).toMatch(/role="log" aria-live="polite"/);
    for (const label of ['Ledelse opad', 'Ledelse nedad', 'Ledelse til siden', 'Ledelse udad', 'Bungays model', 'Hjælp']) {
      expect(html).toContain(`>${label}</button>`);
    }
    // No CDN, no inline script or style.
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('sends a strict Content-Security-Policy: self only, nothing inline', async () => {
    const res = await fetch(`${app.url}/`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the script, the style sheet and the icon with their content types and no external URLs', async () => {
    const types: Record<string, string> = {
      '/app.js': 'text/javascript; charset=utf-8',
      '/style.css': 'text/css; charset=utf-8',
      '/favicon.svg': 'image/svg+xml',
    };
    for (const [route, type] of Object.entries(types)) {
      const res = await fetch(`${app.url}${route}`);
      expect(res.status, route).toBe(200);
      expect(res.headers.get('content-type'), route).toBe(type);
      const body = await res.text();
      // The SVG namespace is an identifier, not something fetched.
      expect(body.replace('http://www.w3.org/2000/svg', ''), route).not.toMatch(/https?:\/\/|@import|url\(/);
    }
  });

  it('renders user and data text with textContent only, never as HTML', async () => {
    const js = await (await fetch(`${app.url}/app.js`)).text();
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    expect(js).toContain('textContent');
  });

  it('answers unknown paths with a Danish 404', async () => {
    const page = await fetch(`${app.url}/nope`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Siden findes ikke');
    const api = await fetch(`${app.url}/api/nope`);
    expect(api.status).toBe(404);
    expect((await json(api)).error).toMatch(/findes ikke/);
  });

  it('binds to localhost by default and says so in its address', () => {
    expect(app.web.host).toBe('127.0.0.1');
    expect(app.web.address).toBe(`http://localhost:${app.web.port}`);
  });
});

describe('POST /api/message', () => {
  it('answers a direction with the same Reply the shared conversation gives Slack and Teams', async () => {
    const reply = await ask('/ledelse nedad');
    expect(reply).toEqual({ ...app.deps.replies.direction('nedad'), asked: { text: '/ledelse nedad', isQuestion: false } });
    expect(reply.type).toBe('direction');
    expect(reply.title).toBe('Ledelse nedad');
    expect(reply.sections.map((s) => s.title)).toEqual(expect.arrayContaining(['Gør', 'Undgå']));
    const all = reply.sections.flatMap((s) => s.statements);
    expect(all.length).toBeGreaterThan(5);
    for (const s of all) {
      expect(s.directionLabel).toBe('Ledelse nedad');
      expect(s.groupsLabel).toMatch(/^Gruppe \d+( og \d+|(, \d+)+ og \d+)?$/);
      expect(s.sourceLabel).toBe(SOURCE);
    }
  });

  it('narrows a direction to what to avoid: "nedad undgå"', async () => {
    const reply = await ask('nedad undgå');
    expect(reply.title).toBe('Ledelse nedad — undgå');
    expect(reply.sections).toHaveLength(1);
    expect(reply.sections[0]!.title).toBe('Undgå');
    expect(reply.sections[0]!.statements.every((s) => s.kind === 'dont' && s.kindLabel === 'Undgå')).toBe(true);
  });

  it('answers a question with the best statements and a feedback action, recording only a hash', async () => {
    const before = app.deps.store.data.questions.length;
    const reply = await ask(QUESTION);
    expect(reply.type).toBe('answer');
    expect(reply.sections[0]!.statements.length).toBeGreaterThan(0);
    expect(reply.sections[0]!.statements.some((s) => /medarbejder|information|kommuni/i.test(s.text))).toBe(true);
    const feedback = reply.actions.find((a) => a.type === 'feedback');
    expect(feedback).toMatchObject({ type: 'feedback', questionHash: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const recorded = app.deps.store.data.questions.slice(before);
    expect(recorded).toEqual([expect.objectContaining({ platform: 'web', answered: true })]);
    expect(readFileSync(app.dbFile, 'utf8')).not.toContain('nedskæringerne');
  });

  it('gives an off-topic question the honest "no good match" with the directions as suggestions', async () => {
    const reply = await ask(OFF_TOPIC);
    expect(reply.type).toBe('no-match');
    expect(reply.title).toBe('Ingen gode svar');
    expect(reply.intro).toMatch(/fandt ikke noget/);
    expect(reply.sections).toEqual([]);
    expect(reply.suggestions.map((s) => s.command)).toEqual([...LEADING_DIRECTIONS, 'bungay']);
  });

  it('gives a tip and help; help leaves out subscribing, which the page cannot do', async () => {
    const tip = await ask('tip');
    expect(tip.type).toBe('tip');
    expect(tip.sections[0]!.statements).toHaveLength(1);
    expect(tip.actions.map((a) => a.type)).toEqual(['more', 'feedback']);

    const help = await ask('hjælp');
    expect(help.type).toBe('help');
    expect(help.commands!.map((c) => c.command)).toEqual(expect.arrayContaining(['opad', 'nedad undgå', 'tip']));
    expect(help.commands!.some((c) => c.command.startsWith('tip abonner'))).toBe(false);
  });

  it('explains that daily tips are for Slack and Teams channels when asked to subscribe', async () => {
    for (const text of ['tip abonner 08:30', 'tip afmeld', 'tip status', 'tip abonner 25:00']) {
      const reply = await ask(text);
      expect(reply.type, text).toBe('info');
      expect(reply.intro, text).toMatch(/Daglige tips sendes til kanaler i Slack og Teams/);
    }
    expect(app.deps.store.data.tips).toEqual({});
  });

  it('answers a 100 kB question without crashing, and keeps answering', async () => {
    const long = `${QUESTION} `.repeat(Math.ceil(100_000 / (QUESTION.length + 1)));
    expect(Buffer.byteLength(JSON.stringify({ text: long }))).toBeGreaterThan(100_000);
    const started = performance.now();
    const reply = await ask(long);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(['answer', 'no-match']).toContain(reply.type);
    expect((await ask('opad')).title).toBe('Ledelse opad');
  });

  it('refuses bad JSON with a Danish 400', async () => {
    const res = await fetch(`${app.url}/api/message`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text": "nedad"' });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toBe('Forespørgslen er ikke gyldig JSON.');
  });

  it('refuses a body without text, or not an object, with a Danish 400', async () => {
    const missing = await postJson(`${app.url}/api/message`, { tekst: 'nedad' });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatch(/^Forespørgslen er ugyldig \(felt "text"\): Feltet "text" skal være en tekst\.$/);
    const array = await postJson(`${app.url}/api/message`, ['nedad']);
    expect(array.status).toBe(400);
    expect(array.json.error).toBe('Forespørgslen er ugyldig: Forespørgslen skal være et JSON-objekt.');
  });

  it(`refuses a body over ${MAX_BODY_BYTES / 1024} kB with a Danish 413, and keeps answering`, async () => {
    const res = await fetch(`${app.url}/api/message`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES + 10) }),
    });
    expect(res.status).toBe(413);
    expect((await json(res)).error).toBe('Beskeden er for stor. Den må højst fylde 256 kB.');
    expect((await ask('udad')).title).toBe('Ledelse udad');
  });

  it('refuses an oversized body sent in chunks without a length, too', async () => {
    const res = await rawRequest({
      method: 'POST',
      path: '/api/message',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: Buffer.alloc(MAX_BODY_BYTES * 2, 'a'),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toMatch(/for stor/);
  });

  it('refuses other content types and methods in Danish', async () => {
    const form = await fetch(`${app.url}/api/message`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"text":"nedad"}' });
    expect(form.status).toBe(415);
    expect((await json(form)).error).toMatch(/Send forespørgslen som JSON/);
    const get = await fetch(`${app.url}/api/message`);
    expect(get.status).toBe(405);
    expect((await json(get)).error).toBe('Brug POST til /api/message.');
  });

  it('refuses posts from another site and requests for a foreign host name', async () => {
    const crossSite = await fetch(`${app.url}/api/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ statementIds: ['nedad-01'], questionHash: '', vote: 'up' }),
    });
    expect(crossSite.status).toBe(403);
    expect((await json(crossSite)).error).toBe('Forespørgsler fra andre sider afvises.');

    const rebound = await rawRequest({ path: '/', headers: { Host: 'evil.example:3000' } });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('kun på localhost');
    expect(app.deps.store.data.feedback.filter((f) => f.statementIds.includes('nedad-01') && f.questionHash === '')).toEqual([]);
  });

  it('survives a client that hangs up in the middle of a body', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${app.url}/api/message`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' } });
      req.on('error', () => resolve());
      req.write('{"text": "ned');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    expect((await ask('til siden')).title).toBe('Ledelse til siden');
  });

  it('answers an internal error with a Danish 500 and logs it, without crashing', async () => {
    const conversation = app.deps.conversation;
    const original = conversation.respond;
    conversation.respond = async () => {
      throw new Error('boom');
    };
    try {
      const res = await postJson(`${app.url}/api/message`, { text: 'nedad' });
      expect(res.status).toBe(500);
      expect(res.json.error).toBe('Der skete en fejl i Ledelsesbot. Prøv igen om lidt.');
      expect(app.log.lines.some((l) => l.includes('boom'))).toBe(true);
    } finally {
      conversation.respond = original;
    }
    expect((await ask('nedad')).title).toBe('Ledelse nedad');
  });
});

describe('POST /api/feedback', () => {
  it('stores a vote like Slack does, platform web, with no question text in the file', async () => {
    const reply = await ask(QUESTION);
    const action = reply.actions.find((a) => a.type === 'feedback')!;
    if (action.type !== 'feedback') throw new Error('no feedback action');
    const res = await postJson(`${app.url}/api/feedback`, { statementIds: action.statementIds, questionHash: action.questionHash, vote: 'up' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, message: 'Tak for din feedback' });

    const onDisk = JSON.parse(readFileSync(app.dbFile, 'utf8'));
    expect(onDisk.feedback).toContainEqual({
      day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      questionHash: action.questionHash,
      statementIds: action.statementIds,
      vote: 'up',
      platform: 'web',
    });
    expect(readFileSync(app.dbFile, 'utf8')).not.toMatch(/fortæller|nedskæringerne/);
  });

  it('stores a 👎 on today\'s tip with its tip key', async () => {
    const tip = (await json(await fetch(`${app.url}/api/tip`))).reply as Reply;
    const action = tip.actions.find((a) => a.type === 'feedback');
    if (action?.type !== 'feedback') throw new Error('no feedback action on the tip');
    const res = await postJson(`${app.url}/api/feedback`, { statementIds: action.statementIds, questionHash: action.questionHash, vote: 'down' });
    expect(res.status).toBe(200);
    expect(app.deps.store.data.feedback.at(-1)).toMatchObject({ questionHash: `tip:${action.statementIds[0]}`, vote: 'down', platform: 'web' });
  });

  it('refuses bad votes with a Danish 400 and stores nothing', async () => {
    const count = app.deps.store.data.feedback.length;
    const cases: Array<[unknown, RegExp]> = [
      [{ statementIds: ['nedad-01'], questionHash: '', vote: 'maybe' }, /felt "vote"\): Feltet "vote" skal være "up" eller "down"/],
      [{ statementIds: [], questionHash: '', vote: 'up' }, /felt "statementIds"\): mindst ét udsagn/],
      [{ statementIds: ['<script>'], questionHash: '', vote: 'up' }, /felt "statementIds.0"\): ukendt udsagns-id/],
      [{ statementIds: ['nedad-01'], questionHash: 'hvordan fortæller jeg det', vote: 'up' }, /felt "questionHash"\): ugyldig spørgsmålsnøgle/],
      [{ statementIds: 'nedad-01', questionHash: '', vote: 'up' }, /felt "statementIds"\)/],
    ];
    for (const [body, message] of cases) {
      const res = await postJson(`${app.url}/api/feedback`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error, JSON.stringify(body)).toMatch(message);
    }
    expect(app.deps.store.data.feedback.length).toBe(count);
  });
});

describe('GET /api/tip', () => {
  it("gives today's tip from the tip service, the same all day", async () => {
    const res = await fetch(`${app.url}/api/tip`);
    expect(res.status).toBe(200);
    const reply = (await json(res)).reply as Reply;
    expect(reply).toEqual(app.deps.tips.todaysTip());
    expect(reply.type).toBe('tip');
    expect(reply.sections[0]!.statements[0]!.sourceLabel).toBe(SOURCE);
    const again = (await json(await fetch(`${app.url}/api/tip`))).reply;
    expect(again).toEqual(reply);
  });
});
