/**
 * Reconnect delays: capped exponential backoff with "full jitter" (AWS Architecture Blog,
 * "Exponential Backoff And Jitter", 2015): delay = random(0.5..1) x min(max, base x 2^attempt).
 * Half-jitter keeps a floor so a restarting host is not hammered, while spreading reconnects.
 */
export interface BackoffPolicy {
  /** Delay before the first retry, ms. */
  readonly baseMs: number;
  /** Upper bound of any delay, ms. */
  readonly maxMs: number;
}

/** 250 ms, doubling to at most 5 s: fast recovery from a blip, calm while the host is down. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 5000 };

/**
 * Delay (ms) before reconnect attempt `attempt` (0 = first retry after a drop).
 * `random` returns a number in [0, 1), injectable for tests.
 * @throws RangeError when `attempt` is negative or not an integer.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(`reconnect attempt must be a non-negative integer, got ${String(attempt)}`);
  }
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}
