import {
  addMicros,
  divRoundHalfAwayFromZero,
  notionalMicros,
  type Order,
  type OrderEvent,
  type OrderFilled,
  type OrderInitialized,
  type OrderRiskAdjustment,
  type OrderSizing,
  type OrderStatus,
} from '../../shared';
import { InvalidOrderTransitionError, isPendingStatus, transitionFor } from './order-state-machine';

/** An execution would fill more than the order's quantity. */
export class OrderOverfillError extends Error {
  override readonly name = 'OrderOverfillError';
  constructor(
    readonly clientOrderId: string,
    readonly quantity: number,
    readonly filledQty: number,
    readonly lastQty: number,
  ) {
    super(
      `order ${clientOrderId}: a fill of ${lastQty} shares would over-fill it ` +
        `(quantity ${quantity}, already filled ${filledQty}, remaining ${quantity - filledQty})`,
    );
  }
}

/** An event carries a value that cannot be applied (wrong order id, bad fill size or price, bad modify). */
export class InvalidOrderEventError extends Error {
  override readonly name = 'InvalidOrderEventError';
}

/**
 * What a new order is made of, before any event: its id, the ticket's fields at the quantity it
 * carries (the sizer's, after risk reductions; 0 only for an order the sizer found no trade for),
 * its source, trade idea and sizing method, and when it was made (Floor's clock, Unix µs).
 */
export type NewOrder = Pick<
  Order,
  'clientOrderId' | 'instrumentId' | 'side' | 'orderType' | 'timeInForce' | 'quantity' | 'limitPrice' | 'stopPrice' | 'source' | 'signal' | 'sizing' | 'createdAt' | 'mode'
>;

/**
 * The order itself, status INITIALIZED, nothing filled: the one Order value the risk checks judge,
 * the ledger stores and the venue takes. createdAt/updatedAt are Floor's clock, so orders sort
 * correctly even when a venue reports replay time.
 */
export function createOrder(spec: NewOrder): Order {
  return {
    clientOrderId: spec.clientOrderId,
    venueOrderId: null,
    venue: null,
    mode: spec.mode,
    instrumentId: spec.instrumentId,
    side: spec.side,
    orderType: spec.orderType,
    timeInForce: spec.timeInForce,
    quantity: spec.quantity,
    limitPrice: spec.limitPrice,
    stopPrice: spec.stopPrice,
    source: spec.source,
    status: 'INITIALIZED',
    statusBeforePending: null,
    filledQty: 0,
    fillNotional: 0,
    avgFillPrice: null,
    commission: 0,
    reason: null,
    sizing: spec.sizing,
    signal: spec.signal,
    expiresAt: null,
    createdAt: spec.createdAt,
    updatedAt: spec.createdAt,
  };
}

/**
 * The OrderInitialized event that records `order` (status INITIALIZED): what was asked (the
 * intent, at the order's quantity), how the sizer found the quantity, and any risk reductions.
 */
export function initializedEvent(order: Order, eventId: string, sizing: OrderSizing, riskAdjustments: readonly OrderRiskAdjustment[]): OrderInitialized {
  return {
    type: 'OrderInitialized',
    eventId,
    clientOrderId: order.clientOrderId,
    tsEvent: order.createdAt,
    tsInit: order.createdAt,
    intent: {
      instrumentId: order.instrumentId,
      side: order.side,
      quantity: order.quantity,
      orderType: order.orderType,
      timeInForce: order.timeInForce,
      ...(order.limitPrice === null ? {} : { limitPrice: order.limitPrice }),
      ...(order.stopPrice === null ? {} : { stopPrice: order.stopPrice }),
      source: order.source,
      ...(order.signal === null ? {} : { signal: order.signal }),
    },
    sizing,
    ...(riskAdjustments.length === 0 ? {} : { riskAdjustments }),
    mode: order.mode,
  };
}

/** The order a stored OrderInitialized created (replaying the journal). */
export function initializeOrder(event: OrderInitialized): Order {
  const { intent } = event;
  return createOrder({
    clientOrderId: event.clientOrderId,
    instrumentId: intent.instrumentId,
    side: intent.side,
    orderType: intent.orderType,
    timeInForce: intent.timeInForce,
    quantity: intent.quantity,
    limitPrice: intent.limitPrice ?? null,
    stopPrice: intent.stopPrice ?? null,
    source: intent.source,
    signal: intent.signal ?? null,
    sizing: event.sizing?.method ?? 'FIXED',
    createdAt: event.tsInit,
    mode: event.mode,
  });
}

/**
 * Folds `event` into `state` through ORDER_TRANSITIONS and returns the new state (the input is not
 * modified). Fills add to filledQty, to the exact fill notional (sum of lastQty x lastPx, micro-dollars)
 * and to commission; avgFillPrice = notional / filledQty rounded half away from zero, so it is never
 * the drift-prone running average of averages.
 *
 * @throws InvalidOrderTransitionError when the event is not legal in the order's status (naming both).
 * @throws OrderOverfillError when a fill exceeds the remaining quantity.
 * @throws InvalidOrderEventError when the event belongs to another order or carries impossible values.
 */
