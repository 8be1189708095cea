// Which Copenhagen days are tip days: Monday–Friday, not a Danish public holiday, and not
// 24 December, 31 December or Grundlovsdag when the configuration says those are off.

import Holidays from 'date-holidays';
import type { Config } from '../config.ts';
import { copenhagenDay, weekdayOf } from '../clock.ts';

export interface CalendarOptions {
  /** Juleaftensdag off (many municipalities close). */
  skipDec24: boolean;
  /** Nytårsaftensdag off. */
  skipDec31: boolean;
  /** Grundlovsdag (5 June) off. */
  skipGrundlovsdag: boolean;
}

export const DEFAULT_CALENDAR: CalendarOptions = { skipDec24: true, skipDec31: true, skipGrundlovsdag: true };

export function calendarFromConfig(config: Pick<Config, 'TIP_SKIP_DEC24' | 'TIP_SKIP_DEC31' | 'TIP_SKIP_GRUNDLOVSDAG'>): CalendarOptions {
  return { skipDec24: config.TIP_SKIP_DEC24, skipDec31: config.TIP_SKIP_DEC31, skipGrundlovsdag: config.TIP_SKIP_GRUNDLOVSDAG };
}

const holidays = new Holidays('DK');
const byYear = new Map<number, Map<string, string>>();

/**
 * Danish public holidays of a year: day → Danish name. Only date-holidays' type "public" counts;
 * its "observance" days (Fastelavn, 1. maj, Mors Dag, Grundlovsdag, Juleaftensdag) are working
 * days unless configured below. Store Bededag was abolished from 2024 (lov nr. 152 of
 * 28 February 2023); date-holidays 3.x already leaves it out from 2024, and the filter below keeps
 * it out even if an older table ever lists it.
 */
export function publicHolidays(year: number): ReadonlyMap<string, string> {
  let map = byYear.get(year);
  if (!map) {
    map = new Map();
    for (const h of holidays.getHolidays(year, 'da')) {
      if (h.type !== 'public') continue;
      if (year >= 2024 && /store\s*bededag/i.test(h.name)) continue;
      // h.date is the local (Copenhagen) date, "YYYY-MM-DD 00:00:00".
      map.set(h.date.slice(0, 10), h.name);
    }
    byYear.set(year, map);
  }
  return map;
}

function toDay(date: Date | string): string {
  return typeof date === 'string' ? date : copenhagenDay(date);
}

/** Why a day has no tip, in Danish ("lørdag", "Juledag er helligdag"); undefined on a tip day. */
export function dayOffReason(date: Date | string, options: CalendarOptions = DEFAULT_CALENDAR): string | undefined {
  const day = toDay(date);
  const weekday = weekdayOf(day);
  if (weekday === 6) return 'det er lørdag';
  if (weekday === 0) return 'det er søndag';
  const holiday = publicHolidays(Number(day.slice(0, 4))).get(day);
  if (holiday) return `${holiday} er helligdag`;
  const md = day.slice(5);
  if (md === '12-24' && options.skipDec24) return 'juleaftensdag er fridag (TIP_SKIP_DEC24)';
  if (md === '12-31' && options.skipDec31) return 'nytårsaftensdag er fridag (TIP_SKIP_DEC31)';
  if (md === '06-05' && options.skipGrundlovsdag) return 'grundlovsdag er fridag (TIP_SKIP_GRUNDLOVSDAG)';
  return undefined;
}
