import { randomUUID } from 'node:crypto';
import type { ClientOrderId, Clock, LiquiditySide, MoneyMicros, OrderAccepted, OrderCancelRejected, OrderCanceled, OrderExpired, OrderFilled, OrderModifyRejected, OrderReason, OrderRejected, OrderUpdated, PriceMicros, Shares, TradeId, UnixMicros, VenueOrderId } from '../../shared';

/** An execution as a venue reports it. Quantity shares; price and commission micro-dollars. */
export interface Execution {
  readonly venueOrderId: VenueOrderId;
  readonly tradeId: TradeId;
  readonly lastQty: Shares;
  readonly lastPx: PriceMicros;
  /** >= 0. */
  readonly commission: MoneyMicros;
  readonly liquiditySide: LiquiditySide;
}

/**
 * Makes the order events a venue reports, each with a new `eventId` (UUID v4) and `tsInit` from the
 * venue's reading of Floor's clock; `tsEvent` is the venue's or market's time of the fact (Unix µs).
 * Both venues report through one of these, so they speak exactly the engine's vocabulary.
 */
export class VenueEvents {
  /** @param clock Floor's clock as the venue reads it, Unix µs (the market clock for the paper venue). */
  constructor(private readonly clock: Clock) {}

  accepted(clientOrderId: ClientOrderId, venueOrderId: VenueOrderId, tsEvent: UnixMicros): OrderAccepted {
    return { ...this.base(clientOrderId, tsEvent), type: 'OrderAccepted', venueOrderId };
  }

  rejected(clientOrderId: ClientOrderId, reason: OrderReason, tsEvent: UnixMicros): OrderRejected {
    return { ...this.base(clientOrderId, tsEvent), type: 'OrderRejected', reason };
  }

  filled(clientOrderId: ClientOrderId, execution: Execution, tsEvent: UnixMicros): OrderFilled {
    return { ...this.base(clientOrderId, tsEvent), type: 'OrderFilled', ...execution };
  }

  /** `reason` absent: canceled without one (IB's orderStatus Cancelled). */
  canceled(clientOrderId: ClientOrderId, reason: OrderReason | undefined, tsEvent: UnixMicros): OrderCanceled {
    return reason === undefined ? { ...this.base(clientOrderId, tsEvent), type: 'OrderCanceled' } : { ...this.base(clientOrderId, tsEvent), type: 'OrderCanceled', reason };
  }

  cancelRejected(clientOrderId: ClientOrderId, reason: OrderReason, tsEvent: UnixMicros): OrderCancelRejected {
    return { ...this.base(clientOrderId, tsEvent), type: 'OrderCancelRejected', reason };
  }

  /** The order as modified: its total quantity (shares) and, when it has them, limit and stop prices (micro-dollars). */
  updated(clientOrderId: ClientOrderId, order: { readonly quantity: Shares; readonly limitPrice?: PriceMicros | null; readonly stopPrice?: PriceMicros | null }, tsEvent: UnixMicros): OrderUpdated {
    return {
      ...this.base(clientOrderId, tsEvent),
      type: 'OrderUpdated',
      quantity: order.quantity,
      ...(order.limitPrice === undefined || order.limitPrice === null ? {} : { limitPrice: order.limitPrice }),
      ...(order.stopPrice === undefined || order.stopPrice === null ? {} : { stopPrice: order.stopPrice }),
    };
  }

  modifyRejected(clientOrderId: ClientOrderId, reason: OrderReason, tsEvent: UnixMicros): OrderModifyRejected {
    return { ...this.base(clientOrderId, tsEvent), type: 'OrderModifyRejected', reason };
  }

  expired(clientOrderId: ClientOrderId, tsEvent: UnixMicros): OrderExpired {
    return { ...this.base(clientOrderId, tsEvent), type: 'OrderExpired' };
  }

  private base(clientOrderId: ClientOrderId, tsEvent: UnixMicros) {
    return { eventId: randomUUID(), clientOrderId, tsEvent, tsInit: this.clock.now() };
  }
}
