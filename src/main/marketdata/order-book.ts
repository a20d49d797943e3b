import type { BookLevel, BookSnapshot, InstrumentId, OrderSide, PriceMicros, Shares } from '../../shared';
import type { BookView } from './book-view';
import type { MarketEvent } from './market-event';
import { PriceTree } from './price-tree';

/** Thrown when an update would leave the book in an impossible state (negative size, bad input). */
export class OrderBookError extends Error {
  override readonly name = 'OrderBookError';
}

/** "bid"/"ask" for a resting side: BUY rests on the bid, SELL on the ask. */
function sideName(side: OrderSide): string {
  return side === 'BUY' ? 'bid' : 'ask';
}

/** Price as dollars with the exact micro-dollar value, for error messages. */
function describePrice(price: number): string {
  const dollars = Math.trunc(price / 1_000_000);
  const frac = Math.abs(price - dollars * 1_000_000).toString().padStart(6, '0');
  return `$${price < 0 && dollars === 0 ? '-' : ''}${dollars}.${frac} (${price} micro-dollars)`;
}

/**
 * The L2 (aggregated by price) order book of one instrument, both sides.
 *
 * Each side is a {@link PriceTree}: an AVL tree over a typed-array node pool, so every update is
 * O(log n) in the number of occupied levels n and steady-state updates allocate nothing; best bid/ask
 * is O(log n); the top `depth` levels cost O(log n + depth). Only occupied levels (size > 0) are
 * stored: a level whose size reaches 0 is removed.
 *
 * Prices are integer micro-dollars, sizes whole shares. BUY = bid side, SELL = ask side. The book
 * does not police crossing: a replayed feed is the truth, and a crossed state is the producer's bug.
 */
export class OrderBook implements BookView {
  private readonly bids = new PriceTree();
  private readonly asks = new PriceTree();
  /** Scratch buffers for `levels`/`snapshot`, grown on demand. */
  private scratchPrices = new Float64Array(64);
  private scratchSizes = new Float64Array(64);

  /** @param instrumentId stamped on snapshots, e.g. "GOOG". */
  constructor(readonly instrumentId: InstrumentId) {}

  /**
   * Applies one market-by-order event to the visible book:
   * ADD adds `size` at `price` on `side`; PARTIAL_CANCEL, DELETE and EXECUTE_VISIBLE subtract it;
   * EXECUTE_HIDDEN, CROSS and HALT leave the visible book unchanged (LOBSTER sample ReadMe:
   * hidden executions and auction crosses do not touch displayed liquidity; halts only flag state).
   * @throws OrderBookError when the size is not a positive safe integer for a size-changing event,
   *   or when the size at that price and side would go negative (message names price and side).
   */
  apply(event: MarketEvent): void {
    switch (event.kind) {
      case 'ADD':
        this.change(event.side, event.price, event.size, event.kind);
        return;
      case 'PARTIAL_CANCEL':
      case 'DELETE':
      case 'EXECUTE_VISIBLE':
        this.change(event.side, event.price, -event.size, event.kind);
        return;
      case 'EXECUTE_HIDDEN':
      case 'CROSS':
      case 'HALT':
        return;
      default:
        throw new OrderBookError(`unknown market event kind ${JSON.stringify((event as MarketEvent).kind)}; expected ADD, PARTIAL_CANCEL, DELETE, EXECUTE_VISIBLE, EXECUTE_HIDDEN, CROSS or HALT`);
    }
  }

  /**
   * Adds `delta` shares (may be negative) to the level at `price` on `side`; returns the new size.
   * @throws OrderBookError when price or delta is not a safe integer, or the size would go negative.
   */
  addSize(side: OrderSide, price: PriceMicros, delta: number): Shares {
    if (!Number.isSafeInteger(delta)) throw new OrderBookError(`size change must be a whole number of shares, got ${delta}`);
    return this.change(side, price, delta, 'addSize');
  }

