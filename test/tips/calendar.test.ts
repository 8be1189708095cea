// The Danish tip calendar and Copenhagen time arithmetic.
import { describe, expect, it } from 'vitest';
import { dayOffReason, publicHolidays, type CalendarOptions } from '../../src/tips/calendar.ts';
import { copenhagenClock, copenhagenInstant, danishWhen, endOfDay } from '../../src/clock.ts';
import { dueAt, nextTip, windowEnd } from '../../src/tips/schedule.ts';
import type { StoredSubscription } from '../../src/tips/state.ts';

/** A tip day is a day without a reason to be off. */
const isTipDay = (day: Date | string, options?: CalendarOptions) => dayOffReason(day, options) === undefined;

const ALL_OFF: CalendarOptions = { skipDec24: true, skipDec31: true, skipGrundlovsdag: true };
const ALL_ON: CalendarOptions = { skipDec24: false, skipDec31: false, skipGrundlovsdag: false };

describe('tip days', () => {
  it('are Monday to Friday', () => {
    // 2025-12-01 is a Monday.
    const week = ['2025-12-01', '2025-12-02', '2025-12-03', '2025-12-04', '2025-12-05', '2025-12-06', '2025-12-07'];
    expect(week.map((d) => isTipDay(d))).toEqual([true, true, true, true, true, false, false]);
    expect(dayOffReason('2025-12-06')).toBe('det er lørdag');
    expect(dayOffReason('2025-12-07')).toBe('det er søndag');
  });

  it('skip every Danish public holiday that falls on a weekday in 2025', () => {
    const off = ['2025-01-01', '2025-04-17', '2025-04-18', '2025-04-21', '2025-05-29', '2025-06-09', '2025-12-25', '2025-12-26'];
    for (const d of off) expect(isTipDay(d, ALL_ON), d).toBe(false);
    expect(dayOffReason('2025-12-25')).toBe('Juledag er helligdag');
    expect(dayOffReason('2025-04-18')).toBe('Langfredag er helligdag');
  });

  it('never post on Christmas Day, whatever the configuration', () => {
    for (const year of [2024, 2025, 2026, 2029]) {
      const day = `${year}-12-25`;
      expect(isTipDay(day, ALL_ON), day).toBe(false);
    }
  });

  it('treat Store Bededag as a holiday in 2023 but as a working day from 2024 (abolished)', () => {
    // date-holidays lists Store Bededag up to 2023 only; 2024-04-26 and 2025-05-16 were its dates.
    expect(publicHolidays(2023).get('2023-05-05')).toBe('Store Bededag');
    expect(isTipDay('2023-05-05')).toBe(false);
    expect([...publicHolidays(2024).values()]).not.toContain('Store Bededag');
    expect(isTipDay('2024-04-26')).toBe(true);
    expect(isTipDay('2025-05-16')).toBe(true);
    expect(isTipDay('2026-05-01')).toBe(true); // 1. maj is an observance, not a public holiday
  });

  it('make 24 and 31 December and Grundlovsdag configurable', () => {
    // 2025-12-24 is a Wednesday, 2025-12-31 a Wednesday, 2025-06-05 a Thursday.
    for (const d of ['2025-12-24', '2025-12-31', '2025-06-05']) {
      expect(isTipDay(d, ALL_OFF), d).toBe(false);
      expect(isTipDay(d, ALL_ON), d).toBe(true);
    }
    expect(isTipDay('2025-12-24', { ...ALL_ON, skipDec24: true })).toBe(false);
    expect(isTipDay('2025-12-31', { ...ALL_ON, skipDec24: true })).toBe(true);
    expect(dayOffReason('2025-06-05', ALL_OFF)).toContain('grundlovsdag');
  });

  it('take the Copenhagen day of an instant, not the UTC day', () => {
    // 23:30 UTC on Wednesday 24 December 2025 is already Christmas Day in Copenhagen.
    expect(isTipDay(new Date('2025-12-24T23:30:00Z'), ALL_ON)).toBe(false);
    // 23:30 UTC on Sunday 30 November is Monday morning in Copenhagen.
    expect(isTipDay(new Date('2025-11-30T23:30:00Z'))).toBe(true);
  });
});

