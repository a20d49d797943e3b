import type { SessionNanos, UnixMicros } from '../../shared';

/** US equity exchanges (Nasdaq, NYSE) keep Eastern time; IANA zone with DST rules. */
export const US_EQUITY_TIME_ZONE = 'America/New_York';

const NS_PER_MS = 1_000_000;
const NS_PER_US = 1_000;
const DAY_MS = 86_400_000;

/**
 * Converts session times (nanoseconds after the local midnight of one trading date in one time
 * zone) to Unix epoch microseconds, using the zone's real UTC offset from Intl (so DST is right,
 * never a fixed -5h/-4h). The offset is looked up at the wall time itself, so even the 02:00 DST
 * switch days convert correctly; on a fall-back day an ambiguous 01:xx wall time maps to its first
 * (daylight-time) occurrence.
 */
export class SessionCalendar {
  private readonly midnightWallMs: number;
  private readonly format: Intl.DateTimeFormat;
  /** Offset (wall - UTC, ms) when it is the same all day, else NaN (a DST switch day). */
  private readonly constantOffsetMs: number;

  /**
   * @param sessionDate ISO date "YYYY-MM-DD" (exchange local date).
   * @param timeZone IANA zone, default America/New_York.
   * @throws RangeError for a malformed date or unknown zone.
   */
  constructor(
    readonly sessionDate: string,
    readonly timeZone: string = US_EQUITY_TIME_ZONE,
  ) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(sessionDate);
    const wall = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
    if (!m || Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== sessionDate) {
      throw new RangeError(`session date ${JSON.stringify(sessionDate)} is not a calendar date; expected YYYY-MM-DD`);
    }
    this.midnightWallMs = wall;
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    const start = this.offsetAtWall(wall);
    const end = this.offsetAtWall(wall + DAY_MS - 1000);
    this.constantOffsetMs = start === end ? start : NaN;
  }

  /**
   * Unix epoch µs of session time `time` (ns after local midnight), truncated to the µs.
   * @throws RangeError when `time` is not a safe integer within the day (0 .. 24h).
   */
  toUnixMicros(time: SessionNanos): UnixMicros {
    if (!Number.isSafeInteger(time) || time < 0 || time > DAY_MS * NS_PER_MS) {
      throw new RangeError(`session time ${time} is not within the day; expected 0..${DAY_MS * NS_PER_MS} ns after midnight`);
    }
    const wallMs = this.midnightWallMs + Math.floor(time / NS_PER_MS);
    const offset = Number.isNaN(this.constantOffsetMs) ? this.offsetAtWall(wallMs) : this.constantOffsetMs;
    return (wallMs - offset) * 1000 + Math.floor((time % NS_PER_MS) / NS_PER_US);
  }

  /** Session time (ns after local midnight of `sessionDate`) of Unix epoch ms `unixMs`. */
  fromUnixMillis(unixMs: number): SessionNanos {
    return (unixMs + this.offsetAt(unixMs) - this.midnightWallMs) * NS_PER_MS;
  }

  /** Wall-minus-UTC offset (ms) in force at wall time `wallMs` (wall clock expressed as if UTC). */
  private offsetAtWall(wallMs: number): number {
    const guess = this.offsetAt(wallMs);
    return this.offsetAt(wallMs - guess);
  }

  /** Wall-minus-UTC offset (ms) at the UTC instant `utcMs`. */
  private offsetAt(utcMs: number): number {
    const parts = this.format.formatToParts(new Date(utcMs));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return wall - Math.floor(utcMs / 1000) * 1000;
  }
}

/**
 * Today's date ("YYYY-MM-DD") in `timeZone` at Unix ms `nowMs`: the session date of a market that
 * trades "today" (the synthetic feed).
 */
export function localDate(nowMs: number, timeZone: string = US_EQUITY_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(nowMs));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
