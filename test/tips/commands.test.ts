// "/ledelse tip abonner|afmeld|status" as a channel sees the replies, and TIP_CHANNELS.
import { describe, expect, it } from 'vitest';
import { FileStore as Store } from '../../src/store/store.ts';
import { makeWorld, SLACK, subscribe, tempDbFile, textOf } from './helpers.ts';

// Friday 28 November 2025, 10:00 in Copenhagen.
const FRIDAY_10 = new Date('2025-11-28T09:00:00Z');

describe('tip abonner', () => {
  it('subscribes the channel at 08:30 by default and says when the next tip comes', async () => {
    const world = await makeWorld({ start: FRIDAY_10 });
    const reply = await subscribe(world, 'C1');
    expect(reply.type).toBe('info');
    expect(reply.intro).toContain(
      'Denne kanal får nu et tip fra ledelsesgrupperne hver hverdag kl. 08:30 (dansk tid). Næste tip: mandag 1. december kl. 08:30.',
    );
    expect(reply.intro).toContain('Der kommer ingen tips i weekender og på helligdage.');
    expect(reply.intro).toContain('/ledelse tip afmeld');
    expect(world.log.lines).toContain('info Daglige tips til slack:C1 er slået til kl. 08:30.');
  });

  it('subscribes at a chosen time and moves the time on a new abonner', async () => {
    const world = await makeWorld({ start: FRIDAY_10 });
    expect((await subscribe(world, 'C1', '11:15')).intro).toContain('hver hverdag kl. 11:15 (dansk tid). Næste tip: i dag kl. 11:15.');
    const same = await subscribe(world, 'C1', '11:15');
    expect(same.intro).toContain('Denne kanal får allerede et tip');
    const moved = await subscribe(world, 'C1', '09:00');
    expect(moved.title).toBe('Tidspunktet er ændret');
    expect(moved.intro).toContain('kl. 09:00 (dansk tid). Næste tip: mandag 1. december kl. 09:00.');
  });

  it('persists subscriptions in DB_FILE', async () => {
    const file = tempDbFile();
    const first = await makeWorld({ start: FRIDAY_10, dbFile: file });
    await subscribe(first, 'C1', '07:45');
    const again = await makeWorld({ start: FRIDAY_10, store: await Store.open(file) });
    const status = await again.commands.handle({ type: 'tip-status' }, { ...SLACK, channel: 'C1' });
    expect(status.intro).toContain('hver hverdag kl. 07:45');
  });

  it('works for Teams conversations too and keeps their conversation reference', async () => {
    const world = await makeWorld({ start: FRIDAY_10, platforms: ['teams'] });
    const ref = { conversation: { id: '19:abc@thread.tacv2' }, serviceUrl: 'https://smba.example' };
    const reply = await world.commands.handle({ type: 'tip-subscribe', time: '08:00' }, { platform: 'teams', channel: '19:abc@thread.tacv2', address: ref, commandPrefix: '' });
    expect(reply.intro).toContain('Skriv tip afmeld for at stoppe dem.');
    world.clock.at('2025-12-01', '08:00');
    await world.scheduler.tick();
    expect(world.posts).toHaveLength(1);
    expect(world.posts[0]!.key).toBe('teams:19:abc@thread.tacv2');
  });
});

describe('tip afmeld', () => {
  it('stops the tips and says how to start again', async () => {
    const world = await makeWorld({ start: FRIDAY_10 });
    await subscribe(world, 'C1');
    const reply = await world.commands.handle({ type: 'tip-unsubscribe' }, { ...SLACK, channel: 'C1' });
    expect(reply.title).toBe('Dagligt tip er slået fra');
    expect(reply.intro).toContain('Denne kanal får ikke længere daglige tips. Skriv /ledelse tip abonner');
    world.clock.at('2025-12-01', '08:30');
    await world.scheduler.tick();
    expect(world.posts).toHaveLength(0);
  });

  it('explains when the channel has no subscription', async () => {
    const world = await makeWorld({ start: FRIDAY_10 });
    const reply = await world.commands.handle({ type: 'tip-unsubscribe' }, { ...SLACK, channel: 'C9' });
    expect(reply.intro).toContain('Denne kanal abonnerer ikke på daglige tips. Skriv /ledelse tip abonner 08:30');
  });
});

describe('tip status', () => {
  it('shows the time, the next tip and how many tips are left in the round', async () => {
    const world = await makeWorld({ start: FRIDAY_10 });
    await subscribe(world, 'C1', '08:30');
    world.clock.at('2025-12-01', '08:30');
    await world.scheduler.tick();
    world.clock.at('2025-12-01', '10:00');
    const reply = await world.commands.handle({ type: 'tip-status' }, { ...SLACK, channel: 'C1' });
    const total = world.knowledge.current.kb.statements.filter((s) => s.kind === 'do' || s.kind === 'dont').length;
    expect(reply.intro).toContain('Denne kanal får et tip fra ledelsesgrupperne hver hverdag kl. 08:30 (dansk tid).');
    expect(reply.intro).toContain('Næste tip: i morgen, tirsdag 2. december kl. 08:30.');
    expect(reply.intro).toContain('Dagens tip blev sendt kl. 08:30.');
    expect(reply.intro).toContain(`Der er ${total - 1} tips af ${total} tilbage i denne runde`);
  });

  it('says when the channel has no subscription', async () => {
    const world = await makeWorld({ start: FRIDAY_10 });
    const reply = await world.commands.handle({ type: 'tip-status' }, { ...SLACK, channel: 'C1' });
    expect(textOf(reply)).toContain('Denne kanal abonnerer ikke på daglige tips.');
  });
});

