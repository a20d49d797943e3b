import { Emitter, OPEN_ORDER_STATUSES, type ClientOrderId, type Event, type FillView, type Order, type OrderEvent, type OrderFilled, type TradeId, type TradingMode } from '../../../shared';
import { TransactionalMap, type Ledger } from '../../ledger';
import { applyOrderEvent, initializeOrder } from '../order-state';
import { WorkingOrders, type WorkingOrdersView } from '../risk/working-orders';
import { UnknownOrderError } from '../errors';

/**
 * A read model of order events kept inside their transaction (NautilusTrader's Cache consumers):
 * the portfolio books each fill into positions and cash in the same commit as the fill itself.
 */
export interface OrderProjection {
  /**
   * Called inside the event's transaction, after the order row, the event and (for a fill) the fill
   * row are written. Writes of its own join the transaction; its memory must follow the unit of
   * work (TransactionalMap / TransactionalCell) and it announces changes with `afterCommit`.
   * Throwing rolls the whole event back.
   * @param order the order after the event; `fill` the fill the event booked, for OrderFilled.
   */
  project(event: OrderEvent, order: Order, fill: FillView | undefined): void;
}

/** How `record` writes: the order a first OrderInitialized creates, and facts that belong between the events. */
export interface RecordOptions {
  /** For a new order: the Order the OrderInitialized event records (createOrder). */
  readonly created?: Order;
  /** Runs inside the transaction just before event `index` is written (a signed chain fact that precedes it). */
  readonly beforeEvent?: (event: OrderEvent, index: number) => void;
}

/**
 * The one writer of order state (NautilusTrader's Cache for orders). `record(events)` is one ledger
 * transaction: the order row, each event (signed in the chain), each fill, and every projection's
 * rows; only after the commit does memory move (TransactionalMap) and do listeners hear of it, once
 * per order per transaction with its final state, and once per fill.
 *
 * Reads (`get`, `hasTrade`) inside a transaction see that transaction's own writes; the lists and
 * the working-order totals show the committed state. Restores every order and fill from the ledger
 * at construction. Units: shares, micro-dollars, Unix µs.
 */
export class OrderStore {
  private readonly orders: TransactionalMap<ClientOrderId, Order>;
  private readonly fillsByTrade: TransactionalMap<TradeId, FillView>;
  /** The orders working at the venue (committed), in the order they started working. */
  private readonly openOrders = new Map<ClientOrderId, Order>();
  private readonly stagedIds = new Set<ClientOrderId>();
  /** Working-order totals per trading mode: a live order never counts against paper limits, nor the other way. */
  private readonly workingTotals: Readonly<Record<TradingMode, WorkingOrders>> = { PAPER: new WorkingOrders(), LIVE: new WorkingOrders() };
  private readonly projections: OrderProjection[] = [];
  /** Orders already due an announcement in the open transaction. */
  private readonly announcing = new Set<ClientOrderId>();
  private readonly changeEmitter = new Emitter<Order>();
  private readonly fillEmitter = new Emitter<FillView>();

  /** After a transaction changed an order: its committed state, once per order per transaction. */
  readonly onDidChange: Event<Order> = this.changeEmitter.event;
  /** After a fill was committed. */
  readonly onDidFill: Event<FillView> = this.fillEmitter.event;

  /** @throws LedgerRowError when a stored order or fill is malformed (naming it). */
  constructor(private readonly ledger: Ledger) {
    const uow = ledger.unitOfWork;
    this.orders = new TransactionalMap(uow, (id, order) => this.index(id, order));
    this.fillsByTrade = new TransactionalMap(uow);
    for (const order of ledger.orders.all()) this.orders.seed(order.clientOrderId, order);
    for (const { eventSeq: _seq, ...fill } of ledger.fills.all()) this.fillsByTrade.seed(fill.tradeId, fill);
  }

  /** Adds a projection; it sees every event recorded from now on. */
  addProjection(projection: OrderProjection): void {
    this.projections.push(projection);
  }

  /** The order (the open transaction's own version inside one), or undefined. */
  get(clientOrderId: ClientOrderId): Order | undefined {
    return this.orders.get(clientOrderId);
  }

  /** @throws UnknownOrderError (NOT_FOUND) when no order has `clientOrderId`. */
  require(clientOrderId: ClientOrderId): Order {
    const order = this.orders.get(clientOrderId);
    if (order === undefined) throw new UnknownOrderError(clientOrderId);
    return order;
  }

  /** Every order, newest first. */
  list(): Order[] {
    return [...this.orders.committed()].reverse();
  }

  /** Orders working at the venue (SUBMITTED, ACCEPTED, PARTIALLY_FILLED, PENDING_*), in the order they started working. */
  open(): Order[] {
    return [...this.openOrders.values()];
  }

