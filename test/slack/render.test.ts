// Block Kit rendering stays within Slack's limits for every reply the bot can give, pages long
// lists instead of dropping or cutting anything, and escapes everything it did not write.

import { describe, expect, it } from 'vitest';
import { noMatch, Questions } from '../../src/bot/questions.ts';
import { Replies } from '../../src/bot/replies.ts';
import type { Reply, StatementView } from '../../src/bot/reply.ts';
import { LEADING_DIRECTIONS } from '../../src/knowledge/directions.ts';
import { LiveKnowledge } from '../../src/search/knowledge-index.ts';
import { decodeCommandRef, decodeFeedback } from '../../src/slack/action-values.ts';
import {
  MAX_ACTIONS_ELEMENTS,
  MAX_BLOCKS_PER_HOME_VIEW,
  MAX_BLOCKS_PER_MESSAGE,
  MAX_BUTTON_TEXT,
  MAX_CONTEXT_ELEMENTS,
  MAX_FALLBACK_TEXT,
  MAX_HEADER_TEXT,
  MAX_SECTION_TEXT,
  renderHome,
  renderMessage,
  withFeedbackThanks,
  type SlackMessage,
} from '../../src/slack/blocks.ts';
import { allText, buttonById, buttons, header, type Block } from '../helpers/slack-blocks.ts';

const knowledge = LiveKnowledge.load(undefined, () => {});
const replies = new Replies(knowledge);
const questions = new Questions(knowledge, replies);
const ctx = { commandPrefix: '/ledelse ' };

/** Every limit Slack enforces on a message, checked on rendered output. */
function expectWithinSlackLimits(message: SlackMessage, maxBlocks = MAX_BLOCKS_PER_MESSAGE): void {
  const blocks = message.blocks as unknown as Block[];
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(MAX_FALLBACK_TEXT);
  const ids = blocks.map((b) => b.block_id).filter(Boolean);
  expect(new Set(ids).size).toBe(ids.length);
  for (const b of blocks) {
    if (b.type === 'header') expect(b.text!.text.length).toBeLessThanOrEqual(MAX_HEADER_TEXT);
    if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    if (b.type === 'context') {
      expect(b.elements!.length).toBeLessThanOrEqual(MAX_CONTEXT_ELEMENTS);
      for (const e of b.elements!) expect((e.text as string).length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    }
    if (b.type === 'actions') {
      expect(b.elements!.length).toBeLessThanOrEqual(MAX_ACTIONS_ELEMENTS);
      const actionIds = b.elements!.map((e) => e.action_id);
      expect(new Set(actionIds).size).toBe(actionIds.length);
      for (const e of b.elements!) {
        expect((e.text as { text: string }).text.length).toBeLessThanOrEqual(MAX_BUTTON_TEXT);
        expect(e.value!.length).toBeLessThanOrEqual(2000);
      }
    }
  }
}

function view(id: number, text: string, kind: 'do' | 'dont' = 'do'): StatementView {
  return {
    id: `test-${id}`,
    text,
    direction: 'nedad',
    directionLabel: 'Ledelse nedad',
    kind,
    kindLabel: kind === 'do' ? 'Gør' : 'Undgå',
    groups: [1, 2],
    groupsLabel: 'Gruppe 1 og 2',
    sourceLabel: 'Opsamling tværgående ledelsesgrupper, 22. maj 2024',
  };
}

function bigList(count: number, text: (i: number) => string): Reply {
  const statements = Array.from({ length: count }, (_, i) => view(i, text(i), i % 3 ? 'do' : 'dont'));
  return {
    type: 'direction',
    title: 'Ledelse nedad',
    intro: 'Det sagde ledelsesgrupperne om at lede nedad.',
    sections: [
      { title: 'Gør', kind: 'do', statements: statements.filter((s) => s.kind === 'do') },
      { title: 'Undgå', kind: 'dont', statements: statements.filter((s) => s.kind === 'dont') },
    ],
    suggestions: [],
    sources: ['Opsamling tværgående ledelsesgrupper, 22. maj 2024'],
    actions: [],
  };
}

const sentence = (i: number) =>
  `Udsagn nummer ${i} handler om at lede i en spareproces, og det er langt nok til at fylde. ` +
  'Det fortsætter med en sætning mere om at inddrage medarbejderne tidligt og ærligt i processen. '.repeat(4).trim();

describe('every real reply fits in Slack', () => {
  it("renders every direction, narrowed or not, Bungay's remarks, help, no-match, and a tip for every statement", async () => {
    const all: Reply[] = [];
    for (const d of LEADING_DIRECTIONS) for (const k of [undefined, 'do', 'dont'] as const) all.push(replies.direction(d, k));
    all.push(replies.general(), replies.general('do'), replies.help(ctx), noMatch());
    for (const s of knowledge.current.kb.statements) all.push(replies.tip(s));
    all.push(await questions.ask('Hvordan fortæller jeg mine medarbejdere om nedskæringerne?', 'slack'));
    for (const reply of all) {
      const message = renderMessage(reply, { command: 'x', share: true, question: 'x' });
      expectWithinSlackLimits(message);
      for (let p = 1; p < message.pageCount; p++) expectWithinSlackLimits(renderMessage(reply, { command: 'x', page: p }));
    }
  });

  it('renders the Home tab within its 100 blocks', () => {
    const home = renderHome({ sources: ['Opsamling tværgående ledelsesgrupper, 22. maj 2024'], statementCount: 205, tip: replies.tip(knowledge.current.kb.statements[0]!, 'Dagens tip'), commands: replies.help(ctx).commands! });
    expect(home.type).toBe('home');
    expect(home.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_HOME_VIEW);
    expect(header(home.blocks as unknown as Block[])).toBe('Ledelsesbot');
  });
});

describe('long lists', () => {
  it('pages a list too long for one message with "Vis flere", showing every statement exactly once, whole and in order', () => {
    const reply = bigList(300, sentence);
    const first = renderMessage(reply, { command: 'nedad', share: true });
    expect(first.pageCount).toBeGreaterThan(1);
    let shown = '';
    for (let p = 0; p < first.pageCount; p++) {
      const page = p === 0 ? first : renderMessage(reply, { command: 'nedad', page: p });
      expectWithinSlackLimits(page);
      const blocks = page.blocks as unknown as Block[];
      shown += `${allText(blocks.filter((b) => b.type === 'section'))}\n`;
      const more = buttonById(blocks, 'ledelse_page');
      if (p < first.pageCount - 1) expect(decodeCommandRef(more!.value)).toEqual({ c: 'nedad', p: p + 1 });
      else expect(more).toBeUndefined();
      if (p > 0) expect(header(blocks)).toBe(`Ledelse nedad (fortsat, side ${p + 1} af ${first.pageCount})`);
      expect(allText(blocks)).toContain(`Side ${p + 1} af ${first.pageCount}`);
    }
    const order = reply.sections.flatMap((s) => s.statements);
    let at = 0;
    for (const s of order) {
      const i = shown.indexOf(`• ${s.text} _(Gruppe 1 og 2)_`, at);
      expect(i, s.id).toBeGreaterThanOrEqual(at);
      at = i;
    }
  });

  it('splits one very long statement over several sections at sentence ends, never inside a sentence', () => {
    const sentences = Array.from({ length: 80 }, (_, i) => `Sætning ${i} om at tage ansvar for besparelserne og forklare hvorfor de er nødvendige.`);
    const long = sentences.join(' ');
    expect(long.length).toBeGreaterThan(2 * MAX_SECTION_TEXT);
    const reply = replies.tip(knowledge.current.kb.statements[0]!);
    reply.sections[0]!.statements[0] = { ...reply.sections[0]!.statements[0]!, text: long };
    const message = renderMessage(reply);
    expectWithinSlackLimits(message);
    const parts = (message.blocks as unknown as Block[]).filter((b) => b.type === 'section').map((b) => b.text!.text);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) expect(part).toMatch(/nødvendige\.$/);
    expect(parts.join(' ').replace(/^\S+ \*Gør:\* /, '')).toBe(long);
  });

  it('cuts the text fallback of a long list at a line end', () => {
    const message = renderMessage(bigList(300, sentence));
    expect(message.text.length).toBeLessThanOrEqual(MAX_FALLBACK_TEXT);
    expect(message.text.endsWith('\n…')).toBe(true);
  });
});

