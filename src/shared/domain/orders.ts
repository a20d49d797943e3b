import type { MoneyMicros, PriceMicros, Shares } from '../money';
import type { Flavor } from './flavor';
import type { Signal, SizingMethod } from '../risk/signal';
import type { InstrumentId } from './instrument';
import type { UnixMicros } from './time';

/** Our own order id, unique per terminal; also sent to IB as `orderRef`. */
export type ClientOrderId = Flavor<string, 'ClientOrderId'>;
/** The venue's order id (IB orderId/permId, or the paper venue's own). */
export type VenueOrderId = Flavor<string, 'VenueOrderId'>;
/** The venue's execution id (IB execId); fills are de-duplicated by it. */
export type TradeId = Flavor<string, 'TradeId'>;

export const ORDER_SIDES = ['BUY', 'SELL'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

export const ORDER_TYPES = ['MARKET', 'LIMIT', 'STOP_MARKET', 'STOP_LIMIT', 'TRAILING_STOP_MARKET'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** DAY: expires at the session close. GTC: until canceled. IOC: fill what is possible now, cancel the rest. FOK: all now or nothing. */
export const TIME_IN_FORCES = ['DAY', 'GTC', 'IOC', 'FOK'] as const;
export type TimeInForce = (typeof TIME_IN_FORCES)[number];

/** ACTIVE: trading allowed. REDUCING: only orders that reduce a position. HALTED: nothing. */
export const TRADING_STATES = ['ACTIVE', 'REDUCING', 'HALTED'] as const;
export type TradingState = (typeof TRADING_STATES)[number];

export const ORDER_STATUSES = [
  'INITIALIZED',
  'DENIED',
  'STAGED',
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
  'PARTIALLY_FILLED',
  'FILLED',
  'PENDING_UPDATE',
  'PENDING_CANCEL',
  'CANCELED',
  'EXPIRED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses from which no further event is legal. */
export const TERMINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'DENIED',
  'REJECTED',
  'FILLED',
  'CANCELED',
  'EXPIRED',
]);

/** Statuses of an order that is working at the venue (can still fill). */
export const OPEN_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'SUBMITTED',
  'ACCEPTED',
  'PARTIALLY_FILLED',
  'PENDING_UPDATE',
  'PENDING_CANCEL',
]);

/**
 * Paper or live trading. PAPER: the simulated exchange, or an Interactive Brokers paper account
 * (DU...); LIVE: an IB live account (U...), real money. Floor always starts in PAPER; every order
 * belongs to the mode it was created in, and paper and live positions, orders and P&L are kept
 * apart (never one total).
 */
export const TRADING_MODES = ['PAPER', 'LIVE'] as const;
export type TradingMode = (typeof TRADING_MODES)[number];

/** Where an order intent came from; the approval policy is per source. */
export const ORDER_SOURCES = ['TICKET', 'HOTKEY', 'API', 'ALGO'] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

/** Whether our order added liquidity (rested, then was hit) or took it (crossed the spread). */
export type LiquiditySide = 'MAKER' | 'TAKER';

/**
 * What a trader (or a strategy) wants to trade, before sizing and risk. Quantities in shares,
 * prices in micro-dollars. `limitPrice` is required for LIMIT and STOP_LIMIT, `stopPrice` for
 * STOP_MARKET and STOP_LIMIT.
 */
export interface OrderIntent {
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: Shares;
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  readonly limitPrice?: PriceMicros;
  readonly stopPrice?: PriceMicros;
  readonly source: OrderSource;
  /** The trade idea behind the order (entry, stop, target, win probability, payoff, score, id), when it has one. */
  readonly signal?: Signal;
}

/** A structured reason for a denial (our decision) or rejection (the venue's). */
export interface OrderReason {
  /** Machine-readable code, e.g. "MAX_NOTIONAL", "VENUE_REJECT", "NO_LIQUIDITY". */
  readonly code: string;
  /** A sentence a trader can read. */
  readonly message: string;
}

interface OrderEventBase {
  /** Unique id of this event (UUID). */
  readonly eventId: string;
  readonly clientOrderId: ClientOrderId;
  /** When the fact happened (venue or replay time), Unix µs. */
  readonly tsEvent: UnixMicros;
  /** When Floor created this event object, Unix µs. */
  readonly tsInit: UnixMicros;
}

