import type { ClientOrderId, InstrumentId, Order, OrderSide, OrderType, PriceMicros, SessionNanos, Shares, TimeInForce, VenueOrderId } from '../../../shared';
import type { OrderCommission } from './commission';

/**
 * A new order as the simulated exchange receives it: the fields of Floor's Order an exchange sees
 * (its order-entry message), prices absent where the order type takes none. Prices micro-dollars,
 * quantity shares. The gateway simulator builds these from IB placeOrder messages.
 */
export interface ExchangeOrder {
  readonly clientOrderId: ClientOrderId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: Shares;
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  readonly limitPrice?: PriceMicros;
  readonly stopPrice?: PriceMicros;
}

/** The exchange's order-entry message for one of Floor's orders. */
export function exchangeOrderOf(order: Order): ExchangeOrder {
  return {
    clientOrderId: order.clientOrderId,
    instrumentId: order.instrumentId,
    side: order.side,
    quantity: order.quantity,
    orderType: order.orderType,
    timeInForce: order.timeInForce,
    ...(order.limitPrice === null ? {} : { limitPrice: order.limitPrice }),
    ...(order.stopPrice === null ? {} : { stopPrice: order.stopPrice }),
  };
}

/** Where a working order is: resting in the book at its limit, or waiting for its stop to trigger. */
export type WorkingOrderState = 'RESTING' | 'STOP_PENDING';

/** Read-only view of one of our working orders at the paper venue (for tests and the ladder). */
export interface WorkingOrderView {
  readonly clientOrderId: ClientOrderId;
  readonly venueOrderId: VenueOrderId;
  readonly instrumentId: string;
  readonly side: OrderSide;
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  /** Order quantity, shares. */
  readonly quantity: Shares;
  /** Shares filled so far. */
  readonly filledQty: Shares;
  readonly state: WorkingOrderState;
  /** Resting limit price, micro-dollars (absent while a stop waits for its trigger). */
  readonly price?: PriceMicros;
  /** Stop price of stop orders, micro-dollars. */
  readonly stopPrice?: PriceMicros;
  /** Displayed shares ahead of us in the queue at `price` (0 while a stop waits). */
  readonly queueAhead: Shares;
}

/** One order restored after a restart (see PaperExchange.restore). */
export interface RestoredOrder {
  readonly order: ExchangeOrder;
  readonly venueOrderId: VenueOrderId;
  /** Shares already filled before the restart. */
  readonly filledQty: Shares;
}

/** One of our orders working at the exchange (mutable state of the matching). */
export interface Working {
  /** The order as it stands (a modification replaces it). */
  order: ExchangeOrder;
  readonly venueOrderId: VenueOrderId;
  /** Arrival sequence: time priority among our own orders (a modification that loses priority takes a new one). */
  seq: number;
  readonly commission: OrderCommission;
  filledQty: Shares;
  state: WorkingOrderState;
  /** Resting limit price (LIMIT, or STOP_LIMIT once triggered); 0 while not resting. */
  price: PriceMicros;
  queueAhead: Shares;
  done: boolean;
}

export const OPPOSITE: Readonly<Record<OrderSide, OrderSide>> = { BUY: 'SELL', SELL: 'BUY' };

/** True when `price` is at or better than `than` for a resting order of `side` (higher bid, lower ask). */
export function atOrBetter(side: OrderSide, price: PriceMicros, than: PriceMicros): boolean {
  return side === 'BUY' ? price >= than : price <= than;
}

/** Shares still to fill. */
export function leaves(w: Working): Shares {
  return w.order.quantity - w.filledQty;
}

/** Best price first (highest bid, lowest ask), then arrival order. */
export function byPriority(side: OrderSide): (a: Working, b: Working) => number {
  return side === 'BUY' ? (a, b) => b.price - a.price || a.seq - b.seq : (a, b) => a.price - b.price || a.seq - b.seq;
}

/** "HH:MM:SS" of a session time (ns after midnight), for messages. */
export function sessionClock(time: SessionNanos): string {
  const s = Math.floor(time / 1e9);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** The view of a working order. */
export function workingView(w: Working): WorkingOrderView {
  const o = w.order;
  return {
    clientOrderId: o.clientOrderId,
    venueOrderId: w.venueOrderId,
    instrumentId: o.instrumentId,
    side: o.side,
    orderType: o.orderType,
    timeInForce: o.timeInForce,
    quantity: o.quantity,
    filledQty: w.filledQty,
    state: w.state,
    ...(w.state === 'RESTING' ? { price: w.price } : {}),
    ...(o.stopPrice !== undefined ? { stopPrice: o.stopPrice } : {}),
    queueAhead: w.state === 'RESTING' ? w.queueAhead : 0,
  };
}
