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

