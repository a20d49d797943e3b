import type { InstrumentId, OrderSide, PriceMicros, SessionNanos, Shares, TradeTick, UnixMicros } from '../../shared';

/**
 * One order-book event of a market-by-order feed, normalised from LOBSTER's message file
 * (lobsterdata.com sample ReadMe, event types 1..7) or produced by the synthetic model.
 *
 * - ADD (LOBSTER 1): a new visible limit order of `size` at `price` on `side`.
 * - PARTIAL_CANCEL (2): `size` shares of order `orderId` canceled.
 * - DELETE (3): order `orderId` with `size` remaining shares removed.
 * - EXECUTE_VISIBLE (4): `size` shares of resting visible order `orderId` executed at `price`.
 * - EXECUTE_HIDDEN (5): a hidden order executed (`orderId` 0); the visible book does not change.
 * - CROSS (6): an auction cross trade.
 * - HALT (7): trading halt indicator; `haltPhase` says which.
 *
 * `side` is the side of the resting/limit order (LOBSTER direction 1 = BUY, -1 = SELL). For
 * executions the aggressor is the opposite side. Prices in micro-dollars, sizes in shares.
 */
export type MarketEventKind = 'ADD' | 'PARTIAL_CANCEL' | 'DELETE' | 'EXECUTE_VISIBLE' | 'EXECUTE_HIDDEN' | 'CROSS' | 'HALT';

/** LOBSTER halt rows: price -1 = halted, 0 = quoting resumes, 1 = trading resumes. */
export type HaltPhase = 'HALTED' | 'QUOTING' | 'RESUMED';

export interface MarketEvent {
  readonly kind: MarketEventKind;
  /** Event time, nanoseconds after midnight (exchange local time) of the session date. */
  readonly time: SessionNanos;
  readonly orderId: number;
  readonly size: Shares;
  readonly price: PriceMicros;
  readonly side: OrderSide;
  /** Present only on HALT events. */
  readonly haltPhase?: HaltPhase;
}

/**
 * The trade print of an execution event (EXECUTE_VISIBLE or EXECUTE_HIDDEN): the aggressor is the side
 * opposite the resting order (LOBSTER sample ReadMe: the direction is the resting order's).
 * @param tsEvent the event's market time as Unix µs.
 */
export function tradePrint(instrumentId: InstrumentId, event: MarketEvent, tsEvent: UnixMicros): TradeTick {
  return {
    instrumentId,
    tsEvent,
    price: event.price,
    size: event.size,
    aggressorSide: event.side === 'BUY' ? 'SELL' : 'BUY',
    hidden: event.kind === 'EXECUTE_HIDDEN',
  };
}
