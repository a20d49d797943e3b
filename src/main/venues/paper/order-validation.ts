import type { OrderReason, OrderType, PriceMicros, TimeInForce } from '../../../shared';
import { ORDER_SIDES, ORDER_TYPES, TIME_IN_FORCES, formatDollars } from '../../../shared';
import type { ExchangeOrder } from './exchange-order';
import { PAPER_REASON_CODES as R, reason } from './reasons';

/**
 * Time-in-force values the paper venue accepts per order type, with the reason for each gap:
 * - MARKET + GTC: a market order never rests here (the unfilled rest is canceled), so "good till
 *   canceled" has nothing to keep alive; use DAY or IOC.
 * - STOP_* + IOC/FOK: a stop waits for its trigger, which IOC/FOK (act now or cancel) contradict.
 * - TRAILING_STOP_MARKET: not simulated by the paper venue (its trail needs a reference-price rule the
 *   venue does not model yet); rejected rather than approximated.
 */
export const SUPPORTED_TIME_IN_FORCE: Readonly<Record<OrderType, readonly TimeInForce[]>> = {
  MARKET: ['DAY', 'IOC', 'FOK'],
  LIMIT: ['DAY', 'GTC', 'IOC', 'FOK'],
  STOP_MARKET: ['DAY', 'GTC'],
  STOP_LIMIT: ['DAY', 'GTC'],
  TRAILING_STOP_MARKET: [],
};

/** Reg NMS Rule 612 (17 CFR 242.612): below $1.00 a quote may use $0.0001 increments. */
export const SUB_DOLLAR_TICK: PriceMicros = 100;
const ONE_DOLLAR: PriceMicros = 1_000_000;

/** What the venue knows about the market when an order arrives. */
export interface MarketState {
  /** Minimum price increment of the instrument for prices >= $1.00, micro-dollars. */
  readonly tickSize: PriceMicros;
  /** Set when the session is not open, with the sentence to show. */
  readonly closedBecause?: string;
  /** True while the replay is halted (or only quoting after a halt). */
  readonly halted: boolean;
}

/** Dollars with 2 to 6 decimals, enough to show an off-tick price exactly: 585_331_000 -> "$585.331". */
export function describePrice(price: number): string {
  if (!Number.isSafeInteger(price)) return String(price);
  let text = formatDollars(price, 6);
  while (/\.\d{3,}$/.test(text) && text.endsWith('0')) text = text.slice(0, -1);
  return `$${text}`;
}

/**
 * Tick size that applies at `price` (Reg NMS Rule 612): the instrument's tick (one cent for US
 * equities) at or above $1.00, $0.0001 below.
 */
export function tickAt(price: PriceMicros, tickSize: PriceMicros): PriceMicros {
  return price >= ONE_DOLLAR ? tickSize : SUB_DOLLAR_TICK;
}

function checkPrice(name: 'limit' | 'stop', price: unknown, tickSize: PriceMicros): OrderReason | null {
  if (typeof price !== 'number' || !Number.isSafeInteger(price) || price <= 0) {
    return reason(R.INVALID_PRICE, `The ${name} price must be a positive amount in whole micro-dollars, got ${String(price)}.`);
  }
  const tick = tickAt(price, tickSize);
  if (price % tick !== 0) {
    return reason(
      R.PRICE_OFF_TICK,
      `The ${name} price ${describePrice(price)} is not a multiple of the ${describePrice(tick)} tick (Reg NMS Rule 612); use ${describePrice(price - (price % tick))} or ${describePrice(price - (price % tick) + tick)}.`,
    );
  }
  return null;
}

/**
 * Checks an order at the venue boundary, in this order: side/type/time in force known, quantity a
 * positive whole number, prices present where the type needs them and absent where it takes none,
 * positive and on the tick grid, the type/TIF combination supported, the market open and not halted.
 * Returns the first problem as an OrderReason (code + sentence), or null when the order is acceptable.
 * Never throws: the order may come straight from JSON.
 */
export function validateOrder(order: ExchangeOrder, market: MarketState): OrderReason | null {
  if (!(ORDER_SIDES as readonly unknown[]).includes(order.side)) {
    return reason(R.UNSUPPORTED_ORDER, `Side must be BUY or SELL, got ${JSON.stringify(order.side)}.`);
  }
  if (!(ORDER_TYPES as readonly unknown[]).includes(order.orderType)) {
    return reason(R.UNSUPPORTED_ORDER, `Order type must be one of ${ORDER_TYPES.join(', ')}, got ${JSON.stringify(order.orderType)}.`);
  }
  if (!(TIME_IN_FORCES as readonly unknown[]).includes(order.timeInForce)) {
    return reason(R.UNSUPPORTED_ORDER, `Time in force must be one of ${TIME_IN_FORCES.join(', ')}, got ${JSON.stringify(order.timeInForce)}.`);
  }
  const qty: unknown = order.quantity;
  if (typeof qty !== 'number' || !Number.isSafeInteger(qty) || qty <= 0) {
    return reason(R.INVALID_QUANTITY, `Quantity must be a positive whole number of shares, got ${String(qty)}.`);
  }
  if (order.orderType === 'TRAILING_STOP_MARKET') {
    return reason(R.UNSUPPORTED_ORDER, 'Trailing stop orders are not supported by the paper venue; use a STOP_MARKET order or send it to IB.');
  }
  const needsLimit = order.orderType === 'LIMIT' || order.orderType === 'STOP_LIMIT';
  const needsStop = order.orderType === 'STOP_MARKET' || order.orderType === 'STOP_LIMIT';
  if (needsLimit) {
    const problem = checkPrice('limit', order.limitPrice, market.tickSize);
    if (problem) return problem;
  } else if (order.limitPrice !== undefined) {
    return reason(R.INVALID_PRICE, `A ${order.orderType} order takes no limit price; remove it or use ${order.orderType === 'MARKET' ? 'LIMIT' : 'STOP_LIMIT'}.`);
  }
  if (needsStop) {
    const problem = checkPrice('stop', order.stopPrice, market.tickSize);
    if (problem) return problem;
  } else if (order.stopPrice !== undefined) {
    return reason(R.INVALID_PRICE, `A ${order.orderType} order takes no stop price; remove it or use a stop order type.`);
  }
  const allowed = SUPPORTED_TIME_IN_FORCE[order.orderType];
  if (!allowed.includes(order.timeInForce)) {
    return reason(
      R.UNSUPPORTED_ORDER,
      `${order.orderType} orders with time in force ${order.timeInForce} are not supported by the paper venue; use ${allowed.join(' or ')}.`,
    );
  }
  if (market.closedBecause !== undefined) return reason(R.MARKET_CLOSED, market.closedBecause);
  if (market.halted) return reason(R.MARKET_HALTED, 'Trading in this instrument is halted in the replayed market; orders are not accepted until trading resumes.');
  return null;
}

/**
 * Checks an order as a modification would leave it: every rule of validateOrder (prices present
 * where the type needs them, on the tick grid, the market open), and a quantity above the shares
 * already filled. Returns the first problem, or null.
 */
export function validateModification(modified: ExchangeOrder, filledQty: number, market: MarketState): OrderReason | null {
  const problem = validateOrder(modified, market);
  if (problem) return problem;
  if (modified.quantity <= filledQty) {
    return reason(R.INVALID_QUANTITY, `The new quantity ${modified.quantity} must be above the ${filledQty} shares already filled.`);
  }
  return null;
}
