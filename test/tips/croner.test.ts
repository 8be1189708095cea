// The real croner schedule, driven by vitest's fake timers (Date and setTimeout are faked).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeWorld, subscribe, TestClock } from './helpers.ts';

/** A clock that reads the (faked) system time, as in production. */
function systemClock(): TestClock {
  const clock = new TestClock(new Date());
  clock.now = () => new Date();
  return clock;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the minute schedule (croner)', () => {
  it('posts at 08:30:00 Copenhagen time and not again', async () => {
    vi.useFakeTimers({ now: new Date('2025-12-01T07:29:50Z') });
    const world = await makeWorld({ start: new Date(), clock: systemClock(), schedule: true });
    await subscribe(world, 'C1', '08:30');
    await world.scheduler.start();
    expect(world.posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(9_000); // 08:29:59
    expect(world.posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000); // 08:30:01
    expect(world.posts.map((p) => p.at.toISOString())).toEqual(['2025-12-01T07:30:00.000Z']);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(world.posts).toHaveLength(1);
    world.scheduler.stop();
  });

  it('keeps 08:30 Copenhagen time across the weekend of the switch to summer time', async () => {
    // Friday 28 March 2025 08:29 CET → Monday 31 March 2025 08:31 CEST.
    vi.useFakeTimers({ now: new Date('2025-03-28T07:29:00Z') });
    const world = await makeWorld({ start: new Date(), clock: systemClock(), schedule: true });
    await subscribe(world, 'C1', '08:30');
    await world.scheduler.start();
    await vi.advanceTimersByTimeAsync(new Date('2025-03-31T06:31:00Z').getTime() - Date.now());
    expect(world.posts.map((p) => p.at.toISOString())).toEqual(['2025-03-28T07:30:00.000Z', '2025-03-31T06:30:00.000Z']);
    world.scheduler.stop();
  });

  it('retries a rate-limited tip when Retry-After has passed, before the next minute', async () => {
    vi.useFakeTimers({ now: new Date('2025-12-01T07:29:59Z') });
    const world = await makeWorld({ start: new Date(), clock: systemClock(), schedule: true });
    await subscribe(world, 'C1', '08:30');
    let first = true;
    world.respond = () => {
      if (!first) return { ok: true };
      first = false;
      return { ok: false, retryAfterSeconds: 5 };
    };
    await world.scheduler.start();
    await vi.advanceTimersByTimeAsync(2_000); // croner fires at 08:30:00 — rate limited for 5 s
    expect(world.attempts).toHaveLength(1);
    expect(world.posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(6_000); // 08:30:07
    expect(world.posts.map((p) => p.at.toISOString())).toEqual(['2025-12-01T07:30:05.050Z']);
    world.scheduler.stop();
  });
});
