import type {
  ClientOrderId,
  ConnectionState,
  Disposable,
  Event,
  Order,
  OrderAccepted,
  OrderCanceled,
  OrderCancelRejected,
  OrderExpired,
  OrderFilled,
  OrderModification,
  OrderModifyRejected,
  OrderReason,
  OrderRejected,
  OrderUpdated,
} from '../../shared';

/**
 * What a venue reports about our orders: the same order events the engine records (DESIGN.md: no
 * second venue vocabulary). Each carries its own `eventId` (UUID) and `tsInit` (the venue's reading
 * of Floor's clock); `tsEvent` is the venue's or the market's time, Unix µs.
 */
export type VenueOrderEvent = OrderAccepted | OrderRejected | OrderFilled | OrderCanceled | OrderCancelRejected | OrderUpdated | OrderModifyRejected | OrderExpired;

/**
 * The reason codes every venue uses when it answers a cancel or a modification it cannot act on,
 * so the engine treats both venues alike (the order returns from PENDING_CANCEL / PENDING_UPDATE).
 */
export const VENUE_REQUEST_CODES = {
  /** The request named an order this venue never received. */
  UNKNOWN_ORDER: 'UNKNOWN_ORDER',
  /** The request named an order that is already filled, canceled, expired or was rejected. */
  ORDER_NOT_OPEN: 'ORDER_NOT_OPEN',
} as const;

/** A structured reason with `code` and a sentence. */
export function venueReason(code: string, message: string): OrderReason {
  return { code, message };
}

/**
 * A place orders go: the paper venue (simulated exchange) or Interactive Brokers. Every venue passes
 * one behaviour suite (tests/contract/venue.contract.ts).
 *
 * Rules both follow:
 * - `submit`, `modify`, `cancel` and `cancelAll` never throw for venue-side problems; they answer
 *   with events (OrderRejected, OrderModifyRejected, OrderCancelRejected). They throw only on
 *   programming errors (an order id used twice).
 * - A cancel or modify of an order the venue does not know, or that is no longer working, is
 *   answered with OrderCancelRejected / OrderModifyRejected, code UNKNOWN_ORDER or ORDER_NOT_OPEN:
 *   never silence, so no order waits in a pending status forever.
 * - Events may arrive synchronously from inside any call (the paper venue's do); the engine records
 *   OrderSubmitted, OrderPendingCancel and OrderPendingUpdate before it calls, so it accepts that.
 */
export interface Venue extends Disposable {
  /** Short name recorded on OrderSubmitted, e.g. "PAPER" or "IB". */
  readonly venueId: string;
  /** Current connection state (the paper venue is always CONNECTED). */
  connectionState(): ConnectionState;
  /** After the connection state (or its detail, such as a gateway's phase) changed. */
  readonly onDidChangeConnection: Event<ConnectionState>;
  /**
   * Takes back the orders Floor still considers working after a restart (before `start`), as the
   * ledger has them (filled shares, acknowledged or not, a cancel in flight); the venue settles each
   * (re-enters it, or reconciles it with its broker) and reports what it finds.
   */
  restore(orders: readonly Order[]): void;
  /** Starts the venue: its market, its connection. */
  start(): void;
  /**
   * Inside the engine's transaction that records OrderSubmitted: venue bookkeeping that must be
   * durable together with it (IB: the order id it will go out with and its mapping row). Sends
   * nothing; writes only through the ledger's open transaction.
   */
  prepareSubmit(order: Order): void;
  /** Hands an order to the venue (after its OrderSubmitted committed). */
  submit(order: Order): void;
  /** Asks the venue to change a working order (after OrderPendingUpdate committed): OrderUpdated or OrderModifyRejected. */
  modify(clientOrderId: ClientOrderId, changes: OrderModification): void;
  /** Asks the venue to cancel a working order: OrderCanceled or OrderCancelRejected. */
  cancel(clientOrderId: ClientOrderId): void;
  /**
   * Asks the venue to cancel every working order of ours at once, including any Floor has lost track
   * of (the circuit breaker's and kill switch's safety net; IB's equivalent is reqGlobalCancel). Each
   * order it cancels is reported as OrderCanceled; with nothing working it reports nothing.
   */
  cancelAll(): void;
  /** Events for our orders. */
  readonly onEvent: Event<VenueOrderEvent>;
}
