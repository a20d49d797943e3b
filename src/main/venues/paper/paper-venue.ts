import type { ClientOrderId, ConnectionState, Event, InstrumentId, Order, OrderModification, UnixMicros } from '../../../shared';
import { Emitter, wallClock } from '../../../shared';
import type { MarketFeed } from '../../marketdata';
import { VENUE_REQUEST_CODES, type Venue, type VenueOrderEvent } from '../venue';
import { VenueEvents } from '../venue-events';
import type { CommissionModel } from './commission';
import { VenueEventQueue } from './event-queue';
import { exchangeOrderOf, type ExchangeOrder, type WorkingOrderView } from './exchange-order';
import { PaperIds } from './ids';
import { PaperExchange } from './paper-exchange';
import { PAPER_REASON_CODES as R, reason } from './reasons';

/** How to build a PaperVenue. */
export interface PaperVenueOptions {
  /** One market per instrument the venue trades; instrument ids must be distinct. */
  readonly feeds: readonly MarketFeed[];
  /** IBKR Fixed or Tiered (see createCommissionModel). */
  readonly commission: CommissionModel;
  /** Run id baked into VenueOrderIds and TradeIds; default 12 random hex digits (see PaperIds). */
  readonly runId?: string;
}

/**
 * The paper venue: a simulated exchange per instrument (PaperExchange) behind the Venue port.
 * venueId "PAPER", always CONNECTED. Events are delivered synchronously from inside submit, modify,
 * cancel and restore (and from inside the feeds' callbacks), in the order they arose; see
 * VenueEventQueue. Event times (tsEvent and tsInit) are the instrument's market time
 * (feed.toUnixMicros), the terminal's clock on a replay; for an unknown instrument or order, the
 * first feed's market time (wall-clock time when the venue has no feed).
 */
export class PaperVenue implements Venue {
  readonly venueId = 'PAPER';
  private readonly emitter = new Emitter<VenueOrderEvent>();
  readonly onEvent: Event<VenueOrderEvent> = this.emitter.event;
  /** The paper venue is always connected: this never fires. */
  readonly onDidChangeConnection: Event<ConnectionState> = new Emitter<ConnectionState>().event;
  private readonly queue = new VenueEventQueue((event) => this.emitter.fire(event));
  private readonly events = new VenueEvents({ now: () => this.fallbackNow() });
  private readonly exchanges = new Map<InstrumentId, PaperExchange>();
  /** Which exchange each order id went to (also for rejected orders, so ids stay unique). */
  private readonly orderExchange = new Map<ClientOrderId, PaperExchange | null>();
  private readonly ids: PaperIds;

  /** @throws Error when two feeds trade the same instrument; RangeError for a bad runId. */
  constructor(options: PaperVenueOptions) {
    this.ids = new PaperIds(options.runId);
    for (const feed of options.feeds) {
      const id = feed.instrument.instrumentId;
      if (this.exchanges.has(id)) throw new Error(`PaperVenue: two feeds for instrument ${id}; give each instrument one feed`);
      const events = new VenueEvents({ now: () => feed.toUnixMicros(feed.status().marketTime) });
      this.exchanges.set(id, new PaperExchange({ feed, commission: options.commission, ids: this.ids, queue: this.queue, events }));
    }
  }

  /** The run id in this instance's VenueOrderIds and TradeIds. */
  get runId(): string {
    return this.ids.runId;
  }

  connectionState(): ConnectionState {
    return 'CONNECTED';
  }

  /** The paper venue needs nothing started: its markets are the feeds, started by their owner. */
  start(): void {}

  /** Nothing to keep durable: the paper venue's state is rebuilt from the ledger at a restart. */
  prepareSubmit(_order: Order): void {}

  /**
   * Hands an order to the instrument's exchange: OrderRejected (with a code and a sentence) or
   * OrderAccepted followed by any immediate fills and cancellation, synchronously.
   * @throws Error when `clientOrderId` was already used with this venue (a programming error).
   */
  submit(order: Order): void {
    this.enter(exchangeOrderOf(order));
  }

  /** Modifies a working order at its exchange (PaperExchange.modify), or answers OrderModifyRejected. */
  modify(clientOrderId: ClientOrderId, changes: OrderModification): void {
    const exchange = this.orderExchange.get(clientOrderId);
    if (exchange) exchange.modify(clientOrderId, changes);
    else this.answerUnknown(clientOrderId, exchange === null, 'modify');
  }

