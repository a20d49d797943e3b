import type {
  FillView,
  InstrumentId,
  MoneyMicros,
  OrderEvent,
  OrderStatus,
  OrderView,
  UnixMicros,
} from '../../shared';

/**
 * The persisted state of one order: the OrderView plus what the state machine needs to continue
 * exactly where it left off after a restart. Money in micro-dollars, quantities in shares.
 */
export interface OrderRecord extends OrderView {
  /** Venue the order was handed to ("PAPER", "IB"), null before submission. */
  readonly venue: string | null;
  /** While PENDING_UPDATE / PENDING_CANCEL: the status to return to if the request is refused; otherwise null. */
  readonly statusBeforePending: OrderStatus | null;
  /** Exact sum of lastQty x lastPx over all fills, micro-dollars; avgFillPrice is derived from it. */
  readonly fillNotional: MoneyMicros;
}

/** An order event as stored, with its position `seq` in the global append-only journal. */
export interface StoredOrderEvent {
  readonly seq: number;
  readonly event: OrderEvent;
}

/** A fill as stored, with the journal seq of the OrderFilled event that recorded it. */
export interface FillRecord extends FillView {
  readonly eventSeq: number;
}

/**
 * The persisted state of the position in one instrument (average-cost method).
 * `quantity` signed shares (> 0 long, < 0 short); `costBasis` the exact micro-dollars paid for the
 * open quantity, same sign as `quantity` (0 when flat); realized P&L is net of commissions.
 */
export interface PositionRecord {
  readonly instrumentId: InstrumentId;
  readonly quantity: number;
  readonly costBasis: MoneyMicros;
  readonly realizedPnl: MoneyMicros;
  readonly commissions: MoneyMicros;
  readonly updatedAt: UnixMicros;
}

/** The single account row, micro-dollars. */
export interface AccountRecord {
  readonly startingCash: MoneyMicros;
  readonly cash: MoneyMicros;
  readonly updatedAt: UnixMicros;
}
