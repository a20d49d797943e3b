import type { OrderSide, PriceMicros, Shares } from '../../../shared';

/**
 * Displayed liquidity our marketable orders have already taken, per (side, price) of the replayed
 * book. Our orders do not change the replayed book, so without this record a second order could take
 * the same displayed shares again. Available size at a level = visible size - consumed (floored at 0).
 *
 * Release rule: the record for a level is dropped as soon as the replay changes that level (an add,
 * cancel, delete or visible execution at that side and price) and on a reset (seek). The replay is the
 * real market's account of that level; once it changes, we cannot tell which of its shares were the
 * ones we took, and keeping the record would leave a permanent phantom hole in a level the real market
 * has since refilled. Until then, the level shows only what we have not taken.
 */
export class LiquidityOverlay {
  private readonly bids = new Map<PriceMicros, Shares>();
  private readonly asks = new Map<PriceMicros, Shares>();

  /** Shares consumed at `price` on `side` since the replay last changed that level. */
  consumed(side: OrderSide, price: PriceMicros): Shares {
    return this.map(side).get(price) ?? 0;
  }

  /** Records `shares` taken at `price` on `side`. */
  consume(side: OrderSide, price: PriceMicros, shares: Shares): void {
    if (shares <= 0) return;
    const map = this.map(side);
    map.set(price, (map.get(price) ?? 0) + shares);
  }

  /** The replay changed this level: forget what we took there. */
  release(side: OrderSide, price: PriceMicros): void {
    const map = this.map(side);
    if (map.size !== 0) map.delete(price);
  }

  /** Forgets everything (book rebuilt by a seek). */
  clear(): void {
    this.bids.clear();
    this.asks.clear();
  }

  /** True when nothing is recorded (lets the hot path skip work). */
  get isEmpty(): boolean {
    return this.bids.size === 0 && this.asks.size === 0;
  }

  private map(side: OrderSide): Map<PriceMicros, Shares> {
    return side === 'BUY' ? this.bids : this.asks;
  }
}