describe('Copenhagen time', () => {
  it('puts 08:30 at 07:30 UTC in winter and 06:30 UTC in summer', () => {
    expect(copenhagenInstant('2025-12-01', '08:30').toISOString()).toBe('2025-12-01T07:30:00.000Z');
    expect(copenhagenInstant('2025-06-02', '08:30').toISOString()).toBe('2025-06-02T06:30:00.000Z');
  });

  it('follows the switches to and from summer time', () => {
    // Summer time began Sunday 30 March 2025 and ended Sunday 26 October 2025.
    expect(dueAt({ time: '08:30' }, '2025-03-28').toISOString()).toBe('2025-03-28T07:30:00.000Z');
    expect(dueAt({ time: '08:30' }, '2025-03-31').toISOString()).toBe('2025-03-31T06:30:00.000Z');
    expect(dueAt({ time: '08:30' }, '2025-10-24').toISOString()).toBe('2025-10-24T06:30:00.000Z');
    expect(dueAt({ time: '08:30' }, '2025-10-27').toISOString()).toBe('2025-10-27T07:30:00.000Z');
    // On the switch nights themselves: 02:30 does not exist in spring, occurs twice in autumn.
    expect(copenhagenInstant('2025-03-30', '02:30').toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(copenhagenInstant('2025-10-26', '02:30').toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(endOfDay('2025-03-30').getTime() - copenhagenInstant('2025-03-30', '00:00').getTime()).toBe(23 * 3_600_000);
    expect(endOfDay('2025-10-26').getTime() - copenhagenInstant('2025-10-26', '00:00').getTime()).toBe(25 * 3_600_000);
  });

  it('reads instants back as Copenhagen clock times', () => {
    expect(copenhagenClock(new Date('2025-12-01T07:30:00Z'))).toBe('08:30');
    expect(copenhagenClock(new Date('2025-06-02T06:30:00Z'))).toBe('08:30');
  });

  it('writes dates in Danish', () => {
    expect(danishWhen('2025-12-01', '08:30', '2025-11-28')).toBe('mandag 1. december kl. 08:30');
    expect(danishWhen('2025-12-02', '08:30', '2025-12-01')).toBe('i morgen, tirsdag 2. december kl. 08:30');
    expect(danishWhen('2025-12-01', '09:15', '2025-12-01')).toBe('i dag kl. 09:15');
    expect(danishWhen('2026-01-02', '08:30', '2025-12-30')).toBe('fredag 2. januar 2026 kl. 08:30');
  });
});

describe('the schedule', () => {
  const sub = (time: string, since = '2025-01-01T00:00:00Z'): StoredSubscription => ({
    key: 'slack:C1',
    platform: 'slack',
    channel: 'C1',
    time,
    status: 'active',
    origin: 'command',
    since,
  });
  const options = { calendar: ALL_OFF, cutoff: '15:00' };

  it('lets a missed tip come until the cut-off, or an hour after a late tip time', () => {
    expect(windowEnd(sub('08:30'), '2025-12-01', '15:00').toISOString()).toBe('2025-12-01T14:00:00.000Z');
    expect(windowEnd(sub('16:00'), '2025-12-01', '15:00').toISOString()).toBe('2025-12-01T16:00:00.000Z');
    expect(windowEnd(sub('23:30'), '2025-12-01', '15:00').toISOString()).toBe('2025-12-01T23:00:00.000Z');
  });

  it('finds the next tip across a weekend and Christmas', () => {
    // Friday 19 December 2025 at 10:00, already posted today.
    const now = new Date('2025-12-19T09:00:00Z');
    const claims = { '2025-12-19': { statementId: 'x', state: 'posted' as const, claimedAt: now.toISOString(), attempts: 1 } };
    expect(nextTip(sub('08:30'), claims, now, options)?.day).toBe('2025-12-22');
    // Tuesday 23 December after the cut-off: 24 (skipped), 25, 26 (holidays), weekend → Monday 29.
    expect(nextTip(sub('08:30'), {}, new Date('2025-12-23T15:00:00Z'), options)?.day).toBe('2025-12-29');
  });

  it('does not count a subscription made after today’s tip time as a missed tip', () => {
    const now = new Date('2025-12-01T09:00:00Z'); // 10:00 Copenhagen
    expect(nextTip(sub('08:30', now.toISOString()), {}, now, options)?.day).toBe('2025-12-02');
    expect(nextTip(sub('08:30', '2025-11-01T00:00:00Z'), {}, now, options)?.day).toBe('2025-12-01');
    expect(nextTip(sub('11:00', now.toISOString()), {}, now, options)?.day).toBe('2025-12-01');
  });
});
