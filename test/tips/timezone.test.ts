// The schedule must not depend on the server's own time zone. This file runs with the process in
// a zone far from Copenhagen (its own worker process, so other files are unaffected).
process.env.TZ = 'Pacific/Kiritimati'; // UTC+14

import { afterAll, describe, expect, it } from 'vitest';
import { dayOffReason } from '../../src/tips/calendar.ts';
import { copenhagenDay, copenhagenInstant } from '../../src/clock.ts';
import { makeWorld, subscribe } from './helpers.ts';

const isTipDay = (day: string) => dayOffReason(day) === undefined;

afterAll(() => {
  delete process.env.TZ;
});

describe('with the server in UTC+14', () => {
  it('really runs in another zone', () => {
    expect(new Date('2025-12-01T12:00:00Z').getTimezoneOffset()).toBe(-14 * 60);
  });

  it('computes Copenhagen days and times as in Copenhagen', () => {
    expect(copenhagenInstant('2025-12-01', '08:30').toISOString()).toBe('2025-12-01T07:30:00.000Z');
    expect(copenhagenInstant('2025-06-02', '08:30').toISOString()).toBe('2025-06-02T06:30:00.000Z');
    expect(copenhagenDay(new Date('2025-12-24T22:59:00Z'))).toBe('2025-12-24');
    expect(copenhagenDay(new Date('2025-12-24T23:00:00Z'))).toBe('2025-12-25');
    expect(isTipDay('2025-12-25')).toBe(false);
    expect(isTipDay('2025-12-22')).toBe(true);
    expect(isTipDay('2024-04-26')).toBe(true); // Store Bededag abolished
  });

  it('posts at 08:30 Copenhagen time, not 08:30 server time', async () => {
    const world = await makeWorld({ start: new Date('2025-11-28T12:00:00Z') });
    await subscribe(world, 'C1', '08:30');
    // 08:30 in Kiritimati on 1 December is 18:30 UTC the day before — not a tip time.
    world.clock.instant = new Date('2025-11-30T18:30:00Z');
    await world.scheduler.tick();
    expect(world.posts).toHaveLength(0);
    world.clock.instant = new Date('2025-12-01T07:29:00Z');
    await world.scheduler.tick();
    expect(world.posts).toHaveLength(0);
    world.clock.instant = new Date('2025-12-01T07:30:00Z');
    await world.scheduler.tick();
    expect(world.posts.map((p) => p.at.toISOString())).toEqual(['2025-12-01T07:30:00.000Z']);
  });
});