describe('TIP_CHANNELS', () => {
  it('subscribes the listed channels at TIP_TIME, skipping entries that are not channel ids', async () => {
    const world = await makeWorld({
      start: FRIDAY_10,
      env: { TIP_CHANNELS: 'C0ENV1, slack:G0ENV2 teams:19:xyz@thread.tacv2 #general', TIP_TIME: '07:45' },
      platforms: ['slack', 'teams'],
    });
    await world.scheduler.start();
    expect(world.log.lines.some((l) => l.startsWith('warn TIP_CHANNELS: "#general" er ikke et Slack-kanal-id'))).toBe(true);
    world.clock.at('2025-12-01', '07:45');
    await world.scheduler.tick();
    expect(world.posts.map((p) => p.key).sort()).toEqual(['slack:C0ENV1', 'slack:G0ENV2', 'teams:19:xyz@thread.tacv2']);
    expect(world.posts.every((p) => p.at.toISOString() === '2025-12-01T06:45:00.000Z')).toBe(true);
    world.scheduler.stop();
  });

  it('cannot be unsubscribed from the channel, and says why', async () => {
    const world = await makeWorld({ start: FRIDAY_10, env: { TIP_CHANNELS: 'C0ENV1' } });
    const reply = await world.commands.handle({ type: 'tip-unsubscribe' }, { ...SLACK, channel: 'C0ENV1' });
    expect(reply.intro).toContain('kommer fra opsætningen (TIP_CHANNELS) og kan ikke afmeldes her');
    const status = await world.commands.handle({ type: 'tip-status' }, { ...SLACK, channel: 'C0ENV1' });
    expect(status.intro).toContain('Kanalen er sat op i TIP_CHANNELS.');
    const abonner = await subscribe(world, 'C0ENV1', '10:00');
    expect(abonner.intro).toContain('Tidspunktet for denne kanal er sat i opsætningen (TIP_TIME)');
  });

  it('drops env subscriptions that are no longer listed', async () => {
    const file = tempDbFile();
    const before = await makeWorld({ start: FRIDAY_10, dbFile: file, env: { TIP_CHANNELS: 'C0ENV1' } });
    await before.scheduler.start();
    before.scheduler.stop();
    const after = await makeWorld({ start: FRIDAY_10, store: await Store.open(file), env: { TIP_CHANNELS: '' } });
    await after.scheduler.start();
    const status = await after.commands.handle({ type: 'tip-status' }, { ...SLACK, channel: 'C0ENV1' });
    expect(status.intro).toContain('abonnerer ikke');
    after.scheduler.stop();
  });
});

describe('a hand-edited or older DB file', () => {
  it('does not stop the app; valid subscriptions keep working and the rest is reported', async () => {
    const file = tempDbFile();
    const store = await Store.open(file);
    await store.update((d) => {
      d.tips = {
        subscriptions: {
          'slack:C1': { key: 'slack:C1', platform: 'slack', channel: 'C1', time: '08:30', status: 'active', origin: 'command', since: '2025-01-01T00:00:00Z' },
          'slack:C2': { time: '25:00' },
          'slack:C3': 'nonsense',
        },
        rotations: { 'slack:C1': { round: 'x', served: 7 } },
        claims: 'not an object',
      };
    });
    const world = await makeWorld({ start: FRIDAY_10, store });
    await world.scheduler.start();
    expect(world.log.lines.filter((l) => l.startsWith('warn Daglige tips: tips.subscriptions'))).toHaveLength(2);
    // Started at 10:00 on a Friday: the subscription's missed 08:30 tip comes at once, then Monday's.
    world.clock.at('2025-12-01', '08:30');
    await world.scheduler.tick();
    expect(world.posts.map((p) => `${p.key} ${p.at.toISOString()}`)).toEqual([
      'slack:C1 2025-11-28T09:00:00.000Z',
      'slack:C1 2025-12-01T07:30:00.000Z',
    ]);
    world.scheduler.stop();
  });

  it('copes with tips being missing, null or an array', async () => {
    for (const tips of [undefined, null, [], 42]) {
      const store = await Store.open(':memory:');
      await store.update((d) => {
        (d as { tips: unknown }).tips = tips;
      });
      const world = await makeWorld({ start: FRIDAY_10, store });
      await world.scheduler.start();
      expect((await subscribe(world, 'C1')).intro).toContain('Denne kanal får nu et tip');
      world.scheduler.stop();
    }
  });
});

describe('today’s tip for App Home and the page', () => {
  it('is a tip reply with the statement, its direction, kind, groups and source', async () => {
    const world = await makeWorld({ start: new Date('2025-12-06T10:00:00Z') }); // a Saturday
    const reply = world.todaysTip();
    expect(reply.type).toBe('tip');
    expect(reply.title).toBe('Dagens tip');
    const s = reply.sections[0]!.statements[0]!;
    expect(['Gør', 'Undgå']).toContain(s.kindLabel);
    expect(s.groupsLabel).toMatch(/^Gruppe \d/);
    expect(s.sourceLabel).toBe('Opsamling tværgående ledelsesgrupper, 22. maj 2024');
    expect(world.todaysTip(new Date('2025-12-06T22:00:00Z')).sections[0]!.statements[0]!.id).toBe(s.id);
    expect(world.todaysTip(new Date('2025-12-06T23:30:00Z')).sections[0]!.statements[0]!.id).not.toBe(s.id);
  });
});
