import type { BookLevel, BookSnapshot, OrderSide, PriceMicros, Shares } from '../../shared';

/**
 * Read-only view of one instrument's L2 book, as the paper venue, marks and the host need it.
 * Prices micro-dollars, sizes shares. BUY = bid side, SELL = ask side.
 */
export interface BookView {
  /** Best (highest) bid level, or undefined when the bid side is empty. */
  bestBid(): BookLevel | undefined;
  /** Best (lowest) ask level, or undefined when the ask side is empty. */
  bestAsk(): BookLevel | undefined;
  /** Mid price rounded down to the micro-dollar, or null unless both sides have a level. */
  mid(): PriceMicros | null;
  /** Visible size resting at exactly `price` on `side` (0 when the level is empty). */
  sizeAt(side: OrderSide, price: PriceMicros): Shares;
  /** Up to `depth` levels of `side`, best first. Allocates a new array. */
  levels(side: OrderSide, depth: number): BookLevel[];
  /** Top-`depth` snapshot of both sides stamped with `tsEvent` (Unix µs). */
  snapshot(depth: number, tsEvent: number): BookSnapshot;
}
