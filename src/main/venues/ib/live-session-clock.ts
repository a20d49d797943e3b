import type { Clock, SessionNanos, UnixMicros } from '../../../shared';
import { SessionCalendar, US_EQUITY_TIME_ZONE, localDate } from '../../marketdata';

const NS_PER_US = 1_000;
const DAY_NS = 86_400 * 1e9;
const DAY_US = 86_400 * 1e6;

/**
 * Session time of a live market: nanoseconds after the exchange's local midnight of today, rolling
 * over to the next date at local midnight. A live feed has no timestamps of its own (IB's depth rows
 * carry none), so its events are stamped with the wall clock through this.
 *
 * Cheap on an ordinary day (one subtraction per call); on a DST switch day the zone's offset is
 * looked up per call (SessionCalendar), which is slower but right.
 */
export class LiveSessionClock {
  private calendar!: SessionCalendar;
  /** Unix µs of today's local midnight and of the next one. */
  private midnight = 0;
  private nextMidnight = 0;
  /** False on a DST switch day (the day is not 24 h long). */
  private uniformDay = true;

  /**
   * @param wall the wall clock, Unix µs.
   * @param timeZone IANA zone of the exchange (default America/New_York).
   * @throws RangeError for an unknown zone.
   */
  constructor(
    private readonly wall: Clock,
    private readonly timeZone: string = US_EQUITY_TIME_ZONE,
  ) {
    this.roll(wall.now());
  }

  /** Today's exchange-local date, "YYYY-MM-DD". */
  get sessionDate(): string {
    this.now();
    return this.calendar.sessionDate;
  }

  /** Now as ns after today's local midnight (µs resolution; ms on a DST switch day). */
  now(): SessionNanos {
    const now = this.wall.now();
    if (now >= this.nextMidnight || now < this.midnight) this.roll(now);
    if (this.uniformDay) return (now - this.midnight) * NS_PER_US;
    return this.calendar.fromUnixMillis(Math.floor(now / 1000));
  }

  /**
   * Unix epoch µs of session time `time` of today's date.
   * @throws RangeError when `time` is not a whole number of ns within the day.
   */
  toUnixMicros(time: SessionNanos): UnixMicros {
    return this.calendar.toUnixMicros(time);
  }

  private roll(now: UnixMicros): void {
    this.calendar = new SessionCalendar(localDate(Math.floor(now / 1000), this.timeZone), this.timeZone);
    this.midnight = this.calendar.toUnixMicros(0);
    this.nextMidnight = this.calendar.toUnixMicros(DAY_NS);
    this.uniformDay = this.nextMidnight - this.midnight === DAY_US;
  }
}
