import { OrderAction, OrderType as IbOrderType, SecType, type Contract, type Order as IbOrder } from '@stoqey/ib';
import { MICROS_PER_DOLLAR, type InstrumentId, type LiquiditySide, type Order, type PriceMicros } from '../../../shared';

/**
 * The boundary between Floor's exact domain (integer micro-dollars, whole shares) and IB's floats.
 * Floats exist only here: prices go out as micro-dollars / 1e6 (exact for every price on a cent or
 * sub-penny grid up to far beyond any stock price) and come back rounded to the nearest micro-dollar.
 */

/** IB's TIF codes for Floor's TimeInForce (TWS API Order.tif). */
const TIF = { DAY: 'DAY', GTC: 'GTC', IOC: 'IOC', FOK: 'FOK' } as const;

/** A Floor order type IB cannot take from this adapter. */
export class UnsupportedIbOrderError extends Error {
  override readonly name = 'UnsupportedIbOrderError';
}

/** Dollars (IB float) from micro-dollars. */
export function toIbPrice(micros: PriceMicros): number {
  return micros / MICROS_PER_DOLLAR;
}

/** Micro-dollars from an IB price (dollars, float), rounded to the nearest micro-dollar. @throws RangeError on a non-finite or negative price. */
export function fromIbPrice(dollars: number): PriceMicros {
  if (!Number.isFinite(dollars) || dollars < 0) throw new RangeError(`IB sent price ${dollars}; expected a finite non-negative number of dollars`);
  return Math.round(dollars * MICROS_PER_DOLLAR);
}

/**
 * The IB contract for a US stock instrument routed through SMART (the only instruments Floor trades
 * so far). `conId` and `primaryExch` come from reqContractDetails when resolved.
 */
export function stockContract(instrumentId: InstrumentId, resolved?: { readonly conId: number; readonly primaryExch?: string }): Contract {
  return {
    symbol: instrumentId,
    secType: SecType.STK,
    exchange: 'SMART',
    currency: 'USD',
    ...(resolved === undefined ? {} : { conId: resolved.conId, ...(resolved.primaryExch ? { primaryExch: resolved.primaryExch } : {}) }),
  };
}

/**
 * The IB order for `order`: MARKET -> MKT, LIMIT -> LMT (lmtPrice), STOP_MARKET -> STP (auxPrice),
 * STOP_LIMIT -> STP LMT (lmtPrice and auxPrice); our ClientOrderId as `orderRef` (IB echoes it in
 * openOrder and execDetails, across sessions and client ids); transmit at once.
 * @param account the IB account to book it to (one of managedAccounts).
 * @throws UnsupportedIbOrderError for TRAILING_STOP_MARKET (Floor's trailing stops are managed exits, not IB orders).
 */
export function ibOrderFor(order: Order, account: string): IbOrder {
  const base: Omit<IbOrder, 'orderType'> = {
    action: order.side === 'BUY' ? OrderAction.BUY : OrderAction.SELL,
    totalQuantity: order.quantity,
    tif: TIF[order.timeInForce],
    orderRef: order.clientOrderId,
    account,
    transmit: true,
  };
  switch (order.orderType) {
    case 'MARKET':
      return { ...base, orderType: IbOrderType.MKT };
    case 'LIMIT':
      return { ...base, orderType: IbOrderType.LMT, lmtPrice: toIbPrice(required(order.limitPrice, 'limitPrice', order)) };
    case 'STOP_MARKET':
      return { ...base, orderType: IbOrderType.STP, auxPrice: toIbPrice(required(order.stopPrice, 'stopPrice', order)) };
    case 'STOP_LIMIT':
      return {
        ...base,
        orderType: IbOrderType.STP_LMT,
        lmtPrice: toIbPrice(required(order.limitPrice, 'limitPrice', order)),
        auxPrice: toIbPrice(required(order.stopPrice, 'stopPrice', order)),
      };
    default:
      throw new UnsupportedIbOrderError(`IB orders of type ${order.orderType} are not sent by Floor (order ${order.clientOrderId})`);
  }
}

function required(value: PriceMicros | null, field: string, order: Order): PriceMicros {
  if (value === null) throw new UnsupportedIbOrderError(`order ${order.clientOrderId} (${order.orderType}) has no ${field}`);
  return value;
}

/** MAKER when the execution added liquidity (IB lastLiquidity 1), TAKER otherwise (2 removed, 3 routed out, 0 unknown). */
export function liquiditySideOf(lastLiquidity: number | undefined): LiquiditySide {
  return lastLiquidity === 1 ? 'MAKER' : 'TAKER';
}
