// Reply → Adaptive Cards: within Teams' limits, statements as data, nothing lost when a long
// list is split.

import { describe, expect, test } from 'vitest';
import { Replies } from '../../src/bot/replies.ts';
import type { Reply, StatementView } from '../../src/bot/reply.ts';
import { LiveKnowledge } from '../../src/search/knowledge-index.ts';
import { MAX_CARD_ACTIONS, MAX_CARD_BYTES, cardWithFeedbackThanks, renderReplyCards } from '../../src/teams/cards.ts';
import { teamsContext } from '../../src/teams/platform.ts';
import { teamsDeps } from '../helpers/teams-deps.ts';
import { actionsOf, textOf, walk } from '../helpers/teams-harness.ts';

/** Teams refuses a message above about 28 KB. */
const TEAMS_MESSAGE_LIMIT = 28 * 1024;

const knowledge = LiveKnowledge.load(undefined, () => {});
const replies = new Replies(knowledge);
const { conversation } = await teamsDeps();
const chat = teamsContext('a:personal-chat', { group: false, botName: 'Ledelsesbot' });

function view(i: number, text: string, kind: 'do' | 'dont' = 'do'): StatementView {
  return {
    id: `opad-${String(i).padStart(2, '0')}`,
    text,
    direction: 'opad',
    directionLabel: 'Ledelse opad',
    kind,
    kindLabel: kind === 'do' ? 'Gør' : 'Undgå',
    groups: [4, 6],
    groupsLabel: 'Gruppe 4 og 6',
    sourceLabel: 'Opsamling tværgående ledelsesgrupper, 22. maj 2024',
  };
}

function bigReply(count: number): Reply {
  const long = 'Vær tydelig om rammerne og om det, der ikke kan ændres, og giv plads til spørgsmål undervejs. '.repeat(4);
  const dos = Array.from({ length: count }, (_, i) => view(i, `#${i}# ${long}`, 'do'));
  const donts = Array.from({ length: count }, (_, i) => view(count + i, `#${count + i}# ${long}`, 'dont'));
  return {
    type: 'direction',
    title: 'Ledelse opad',
    intro: 'Det sagde ledelsesgrupperne om at lede opad.',
    sections: [
      { title: 'Gør', kind: 'do', statements: dos },
      { title: 'Undgå', kind: 'dont', statements: donts },
    ],
    suggestions: [{ command: 'nedad', label: 'Ledelse nedad' }],
    sources: ['Opsamling tværgående ledelsesgrupper, 22. maj 2024'],
    actions: [],
  };
}

describe('size', () => {
  test('every direction and Bungay fit Teams, split into several cards where needed', async () => {
    for (const command of ['opad', 'nedad', 'til siden', 'udad', 'bungay', 'hjælp']) {
      const reply = (await conversation.respond({ type: 'message', text: command }, chat))!;
      const cards = renderReplyCards(reply);
      const text = cards.map((c) => textOf(c.card)).join('\n');
      for (const c of cards) {
        const bytes = Buffer.byteLength(JSON.stringify({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: c.card }] }));
        expect(bytes, `${command}: card of ${bytes} bytes`).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      }
      for (const section of reply.sections) for (const s of section.statements) expect(text).toContain(s.text);
    }
  });

  test('a long list is split into cards of at most MAX_CARD_BYTES, in order, each statement once', () => {
    const reply = bigReply(60);
    const cards = renderReplyCards(reply);
    expect(cards.length).toBeGreaterThan(2);
    for (const c of cards) expect(Buffer.byteLength(JSON.stringify(c.card))).toBeLessThanOrEqual(MAX_CARD_BYTES);

    const all = cards.map((c) => textOf(c.card)).join('\n');
    let at = -1;
    for (const s of reply.sections.flatMap((x) => x.statements)) {
      const i = all.indexOf(`${s.text}`);
      expect(all.indexOf(s.text, i + 1)).toBe(-1); // shown once
      expect(i).toBeGreaterThan(at); // in order
      at = i;
    }
    // The title and intro open the first card; later cards say they continue; the
    // sources and buttons close the last one.
    expect(textOf(cards[0]!.card)).toContain(reply.intro!);
    expect(textOf(cards[1]!.card)).toContain(`Ledelse opad (fortsat, 2 af ${cards.length})`);
    expect(cards.map((c) => c.summary)).toEqual(cards.map((_, i) => `Ledelse opad (${i + 1} af ${cards.length})`));
    expect(textOf(cards.at(-1)!.card)).toContain('Kilde: Opsamling');
    expect(cards.slice(0, -1).every((c) => !c.card.actions)).toBe(true);
    expect(cards.at(-1)!.card.actions).toHaveLength(1);
    // A section that goes on in the next card gets its heading again.
    const undgaa = cards.findIndex((c) => textOf(c.card).includes('✘ Undgå'));
    expect(cards.slice(undgaa + 1).some((c) => textOf(c.card).includes('✘ Undgå (fortsat)'))).toBe(true);
  });

  test('at most six buttons', () => {
    const reply = bigReply(1);
    reply.suggestions = Array.from({ length: 9 }, (_, i) => ({ command: `c${i}`, label: `Knap ${i}` }));
    const [card] = renderReplyCards(reply);
    expect(card!.card.actions).toHaveLength(MAX_CARD_ACTIONS);
  });
});

describe('statements are data', () => {
  test('Markdown and mention markup in a statement are shown as written, never interpreted', () => {
    const tricky = 'Sig **aldrig** "det er [besluttet](https://x.example)" til <at>Hanne</at> — _vent_ med\n- lister';
    const reply = bigReply(1);
    reply.sections[0]!.statements[0] = view(1, tricky);
    const [card] = renderReplyCards(reply);
    const runs = walk(card!.card).filter((n) => n.type === 'TextRun').map((n) => n.text);
    expect(runs).toContain(tricky);
    // TextRun is plain text in Adaptive Cards; TextBlock (which renders Markdown) is not used.
    expect(walk(card!.card).some((n) => n.type === 'TextBlock')).toBe(false);
  });

  test('help renders each command as a line "command — description"', () => {
    const [card] = renderReplyCards(replies.help({ commandPrefix: '' }), { mentionHint: 'Ledelsesbot' });
    const text = textOf(card!.card);
    expect(text).toContain('nedad undgå — Kun det, grupperne mener, man skal undgå');
    expect(text).toContain('skriv @Ledelsesbot foran beskeden, fx "@Ledelsesbot nedad"');
  });
});

describe('feedback', () => {
  test('after a vote the card is the same, with the buttons replaced by a thank-you', () => {
    const statement = knowledge.current.kb.statements.find((s) => s.kind === 'do')!;
    const [rendered] = renderReplyCards(replies.tip(statement));
    expect(rendered!.hasFeedback).toBe(true);
    const before = actionsOf(rendered!.card).filter((a) => a.type === 'Action.Execute');
    expect(before).toHaveLength(2);
    const after = cardWithFeedbackThanks(rendered!.card, 'up');
    expect(actionsOf(after).filter((a) => a.type === 'Action.Execute')).toHaveLength(0);
    expect(textOf(after)).toContain(statement.text);
    expect(textOf(after)).toContain('Tak for din vurdering');
    expect(after.actions).toEqual(rendered!.card.actions);
  });
});
