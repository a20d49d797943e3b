import type {
  ClientOrderId,
  ConnectionState,
  Event,
  InstrumentId,
  LiquiditySide,
  MoneyMicros,
  OrderReason,
  OrderSide,
  OrderType,
  PriceMicros,
  Shares,
  TimeInForce,
  TradeId,
  UnixMicros,
  VenueOrderId,
} from '../../shared';

/** An order as handed to a venue. Prices in micro-dollars, quantity in shares. */
export interface VenueOrder {
  readonly clientOrderId: ClientOrderId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: Shares;
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  readonly limitPrice?: PriceMicros;
  readonly stopPrice?: PriceMicros;
}

/**
 * What a venue reports about our orders. Times (`tsEvent`) are venue/market time in Unix µs.
 * A venue may deliver events synchronously from inside `submit`/`cancel`; consumers must accept
 * that re-entrancy (the engine records OrderSubmitted before calling `submit`).
 */
export type VenueEvent =
  | { readonly type: 'accepted'; readonly clientOrderId: ClientOrderId; readonly venueOrderId: VenueOrderId; readonly tsEvent: UnixMicros }
  | { readonly type: 'rejected'; readonly clientOrderId: ClientOrderId; readonly reason: OrderReason; readonly tsEvent: UnixMicros }
  | {
      readonly type: 'filled';
      readonly clientOrderId: ClientOrderId;
      readonly venueOrderId: VenueOrderId;
      readonly tradeId: TradeId;
      /** Shares filled by this execution. */
      readonly lastQty: Shares;
      /** Execution price, micro-dollars. */
      readonly lastPx: PriceMicros;
      /** Commission for this execution, micro-dollars, >= 0. */
      readonly commission: MoneyMicros;
      readonly liquiditySide: LiquiditySide;
      readonly tsEvent: UnixMicros;
    }
  | { readonly type: 'canceled'; readonly clientOrderId: ClientOrderId; readonly reason?: OrderReason; readonly tsEvent: UnixMicros }
  | { readonly type: 'cancelRejected'; readonly clientOrderId: ClientOrderId; readonly reason: OrderReason; readonly tsEvent: UnixMicros }
  | { readonly type: 'expired'; readonly clientOrderId: ClientOrderId; readonly tsEvent: UnixMicros };

/**
 * A place orders go: the paper venue (simulated exchange) or Interactive Brokers.
 * Errors: `submit` and `cancel` never throw for venue-side problems; they report `rejected` /
 * `cancelRejected` events instead. They throw only on programming errors (e.g. a duplicate id).
 */
export interface Venue {
  /** Short name recorded on OrderSubmitted, e.g. "PAPER" or "IB". */
  readonly venueId: string;
  /** Current connection state (the paper venue is always CONNECTED). */
  connectionState(): ConnectionState;
  /** Hand an order to the venue. */
  submit(order: VenueOrder): void;
  /** Ask the venue to cancel a working order. */
  cancel(clientOrderId: ClientOrderId): void;
  /**
   * Ask the venue to cancel every working order of ours at once, including any Floor has lost track
   * of (the circuit breaker's and kill switch's safety net; IB's equivalent is reqGlobalCancel). Each
   * order it cancels is reported as `canceled`; with nothing working it reports nothing.
   */
  cancelAll(): void;
  /** Venue events for our orders. */
  readonly onEvent: Event<VenueEvent>;
}
