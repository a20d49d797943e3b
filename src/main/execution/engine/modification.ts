import type { ClientOrderId, MoneyMicros, Order, OrderModification, OrderReason, OrderSide, Shares } from '../../../shared';
import { checkOrder, type MarketSnapshot } from '../order-plan';
import type { RiskEngine } from '../risk/risk-engine';
import type { WorkingOrdersView } from '../risk/working-orders';

/** A modification that is not one (no field, a bad number, a price the order type does not take); RPC code BAD_REQUEST. */
export class InvalidModificationError extends Error {
  override readonly name = 'InvalidModificationError';
  readonly code = 'BAD_REQUEST';
}

/** The order is not working (or a request on it is still pending), so it cannot be modified; RPC code CONFLICT. */
export class OrderNotModifiableError extends Error {
  override readonly name = 'OrderNotModifiableError';
  readonly code = 'CONFLICT';
  constructor(readonly clientOrderId: ClientOrderId, readonly status: string) {
    super(`order ${clientOrderId} is ${status}: only an accepted or partly filled order with no request pending can be modified`);
  }
}

/** The RiskEngine refused the order as modified; RPC code CONFLICT. `reason` is its structured reason. */
export class ModificationDeniedError extends Error {
  override readonly name = 'ModificationDeniedError';
  readonly code = 'CONFLICT';
  constructor(readonly check: string, readonly reason: OrderReason) {
    super(`the modification was denied by ${check}: ${reason.message}`);
  }
}

/**
 * Checks a modification of a working order before it is sent: the order is ACCEPTED or
 * PARTIALLY_FILLED; the change names at least one field; a new quantity is a whole number above the
 * shares filled; a limit or stop price only where the order type takes one, positive integers of
 * micro-dollars. Then the order as modified goes through the RiskEngine as a new order would, with
 * the working totals counting the order at its new size instead of twice. Reduce-to-fit does not
 * apply: a modification is taken as asked or refused.
 * @throws InvalidModificationError, OrderNotModifiableError, ModificationDeniedError.
 */
export function checkModification(order: Order, changes: OrderModification, market: MarketSnapshot, risk: RiskEngine): void {
  if (order.status !== 'ACCEPTED' && order.status !== 'PARTIALLY_FILLED') throw new OrderNotModifiableError(order.clientOrderId, order.status);
  const { quantity, limitPrice, stopPrice } = changes;
  if (quantity === undefined && limitPrice === undefined && stopPrice === undefined) throw new InvalidModificationError('a modification must change the quantity, the limit price or the stop price');
  if (quantity !== undefined && !(Number.isSafeInteger(quantity) && quantity > order.filledQty)) {
    throw new InvalidModificationError(`the new quantity must be a whole number of shares above the ${order.filledQty} already filled, got ${quantity}`);
  }
  for (const [field, value, current] of [['limit price', limitPrice, order.limitPrice], ['stop price', stopPrice, order.stopPrice]] as const) {
    if (value === undefined) continue;
    if (current === null) throw new InvalidModificationError(`a ${order.orderType} order has no ${field} to change`);
    if (!(Number.isSafeInteger(value) && value > 0)) throw new InvalidModificationError(`the new ${field} must be a positive integer of micro-dollars, got ${value}`);
  }
  const modified: Order = { ...order, quantity: quantity ?? order.quantity, limitPrice: limitPrice ?? order.limitPrice, stopPrice: stopPrice ?? order.stopPrice, filledQty: 0 };
  const remaining = { ...modified, quantity: modified.quantity - order.filledQty };
  const outcome = checkOrder(remaining, { ...market, working: workingWithout(market.working, order), profile: { ...market.profile, reduceToFit: false } }, risk);
  if (outcome.verdict.kind === 'DENY') throw new ModificationDeniedError(outcome.verdict.check, outcome.verdict.reason);
}

/** The working totals without `order`'s own contribution (it is checked again at its new size). */
function workingWithout(working: WorkingOrdersView, order: Order): WorkingOrdersView {
  const own: Shares = order.quantity - order.filledQty;
  const price = order.limitPrice ?? order.stopPrice;
  const mine = (instrumentId: string): boolean => instrumentId === order.instrumentId;
  return {
    remaining: (instrumentId: string, side: OrderSide): Shares => working.remaining(instrumentId, side) - (mine(instrumentId) && side === order.side ? own : 0),
    instruments: () => working.instruments(),
    pricedNotional: (instrumentId: string): MoneyMicros => working.pricedNotional(instrumentId) - (mine(instrumentId) && price !== null ? own * price : 0),
    unpricedRemaining: (instrumentId: string): Shares => working.unpricedRemaining(instrumentId) - (mine(instrumentId) && price === null ? own : 0),
  };
}
