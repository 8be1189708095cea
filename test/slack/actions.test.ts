// Button clicks (block_actions, form-encoded payload=) over real HTTP: "Del i kanalen",
// "Hjalp det?" 👍/👎, a tip's "Flere om …", and the suggested commands.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allText, buttonById, buttons, header, type Block } from '../helpers/slack-blocks.ts';
import { startSlackHarness, type SlackHarness } from '../helpers/slack-deps.ts';
import { sendAction, sendCommand } from '../helpers/slack-requests.ts';

let h: SlackHarness;
let n = 0;

beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Posted {
  response_type?: string;
  replace_original?: boolean;
  delete_original?: boolean;
  text?: string;
  blocks?: Block[];
}

async function ledelse(text: string, channel = 'C0LEDERE'): Promise<Posted> {
  const id = `cmd-${++n}`;
  const res = await sendCommand(h.eventsUrl, { text, channel_id: channel, response_url: h.slack.responseUrl(id) });
  expect(res.status).toBe(200);
  return (await h.slack.waitFor(() => h.slack.responsesTo(id)[0], `the answer to /ledelse ${text}`)).body;
}

/** Clicks a button and returns everything posted to the click's response_url. */
async function click(actionId: string, value: string, extra: { ephemeral?: boolean; channel?: string; message?: { ts: string; text: string; blocks: unknown[] }; user?: string; expect?: number } = {}) {
  const id = `click-${++n}`;
  const res = await sendAction(h.eventsUrl, {
    actionId,
    value,
    responseUrl: h.slack.responseUrl(id),
    ephemeral: extra.ephemeral ?? true,
    ...(extra.channel ? { channel: extra.channel } : {}),
    ...(extra.message ? { message: extra.message } : {}),
    ...(extra.user ? { user: extra.user } : {}),
  });
  expect(res.status).toBe(200);
  expect(res.ms).toBeLessThan(3000);
  const count = extra.expect ?? 1;
  await h.slack.waitFor(() => h.slack.responsesTo(id).length >= count, `${count} posts after clicking ${actionId}`);
  await h.slack.settle(100);
  return h.slack.responsesTo(id).map((r) => r.body as Posted);
}

describe('Del i kanalen', () => {
  it('posts the same answer for everyone, without the share button, and removes the private copy', async () => {
    const privately = await ledelse('nedad undgå');
    const share = buttonById(privately.blocks!, 'ledelse_share')!;
    const [shared, removed] = await click('ledelse_share', share.value!, { expect: 2 });
    expect(shared!.response_type).toBe('in_channel');
    expect(shared!.replace_original).toBe(false);
    expect(header(shared!.blocks!)).toBe(header(privately.blocks!));
    expect(allText(shared!.blocks!)).toContain(allText(privately.blocks!.filter((b) => b.type === 'section')));
    expect(buttonById(shared!.blocks!, 'ledelse_share')).toBeUndefined();
    expect(allText(shared!.blocks!)).toContain('Delt af <@U0LEDER1>');
    expect(removed).toEqual({ delete_original: true });
  });

  it('shares exactly the tip that was shown, not a new random one', async () => {
    const tip = await ledelse('tip');
    const shown = allText(tip.blocks!.filter((b) => b.type === 'section'));
    const [shared] = await click('ledelse_share', buttonById(tip.blocks!, 'ledelse_share')!.value!, { expect: 2 });
    expect(allText(shared!.blocks!.filter((b) => b.type === 'section'))).toBe(shown);
  });

  it('shares an answer to a question with the question quoted, so the channel knows what it answers', async () => {
    const answer = await ledelse('Hvordan inddrager jeg medarbejderne i besparelserne?');
    const [shared] = await click('ledelse_share', buttonById(answer.blocks!, 'ledelse_share')!.value!, { expect: 2 });
    expect(header(shared!.blocks!)).toBe('Det sagde ledelsesgrupperne');
    expect(allText(shared!.blocks!)).toContain('Dit spørgsmål: “Hvordan inddrager jeg medarbejderne i besparelserne?”');
    // The shared copy is not a new question.
    expect(h.deps.store.data.questions.filter((q) => q.questionHash === h.deps.store.hashQuestion('Hvordan inddrager jeg medarbejderne i besparelserne?'))).toHaveLength(1);
  });

  it('ignores a share button whose value has been tampered with', async () => {
    const [posted] = await click('ledelse_share', '{"c": 42}');
    expect(posted!.response_type).toBe('ephemeral');
    expect(posted!.text).toContain('kan ikke deles');
  });
});