  /**
   * Sets the level at `price` on `side` to exactly `size` shares (0 empties it).
   * @throws OrderBookError when price or size is not a non-negative safe integer.
   */
  setLevel(side: OrderSide, price: PriceMicros, size: Shares): void {
    checkPrice(price);
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new OrderBookError(`level size must be a non-negative whole number of shares, got ${size} at ${sideName(side)} ${describePrice(price)}`);
    }
    this.tree(side).set(price, size);
  }

  /** Empties both sides. */
  clear(): void {
    this.bids.clear();
    this.asks.clear();
  }

  /** Number of occupied levels on `side`. */
  depth(side: OrderSide): number {
    return this.tree(side).size;
  }

  /** Best (highest) bid level, or undefined when the bid side is empty. O(log n); allocates the result. */
  bestBid(): BookLevel | undefined {
    const price = this.bids.maxKey();
    return Number.isNaN(price) ? undefined : { price, size: this.bids.get(price) };
  }

  /** Best (lowest) ask level, or undefined when the ask side is empty. O(log n); allocates the result. */
  bestAsk(): BookLevel | undefined {
    const price = this.asks.minKey();
    return Number.isNaN(price) ? undefined : { price, size: this.asks.get(price) };
  }

  /** Best bid price or NaN when the bid side is empty; allocation-free. */
  bestBidPrice(): number {
    return this.bids.maxKey();
  }

  /** Best ask price or NaN when the ask side is empty; allocation-free. */
  bestAskPrice(): number {
    return this.asks.minKey();
  }

  /** (best bid + best ask) / 2 rounded down to the micro-dollar, or null unless both sides have a level. */
  mid(): PriceMicros | null {
    const bid = this.bids.maxKey();
    const ask = this.asks.minKey();
    if (Number.isNaN(bid) || Number.isNaN(ask)) return null;
    return Math.floor((bid + ask) / 2);
  }

  /** Visible shares at exactly `price` on `side` (0 when empty). O(log n). */
  sizeAt(side: OrderSide, price: PriceMicros): Shares {
    return this.tree(side).get(price);
  }

  /**
   * Up to `depth` levels of `side`, best first, as a new array. O(log n + depth).
   * @throws OrderBookError when depth is not a non-negative whole number.
   */
  levels(side: OrderSide, depth: number): BookLevel[] {
    const wanted = Math.min(checkDepth(depth), this.tree(side).size);
    const n = this.copyLevels(side, wanted, this.ensureScratch(wanted), this.scratchSizes);
    const out: BookLevel[] = new Array<BookLevel>(n);
    for (let i = 0; i < n; i++) out[i] = { price: this.scratchPrices[i]!, size: this.scratchSizes[i]! };
    return out;
  }

  /** Top-`depth` levels of both sides stamped with `tsEvent` (Unix µs) and this book's instrument. */
  snapshot(depth: number, tsEvent: number): BookSnapshot {
    return { instrumentId: this.instrumentId, tsEvent, bids: this.levels('BUY', depth), asks: this.levels('SELL', depth) };
  }

  /**
   * Allocation-free read of the top `depth` levels of `side`, best first, into caller-owned buffers
   * (prices micro-dollars, sizes shares); returns the number of levels written. O(log n + depth).
   */
  copyLevels(side: OrderSide, depth: number, outPrices: Float64Array | number[], outSizes: Float64Array | number[]): number {
    return this.tree(side).copyOrdered(side === 'BUY', depth, outPrices, outSizes);
  }

  private tree(side: OrderSide): PriceTree {
    if (side === 'BUY') return this.bids;
    if (side === 'SELL') return this.asks;
    throw new OrderBookError(`side must be BUY (bid) or SELL (ask), got ${JSON.stringify(side)}`);
  }

  private change(side: OrderSide, price: number, delta: number, what: string): number {
    const tree = this.tree(side);
    if (!Number.isSafeInteger(price)) checkPrice(price);
    if (what !== 'addSize' && !(delta !== 0 && Number.isSafeInteger(delta))) {
      throw new OrderBookError(`${what} at ${sideName(side)} ${describePrice(price)} needs a positive whole size, got ${Math.abs(delta)}`);
    }
    const next = tree.add(price, delta);
    if (next < 0) {
      const before = next - delta;
      throw new OrderBookError(
        `${what} of ${-delta} shares at ${sideName(side)} ${describePrice(price)} would make the size negative (${before} shares rest there); the event stream is inconsistent with the book`,
      );
    }
    return next;
  }

  private ensureScratch(depth: number): Float64Array {
    if (this.scratchPrices.length < depth) {
      this.scratchPrices = new Float64Array(depth);
      this.scratchSizes = new Float64Array(depth);
    }
    return this.scratchPrices;
  }
}

function checkPrice(price: number): void {
  if (!Number.isSafeInteger(price)) throw new OrderBookError(`price must be a whole number of micro-dollars, got ${price}`);
}

function checkDepth(depth: number): number {
  if (!Number.isSafeInteger(depth) || depth < 0) throw new OrderBookError(`depth must be a non-negative whole number of levels, got ${depth}`);
  return depth;
}
