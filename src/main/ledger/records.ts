import type {
  FillView,
  InstrumentId,
  MoneyMicros,
  OrderEvent,
  UnixMicros,
} from '../../shared';

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

/** One mode's account row, micro-dollars. */
export interface AccountRecord {
  readonly startingCash: MoneyMicros;
  readonly cash: MoneyMicros;
  readonly updatedAt: UnixMicros;
}
