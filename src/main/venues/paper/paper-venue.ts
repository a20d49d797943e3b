import type { ClientOrderId, ConnectionState, Event, InstrumentId, Shares, VenueOrderId } from '../../../shared';
import { Emitter, nowMicros } from '../../../shared';
import type { MarketFeed } from '../../marketdata/market-feed';
import type { Venue, VenueEvent, VenueOrder } from '../venue';
import type { CommissionModel } from './commission';
import { VenueEventQueue } from './event-queue';
import { PaperIds } from './ids';
import { PaperExchange, type WorkingOrderView } from './paper-exchange';
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

/** One order to re-enter after a restart: what was sent, its venue id, and shares already filled. */
export interface PaperRestoreEntry {
  readonly order: VenueOrder;
  readonly venueOrderId: VenueOrderId;
  readonly filledQty: Shares;
}

/**
 * The paper venue: a simulated exchange per instrument (PaperExchange) behind the Venue interface.
 * venueId "PAPER", always CONNECTED. Events are delivered synchronously from inside submit, cancel and
 * restore (and from inside the feeds' callbacks), in the order they arose; see VenueEventQueue.
 * Event times are the instrument's market time (feed.toUnixMicros); for an unknown instrument or
 * order, the first feed's market time (wall-clock time when the venue has no feed).
 */
export class PaperVenue implements Venue {
  readonly venueId = 'PAPER';
  private readonly emitter = new Emitter<VenueEvent>();
  readonly onEvent: Event<VenueEvent> = this.emitter.event;
  private readonly queue = new VenueEventQueue((event) => this.emitter.fire(event));
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
      this.exchanges.set(id, new PaperExchange({ feed, commission: options.commission, ids: this.ids, events: this.queue }));
    }
  }

  /** The run id in this instance's VenueOrderIds and TradeIds. */
  get runId(): string {
    return this.ids.runId;
  }

  connectionState(): ConnectionState {
    return 'CONNECTED';
  }

  /**
   * Hands an order to the instrument's exchange: `rejected` (with a code and a sentence) or `accepted`
   * followed by any immediate fills and cancellation, synchronously.
   * @throws Error when `clientOrderId` was already used with this venue (a programming error).
   */
  submit(order: VenueOrder): void {
    this.claim(order.clientOrderId);
    const exchange = this.exchanges.get(order.instrumentId);
    if (!exchange) {
      this.orderExchange.set(order.clientOrderId, null);
      const known = [...this.exchanges.keys()].join(', ') || 'none';
      this.queue.push({
        type: 'rejected',
        clientOrderId: order.clientOrderId,
        reason: reason(R.UNKNOWN_INSTRUMENT, `The paper venue has no market for ${JSON.stringify(order.instrumentId)}; instruments traded here: ${known}.`),
        tsEvent: this.fallbackNow(),
      });
      this.queue.flush();
      return;
    }
    this.orderExchange.set(order.clientOrderId, exchange);
    exchange.submit(order);
  }

  /** Cancels a working order (`canceled`), or answers `cancelRejected` with the reason. */
  cancel(clientOrderId: ClientOrderId): void {
    const exchange = this.orderExchange.get(clientOrderId);
    if (exchange) {
      exchange.cancel(clientOrderId);
      return;
    }
    this.queue.push({
      type: 'cancelRejected',
      clientOrderId,
      reason:
        exchange === null
          ? reason(R.ORDER_NOT_OPEN, `Order ${clientOrderId} is not working at the paper venue: it was rejected.`)
          : reason(R.UNKNOWN_ORDER, `The paper venue has no order ${clientOrderId}.`),
      tsEvent: this.fallbackNow(),
    });
    this.queue.flush();
  }

  /**
   * Cancels every working order at every instrument's exchange: one `canceled` event per order
   * (reason CANCELED_BY_REQUEST), delivered synchronously, instruments in feed order and orders in
   * arrival order. Reports nothing when no order is working.
   */
  cancelAll(): void {
    for (const exchange of this.exchanges.values()) exchange.cancelAll();
  }

  /**
   * Re-enters orders that were working before a restart (see PaperExchange.restore for the rules:
   * they join the back of the queue at their price; prior fills count towards the commission
   * minimum). Call it once the feeds' books show the market the orders should rest in.
   * @throws Error for a reused clientOrderId; RangeError for a filledQty outside [0, quantity).
   */
  restore(orders: readonly PaperRestoreEntry[]): void {
    for (const entry of orders) {
      this.claim(entry.order.clientOrderId);
      const exchange = this.exchanges.get(entry.order.instrumentId);
      if (!exchange) {
        this.orderExchange.set(entry.order.clientOrderId, null);
        this.queue.push({
          type: 'canceled',
          clientOrderId: entry.order.clientOrderId,
          reason: reason(R.NOT_RESTORABLE, `The paper venue has no market for ${JSON.stringify(entry.order.instrumentId)} any more, so the order cannot keep working.`),
          tsEvent: this.fallbackNow(),
        });
        this.queue.flush();
        continue;
      }
      this.orderExchange.set(entry.order.clientOrderId, exchange);
      exchange.restore(entry);
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

  private claim(clientOrderId: ClientOrderId): void {
    if (typeof clientOrderId !== 'string' || clientOrderId.length === 0) {
      throw new Error(`PaperVenue: clientOrderId must be a non-empty string, got ${JSON.stringify(clientOrderId)}`);
    }
    if (this.orderExchange.has(clientOrderId)) {
      throw new Error(`PaperVenue: clientOrderId ${clientOrderId} was already used; every order needs a new id`);
    }
  }

  private fallbackNow(): number {
    const first = this.exchanges.values().next();
    return first.done ? nowMicros() : first.value.nowMicros();
  }
}