describe('escaping', () => {
  it('escapes &, < and > in statements, so data can never ping or link', () => {
    const reply = bigList(2, (i) => (i ? 'Brug <!channel> & <https://x.example|link> med omtanke' : 'Tal med <@U999> før @here'));
    const message = renderMessage(reply);
    const json = JSON.stringify(message);
    for (const bad of ['<!channel>', '<https://x.example', '<@U999>']) expect(json).not.toContain(bad);
    expect(json).toContain('&lt;!channel&gt; &amp; &lt;https://x.example|link&gt;');
    expect(json).toContain('@\u2060here');
  });
});

describe('buttons', () => {
  it('carries the command, not the answer, and leaves out what would exceed 2000 characters', () => {
    const reply = replies.direction('opad');
    const long = `hvordan ${'sparer vi '.repeat(300)}`;
    const message = renderMessage(reply, { command: long, share: true });
    expect(buttonById(message.blocks as unknown as Block[], 'ledelse_share')).toBeUndefined();
    const short = renderMessage(reply, { command: 'opad', share: true });
    expect(decodeCommandRef(buttonById(short.blocks as unknown as Block[], 'ledelse_share')!.value)).toEqual({ c: 'opad' });
  });

  it('shows "Tak for din feedback" instead of the buttons once a vote is given', () => {
    const tip = replies.tip(knowledge.current.kb.statements[3]!);
    const before = renderMessage(tip, { command: 'tip' });
    const vote = decodeFeedback(buttonById(before.blocks as unknown as Block[], 'ledelse_feedback_up')!.value);
    expect(vote).toEqual({ i: [tip.sections[0]!.statements[0]!.id], q: `tip:${tip.sections[0]!.statements[0]!.id}`, r: { c: 'tip', s: tip.sections[0]!.statements[0]!.id, q: `tip:${tip.sections[0]!.statements[0]!.id}` } });
    for (const after of [renderMessage(tip, { command: 'tip', feedbackGiven: true }).blocks, withFeedbackThanks(before.blocks)]) {
      const blocks = after as unknown as Block[];
      expect(buttons(blocks).some((b) => b.action_id?.startsWith('ledelse_feedback'))).toBe(false);
      expect(allText(blocks)).toContain('Tak for din feedback');
      expect(allText(blocks)).toContain(tip.sections[0]!.statements[0]!.text);
    }
  });

  it('offers "Del i kanalen" only on answers worth sharing', () => {
    const shareable = (r: Reply) => Boolean(buttonById(renderMessage(r, { command: 'x', share: true }).blocks as unknown as Block[], 'ledelse_share'));
    expect(shareable(replies.direction('nedad'))).toBe(true);
    expect(shareable(replies.general())).toBe(true);
    expect(shareable(replies.help(ctx))).toBe(false);
    expect(shareable(noMatch())).toBe(false);
    expect(shareable(replies.info('Dagligt tip', 'Slået til.'))).toBe(false);
  });
});
