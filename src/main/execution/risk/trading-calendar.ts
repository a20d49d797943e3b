import type { UnixMicros } from '../../../shared';

/**
 * US equity trading days for the PDT rule's "five business days": weekdays that are not regular NYSE
 * holidays (NYSE Rule 7.2 and its published holiday schedule): New Year's Day, Martin Luther King Jr.
 * Day, Washington's Birthday, Good Friday, Memorial Day, Juneteenth (from 2022), Independence Day,
 * Labor Day, Thanksgiving and Christmas, with a Sunday holiday observed the Monday after and a Saturday
 * holiday the Friday before (except New Year's Day, which is then not observed). Unscheduled closures
 * (national days of mourning, 2012's Hurricane Sandy) are not included. Dates are ISO "YYYY-MM-DD".
 */

const DAY_MS = 86_400_000;
const holidaysByYear = new Map<number, ReadonlySet<string>>();

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function utc(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}

/** The n-th (1-based) `weekday` (0 = Sunday) of a month, as UTC ms. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = utc(year, month, 1);
  const offset = (weekday - new Date(first).getUTCDay() + 7) % 7;
  return first + (offset + (n - 1) * 7) * DAY_MS;
}

/** The last `weekday` of a month, as UTC ms. */
function lastWeekday(year: number, month: number, weekday: number): number {
  const last = utc(year, month + 1, 0);
  const offset = (new Date(last).getUTCDay() - weekday + 7) % 7;
  return last - offset * DAY_MS;
}

/** Easter Sunday (Gregorian), the anonymous algorithm of Meeus, "Astronomical Algorithms" (1991), ch. 8. */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

/** Saturday -> Friday before, Sunday -> Monday after (fixed-date holidays). */
function observed(ms: number): number {
  const weekday = new Date(ms).getUTCDay();
  return weekday === 6 ? ms - DAY_MS : weekday === 0 ? ms + DAY_MS : ms;
}

/** Regular NYSE holidays of `year` (observed dates). */
export function nyseHolidays(year: number): ReadonlySet<string> {
  const cached = holidaysByYear.get(year);
  if (cached) return cached;
  const days: number[] = [];
  const newYear = utc(year, 1, 1);
  if (new Date(newYear).getUTCDay() !== 6) days.push(observed(newYear));
  if (year >= 1998) days.push(nthWeekday(year, 1, 1, 3));
  days.push(nthWeekday(year, 2, 1, 3));
  days.push(easter(year) - 2 * DAY_MS);
  days.push(lastWeekday(year, 5, 1));
  if (year >= 2022) days.push(observed(utc(year, 6, 19)));
  days.push(observed(utc(year, 7, 4)));
  days.push(nthWeekday(year, 9, 1, 1));
  days.push(nthWeekday(year, 11, 4, 4));
  days.push(observed(utc(year, 12, 25)));
  const set = new Set(days.map(iso));
  holidaysByYear.set(year, set);
  return set;
}

/** True for a weekday that is not a regular NYSE holiday. @param date ISO "YYYY-MM-DD". */
export function isTradingDay(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = new Date(ms).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !nyseHolidays(Number(date.slice(0, 4))).has(date);
}

/**
 * The first date of the `count` trading days ending at `date` (inclusive when `date` is a trading day;
 * otherwise ending at the trading day before it). `count` = 5 gives the PDT rule's window.
 */
export function windowStart(date: string, count: number): string {
  let ms = Date.parse(`${date}T00:00:00Z`);
  let found = 0;
  for (;;) {
    const day = iso(ms);
    if (isTradingDay(day)) {
      found += 1;
      if (found === count) return day;
    }
    ms -= DAY_MS;
  }
}

/**
 * Session dates in America/New_York (US equities trade on New York time, so a fill at 20:30 New York
 * time on Monday belongs to Monday even though it is Tuesday in UTC). The formatter is built once and
 * the date of the current hour is cached, so the order path pays a comparison, not an Intl call.
 */
export class NewYorkSessionDates {
  private readonly format = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  private cachedHour = Number.NaN;
  private cachedDate = '';

  /** ISO date in New York of Unix µs `time`. */
  dateOf(time: UnixMicros): string {
    // DST switches and midnight fall on whole UTC hours for New York, so a date is constant per UTC hour.
    const hour = Math.floor(time / 3_600_000_000);
    if (hour !== this.cachedHour) {
      this.cachedHour = hour;
      this.cachedDate = this.format.format(new Date(hour * 3_600_000));
    }
    return this.cachedDate;
  }
}