  /** The STAGED orders, oldest first. */
  staged(): Order[] {
    return [...this.stagedIds].map((id) => this.require(id));
  }

  /** Totals of the working orders of `mode` for the risk checks (committed state). */
  workingIn(mode: TradingMode): WorkingOrdersView {
    return this.workingTotals[mode];
  }

  /** True when a fill with `tradeId` is booked (or being booked in the open transaction). */
  hasTrade(tradeId: TradeId): boolean {
    return this.fillsByTrade.has(tradeId);
  }

  /** Every booked fill, oldest first. */
  fills(): FillView[] {
    return [...this.fillsByTrade.committed()];
  }

  /**
   * Records `events` of one order in one transaction (joining an open one as a savepoint) and returns
   * the order after the last. A first OrderInitialized creates the order (`options.created`, or the
   * order its intent describes); every event is folded through the state machine before anything
   * is written, so an illegal event writes nothing.
   * @throws InvalidOrderTransitionError / OrderOverfillError / InvalidOrderEventError before anything is written;
   *   UnknownOrderError for events of an order never created; the ledger's errors (the transaction then rolled back).
   */
  record(events: readonly OrderEvent[], options: RecordOptions = {}): Order {
    const first = events[0];
    if (first === undefined) throw new RangeError('record needs at least one event');
    const creates = first.type === 'OrderInitialized';
    const start = creates ? (options.created ?? initializeOrder(first)) : this.require(first.clientOrderId);
    if (creates && this.orders.has(start.clientOrderId)) throw new Error(`order ${start.clientOrderId} exists already; an order is initialized once`);
    const states: Order[] = [];
    let state = start;
    for (let i = creates ? 1 : 0; i < events.length; i++) {
      state = applyOrderEvent(state, events[i]!);
      states.push(state);
    }
    const final = state;
    return this.ledger.transaction(() => {
      if (creates) this.ledger.orders.insert(final);
      else this.ledger.orders.update(final);
      // Announced first (with the committed final state), then each fill, then the projections' news.
      this.announce(final.clientOrderId);
      let at = creates ? start : this.require(first.clientOrderId);
      events.forEach((event, index) => {
        options.beforeEvent?.(event, index);
        const seq = this.ledger.events.append(event);
        if (!(creates && index === 0)) at = states[creates ? index - 1 : index]!;
        const fill = event.type === 'OrderFilled' ? this.bookFill(event, at, seq) : undefined;
        for (const projection of this.projections) projection.project(event, at, fill);
      });
      this.orders.set(final.clientOrderId, final);
      return final;
    });
  }

  /** Drops listeners. */
  dispose(): void {
    this.changeEmitter.dispose();
    this.fillEmitter.dispose();
  }

  private bookFill(event: OrderFilled, order: Order, seq: number): FillView {
    const fill: FillView = {
      tradeId: event.tradeId,
      clientOrderId: event.clientOrderId,
      instrumentId: order.instrumentId,
      side: order.side,
      quantity: event.lastQty,
      price: event.lastPx,
      commission: event.commission,
      liquiditySide: event.liquiditySide,
      tsEvent: event.tsEvent,
    };
    this.ledger.fills.insert(fill, seq);
    this.fillsByTrade.set(fill.tradeId, fill);
    this.ledger.unitOfWork.afterCommit(() => this.fillEmitter.fire(fill));
    return fill;
  }

  /** One announcement per order per transaction, of its committed state; a rolled-back savepoint takes its own back. */
  private announce(clientOrderId: ClientOrderId): void {
    if (this.announcing.has(clientOrderId)) return;
    const uow = this.ledger.unitOfWork;
    this.announcing.add(clientOrderId);
    uow.onRollback(() => this.announcing.delete(clientOrderId));
    uow.onEnd(() => this.announcing.delete(clientOrderId));
    uow.afterCommit(() => {
      const order = this.orders.get(clientOrderId);
      if (order !== undefined) this.changeEmitter.fire(order);
    });
  }

  /** Keeps the indexes of open and staged orders and the working totals in step with committed orders. */
  private index(clientOrderId: ClientOrderId, order: Order | undefined): void {
    if (order !== undefined && order.status === 'STAGED') this.stagedIds.add(clientOrderId);
    else this.stagedIds.delete(clientOrderId);
    if (order !== undefined && OPEN_ORDER_STATUSES.has(order.status)) {
      this.openOrders.set(clientOrderId, order);
      this.workingTotals[order.mode].set(order);
    } else {
      this.openOrders.delete(clientOrderId);
      this.workingTotals.PAPER.delete(clientOrderId);
      this.workingTotals.LIVE.delete(clientOrderId);
    }
  }
}