/**
 * What the sizer decided for an order: the method, the ticket's quantity when it gave one, the
 * shares it sized (0 when it found no trade) and the arithmetic in words, e.g.
 * "risk: floor($100,000.00 x 1.00% / $2.00) = 500 shares; capital: ... = 42 shares; took 42".
 */
export interface OrderSizing {
  readonly method: SizingMethod;
  /** Shares the ticket asked for (FIXED sizing); absent when the sizer decides. */
  readonly requestedQuantity?: Shares;
  /** Shares the sizer produced, before any risk reduction; 0 when it found no trade. */
  readonly quantity: Shares;
  readonly explanation: string;
}

/**
 * A reduction the risk engine applied before the order left (reduce-to-fit): the check that asked
 * for it, the shares before and after, and the check's reason.
 */
export interface OrderRiskAdjustment {
  readonly check: string;
  readonly fromQuantity: Shares;
  readonly toQuantity: Shares;
  readonly reason: OrderReason;
}

/**
 * The order came to be. `intent.quantity` is the quantity the order carries from here on: the
 * sizer's result after every risk reduction (0 only for an order the sizer found no trade for, which
 * is denied at once). `sizing` and `riskAdjustments` record how that quantity was found.
 */
export interface OrderInitialized extends OrderEventBase {
  readonly type: 'OrderInitialized';
  readonly intent: OrderIntent;
  /** The trading mode the order was created in (journal rows written before modes existed read as PAPER). */
  readonly mode: TradingMode;
  readonly sizing?: OrderSizing;
  /** Reductions in the order they were applied; absent or empty when risk left the quantity as sized. */
  readonly riskAdjustments?: readonly OrderRiskAdjustment[];
}
export interface OrderDenied extends OrderEventBase {
  readonly type: 'OrderDenied';
  readonly reason: OrderReason;
  /** Name of the rule that denied ("sizing", a pre-trade check, or a risk check such as "max-notional"). */
  readonly check?: string;
}
export interface OrderStaged extends OrderEventBase {
  readonly type: 'OrderStaged';
  /** When the staged order expires unless approved, Unix µs (Floor's clock: the market clock on a replay). */
  readonly expiresAt?: UnixMicros;
  /**
   * Why it waits, when it was not the source's approval rule (MANUAL) but a guard: an automated order
   * that arrived while no interlock session was live and automation was not armed (INTERLOCK_LOCKED).
   */
  readonly reason?: OrderReason;
}
/** The trader approved a staged order; risk was checked again and may have reduced it (listed here). */
export interface OrderApproved extends OrderEventBase {
  readonly type: 'OrderApproved';
  readonly riskAdjustments?: readonly OrderRiskAdjustment[];
}
export interface OrderSubmitted extends OrderEventBase {
  readonly type: 'OrderSubmitted';
  /** Venue the order was handed to, e.g. "PAPER" or "IB". */
  readonly venue: string;
}
export interface OrderAccepted extends OrderEventBase {
  readonly type: 'OrderAccepted';
  readonly venueOrderId: VenueOrderId;
}
export interface OrderRejected extends OrderEventBase {
  readonly type: 'OrderRejected';
  readonly reason: OrderReason;
}
/** A modify request was sent and awaits the venue's answer (NautilusTrader's OrderPendingUpdate). */
export interface OrderPendingUpdate extends OrderEventBase {
  readonly type: 'OrderPendingUpdate';
}
/** A cancel request was sent and awaits the venue's answer (NautilusTrader's OrderPendingCancel). */
export interface OrderPendingCancel extends OrderEventBase {
  readonly type: 'OrderPendingCancel';
}
export interface OrderUpdated extends OrderEventBase {
  readonly type: 'OrderUpdated';
  readonly quantity: Shares;
  readonly limitPrice?: PriceMicros;
  readonly stopPrice?: PriceMicros;
}
export interface OrderFilled extends OrderEventBase {
  readonly type: 'OrderFilled';
  readonly venueOrderId: VenueOrderId;
  readonly tradeId: TradeId;
  /** Shares filled by this execution. */
  readonly lastQty: Shares;
  /** Execution price, micro-dollars. */
  readonly lastPx: PriceMicros;
  /** Commission charged for this execution, micro-dollars (>= 0). */
  readonly commission: MoneyMicros;
  readonly liquiditySide: LiquiditySide;
}
export interface OrderCanceled extends OrderEventBase {
  readonly type: 'OrderCanceled';
  readonly reason?: OrderReason;
}
export interface OrderCancelRejected extends OrderEventBase {
  readonly type: 'OrderCancelRejected';
  readonly reason: OrderReason;
}
/** The venue refused a modification; the order keeps working as it was (NautilusTrader's OrderModifyRejected). */
export interface OrderModifyRejected extends OrderEventBase {
  readonly type: 'OrderModifyRejected';
  readonly reason: OrderReason;
}
export interface OrderExpired extends OrderEventBase {
  readonly type: 'OrderExpired';
}