  /** Cancels a working order (OrderCanceled), or answers OrderCancelRejected with the reason. */
  cancel(clientOrderId: ClientOrderId): void {
    const exchange = this.orderExchange.get(clientOrderId);
    if (exchange) exchange.cancel(clientOrderId);
    else this.answerUnknown(clientOrderId, exchange === null, 'cancel');
  }

  /**
   * Cancels every working order at every instrument's exchange: one OrderCanceled per order
   * (CANCELED_BY_REQUEST), synchronously, instruments in feed order and orders in arrival order.
   */
  cancelAll(): void {
    for (const exchange of this.exchanges.values()) exchange.cancelAll();
  }

  /**
   * Re-enters the orders that were working before a restart (call it once the feeds' books show the
   * market they should rest in). An acknowledged order joins the back of the queue at its price
   * (PaperExchange.restore: prior fills count towards the commission minimum); one the venue never
   * acknowledged is submitted afresh; one in an instrument the venue no longer trades is canceled
   * (NOT_RESTORABLE).
   * @throws Error for a reused clientOrderId; RangeError for a filled quantity outside [0, quantity).
   */
  restore(orders: readonly Order[]): void {
    for (const order of orders) {
      if (order.venueOrderId === null) {
        this.enter(exchangeOrderOf(order));
        continue;
      }
      this.claim(order.clientOrderId);
      const exchange = this.exchanges.get(order.instrumentId);
      this.orderExchange.set(order.clientOrderId, exchange ?? null);
      if (!exchange) {
        this.queue.push(this.events.canceled(order.clientOrderId, reason(R.NOT_RESTORABLE, `The paper venue has no market for ${JSON.stringify(order.instrumentId)} any more, so the order cannot keep working.`), this.fallbackNow()));
        this.queue.flush();
        continue;
      }
      exchange.restore({ order: exchangeOrderOf(order), venueOrderId: order.venueOrderId, filledQty: order.filledQty });
    }
  }

  /** Our working orders across instruments with their queue positions, in arrival order per instrument. */
  workingOrders(): WorkingOrderView[] {
    return [...this.exchanges.values()].flatMap((e) => e.workingOrders());
  }

  /** One working order with its queue position, or undefined when it is not working. */
  workingOrder(clientOrderId: ClientOrderId): WorkingOrderView | undefined {
    return this.orderExchange.get(clientOrderId)?.workingOrder(clientOrderId);
  }

  /** Unsubscribes every exchange from its feed and drops listeners. */
  dispose(): void {
    for (const exchange of this.exchanges.values()) exchange.dispose();
    this.emitter.dispose();
  }

  /** An order-entry message to its instrument's exchange, or OrderRejected for an instrument not traded here. */
  private enter(order: ExchangeOrder): void {
    this.claim(order.clientOrderId);
    const exchange = this.exchanges.get(order.instrumentId);
    this.orderExchange.set(order.clientOrderId, exchange ?? null);
    if (exchange) {
      exchange.submit(order);
      return;
    }
    const known = [...this.exchanges.keys()].join(', ') || 'none';
    this.queue.push(this.events.rejected(order.clientOrderId, reason(R.UNKNOWN_INSTRUMENT, `The paper venue has no market for ${JSON.stringify(order.instrumentId)}; instruments traded here: ${known}.`), this.fallbackNow()));
    this.queue.flush();
  }

  /** The answer to a cancel or modify of an order no exchange here is working: rejected earlier, or never received. */
  private answerUnknown(clientOrderId: ClientOrderId, rejected: boolean, request: 'cancel' | 'modify'): void {
    const why = rejected
      ? reason(VENUE_REQUEST_CODES.ORDER_NOT_OPEN, `Order ${clientOrderId} is not working at the paper venue: it was rejected.`)
      : reason(VENUE_REQUEST_CODES.UNKNOWN_ORDER, `The paper venue has no order ${clientOrderId}.`);
    const ts = this.fallbackNow();
    this.queue.push(request === 'cancel' ? this.events.cancelRejected(clientOrderId, why, ts) : this.events.modifyRejected(clientOrderId, why, ts));
    this.queue.flush();
  }

  private claim(clientOrderId: ClientOrderId): void {
    if (typeof clientOrderId !== 'string' || clientOrderId.length === 0) {
      throw new Error(`PaperVenue: clientOrderId must be a non-empty string, got ${JSON.stringify(clientOrderId)}`);
    }
    if (this.orderExchange.has(clientOrderId)) {
      throw new Error(`PaperVenue: clientOrderId ${clientOrderId} was already used; every order needs a new id`);
    }
  }

  private fallbackNow(): UnixMicros {
    const first = this.exchanges.values().next();
    return first.done ? wallClock.now() : first.value.nowMicros();
  }
}
