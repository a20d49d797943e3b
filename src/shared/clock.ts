import type { UnixMicros } from './domain';

/**
 * Floor's clock: what every event, fact, session and expiry is stamped with, Unix epoch microseconds.
 * Injected everywhere a time is read, so tests set time instead of waiting for it. The engine runs on
 * the market clock during a replay; the ledger, the interlock and security events on the wall clock.
 * (Scheduling — timers and monotonic intervals — is a separate job: FeedClock in marketdata.)
 */
export interface Clock {
  now(): UnixMicros;
}

/** The wall clock (Date.now, millisecond resolution, in µs). */
export const wallClock: Clock = { now: () => Date.now() * 1000 };

/** Milliseconds since the epoch on `clock` (truncated): for APIs and TTLs counted in ms. */
export function epochMillis(clock: Clock): number {
  return Math.floor(clock.now() / 1000);
}
