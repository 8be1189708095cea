// Bad input through the core's one entry (Conversation.respond): every message gets a reply a
// front end can render — an answer, an honest "no good match", or help — and nothing throws.
import { describe, expect, it } from 'vitest';
import type { MessageContext } from '../../src/bot/context.ts';
import type { Reply } from '../../src/bot/reply.ts';
import { slackDeps } from '../helpers/slack-deps.ts';

const { conversation } = await slackDeps();
const ctx: MessageContext = {
  platform: 'test',
  conversation: 'C0TEST',
  commandPrefix: '/ledelse ',
  capabilities: { tipSubscriptions: true, questionChannels: true, forms: false },
};
const ask = async (text: string): Promise<Reply> => (await conversation.respond({ type: 'message', text }, ctx))!;

const shown = (reply: Reply) => reply.sections.flatMap((s) => s.statements.map((v) => v.text));

function expectNoMatch(reply: Reply) {
  expect(reply.type).toBe('no-match');
  expect(reply.title).toBe('Ingen gode svar');
  expect(reply.intro).toMatch(/^Jeg fandt ikke noget/);
  expect(reply.sections).toEqual([]);
  // A way on: the four directions and Bungay.
  expect(reply.suggestions.map((s) => s.command)).toEqual(['opad', 'nedad', 'til siden', 'udad', 'bungay']);
}

function expectAnswer(reply: Reply, snippet: string) {
  expect(reply.type).toBe('answer');
  const texts = shown(reply);
  expect(texts.length).toBeGreaterThan(0);
  expect(texts.length).toBeLessThanOrEqual(3);
  expect(texts.some((t) => t.toLowerCase().includes(snippet.toLowerCase())), JSON.stringify(texts)).toBe(true);
  // Feedback buttons name exactly the statements shown.
  const feedback = reply.actions.find((a) => a.type === 'feedback');
  expect(feedback).toBeDefined();
  expect(feedback && feedback.type === 'feedback' && feedback.statementIds).toEqual(reply.sections[0]!.statements.map((s) => s.id));
}

describe('Conversation.respond with bad input', () => {
  it('an empty or blank message gets the help text, not an error', async () => {
    for (const text of ['', '   ', '\n\t']) {
      const reply = await ask(text);
      expect(reply.type).toBe('help');
      expect(reply.commands?.map((c) => c.command)).toContain('/ledelse nedad');
    }
  });

  it.each([
    ['emoji only', '😀🎉🔥'],
    ['an off-topic question', 'Hvordan nulstiller jeg min adgangskode?'],
    ['English small talk', 'Who won the match?'],
    ['a link whose URL, not label, is on topic', '<https://intra.example/besparelser-medarbejdere|se her>'],
    ['100 kB of noise', 'blablabla '.repeat(10_000)],
    ['control characters', '\u0000\u0007\u001b[31m'],
  ])('%s gets an honest "no good match"', async (_name, text) => {
    expectNoMatch(await ask(text));
  });

  it('100 kB of a real question gets an answer from its beginning', async () => {
    const text = 'Hvordan bruger jeg MED-udvalget, når vi skal spare? '.repeat(2000);
    expect(text.length).toBeGreaterThan(100_000);
    expectAnswer(await ask(text), 'MED-udvalgene');
  });

  it('Slack markup around a question is ignored and the link label counts', async () => {
    expectAnswer(await ask('<@U123> <!channel> Hvad siger grupperne om <https://intra.example/x|Bungays model>?'), 'Bungays model');
  });

  it('SHOUTING gets the same answer as lower case', async () => {
    const q = 'Hvordan giver jeg mine medarbejdere psykologisk tryghed?';
    const lower = await ask(q);
    expectAnswer(lower, 'psykologisk tryghed');
    expect(shown(await ask(q.toUpperCase()))).toEqual(shown(lower));
  });

  it('æøå written as aa/oe/ae gets the same answer', async () => {
    // Every content word but one carries æøå here, so without respelling nothing would match.
    const composed = await ask('Hvordan håndterer jeg medarbejdernes følelser?');
    expectAnswer(composed, 'følelse');
    const respelled = await ask('Hvordan haandterer jeg medarbejdernes foelelser?');
    expect(respelled.type).toBe('answer');
    expect(shown(respelled)).toEqual(shown(composed));
  });

  it('an English question gets an honest no-match: the statements are Danish', async () => {
    expectNoMatch(await ask('How do I tell my staff about the budget cuts?'));
  });

  it('never shows a meeting remark', async () => {
    const reply = await ask('Svært at se storskærmen.');
    expect(shown(reply)).not.toContain('Svært at se storskærmen.');
    expect(reply.sections.flatMap((s) => s.statements).every((v) => v.kind !== 'meeting')).toBe(true);
  });

  it('an invalid tip time gets a Danish explanation, not a crash', async () => {
    const reply = await ask('tip abonner 25:00');
    expect(reply.type).toBe('error');
    expect(reply.intro).toContain('"25:00" er ikke et klokkeslæt');
    expect(reply.intro).toContain('/ledelse tip abonner 08:30');
  });

  it('a direction command with a kind shows only that kind', async () => {
    const reply = await ask('Nedad undgå');
    expect(reply.type).toBe('direction');
    expect(reply.title).toBe('Ledelse nedad — undgå');
    const views = reply.sections.flatMap((s) => s.statements);
    expect(views.length).toBeGreaterThan(3);
    expect(views.every((v) => v.kind === 'dont' && v.direction === 'nedad')).toBe(true);
  });
});
