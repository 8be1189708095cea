// Copenhagen wall-clock arithmetic that never depends on the server's own time zone; shared by
// the store, the tip core and the front ends, so it sits below all of them.
// Days are "YYYY-MM-DD" strings (a Copenhagen calendar day); times of day are "HH:MM".

export const TIP_ZONE = 'Europe/Copenhagen';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIP_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The Copenhagen wall-clock reading of an instant. */
export function copenhagenWallTime(instant: Date): WallTime {
  const parts = partsFormat.formatToParts(instant);
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: value('year'), month: value('month'), day: value('day'), hour: value('hour') % 24, minute: value('minute'), second: value('second') };
}

// Made once: building an Intl formatter costs far more than using one. en-CA writes YYYY-MM-DD.
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIP_ZONE });

/** The Copenhagen calendar day of an instant, "YYYY-MM-DD". */
export function copenhagenDay(instant: Date = new Date()): string {
  return dayFormat.format(instant);
}

/** "HH:MM" in Copenhagen. */
export function copenhagenClock(instant: Date): string {
  const w = copenhagenWallTime(instant);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Copenhagen's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
export function copenhagenOffsetMs(instant: Date): number {
  const w = copenhagenWallTime(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function parseDay(day: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function parseClock(time: string): [number, number] {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) throw new RangeError(`not a time of day: ${time}`);
  return [Number(m[1]), Number(m[2])];
}

export function isDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/**
 * The instant at which it is `time` on `day` in Copenhagen. On the two yearly switches (always a
 * Sunday, never a tip day) a time that does not exist counts from the winter offset, and a time
 * that occurs twice is its first occurrence.
 */
export function copenhagenInstant(day: string, time: string): Date {
  const [y, mo, d] = parseDay(day);
  const [h, mi] = parseClock(time);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Try both offsets Copenhagen uses; keep the earliest that reads back as the wall time.
  const candidates = [2, 1].map((hours) => new Date(wall - hours * 3_600_000));
  for (const c of candidates) {
    const w = copenhagenWallTime(c);
    if (w.year === y && w.month === mo && w.day === d && w.hour === h && w.minute === mi) return c;
  }
  // In the spring gap: the offset in force just before it, so 02:30 becomes 03:30 summer time.
  return new Date(wall - copenhagenOffsetMs(new Date(wall - 3 * 3_600_000)));
}

/** Start of the next Copenhagen day after `day` (the end of `day`). */
export function endOfDay(day: string): Date {
  return copenhagenInstant(addDays(day, 1), '00:00');
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = parseDay(day);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a calendar day (independent of any time zone). */
export function weekdayOf(day: string): number {
  const [y, m, d] = parseDay(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseDay(from);
  const [y2, m2, d2] = parseDay(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

export function minutesOf(time: string): number {
  const [h, m] = parseClock(time);
  return h * 60 + m;
}

export const WEEKDAYS = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'];
const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** "mandag 1. december" (with the year when it is not `thisYear`). */
export function danishDay(day: string, thisYear?: number): string {
  const [y, m, d] = parseDay(day);
  const year = thisYear === undefined || thisYear !== y ? ` ${y}` : '';
  return `${WEEKDAYS[weekdayOf(day)]} ${d}. ${MONTHS[m - 1]}${year}`;
}

/** "i dag kl. 08:30", "i morgen, tirsdag 2. december kl. 08:30", "mandag 8. december kl. 08:30". */
export function danishWhen(day: string, time: string, today: string): string {
  const thisYear = Number(today.slice(0, 4));
  if (day === today) return `i dag kl. ${time}`;
  if (day === addDays(today, 1)) return `i morgen, ${danishDay(day, thisYear)} kl. ${time}`;
  return `${danishDay(day, thisYear)} kl. ${time}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
