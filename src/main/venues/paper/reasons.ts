import type { OrderReason } from '../../../shared';

/**
 * Reason codes the paper venue puts on `rejected`, `canceled` and `cancelRejected` events. Each code
 * is paired with a sentence a trader can read (OrderReason.message), built where the reason arises.
 */
export const PAPER_REASON_CODES = {
  /** The venue has no market for the instrument. */
  UNKNOWN_INSTRUMENT: 'UNKNOWN_INSTRUMENT',
  /** Quantity is not a positive whole number of shares. */
  INVALID_QUANTITY: 'INVALID_QUANTITY',
  /** A price is missing, not positive, or given where the order type takes none. */
  INVALID_PRICE: 'INVALID_PRICE',
  /** A price is not on the instrument's tick grid (Reg NMS Rule 612). */
  PRICE_OFF_TICK: 'PRICE_OFF_TICK',
  /** Side, order type or time in force unknown, or a combination the paper venue does not support. */
  UNSUPPORTED_ORDER: 'UNSUPPORTED_ORDER',
  /** Outside the replayed session (before its start, at or after its end, or the replay finished). */
  MARKET_CLOSED: 'MARKET_CLOSED',
  /** The replayed market is halted (LOBSTER type-7 halt, or quoting-only period after it). */
  MARKET_HALTED: 'MARKET_HALTED',
  /** A MARKET order found no (or too little) visible liquidity; the rest is canceled. */
  NO_LIQUIDITY: 'NO_LIQUIDITY',
  /** The part of an IOC order that could not fill immediately is canceled. */
  IOC_UNFILLED: 'IOC_UNFILLED',
  /** A FOK order that could not fill completely at once is canceled without any fill. */
  FOK_UNFILLABLE: 'FOK_UNFILLABLE',
  /** The trader (or the engine) asked to cancel. */
  CANCELED_BY_REQUEST: 'CANCELED_BY_REQUEST',
  /** A cancel named an order the venue never received. */
  UNKNOWN_ORDER: 'UNKNOWN_ORDER',
  /** A cancel named an order that is already filled, canceled, expired or was rejected. */
  ORDER_NOT_OPEN: 'ORDER_NOT_OPEN',
  /** An order handed to `restore` cannot be working at a venue (MARKET, IOC, FOK or unknown instrument). */
  NOT_RESTORABLE: 'NOT_RESTORABLE',
} as const;

export type PaperReasonCode = (typeof PAPER_REASON_CODES)[keyof typeof PAPER_REASON_CODES];

/** Builds an OrderReason from a code and a sentence. */
export function reason(code: PaperReasonCode, message: string): OrderReason {
  return { code, message };
}
