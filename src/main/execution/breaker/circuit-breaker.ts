import type { InstrumentId, PriceMicros, UnixMicros } from '../../../shared';
import { RollingHigh } from './rolling-high';

/** What the breaker watches for: profile.breaker of the risk profile. */
export interface BreakerSettings {
  /** Drop from the rolling high that trips, basis points (1..10,000; 1,000 = 10%). */
  readonly dropBps: number;
  /** Window W of the rolling high, seconds of market time. */
  readonly windowSeconds: number;
}

/** A trip: the tick whose price is at least `dropBps` below the window's high. Prices micro-dollars. */
export interface BreakerTrigger {
  readonly instrumentId: InstrumentId;
  readonly triggerPrice: PriceMicros;
  readonly rollingHigh: PriceMicros;
  /** Actual drop from the high, basis points, rounded down. */
  readonly dropBps: number;
  /** Market time of the tick, Unix µs. */
  readonly tsEvent: UnixMicros;
}

/** Above this high (micro-dollars) `(high - price) x 10,000` could leave the safe-integer range. */
const EXACT_HIGH_LIMIT = Math.floor(Number.MAX_SAFE_INTEGER / 10_000);

/**
 * The price circuit breaker, per instrument: trips when a trade prints at least `dropBps` below the
 * highest trade price of the last `windowSeconds` (market time). Rule after the SEC's single-stock
 * circuit breaker pilot (Release 34-62251, 2010: a 10% move within a 5-minute window pauses trading
 * in the stock), which the profile's defaults follow.
 *
 * Why trade prices, not mids: a trade is a price someone actually paid. The mid moves whenever one
 * side of the book is pulled or the spread gapes for a moment (a thin book at the open, a quote
 * flicker), which would trip a 10% rule with no one trading there; exchange circuit breakers (the
 * pilot above, LULD) are also defined on trade prices.
 *
 * Exact arithmetic: trips when (high - price) x 10,000 >= dropBps x high, in integers (BigInt above
 * EXACT_HIGH_LIMIT), so a drop of exactly the threshold trips and one micro-dollar less does not.
 *
 * Once tripped the breaker is disarmed: it keeps tracking highs but does not trip again until
 * `rearm()` (the trader's explicit resume), which also starts fresh windows.
 */
export class CircuitBreaker {
  private readonly highs = new Map<InstrumentId, RollingHigh>();
  private dropBps: number;
  private windowMicros: number;
  private armed = true;

  /** @throws RangeError for settings outside the profile's ranges. */
  constructor(settings: BreakerSettings) {
    this.dropBps = 0;
    this.windowMicros = 0;
    this.configure(settings);
  }

  /**
   * Applies new settings (a changed risk profile). A changed window applies to every instrument
   * from its next tick on.
   * @throws RangeError when dropBps is not a whole number in 1..10,000 or windowSeconds not a positive whole number.
   */
  configure(settings: BreakerSettings): void {
    const { dropBps, windowSeconds } = settings;
    if (!Number.isInteger(dropBps) || dropBps < 1 || dropBps > 10_000) {
      throw new RangeError(`breaker dropBps must be a whole number of basis points from 1 to 10000, got ${dropBps}`);
    }
    if (!Number.isSafeInteger(windowSeconds) || windowSeconds < 1) {
      throw new RangeError(`breaker windowSeconds must be a whole number of seconds >= 1, got ${windowSeconds}`);
    }
    this.dropBps = dropBps;
    const windowMicros = windowSeconds * 1_000_000;
    if (windowMicros !== this.windowMicros) {
      this.windowMicros = windowMicros;
      for (const high of this.highs.values()) high.setWindow(windowMicros);
    }
  }

  /** True until a trip; `rearm()` sets it again. */
  get isArmed(): boolean {
    return this.armed;
  }

  /**
   * Feeds one trade print. Returns the trip when this tick trips the (armed) breaker, else null.
   * Allocation-free unless it trips (or an instrument is seen for the first time).
   * @param price micro-dollars (> 0); @param time market time, Unix µs.
   */
  onTrade(instrumentId: InstrumentId, price: PriceMicros, time: UnixMicros): BreakerTrigger | null {
    let rolling = this.highs.get(instrumentId);
    if (rolling === undefined) {
      rolling = new RollingHigh(this.windowMicros);
      this.highs.set(instrumentId, rolling);
    }
    const high = rolling.update(time, price);
    if (!this.armed || !this.tripsAt(high, price)) return null;
    this.armed = false;
    return {
      instrumentId,
      triggerPrice: price,
      rollingHigh: high,
      dropBps: Math.floor(((high - price) * 10_000) / high),
      tsEvent: time,
    };
  }

  /** The current rolling high of `instrumentId`, micro-dollars, or null before its first tick. */
  rollingHigh(instrumentId: InstrumentId): PriceMicros | null {
    return this.highs.get(instrumentId)?.high() ?? null;
  }

  /** Forgets `instrumentId`'s window (its market time jumped: a replay seek). Does not change arming. */
  resetInstrument(instrumentId: InstrumentId): void {
    this.highs.get(instrumentId)?.clear();
  }

  /** Arms the breaker again with fresh windows for every instrument (after the trader resumed). */
  rearm(): void {
    for (const high of this.highs.values()) high.clear();
    this.armed = true;
  }

  private tripsAt(high: PriceMicros, price: PriceMicros): boolean {
    if (price >= high) return false;
    if (high <= EXACT_HIGH_LIMIT) return (high - price) * 10_000 >= this.dropBps * high;
    return BigInt(high - price) * 10_000n >= BigInt(this.dropBps) * BigInt(high);
  }
}
