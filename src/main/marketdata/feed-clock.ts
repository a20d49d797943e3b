/**
 * Wall clock and timers for a feed, injected so tests can drive time deterministically.
 * `now()` is monotonic milliseconds (any origin); timers take milliseconds.
 */
export interface FeedClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The process's monotonic clock (performance.now) and Node timers. */
export const systemClock: FeedClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Allowed replay speeds (multiples of real time), as the MarketFeed seam fixes them. */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1000;

/** @throws RangeError unless `speed` is a finite number in 0.1..1000. */
export function checkSpeed(speed: number): number {
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
    throw new RangeError(`replay speed must be a number from ${MIN_SPEED} to ${MAX_SPEED} (multiple of real time), got ${String(speed)}`);
  }
  return speed;
}
