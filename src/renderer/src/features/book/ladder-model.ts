import type { BookSnapshot, OrderSide, Order, PriceMicros, Shares } from '../../../../shared';
import { isWorking } from '../../format';
import type { RecentTrade } from '../../state';

/** One price row of the ladder. Sizes in shares, price in micro-dollars. */
export interface LadderRow {
  readonly price: PriceMicros;
  /** Visible bid size at this price (0 when none). */
  readonly bidSize: Shares;
  /** Visible ask size at this price (0 when none). */
  readonly askSize: Shares;
  /** Remaining shares of our working buy orders at this price. */
  readonly ourBuy: Shares;
  /** Remaining shares of our working sell orders at this price. */
  readonly ourSell: Shares;
  /** Shares traded at this price within the recent-trade window. */
  readonly traded: Shares;
  /** Aggressor side of the latest recent trade at this price, when there was one. */
  readonly lastAggressor: OrderSide | null;
  /** Browser wall-clock ms of the latest recent trade at this price (for fading), or null. */
  readonly lastTradeAtMs: number | null;
  readonly isBestBid: boolean;
  readonly isBestAsk: boolean;
}

/** The ladder's content, rows from the highest price down. */
export interface LadderModel {
  readonly rows: readonly LadderRow[];
  /** Largest visible bid or ask size among the rows: the 100% width of the size bars. */
  readonly maxSize: Shares;
  /** Best ask minus best bid, micro-dollars; null unless both sides have a level. */
  readonly spread: PriceMicros | null;
  /** Index of the first row at or below the best bid (rows above it are asks or empty); the spread sits just above it. */
  readonly splitIndex: number;
}

/** A working order as the ladder marks it: side, limit price and remaining shares. */
export interface LadderOrder {
  readonly side: OrderSide;
  readonly price: PriceMicros;
  readonly remaining: Shares;
}

/**
 * Our orders that rest at a price: working status (SUBMITTED, ACCEPTED, PARTIALLY_FILLED, PENDING_*),
 * a limit price, and shares left to fill.
 */
export function workingLadderOrders(orders: Iterable<Order>): LadderOrder[] {
  const result: LadderOrder[] = [];
  for (const order of orders) {
    if (!isWorking(order.status) || order.limitPrice === null) continue;
    const remaining = order.quantity - order.filledQty;
    if (remaining > 0) result.push({ side: order.side, price: order.limitPrice, remaining });
  }
  return result;
}

interface MutableRow {
  bidSize: number;
  askSize: number;
  ourBuy: number;
  ourSell: number;
  traded: number;
  lastAggressor: OrderSide | null;
  lastTradeAtMs: number | null;
}

/**
 * Builds the ladder: one row per price that has a visible bid or ask level, one of our working orders,
 * or a recent trade; rows sorted by price, highest first (asks on top, bids below, as on a DOM ladder).
 * Only occupied prices get a row, so a sparse book stays readable without thousands of empty ticks.
 */
export function buildLadder(
  book: Pick<BookSnapshot, 'bids' | 'asks'> | null,
  orders: readonly LadderOrder[],
  trades: readonly RecentTrade[],
): LadderModel {
  const byPrice = new Map<PriceMicros, MutableRow>();
  const row = (price: PriceMicros): MutableRow => {
    let found = byPrice.get(price);
    if (!found) {
      found = { bidSize: 0, askSize: 0, ourBuy: 0, ourSell: 0, traded: 0, lastAggressor: null, lastTradeAtMs: null };
      byPrice.set(price, found);
    }
    return found;
  };
  let maxSize = 0;
  for (const level of book?.bids ?? []) {
    row(level.price).bidSize += level.size;
    maxSize = Math.max(maxSize, level.size);
  }
  for (const level of book?.asks ?? []) {
    row(level.price).askSize += level.size;
    maxSize = Math.max(maxSize, level.size);
  }
  for (const order of orders) {
    const target = row(order.price);
    if (order.side === 'BUY') target.ourBuy += order.remaining;
    else target.ourSell += order.remaining;
  }
  for (const trade of trades) {
    const target = row(trade.price);
    target.traded += trade.size;
    if (target.lastTradeAtMs === null || trade.receivedAtMs >= target.lastTradeAtMs) {
      target.lastTradeAtMs = trade.receivedAtMs;
      target.lastAggressor = trade.aggressorSide;
    }
  }
  const bestBid = book?.bids[0]?.price ?? null;
  const bestAsk = book?.asks[0]?.price ?? null;
  const prices = [...byPrice.keys()].sort((a, b) => b - a);
  const rows: LadderRow[] = prices.map((price) => ({
    price,
    ...byPrice.get(price)!,
    isBestBid: price === bestBid,
    isBestAsk: price === bestAsk,
  }));
  let splitIndex = rows.length;
  if (bestBid !== null) splitIndex = rows.findIndex((r) => r.price <= bestBid);
  else if (bestAsk !== null) splitIndex = rows.findIndex((r) => r.price < bestAsk);
  if (splitIndex < 0) splitIndex = rows.length;
  return {
    rows,
    maxSize,
    spread: bestBid !== null && bestAsk !== null ? bestAsk - bestBid : null,
    splitIndex,
  };
}