/** Every fact about an order: one event type per fact (NautilusTrader style). */
export type OrderEvent =
  | OrderInitialized
  | OrderDenied
  | OrderStaged
  | OrderApproved
  | OrderSubmitted
  | OrderAccepted
  | OrderRejected
  | OrderPendingUpdate
  | OrderPendingCancel
  | OrderUpdated
  | OrderFilled
  | OrderCanceled
  | OrderCancelRejected
  | OrderModifyRejected
  | OrderExpired;

export type OrderEventType = OrderEvent['type'];

/**
 * One order: the one model of an order in Floor, from the moment sizing gives it a quantity
 * (status INITIALIZED) to its end. The risk checks judge it, the venue takes it, the ledger stores
 * it, the UI shows it: each the same value, derived by folding the order's events through the state
 * machine (src/main/execution/order-state.ts). Prices and money in micro-dollars, quantities in
 * shares, times in Unix µs.
 */
export interface Order {
  readonly clientOrderId: ClientOrderId;
  readonly venueOrderId: VenueOrderId | null;
  /** Venue the order was handed to ("PAPER", "IB"), null before submission. */
  readonly venue: string | null;
  /** The trading mode the order was created in: it is only ever sent, approved or modified in that mode. */
  readonly mode: TradingMode;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  readonly quantity: Shares;
  readonly limitPrice: PriceMicros | null;
  readonly stopPrice: PriceMicros | null;
  readonly source: OrderSource;
  readonly status: OrderStatus;
  /** While PENDING_UPDATE / PENDING_CANCEL: the status to return to if the request is refused; otherwise null. */
  readonly statusBeforePending: OrderStatus | null;
  readonly filledQty: Shares;
  /** Exact sum of lastQty x lastPx over all fills, micro-dollars; avgFillPrice is derived from it. */
  readonly fillNotional: MoneyMicros;
  /** Volume-weighted average fill price, micro-dollars rounded half away from zero; null before a fill. */
  readonly avgFillPrice: PriceMicros | null;
  /** Total commission charged so far, micro-dollars. */
  readonly commission: MoneyMicros;
  /** Why it was denied, rejected or canceled (or why it waits, for a STAGED one), when it was. */
  readonly reason: OrderReason | null;
  /** How the quantity was found (FIXED for a ticket's own quantity). */
  readonly sizing: SizingMethod;
  /** The trade idea behind the order, when it has one (its score orders the approval queue). */
  readonly signal: Signal | null;
  /** For an order that was STAGED: when it expires (or expired) unless approved, Unix µs; otherwise null. */
  readonly expiresAt: UnixMicros | null;
  readonly createdAt: UnixMicros;
  readonly updatedAt: UnixMicros;
}

/**
 * A change asked of a working order: new total quantity (shares, above what has filled), limit or
 * stop price (micro-dollars). At least one field; the rest stays as it is.
 */
export interface OrderModification {
  readonly quantity?: Shares;
  readonly limitPrice?: PriceMicros;
  readonly stopPrice?: PriceMicros;
}

/** One execution of one of our orders. */
export interface FillView {
  readonly tradeId: TradeId;
  readonly clientOrderId: ClientOrderId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: Shares;
  readonly price: PriceMicros;
  readonly commission: MoneyMicros;
  readonly liquiditySide: LiquiditySide;
  readonly tsEvent: UnixMicros;
}
