import { formatSessionNanos, type SessionNanos, type UnixMicros } from '../../../shared';

/**
 * Time formatting for the screen. Market time arrives in two units (src/shared/domain/time.ts):
 * `SessionNanos` (ns after the session's midnight, exchange local time = US Eastern for Nasdaq) and
 * `UnixMicros` (µs since the Unix epoch, UTC). Everything is shown in US Eastern time because that is
 * the clock the exchange, the LOBSTER files and the trader's session all run on.
 */

const NANOS_PER_MILLI = 1_000_000;
const MILLIS_PER_SECOND = 1000;

/** The exchange time zone of US equity venues (Nasdaq, NYSE). */
export const EXCHANGE_TIME_ZONE = 'America/New_York';

export { formatSessionNanos } from '../../../shared';

/** `HH:MM:SS.mmm` of a session time, or dashes for one the clock cannot show (out of the day), so a header never breaks on it. */
export function sessionClockText(nanos: SessionNanos): string {
  try {
    return formatSessionNanos(nanos);
  } catch {
    return '--:--:--.---';
  }
}

/**
 * Formats nanoseconds after midnight as `HH:MM` (for the seek input's value), truncating seconds.
 * @throws RangeError as formatSessionNanos.
 */
export function formatSessionNanosHm(nanos: SessionNanos): string {
  return formatSessionNanos(nanos).slice(0, 5);
}

const CLOCK_TEXT = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Parses a wall-clock text `HH:MM` or `HH:MM:SS` (24-hour, as typed in the seek box or produced by an
 * `<input type="time">`) into nanoseconds after midnight.
 * @throws RangeError naming the text when it is not a valid 24-hour time.
 */
export function parseClockToSessionNanos(text: string): SessionNanos {
  const match = CLOCK_TEXT.exec(text.trim());
  if (!match) throw new RangeError(`expected a time like 10:30 or 10:30:15, got ${JSON.stringify(text)}`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = Number(match[3] ?? '0');
  if (hours > 23 || minutes > 59 || seconds > 59) {
    throw new RangeError(`expected a 24-hour time between 00:00 and 23:59:59, got ${JSON.stringify(text)}`);
  }
  return ((hours * 60 + minutes) * 60 + seconds) * MILLIS_PER_SECOND * NANOS_PER_MILLI;
}

const etClock = new Intl.DateTimeFormat('en-US', {
  timeZone: EXCHANGE_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * Formats a Unix-epoch time (µs) as the US Eastern wall clock `HH:MM:SS`, daylight saving included
 * (Intl with the IANA zone America/New_York).
 */
export function formatUnixMicrosEt(micros: UnixMicros): string {
  return etClock.format(new Date(Math.floor(micros / 1000)));
}

/** Formats a Unix-epoch time in whole seconds (a chart time) as the US Eastern wall clock `HH:MM:SS`. */
export function formatUnixSecondsEt(seconds: number): string {
  return etClock.format(new Date(seconds * MILLIS_PER_SECOND));
}

const etHourMinute = new Intl.DateTimeFormat('en-US', {
  timeZone: EXCHANGE_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Formats a Unix-epoch time in whole seconds as the US Eastern wall clock `HH:MM` (chart axis ticks). */
export function formatUnixSecondsEtHm(seconds: number): string {
  return etHourMinute.format(new Date(seconds * MILLIS_PER_SECOND));
}
