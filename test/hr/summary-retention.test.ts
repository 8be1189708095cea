// HR's weekly summary on the tip scheduler's clock (first working day, HR_SUMMARY_TIME, once per
// channel and week, claimed before posting) and the retention of questions to HR.

import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/bot/reply.ts';
import { Replies } from '../../src/bot/replies.ts';
import { createHrCore } from '../../src/hr/index.ts';
import { LiveKnowledge } from '../../src/search/knowledge-index.ts';
import { FileStore as Store } from '../../src/store/store.ts';
import { isFirstWorkingDay } from '../../src/hr/summary.ts';

const calendar = { skipDec24: true, skipDec31: true, skipGrundlovsdag: true };
const knowledge = LiveKnowledge.load(undefined, () => {});

async function core(now: { at: Date }) {
  const store = await Store.open(':memory:');
  const log = { info: () => {}, warn: () => {}, error: () => {} };
  const hr = createHrCore(
    {
      store,
      knowledge,
      replies: new Replies(knowledge),
      log,
      settings: { configuredDesks: [{ platform: 'slack', channel: 'C0HR' }], retentionDays: 90, calendar, summaryTime: '08:00', cutoff: '15:00' },
    },
    () => now.at,
  );
  await hr.ready;
  const posted: Reply[] = [];
  hr.frontEnds.register('slack', {
    label: 'Slack',
    postToDesk: async (_desk, reply) => {
      posted.push(reply);
      return { ok: true, ref: String(posted.length) };
    },
    deliverToAsker: async () => ({ ok: true }),
  });
  return { hr, store, posted };
}

describe('the weekly summary', () => {
  it('the first working day: Monday, or Tuesday after Easter Monday', () => {
    expect(isFirstWorkingDay('2026-03-02', calendar)).toBe(true);
    expect(isFirstWorkingDay('2026-03-03', calendar)).toBe(false);
    expect(isFirstWorkingDay('2026-04-06', calendar)).toBe(false); // 2. påskedag
    expect(isFirstWorkingDay('2026-04-07', calendar)).toBe(true);
  });

  it('posts once on Monday morning in the HR channel, with figures and no question text', async () => {
    const now = { at: new Date('2026-03-02T06:30:00Z') }; // 07:30 in Copenhagen
    const { hr, posted } = await core(now);
    await hr.service.noteQuestion('none', 'svaere-samtaler', 'slack');
    expect(await hr.summary.run(now.at)).toEqual([]);
    now.at = new Date('2026-03-02T07:01:00Z');
    expect(await hr.summary.run(now.at)).toEqual(['slack:C0HR']);
    expect(await hr.summary.run(new Date('2026-03-02T07:02:00Z'))).toEqual([]);
    expect(await hr.summary.run(new Date('2026-03-03T07:02:00Z'))).toEqual([]);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.title).toMatch(/^Ugens overblik fra Ledelsesbot \(uge 9\)$/);
    expect(posted[0]!.facts!.map((f) => f.label)).toContain('Åbne spørgsmål til HR');
  });

  it('a claim that was never confirmed is not posted again (a crash costs a summary, never doubles it)', async () => {
    const now = { at: new Date('2026-03-09T07:05:00Z') };
    const { hr, posted } = await core(now);
    expect(await hr.repository.claimSummary('slack:C0HR', '2026-03-09', now.at.toISOString())).toBe(true);
    expect(await hr.summary.run(now.at)).toEqual([]);
    expect(posted).toHaveLength(0);
  });
});

describe('retention', () => {
  it('deletes a question HR_RETENTION_DAYS after it was answered; open ones stay; purge deletes all', async () => {
    const now = { at: new Date('2026-01-05T09:00:00Z') };
    const { hr } = await core(now);
    const answered = await hr.repository.addQuestion({ text: 'Besvaret', platform: 'slack', nearest: [], askedAt: now.at.toISOString() });
    await hr.repository.settle(answered.id, { status: 'answered', text: 'Svar', by: 'HR', at: now.at.toISOString() });
    await hr.repository.addQuestion({ text: 'Åben', platform: 'slack', nearest: [], askedAt: now.at.toISOString() });
    now.at = new Date('2026-04-04T09:00:00Z'); // 89 days later
    expect(await hr.service.prune()).toBe(0);
    now.at = new Date('2026-04-06T09:00:00Z');
    expect(await hr.service.prune()).toBe(1);
    expect((await hr.repository.questions()).map((q) => q.text)).toEqual(['Åben']);
    await hr.repository.purge();
    expect(await hr.repository.questions()).toEqual([]);
  });
});