describe('Hjalp det? 👍/👎', () => {
  it('stores the vote with statement ids, question hash and day — not who voted nor the question — and thanks in place of the buttons', async () => {
    const question = 'Hvordan giver jeg medarbejderne ro under spareprocessen?';
    const answer = await ledelse(question);
    const up = buttonById(answer.blocks!, 'ledelse_feedback_up')!;
    const before = h.deps.store.data.feedback.length;
    const [ack] = await click('ledelse_feedback_up', up.value!, { user: 'U0VOTER1' });

    const vote = h.deps.store.data.feedback.at(-1)!;
    expect(h.deps.store.data.feedback).toHaveLength(before + 1);
    expect(vote.vote).toBe('up');
    expect(vote.platform).toBe('slack');
    expect(vote.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(vote.questionHash).toBe(h.deps.store.hashQuestion(question));
    const shownIds = JSON.parse(up.value!).i as string[];
    expect(vote.statementIds).toEqual(shownIds);
    const stored = JSON.stringify(h.deps.store.data);
    expect(stored).not.toContain('U0VOTER1');
    expect(stored).not.toContain('spareprocessen');

    expect(ack!.replace_original).toBe(true);
    expect(buttons(ack!.blocks!).some((b) => b.action_id?.startsWith('ledelse_feedback'))).toBe(false);
    expect(allText(ack!.blocks!)).toContain('Tak for din feedback');
    expect(header(ack!.blocks!)).toBe('Det sagde ledelsesgrupperne');
  });

  it('counts a 👎 as down, and a second click by the same person on the same message only once', async () => {
    const answer = await ledelse('Hvordan håndterer jeg modstand mod besparelser i min afdeling?');
    const down = buttonById(answer.blocks!, 'ledelse_feedback_down')!;
    const before = h.deps.store.data.feedback.length;
    const message = { ts: '1716000999.000100', text: 'svar', blocks: answer.blocks! };
    await click('ledelse_feedback_down', down.value!, { channel: 'C0VOTE', message, ephemeral: false, user: 'U0TWICE' });
    const [second] = await click('ledelse_feedback_down', down.value!, { channel: 'C0VOTE', message, ephemeral: false, user: 'U0TWICE' });
    expect(h.deps.store.data.feedback).toHaveLength(before + 1);
    expect(h.deps.store.data.feedback.at(-1)!.vote).toBe('down');
    expect(second!.text).toContain('allerede');
  });

  it('thanks only the voter on a message in a channel, leaving the buttons for the others', async () => {
    const tip = h.deps.replies.tip(h.deps.knowledge.current.kb.statements[0]!);
    const deliver = h.deps.tips.deliveries.get('slack')!;
    await deliver({ key: 'slack:C0TIPVOTE', platform: 'slack', channel: 'C0TIPVOTE', time: '08:30', status: 'active', origin: 'command' }, tip);
    const posted = h.slack.callsTo('chat.postMessage').at(-1)!.body;
    const up = buttonById(posted.blocks, 'ledelse_feedback_up')!;
    const [ack] = await click('ledelse_feedback_up', up.value!, {
      ephemeral: false,
      channel: 'C0TIPVOTE',
      message: { ts: '1716000555.000100', text: posted.text, blocks: posted.blocks },
    });
    expect(ack).toEqual({ response_type: 'ephemeral', replace_original: false, text: 'Tak for din feedback 🙏' });
    expect(h.deps.store.data.feedback.at(-1)).toMatchObject({ statementIds: [tip.sections[0]!.statements[0]!.id], questionHash: `tip:${tip.sections[0]!.statements[0]!.id}` });
  });

  it('replaces the buttons in a direct message, where only the voter sees them', async () => {
    const answer = h.deps.replies.tip(h.deps.knowledge.current.kb.statements[5]!);
    const { renderMessage } = await import('../../src/slack/blocks.ts');
    const message = renderMessage(answer, { command: 'tip' });
    const up = buttonById(message.blocks as Block[], 'ledelse_feedback_up')!;
    const [ack] = await click('ledelse_feedback_up', up.value!, {
      ephemeral: false,
      channel: 'D0DIRECT',
      message: { ts: '1716000666.000100', text: message.text, blocks: message.blocks },
    });
    expect(ack!.replace_original).toBe(true);
    expect(allText(ack!.blocks!)).toContain('Tak for din feedback');
    expect(allText(ack!.blocks!)).toContain(answer.sections[0]!.statements[0]!.text.slice(0, 20));
  });

  it('ignores votes for statements that do not exist', async () => {
    const before = h.deps.store.data.feedback.length;
    const id = `click-${++n}`;
    await sendAction(h.eventsUrl, { actionId: 'ledelse_feedback_up', value: JSON.stringify({ i: ['findes-ikke'], q: 'x' }), responseUrl: h.slack.responseUrl(id), ephemeral: true });
    await h.slack.settle(200);
    expect(h.deps.store.data.feedback).toHaveLength(before);
    expect(h.slack.responsesTo(id)).toHaveLength(0);
  });
});

describe('Flere om …, Vis flere and suggested commands', () => {
  it("shows the direction's whole list to whoever clicks a tip's \"Flere om ledelse nedad\"", async () => {
    const [list] = await click('ledelse_more', JSON.stringify({ c: 'nedad' }), { ephemeral: false, channel: 'C0TIPS' });
    expect(list!.response_type).toBe('ephemeral');
    expect(list!.replace_original).toBe(false);
    expect(header(list!.blocks!)).toBe('Ledelse nedad');
    expect(allText(list!.blocks!)).toContain('⛔ Undgå');
  });

  it('runs a suggested command after "no good match"', async () => {
    const none = await ledelse('hvad er klokken på månen');
    const udad = buttons(none.blocks!).find((b) => JSON.parse(b.value!).c === 'udad')!;
    expect(udad.action_id).toMatch(/^ledelse_run_\d+$/);
    const [list] = await click(udad.action_id!, udad.value!);
    expect(header(list!.blocks!)).toBe('Ledelse udad');
  });

  it('shows the next page of a list with "Vis flere"', async () => {
    const [page] = await click('ledelse_page', JSON.stringify({ c: 'opad', p: 1 }));
    // Real lists fit on one page; a page past the end shows the last page rather than nothing.
    expect(header(page!.blocks!)).toMatch(/^Ledelse opad/);
  });

  it('never runs a state-changing command from a button value', async () => {
    const [posted] = await click('ledelse_more', JSON.stringify({ c: 'kanal spørgsmål til' }), { channel: 'C0SNEAKY' });
    expect(await h.deps.store.isQuestionChannel('slack:C0SNEAKY')).toBe(false);
    expect(header(posted!.blocks!)).toBe('Sådan bruger du Ledelsesbot');
  });
});
