import type { Order, RiskProfile, UnixMicros } from '../../../shared';

const MICROS_PER_SECOND = 1_000_000;

/**
 * When an order staged at `now` (Unix µs) expires unless approved: now + profile.stagedExpirySeconds.
 * A signal is a view of the market at one moment; past this age it is stale and must not be sent
 * on a click made without a fresh look.
 */
export function stagedExpiresAt(now: UnixMicros, profile: RiskProfile): UnixMicros {
  return now + profile.stagedExpirySeconds * MICROS_PER_SECOND;
}

/** True when `order` is STAGED and its expiry (Unix µs) is at or before `now`. */
export function isStagedOrderExpired(order: Order, now: UnixMicros): boolean {
  return order.status === 'STAGED' && order.expiresAt !== null && order.expiresAt <= now;
}
