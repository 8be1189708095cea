// Exactly once per (channel, day): restarts, a crash between claim and post, missed tips,
// overlapping ticks, and the platform's errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FileStore as Store } from '../../src/store/store.ts';
import { copenhagenDay } from '../../src/clock.ts';
import type { DeliveryResult } from '../../src/tips/delivery.ts';
import { makeWorld, SLACK, subscribe, tempDbFile, TestClock } from './helpers.ts';

const FRIDAY = new Date('2025-11-28T12:00:00Z');

/** A "process": a fresh store opened from the file and a fresh service, on a shared clock. */
async function boot(file: string, clock: TestClock) {
  const world = await makeWorld({ start: clock.now(), clock, store: await Store.open(file) });
  await world.scheduler.start();
  return world;
}

function claimsIn(file: string): Record<string, Record<string, { state: string; statementId: string }>> {
  return JSON.parse(readFileSync(file, 'utf8')).tips.claims;
}

describe('a restart', () => {
  it('posts nothing more the same day, and continues the rotation the next day', async () => {
    const file = tempDbFile();
    const clock = new TestClock(FRIDAY);
    const first = await boot(file, clock);
    await subscribe(first, 'C1', '08:30');
    clock.at('2025-12-01', '08:30');
    await first.scheduler.tick();
    first.scheduler.stop();
    expect(first.posts).toHaveLength(1);

    clock.at('2025-12-01', '10:00');
    const second = await boot(file, clock);
    for (const t of ['10:00', '10:01', '14:00']) {
      clock.at('2025-12-01', t);
      await second.scheduler.tick();
    }
    expect(second.attempts).toHaveLength(0);

    clock.at('2025-12-02', '08:30');
    await second.scheduler.tick();
    expect(second.posts).toHaveLength(1);
    expect(second.posts[0]!.statementId).not.toBe(first.posts[0]!.statementId);
    second.scheduler.stop();
  });
});

describe('a crash between claim and post', () => {
  it('never posts that day’s tip (it may have gone out), and goes on the next day', async () => {
    const file = tempDbFile();
    const clock = new TestClock(FRIDAY);
    const crashed = await boot(file, clock);
    await subscribe(crashed, 'C1', '08:30');
    let reached!: () => void;
    const posting = new Promise<void>((r) => (reached = r));
    // The process dies while the platform call is in flight: it never answers.
    crashed.respond = () => {
      reached();
      return new Promise<DeliveryResult>(() => {});
    };
    clock.at('2025-12-01', '08:30');
    void crashed.scheduler.tick();
    await posting;
    crashed.scheduler.stop();
    // The claim was on disk before the platform was called.
    const claimed = claimsIn(file)['slack:C1']!['2025-12-01']!;
    expect(claimed.state).toBe('claimed');

    clock.at('2025-12-01', '08:31');
    const restarted = await boot(file, clock);
    await restarted.scheduler.tick();
    expect(restarted.attempts).toHaveLength(0);
    expect(restarted.log.lines.some((l) => l.startsWith('warn Dagens tip til slack:C1 blev gjort klar, men ikke bekræftet sendt'))).toBe(true);

    clock.at('2025-12-02', '08:30');
    await restarted.scheduler.tick();
    expect(restarted.posts).toHaveLength(1);
    expect(restarted.posts[0]!.statementId).not.toBe(claimed.statementId);
    restarted.scheduler.stop();
  });
});

describe('a tip missed while the app was down', () => {
  it('comes once when the app is back before the cut-off', async () => {
    const file = tempDbFile();
    const clock = new TestClock(FRIDAY);
    const before = await boot(file, clock);
    await subscribe(before, 'C1', '08:30');
    before.scheduler.stop();

    clock.at('2025-12-01', '11:42');
    const back = await boot(file, clock); // start() catches up
    expect(back.posts.map((p) => p.at.toISOString())).toEqual(['2025-12-01T10:42:00.000Z']);
    clock.at('2025-12-01', '11:43');
    await back.scheduler.tick();
    expect(back.posts).toHaveLength(1);
    back.scheduler.stop();
  });

  it('does not come after the cut-off; the next working day is normal', async () => {
    const file = tempDbFile();
    const clock = new TestClock(FRIDAY);
    const before = await boot(file, clock);
    await subscribe(before, 'C1', '08:30');
    before.scheduler.stop();

    clock.at('2025-12-01', '15:00');
    const back = await boot(file, clock);
    expect(back.attempts).toHaveLength(0);
    expect(back.log.lines.some((l) => l.includes('blev ikke sendt, før fristen kl. 15:00'))).toBe(true);
    clock.at('2025-12-02', '08:30');
    await back.scheduler.tick();
    expect(back.posts).toHaveLength(1);
    back.scheduler.stop();
  });

  it('is never a backlog: after days down, only today’s tip comes', async () => {
    const file = tempDbFile();
    const clock = new TestClock(FRIDAY);
    const before = await boot(file, clock);
    await subscribe(before, 'C1', '08:30');
    before.scheduler.stop();

    clock.at('2025-12-04', '09:10'); // down Monday–Wednesday
    const back = await boot(file, clock);
    await back.scheduler.tick();
    expect(back.posts.map((p) => copenhagenDay(p.at))).toEqual(['2025-12-04']);
    back.scheduler.stop();
  });

  it('does not count for a subscription made after today’s tip time', async () => {
    const world = await makeWorld({ start: FRIDAY });
    world.clock.at('2025-12-01', '08:30', 20);
    const reply = await subscribe(world, 'C1', '08:30');
    expect(reply.intro).toContain('Næste tip: i morgen, tirsdag 2. december kl. 08:30.');
    await world.scheduler.tick();
    world.clock.at('2025-12-01', '12:00');
    await world.scheduler.tick();
    expect(world.attempts).toHaveLength(0);
    world.clock.at('2025-12-02', '08:30');
    await world.scheduler.tick();
    expect(world.posts).toHaveLength(1);
  });

  it('does count for a subscription made before today’s tip time', async () => {
    const world = await makeWorld({ start: FRIDAY });
    world.clock.at('2025-12-01', '08:29', 59);
    await subscribe(world, 'C1', '08:30');
    world.clock.at('2025-12-01', '08:30');
    await world.scheduler.tick();
    expect(world.posts).toHaveLength(1);
  });
});

