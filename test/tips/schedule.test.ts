// The daily tip over days and weeks with a controlled clock, as the channels see it.
import { describe, expect, it } from 'vitest';
import { addDays, copenhagenClock, copenhagenDay } from '../../src/clock.ts';
import { tipStatements } from '../../src/knowledge/advice.ts';
import { makeWorld, subscribe, type World } from './helpers.ts';

/** Ticks every `stepMinutes` from `fromDay` 00:00 to the end of `toDay` (Copenhagen). */
async function runDays(world: World, fromDay: string, toDay: string, stepMinutes = 5): Promise<void> {
  world.clock.at(fromDay, '00:00');
  const end = world.clock.at(addDays(toDay, 1), '00:00').getTime();
  world.clock.at(fromDay, '00:00');
  while (world.clock.instant.getTime() < end) {
    await world.scheduler.tick();
    world.clock.advance(stepMinutes * 60_000);
  }
}

describe('a week with Easter and the switch to summer time', () => {
  it('posts at 08:30 Copenhagen time on working days only, one tip a day', async () => {
    // Monday 25 March – Friday 5 April 2024: Skærtorsdag 28/3, Langfredag 29/3, summer time from
    // Sunday 31/3, 2. påskedag 1/4.
    const world = await makeWorld({ start: new Date('2024-03-22T12:00:00Z') });
    await subscribe(world, 'C1', '08:30');
    await runDays(world, '2024-03-25', '2024-04-05');
    expect(world.posts.map((p) => p.at.toISOString())).toEqual([
      '2024-03-25T07:30:00.000Z',
      '2024-03-26T07:30:00.000Z',
      '2024-03-27T07:30:00.000Z',
      '2024-04-02T06:30:00.000Z',
      '2024-04-03T06:30:00.000Z',
      '2024-04-04T06:30:00.000Z',
      '2024-04-05T06:30:00.000Z',
    ]);
    expect(world.posts.every((p) => copenhagenClock(p.at) === '08:30')).toBe(true);
    expect(world.log.lines).toContain('info Ingen daglige tips i dag (2024-03-28): Skærtorsdag er helligdag.');
  });

  it('follows the switch back to winter time, and posts on the former Store Bededag', async () => {
    const world = await makeWorld({ start: new Date('2024-04-20T12:00:00Z') });
    await subscribe(world, 'C1', '09:15');
    await runDays(world, '2024-04-26', '2024-04-26'); // former Store Bededag (Friday)
    await runDays(world, '2024-10-25', '2024-10-28'); // Friday, weekend with the switch, Monday
    expect(world.posts.map((p) => p.at.toISOString())).toEqual(['2024-04-26T07:15:00.000Z', '2024-10-25T07:15:00.000Z', '2024-10-28T08:15:00.000Z']);
  });

  it('never posts on Christmas Day, and skips 24 and 31 December unless configured', async () => {
    const skip = await makeWorld({ start: new Date('2025-12-20T12:00:00Z') });
    await subscribe(skip, 'C1');
    await runDays(skip, '2025-12-22', '2026-01-02', 15);
    expect(skip.posts.map((p) => copenhagenDay(p.at))).toEqual(['2025-12-22', '2025-12-23', '2025-12-29', '2025-12-30', '2026-01-02']);

    const open = await makeWorld({ start: new Date('2025-12-20T12:00:00Z'), env: { TIP_SKIP_DEC24: 'false', TIP_SKIP_DEC31: 'nej' } });
    await subscribe(open, 'C1');
    await runDays(open, '2025-12-22', '2026-01-02', 15);
    expect(open.posts.map((p) => copenhagenDay(p.at))).toEqual(['2025-12-22', '2025-12-23', '2025-12-24', '2025-12-29', '2025-12-30', '2025-12-31', '2026-01-02']);
  });
});

describe('two channels with different times', () => {
  it('each gets its own tip at its own time, once a day, from its own rotation', async () => {
    const world = await makeWorld({ start: new Date('2025-11-28T12:00:00Z') });
    await subscribe(world, 'C1', '08:30');
    await subscribe(world, 'C2', '13:05');
    await runDays(world, '2025-12-01', '2025-12-03', 1);
    const at = (key: string) => world.posts.filter((p) => p.key === key).map((p) => p.at.toISOString());
    expect(at('slack:C1')).toEqual(['2025-12-01T07:30:00.000Z', '2025-12-02T07:30:00.000Z', '2025-12-03T07:30:00.000Z']);
    expect(at('slack:C2')).toEqual(['2025-12-01T12:05:00.000Z', '2025-12-02T12:05:00.000Z', '2025-12-03T12:05:00.000Z']);
    const ids = (key: string) => world.posts.filter((p) => p.key === key).map((p) => p.statementId);
    expect(ids('slack:C1')).not.toEqual(ids('slack:C2'));
  });
});