export function applyOrderEvent(state: Order, event: OrderEvent): Order {
  if (event.clientOrderId !== state.clientOrderId) {
    throw new InvalidOrderEventError(
      `event ${event.type} for order ${event.clientOrderId} cannot be applied to order ${state.clientOrderId}`,
    );
  }
  if (event.type === 'OrderInitialized') {
    throw new InvalidOrderTransitionError(state.status, event.type, state.clientOrderId);
  }
  const outcome = transitionFor(state.status, event.type, state.clientOrderId);
  const next = { ...applyFields(state, event), updatedAt: event.tsInit };

  if ('to' in outcome) {
    const entersPending = isPendingStatus(outcome.to);
    return {
      ...next,
      status: outcome.to,
      // Entering a pending status remembers where to return; moving from one pending status to
      // the other keeps the original working status.
      statusBeforePending: entersPending ? (state.statusBeforePending ?? state.status) : null,
    };
  }
  if ('fill' in outcome) {
    if (next.filledQty === next.quantity) return { ...next, status: 'FILLED', statusBeforePending: null };
    if (isPendingStatus(state.status)) return { ...next, statusBeforePending: 'PARTIALLY_FILLED' };
    return { ...next, status: 'PARTIALLY_FILLED' };
  }
  if ('restore' in outcome) {
    return { ...next, status: requirePrevious(state), statusBeforePending: null };
  }
  if ('underlying' in outcome) {
    // Only move the underlying status forward: an ack arriving after a fill must not undo the fill.
    const previous = requirePrevious(state);
    return { ...next, statusBeforePending: previous === 'SUBMITTED' ? outcome.underlying : previous };
  }
  return next;
}


/** Remaining quantity (shares) of the order. */
export function remainingQty(state: Order): number {
  return state.quantity - state.filledQty;
}

function requirePrevious(state: Order): OrderStatus {
  if (state.statusBeforePending === null) {
    throw new InvalidOrderEventError(
      `order ${state.clientOrderId} is ${state.status} but does not record the status before the pending request`,
    );
  }
  return state.statusBeforePending;
}

/** Applies the event's own fields (not the status). */
function applyFields(state: Order, event: OrderEvent): Order {
  switch (event.type) {
    case 'OrderDenied':
    case 'OrderRejected':
    case 'OrderCancelRejected':
    case 'OrderModifyRejected':
      return { ...state, reason: event.reason };
    case 'OrderCanceled':
      return { ...state, reason: event.reason ?? null };
    case 'OrderSubmitted':
      return { ...state, venue: event.venue };
    case 'OrderApproved':
      return { ...state, reason: null };
    case 'OrderStaged':
      return { ...state, expiresAt: event.expiresAt ?? state.expiresAt, reason: event.reason ?? state.reason };
    case 'OrderAccepted':
      return { ...state, venueOrderId: event.venueOrderId };
    case 'OrderUpdated':
      if (!Number.isSafeInteger(event.quantity) || event.quantity <= state.filledQty) {
        throw new InvalidOrderEventError(
          `order ${state.clientOrderId}: updated quantity ${event.quantity} must be a whole number above the ` +
            `${state.filledQty} shares already filled`,
        );
      }
      return {
        ...state,
        quantity: event.quantity,
        limitPrice: event.limitPrice ?? state.limitPrice,
        stopPrice: event.stopPrice ?? state.stopPrice,
      };
    case 'OrderFilled':
      return applyFill(state, event);
    default:
      return state;
  }
}

function applyFill(state: Order, fill: OrderFilled): Order {
  const what = `order ${state.clientOrderId}, fill ${fill.tradeId}`;
  if (!Number.isSafeInteger(fill.lastQty) || fill.lastQty <= 0) {
    throw new InvalidOrderEventError(`${what}: lastQty must be a positive whole number of shares, got ${fill.lastQty}`);
  }
  if (!Number.isSafeInteger(fill.lastPx) || fill.lastPx <= 0) {
    throw new InvalidOrderEventError(`${what}: lastPx must be a positive integer of micro-dollars, got ${fill.lastPx}`);
  }
  if (!Number.isSafeInteger(fill.commission) || fill.commission < 0) {
    throw new InvalidOrderEventError(`${what}: commission must be a non-negative integer of micro-dollars, got ${fill.commission}`);
  }
  if (state.filledQty + fill.lastQty > state.quantity) {
    throw new OrderOverfillError(state.clientOrderId, state.quantity, state.filledQty, fill.lastQty);
  }
  const filledQty = state.filledQty + fill.lastQty;
  const fillNotional = addMicros(state.fillNotional, notionalMicros(fill.lastPx, fill.lastQty));
  return {
    ...state,
    venueOrderId: fill.venueOrderId,
    filledQty,
    fillNotional,
    avgFillPrice: divRoundHalfAwayFromZero(fillNotional, filledQty),
    commission: addMicros(state.commission, fill.commission),
  };
}