describe('overlapping ticks', () => {
  it('never post the same (channel, day) twice, even from two schedulers on one store', async () => {
    const store = await Store.open(':memory:');
    const clock = new TestClock(FRIDAY);
    const a = await makeWorld({ start: FRIDAY, clock, store });
    const b = await makeWorld({ start: FRIDAY, clock, store });
    await subscribe(a, 'C1', '08:30');
    await subscribe(a, 'C2', '08:30');
    const slow = () => new Promise<DeliveryResult>((r) => setTimeout(() => r({ ok: true }), 20));
    a.respond = slow;
    b.respond = slow;
    clock.at('2025-12-01', '08:30');
    await Promise.all([a.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick()]);
    const all = [...a.attempts, ...b.attempts].map((p) => p.key).sort();
    expect(all).toEqual(['slack:C1', 'slack:C2']);
  });
});

describe('platform errors', () => {
  it('honour Retry-After without blocking, and post the same tip once afterwards', async () => {
    const world = await makeWorld({ start: FRIDAY });
    await subscribe(world, 'C1', '08:30');
    await subscribe(world, 'C2', '08:30');
    let limited = 1;
    world.respond = (sub) => (sub.key === 'slack:C1' && limited-- > 0 ? { ok: false, retryAfterSeconds: 90 } : { ok: true });
    world.clock.at('2025-12-01', '08:30');
    const report = await world.scheduler.tick();
    expect(report.retrying).toEqual(['slack:C1']);
    expect(report.posted).toEqual(['slack:C2']); // the other channel was not held up
    world.clock.at('2025-12-01', '08:31');
    await world.scheduler.tick();
    expect(world.attempts.filter((p) => p.key === 'slack:C1')).toHaveLength(1);
    const waiting = await world.commands.handle({ type: 'tip-status' }, { ...SLACK, channel: 'C1' });
    expect(waiting.intro).toContain('Dagens tip venter');
    world.clock.at('2025-12-01', '08:32');
    await world.scheduler.tick();
    for (const t of ['08:33', '09:00', '14:00']) {
      world.clock.at('2025-12-01', t);
      await world.scheduler.tick();
    }
    const c1 = world.attempts.filter((p) => p.key === 'slack:C1');
    expect(c1).toHaveLength(2);
    expect(c1[0]!.statementId).toBe(c1[1]!.statementId);
    expect(world.posts.filter((p) => p.key === 'slack:C1')).toHaveLength(1);
    expect(world.log.lines).toContain('warn Dagens tip til slack:C1 venter 90 s (rate limit, Retry-After) og prøves igen.');
  });

  it('give up a rate-limited tip at the cut-off', async () => {
    const world = await makeWorld({ start: FRIDAY });
    await subscribe(world, 'C1', '14:50');
    world.respond = () => ({ ok: false, retryAfterSeconds: 1200 });
    world.clock.at('2025-12-01', '14:50');
    await world.scheduler.tick();
    world.clock.at('2025-12-01', '15:10');
    await world.scheduler.tick();
    expect(world.attempts).toHaveLength(1);
    expect(world.log.lines.some((l) => l.includes('opgives'))).toBe(true);
    world.respond = () => ({ ok: true });
    world.clock.at('2025-12-02', '14:50');
    await world.scheduler.tick();
    expect(world.posts).toHaveLength(1);
  });

  it.each([
    ['not_in_channel', 'Appen er ikke medlem af kanalen.'],
    ['channel_not_found', 'Kanalen findes ikke længere.'],
    ['is_archived', 'Kanalen er arkiveret.'],
  ])('pause the subscription when the front end reports %s, show its reason in status, and resume on abonner', async (code, danish) => {
    const world = await makeWorld({ start: FRIDAY });
    await subscribe(world, 'C1', '08:30');
    world.respond = () => ({ ok: false, pause: { code, reason: danish } });
    world.clock.at('2025-12-01', '08:30');
    const report = await world.scheduler.tick();
    expect(report.paused).toEqual(['slack:C1']);
    expect(world.log.lines.some((l) => l.startsWith(`warn Daglige tips til slack:C1 er sat på pause (${code})`))).toBe(true);

    for (const [d, t] of [['2025-12-01', '08:31'], ['2025-12-02', '08:30'], ['2025-12-03', '08:30']] as const) {
      world.clock.at(d, t);
      await world.scheduler.tick();
    }
    expect(world.attempts).toHaveLength(1); // not looped on

    const status = await world.commands.handle({ type: 'tip-status' }, { ...SLACK, channel: 'C1' });
    expect(status.title).toBe('Dagligt tip er sat på pause');
    expect(status.intro).toContain(`Tipsene i denne kanal er sat på pause: ${danish}`);
    expect(status.intro).toContain('skriv /ledelse tip abonner for at genoptage dem');
    const total = world.knowledge.current.kb.statements.filter((s) => s.kind === 'do' || s.kind === 'dont').length;
    expect(status.intro).toContain(`Der er ${total} tips af ${total} tilbage`); // the unposted tip went back

    world.respond = () => ({ ok: true });
    world.clock.at('2025-12-03', '10:00'); // the bot is invited again mid-morning
    const resumed = await subscribe(world, 'C1');
    expect(resumed.intro).toContain('Tipsene er genoptaget.');
    expect(resumed.intro).toContain('Næste tip: i morgen, torsdag 4. december kl. 08:30.');
    world.clock.at('2025-12-04', '08:30');
    await world.scheduler.tick();
    expect(world.posts).toHaveLength(1);
  });

  it('show a front end’s own Danish pause reason as it is, without repeating how to resume', async () => {
    const world = await makeWorld({ start: FRIDAY });
    await subscribe(world, 'C1', '08:30');
    const reason = 'Ledelsesbot er ikke medlem af kanalen. Inviter den med /invite @Ledelsesbot, og skriv /ledelse tip abonner for at starte igen.';
    world.respond = () => ({ ok: false, pause: { code: 'not_in_channel', reason } });
    world.clock.at('2025-12-01', '08:30');
    await world.scheduler.tick();
    const status = await world.commands.handle({ type: 'tip-status' }, { ...SLACK, channel: 'C1' });
    expect(status.intro).toContain(`Tipsene i denne kanal er sat på pause: ${reason}`);
    expect(status.intro!.match(/tip abonner/g)).toHaveLength(1);
    expect(world.log.lines).toContain(`warn Daglige tips til slack:C1 er sat på pause (not_in_channel): ${reason}`);
  });

  it('log other errors once and do not retry them the same day', async () => {
    const world = await makeWorld({ start: FRIDAY });
    await subscribe(world, 'C1', '08:30');
    await subscribe(world, 'C2', '08:30');
    world.respond = (sub) => {
      if (sub.key === 'slack:C1') return { ok: false, error: 'internal_error xoxb-123-secret' };
      throw new Error('socket hang up');
    };
    world.clock.at('2025-12-01', '08:30');
    const report = await world.scheduler.tick();
    expect(report.failed.sort()).toEqual(['slack:C1', 'slack:C2']);
    for (const t of ['08:31', '10:00']) {
      world.clock.at('2025-12-01', t);
      await world.scheduler.tick();
    }
    expect(world.attempts).toHaveLength(2);
    expect(world.log.lines.join('\n')).not.toContain('xoxb-123-secret');
    expect(world.log.lines).toContain('error Dagens tip til slack:C2 kunne ikke sendes (socket hang up); det prøves ikke igen i dag.');
    world.respond = () => ({ ok: true });
    world.clock.at('2025-12-02', '08:30');
    await world.scheduler.tick();
    expect(world.posts).toHaveLength(2);
  });

  it('treat a delivery that never answers as an error instead of blocking the schedule', async () => {
    const world = await makeWorld({ start: FRIDAY, deliveryTimeoutMs: 30 });
    await subscribe(world, 'C1', '08:30');
    world.respond = () => new Promise<DeliveryResult>(() => {});
    world.clock.at('2025-12-01', '08:30');
    const report = await world.scheduler.tick();
    expect(report.failed).toEqual(['slack:C1']);
    expect(world.log.lines).toContain('error Dagens tip til slack:C1 kunne ikke sendes (timeout); det prøves ikke igen i dag.');
  });
});

describe('a platform that is not running', () => {
  it('leaves its tips unclaimed until a front end registers, within the day’s window', async () => {
    const world = await makeWorld({ start: FRIDAY, platforms: [] });
    await subscribe(world, 'C1', '08:30');
    world.clock.at('2025-12-01', '08:30');
    await world.scheduler.tick();
    expect(world.log.lines.some((l) => l.includes('slack er ikke sat op'))).toBe(true);
    let got = 0;
    world.deliveries.register('slack', async () => {
      got++;
      return { ok: true };
    });
    world.clock.at('2025-12-01', '09:00');
    await world.scheduler.tick();
    await world.scheduler.tick();
    expect(got).toBe(1);
  });
});
