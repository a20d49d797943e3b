import type { ClientOrderId } from '../../src/shared';
import type { SimContract } from './contract';

/** IB order status strings as orderStatus/openOrder carry them. */
export type IbOrderStatus = 'PendingSubmit' | 'PreSubmitted' | 'Submitted' | 'PendingCancel' | 'Cancelled' | 'ApiCancelled' | 'Filled' | 'Inactive';

/**
 * The simulator's record of one IB order: what the client sent (IB units: dollars as floats,
 * shares; quantity, type, prices and tif change when the client modifies it) plus its state at the
 * simulated exchange. Exact sums are kept in micro-units so
 * avgFillPrice does not drift.
 */
export interface SimOrder {
  /** IB orderId as the client chose it (unique per clientId). */
  readonly orderId: number;
  /** clientId of the session that placed it. */
  readonly clientId: number;
  /** IB permId: unique, non-zero, stable across sessions and gateway restarts. */
  readonly permId: number;
  /** Our id of the order at the paper exchange (a modification replaces it: cancel + new order there). */
  clientOrderId: ClientOrderId;
  readonly contract: SimContract;
  readonly action: 'BUY' | 'SELL';
  /** Shares. */
  totalQuantity: number;
  /** IB order type as sent ("LMT", "MKT", "STP", "STP LMT"). */
  orderType: string;
  /** Limit price, dollars. */
  lmtPrice: number | undefined;
  /** Stop price, dollars. */
  auxPrice: number | undefined;
  tif: string;
  readonly account: string;
  readonly orderRef: string;
  status: IbOrderStatus;
  /** Shares filled so far. */
  filled: number;
  /** Sum of price x shares over fills, micro-dollars (exact). */
  filledNotionalMicros: number;
  /** Price of the last fill, dollars (0 before any). */
  lastFillPrice: number;
  /** When it reached Filled, Cancelled or Inactive: Unix epoch ms on the gateway's clock (undefined while working). */
  completedAtMs?: number;
}

/** Shares not yet filled. */
export function remaining(order: SimOrder): number {
  return order.status === 'Cancelled' || order.status === 'ApiCancelled' || order.status === 'Inactive' ? 0 : order.totalQuantity - order.filled;
}

/** Average fill price, dollars (0 before any fill). */
export function avgFillPrice(order: SimOrder): number {
  return order.filled === 0 ? 0 : order.filledNotionalMicros / order.filled / 1_000_000;
}

/** True while the order can still fill or be canceled. */
export function isWorking(order: SimOrder): boolean {
  return order.status === 'PreSubmitted' || order.status === 'Submitted' || order.status === 'PendingSubmit' || order.status === 'PendingCancel';
}
