import type { PriceMicros, UnixMicros } from '../../../shared';

/**
 * The highest price over a sliding time window, with a monotonic deque (the "sliding window
 * maximum" of Lemire, "Streaming maximum-minimum filter using no more than three comparisons per
 * element", 2006): the deque holds the ticks that could still become the window's high, prices
 * strictly decreasing from front to back. A new tick first evicts every tick at or below its price
 * from the back (they can never be the high again), then goes to the back; ticks older than the
 * window leave from the front; the front is the high. Each tick enters and leaves once: O(1)
 * amortized per update.
 *
 * Storage is a growable ring of two Float64Arrays (times µs, prices micro-dollars; both exact below
 * 2^53), so steady-state updates allocate nothing.
 *
 * Window rule: a tick at time s is inside the window at time t when t - s <= windowMicros.
 */
export class RollingHigh {
  private times: Float64Array;
  private prices: Float64Array;
  private mask: number;
  private head = 0;
  private count = 0;

  /**
   * @param windowMicros window length, µs (> 0).
   * @param initialCapacity ring slots to start with, rounded up to a power of two; it doubles when full.
   * @throws RangeError for a window that is not a positive safe integer.
   */
  constructor(
    private windowMicros: number,
    initialCapacity = 64,
  ) {
    RollingHigh.checkWindow(windowMicros);
    let capacity = 8;
    while (capacity < initialCapacity) capacity *= 2;
    this.times = new Float64Array(capacity);
    this.prices = new Float64Array(capacity);
    this.mask = capacity - 1;
  }

  /** Window length, µs. */
  get window(): number {
    return this.windowMicros;
  }

  /** Changes the window length (µs); ticks outside the new window leave at the next update. */
  setWindow(windowMicros: number): void {
    RollingHigh.checkWindow(windowMicros);
    this.windowMicros = windowMicros;
  }

  /**
   * Adds a tick and returns the highest price within the window ending at `time` (this tick included).
   * Times must not go backwards: a tick older than the newest one means the market clock was moved
   * back (a replay seek), so the window restarts at this tick.
   * @param time Unix µs; @param price micro-dollars (> 0).
   */
  update(time: UnixMicros, price: PriceMicros): PriceMicros {
    if (this.count > 0 && time < this.times[(this.head + this.count - 1) & this.mask]!) this.clear();
    while (this.count > 0 && this.prices[(this.head + this.count - 1) & this.mask]! <= price) this.count--;
    if (this.count === this.mask + 1) this.grow();
    const back = (this.head + this.count) & this.mask;
    this.times[back] = time;
    this.prices[back] = price;
    this.count++;
    const oldest = time - this.windowMicros;
    while (this.times[this.head]! < oldest) {
      this.head = (this.head + 1) & this.mask;
      this.count--;
    }
    return this.prices[this.head]!;
  }

  /** The high of the ticks currently held, or null when none is. */
  high(): PriceMicros | null {
    return this.count === 0 ? null : this.prices[this.head]!;
  }

  /** Ticks held (the deque's length; at most the ticks within the window). */
  get size(): number {
    return this.count;
  }

  /** Forgets every tick: the next update starts a fresh window. */
  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const times = new Float64Array(capacity);
    const prices = new Float64Array(capacity);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & this.mask;
      times[i] = this.times[from]!;
      prices[i] = this.prices[from]!;
    }
    this.times = times;
    this.prices = prices;
    this.mask = capacity - 1;
    this.head = 0;
  }

  private static checkWindow(windowMicros: number): void {
    if (!Number.isSafeInteger(windowMicros) || windowMicros <= 0) {
      throw new RangeError(`rolling-high window must be a positive whole number of microseconds, got ${windowMicros}`);
    }
  }
}
