import type { Disposable } from '../../../shared';

/** What the timer drives: the engine's sweep of stale staged orders. */
export interface StagedOrderSweeper {
  /** Expires every STAGED order whose expiry has passed on Floor's clock. Must not throw. */
  expireStagedOrders(): unknown;
}

/** Default period of the expiry sweep: a stale order shows EXPIRED within a second. */
export const STAGED_EXPIRY_SWEEP_MS = 1_000;

/**
 * Sweeps stale STAGED orders every `periodMs` milliseconds of wall time. The expiry itself is
 * decided on Floor's clock (the market clock on a replay), so a paused replay does not expire
 * anything; the sweep only makes sure expiry happens without waiting for the next approval call.
 * The timer does not keep Node alive (unref). Errors are passed to `onError`, the sweep continues.
 */
export class StagedExpiryTimer implements Disposable {
  private readonly handle: ReturnType<typeof setInterval>;

  /** @throws RangeError when `periodMs` is not a positive integer. */
  constructor(sweeper: StagedOrderSweeper, onError: (error: unknown) => void, periodMs: number = STAGED_EXPIRY_SWEEP_MS) {
    if (!Number.isInteger(periodMs) || periodMs <= 0) {
      throw new RangeError(`staged expiry sweep period must be a positive whole number of ms, got ${periodMs}`);
    }
    this.handle = setInterval(() => {
      try {
        sweeper.expireStagedOrders();
      } catch (error) {
        onError(error);
      }
    }, periodMs);
    this.handle.unref?.();
  }

  dispose(): void {
    clearInterval(this.handle);
  }
}