describe('a full round', () => {
  it('posts every eligible statement exactly once over as many working days, then starts again', async () => {
    const world = await makeWorld({ start: new Date('2025-01-03T12:00:00Z') });
    await subscribe(world, 'C1', '08:30');
    await subscribe(world, 'C2', '10:00');
    const eligible = tipStatements(world.knowledge.current.kb.statements);
    // Visit each day at a few moments: before, at and after the tip times.
    let day = '2025-01-06';
    let workingDays = 0;
    while (world.posts.filter((p) => p.key === 'slack:C1').length < eligible.length) {
      const before = world.posts.length;
      for (const time of ['07:00', '08:30', '09:00', '10:00', '14:59', '16:00']) {
        world.clock.at(day, time);
        await world.scheduler.tick();
      }
      const today = world.posts.slice(before);
      // Either a day off with nothing, or a working day with exactly one tip per channel.
      expect([0, 2]).toContain(today.length);
      if (today.length) workingDays++;
      day = addDays(day, 1);
    }
    expect(workingDays).toBe(eligible.length);
    for (const key of ['slack:C1', 'slack:C2']) {
      const ids = world.posts.filter((p) => p.key === key).map((p) => p.statementId);
      expect(ids).toHaveLength(eligible.length);
      expect(new Set(ids)).toEqual(new Set(eligible.map((s) => s.id)));
      // Never the same direction two working days running.
      const directions = ids.map((id) => world.knowledge.current.kb.byId.get(id)!.direction);
      for (let i = 1; i < directions.length; i++) expect(directions[i]).not.toBe(directions[i - 1]);
    }
    // One post per channel per day.
    const perDay = new Map<string, number>();
    for (const p of world.posts) perDay.set(`${p.key} ${copenhagenDay(p.at)}`, (perDay.get(`${p.key} ${copenhagenDay(p.at)}`) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(1);
    // The next working day begins round two.
    const status = await world.commands.handle({ type: 'tip-status' }, { platform: 'slack', channel: 'C1', commandPrefix: '/ledelse ' });
    expect(status.intro).toContain(`Alle ${eligible.length} tips er brugt i denne runde`);
  }, 60_000);
});

describe('a live knowledge edit', () => {
  it('brings new statements into the round and skips removed ones', async () => {
    const world = await makeWorld({ start: new Date('2025-11-28T12:00:00Z') });
    await subscribe(world, 'C1', '08:30');
    let day = '2025-12-01';
    const tipDay = async () => {
      for (;;) {
        world.clock.at(day, '08:30');
        const n = world.posts.length;
        await world.scheduler.tick();
        day = addDays(day, 1);
        if (world.posts.length > n) return;
      }
    };
    for (let i = 0; i < 10; i++) await tipDay();
    const served = new Set(world.posts.map((p) => p.statementId));
    const all = world.knowledge.current.kb.statements;
    const removed = tipStatements(all).filter((s) => !served.has(s.id)).slice(0, 3).map((s) => s.id);
    world.knowledge.replace([
      ...all.filter((s) => !removed.includes(s.id)),
      { id: 'udad-99', text: 'At svare borgerne ærligt, også når svaret er, at vi ikke ved det endnu.', direction: 'udad', kind: 'do', groups: [7], source: 'opsamling-2024-05-22' },
    ]);
    const eligible = tipStatements(world.knowledge.current.kb.statements);
    for (let i = 10; i < eligible.length; i++) await tipDay();
    const ids = world.posts.map((p) => p.statementId);
    expect(ids).toContain('udad-99');
    for (const id of removed) expect(ids).not.toContain(id);
    expect(new Set(ids).size).toBe(eligible.length);
    expect(ids).toHaveLength(eligible.length);
  }, 60_000);
});

describe('the tip message', () => {
  it('is a tip reply with the statement, its direction, do or don’t, groups, source, "Flere om" and feedback', async () => {
    const world = await makeWorld({ start: new Date('2025-11-28T12:00:00Z') });
    await subscribe(world, 'C1', '08:30');
    world.clock.at('2025-12-01', '08:30');
    await world.scheduler.tick();
    const { reply, statementId } = world.posts[0]!;
    const statement = world.knowledge.current.kb.byId.get(statementId)!;
    expect(reply.type).toBe('tip');
    expect(reply.title).toBe('Dagens tip');
    const view = reply.sections[0]!.statements[0]!;
    expect(view.text).toBe(statement.text);
    expect(view.kindLabel).toBe(statement.kind === 'do' ? 'Gør' : 'Undgå');
    expect(view.directionLabel).toMatch(/^Ledelse (opad|nedad|til siden|udad)$|^Generelle bemærkninger$/);
    expect(view.groupsLabel).toMatch(/^Gruppe /);
    expect(reply.sources).toEqual(['Opsamling tværgående ledelsesgrupper, 22. maj 2024']);
    const more = reply.actions.find((a) => a.type === 'more');
    expect(more?.type === 'more' && more.label).toMatch(/^Flere om /);
    const feedback = reply.actions.find((a) => a.type === 'feedback');
    expect(feedback?.type === 'feedback' && feedback.statementIds).toEqual([statementId]);
  });
});
