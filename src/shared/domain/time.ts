/**
 * Time units. Domain timestamps are Unix epoch microseconds (µs since 1970-01-01T00:00:00Z) held in
 * a safe-integer number: exact until the year 2255 and JSON-friendly (nanoseconds would not fit).
 * Market data keeps nanosecond precision relative to the session's midnight where a source has it
 * (LOBSTER), see `SessionNanos`.
 */

import type { Flavor } from './flavor';

/** Unix epoch microseconds; a safe integer. */
export type UnixMicros = Flavor<number, 'UnixMicros'>;
/** Unix epoch milliseconds (Date.now()); only at the edges (wall clock, HTTP, IB), never in the domain. */
export type UnixMillis = Flavor<number, 'UnixMillis'>;
/** Nanoseconds after midnight, exchange local time, of the trading session's date; a safe integer. */
export type SessionNanos = Flavor<number, 'SessionNanos'>;

const NANOS_PER_MILLI = 1_000_000;
const SECONDS_PER_DAY = 86_400;

function pad(value: number, width: number): string {
  return value.toString().padStart(width, '0');
}

/**
 * Formats nanoseconds after midnight as `HH:MM:SS.mmm` (truncating below the millisecond, as a clock does).
 * 34_200_000_000_000 -> "09:30:00.000".
 * @throws RangeError when `nanos` is not a non-negative safe integer or is a day or more.
 */
export function formatSessionNanos(nanos: SessionNanos): string {
  if (!Number.isSafeInteger(nanos) || nanos < 0) {
    throw new RangeError(`market time must be a non-negative integer of ns after midnight, got ${String(nanos)}`);
  }
  const totalMillis = Math.floor(nanos / NANOS_PER_MILLI);
  const millis = totalMillis % 1000;
  const totalSeconds = Math.floor(totalMillis / 1000);
  if (totalSeconds >= SECONDS_PER_DAY) {
    throw new RangeError(`market time must be less than 24h after midnight, got ${nanos} ns`);
  }
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}`;
}
