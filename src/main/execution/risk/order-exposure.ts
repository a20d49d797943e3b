import type { Order, OrderSide, PositionView, PriceMicros, Shares } from '../../../shared';
import type { RiskContext } from './risk-types';

/**
 * Position arithmetic the checks share. Signed shares: > 0 long, < 0 short; BUY adds, SELL subtracts.
 */

/** +1 for BUY, -1 for SELL. */
export function sideSign(side: OrderSide): 1 | -1 {
  return side === 'BUY' ? 1 : -1;
}

/** Signed position in the order's instrument (0 when never traded). */
export function heldQuantity(context: RiskContext): number {
  return context.position?.quantity ?? 0;
}

/**
 * Shares this order can trade while only reducing the position, counting the orders already working
 * on its side (they would reduce first): |position| - working, when the order's side is opposite the
 * position; 0 when it would add to (or open) a position.
 */
export function reducibleQuantity(context: RiskContext): Shares {
  const held = heldQuantity(context);
  const { side, instrumentId } = context.order;
  if (held === 0 || sideSign(side) === Math.sign(held)) return 0;
  return Math.max(0, Math.abs(held) - context.working.remaining(instrumentId, side));
}

/** True when every share of the order reduces the position (see reducibleQuantity). */
export function onlyReduces(context: RiskContext): boolean {
  return context.order.quantity <= reducibleQuantity(context);
}

/**
 * Shares of the order that close the position (the rest open new exposure): |position| when the order
 * is on the opposite side, else 0; at most the order's quantity.
 */
export function closingQuantity(context: RiskContext): Shares {
  const held = heldQuantity(context);
  if (held === 0 || sideSign(context.order.side) === Math.sign(held)) return 0;
  return Math.min(context.order.quantity, Math.abs(held));
}

/**
 * The price an order is valued at, micro-dollars: its limit price, else the book mid, else (a stop
 * order without a book) its stop price; null when none is known.
 */
export function orderPrice(order: Order, mid: PriceMicros | null): PriceMicros | null {
  return order.limitPrice ?? mid ?? order.stopPrice;
}

/** A position's mark (book mid), else its average entry price; null when flat with no mark. */
export function positionPrice(position: PositionView): PriceMicros | null {
  return position.markPrice ?? position.avgPrice;
}

/**
 * Largest order quantity keeping |position + signed order| <= `limitShares`, given the signed
 * starting position `from`: limit - sign(side) x from (may be <= 0: nothing fits).
 */
export function largestWithin(limitShares: Shares, from: number, side: OrderSide): number {
  return limitShares - sideSign(side) * from;
}

/** quantity x price as text, "more than $9 billion" when the product is not a safe integer. */
export function notionalOf(quantity: Shares, price: PriceMicros): number | null {
  const notional = quantity * price;
  return Number.isSafeInteger(notional) ? notional : null;
}
