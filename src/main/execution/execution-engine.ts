import {
  Emitter,
  OPEN_ORDER_STATUSES,
  ORDER_SOURCES,
  TERMINAL_ORDER_STATUSES,
  TRADING_STATES,
  orderTicketSchema,
  tradingStateSchema,
  type AccountView,
  type ClientOrderId,
  type Disposable,
  type Event,
  type FillView,
  type Instrument,
  type InstrumentId,
  type OrderEvent,
  type OrderIntent,
  type OrderSource,
  type OrderTicket,
  type OrderView,
  type PositionView,
  type PriceMicros,
  type TradingState,
  type VenueOrderId,
} from '../../shared';
import type { Ledger } from '../ledger';
import type { Venue, VenueEvent, VenueOrder } from '../venues';
import { InvalidOrderTicketError, OrderNotCancelableError, UnknownOrderError } from './errors';
import { LedgerIdGenerator, systemClock, type Clock, type IdGenerator } from './ids';
import { applyOrderEvent, initializeOrder, toOrderView, type OrderState } from './order-state';
import { Portfolio, type PortfolioChange } from './portfolio/portfolio';
import { defaultPreTradeChecks, runPreTradeChecks, type PreTradeCheck } from './pre-trade-checks';
import { venueEventToOrderEvent } from './venue-events';

/** Looks up an instrument by id; undefined when Floor does not trade it. */
export type InstrumentLookup = (instrumentId: InstrumentId) => Instrument | undefined;
/** Current mark (book mid, micro-dollars) of an instrument; null when no two-sided book is known. */
export type MarkSource = (instrumentId: InstrumentId) => PriceMicros | null;

/** Where the engine reports venue input it ignored or could not apply. */
export interface ExecutionLogger {
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Settings key of the persisted TradingState. */
export const TRADING_STATE_SETTING = 'execution.tradingState';

/** What the ExecutionEngine is built from. */
export interface ExecutionEngineOptions {
  /** The open ledger; the engine restores its state from it and writes every change to it. */
  readonly ledger: Ledger;
  readonly venue: Venue;
  readonly instruments: InstrumentLookup;
  readonly marks: MarkSource;
  /** Floor's clock for tsInit; defaults to the wall clock. */
  readonly clock?: Clock;
  /** Defaults to LedgerIdGenerator (ids persisted in the ledger's settings). */
  readonly ids?: IdGenerator;
  /** Defaults to defaultPreTradeChecks(); the RiskEngine adds its own. */
  readonly preTradeChecks?: readonly PreTradeCheck[];
  /** Defaults to console. */
  readonly logger?: ExecutionLogger;
}

/**
 * The order path of Floor: ticket -> OrderInitialized -> pre-trade checks -> OrderDenied or
 * OrderSubmitted -> venue; venue reports -> domain events -> the state machine -> fills, positions,
 * account. Every event is written to the ledger in one transaction together with the order row and,
 * for a fill, the fill, the position and the account cash; memory and listeners are updated only
 * after that commit, so nothing is ever half-written or announced before it is durable.
 *
 * Constructing the engine on an existing ledger restores every order, fill, position and the cash;
 * `openOrders()` lists what is still working so the caller can hand it back to the venue.
 *
 * Units: prices and money micro-dollars, quantities shares, times Unix µs.
 */
export class ExecutionEngine implements Disposable {
  private readonly ledger: Ledger;
  private readonly venue: Venue;
  private readonly instruments: InstrumentLookup;
  private readonly marks: MarkSource;
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly checks: readonly PreTradeCheck[];
  private readonly logger: ExecutionLogger;

  private readonly orders = new Map<ClientOrderId, OrderState>();
  private readonly fills: FillView[] = [];
  private readonly tradeIds = new Set<string>();
  private readonly portfolio: Portfolio;
  private state: TradingState;
  private readonly venueSubscription: Disposable;

  private readonly orderEmitter = new Emitter<OrderView>();
  private readonly fillEmitter = new Emitter<FillView>();
  private readonly positionEmitter = new Emitter<PositionView>();
  private readonly accountEmitter = new Emitter<AccountView>();
  private readonly tradingStateEmitter = new Emitter<TradingState>();

  /** After an order changed (its latest state). */
  readonly onDidChangeOrder: Event<OrderView> = this.orderEmitter.event;
  /** After a fill was booked. */
  readonly onDidFill: Event<FillView> = this.fillEmitter.event;
  /** After a position changed by a fill or a new mark. */
  readonly onDidChangePosition: Event<PositionView> = this.positionEmitter.event;
  /** After cash or a mark changed the account totals. */
  readonly onDidChangeAccount: Event<AccountView> = this.accountEmitter.event;
  /** After setTradingState changed the state. */
  readonly onDidChangeTradingState: Event<TradingState> = this.tradingStateEmitter.event;

  /**
   * Restores state from `options.ledger` and subscribes to the venue's events.
   * @throws LedgerRowError when a stored row is malformed (naming it).
   */
  constructor(options: ExecutionEngineOptions) {
    this.ledger = options.ledger;
    this.venue = options.venue;
    this.instruments = options.instruments;
    this.marks = options.marks;
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? new LedgerIdGenerator(options.ledger.settings, this.clock);
    this.checks = options.preTradeChecks ?? defaultPreTradeChecks();
    this.logger = options.logger ?? { warn: (m) => console.warn(m), error: (m, e) => console.error(m, e) };

    for (const order of this.ledger.orders.all()) this.orders.set(order.clientOrderId, order);
    for (const fill of this.ledger.fills.all()) {
      const { eventSeq: _seq, ...view } = fill;
      this.fills.push(view);
      this.tradeIds.add(fill.tradeId);
    }
    const account = this.ledger.account.get();
    this.portfolio = new Portfolio(account.startingCash, account.cash, this.ledger.positions.all());
    for (const position of this.portfolio.positionViews()) this.refreshMark(position.instrumentId);
    this.state = this.ledger.settings.get(TRADING_STATE_SETTING, tradingStateSchema) ?? 'ACTIVE';

    this.venueSubscription = this.venue.onEvent((venueEvent) => this.handleVenueEvent(venueEvent));
  }

  /**
   * Places an order from `ticket` on behalf of `source`. Records OrderInitialized, runs the
   * pre-trade checks and records OrderDenied (with the check's reason) or OrderSubmitted, in one
   * transaction, then hands the order to the venue. A venue may report synchronously, so the order
   * returned can already be ACCEPTED or FILLED.
   *
   * @returns the order after submission (DENIED orders are returned, not thrown).
   * @throws InvalidOrderTicketError when the ticket or source is malformed (each field named).
   */
  submit(ticket: OrderTicket, source: OrderSource): OrderView {
    const parsed = orderTicketSchema.safeParse(ticket);
    if (!parsed.success) {
      throw new InvalidOrderTicketError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    if (!(ORDER_SOURCES as readonly string[]).includes(source)) {
      throw new InvalidOrderTicketError([{ path: 'source', message: `must be one of ${ORDER_SOURCES.join(', ')}` }]);
    }
    const intent: OrderIntent = { ...parsed.data, source };
    const tsInit = this.clock.now();

    const order = this.ledger.transaction(() => {
      const clientOrderId = this.ids.nextClientOrderId();
      if (this.orders.has(clientOrderId)) {
        throw new Error(`the id generator returned client order id ${clientOrderId}, which is already in use`);
      }
      const initialized: OrderEvent = {
        type: 'OrderInitialized',
        eventId: this.ids.nextEventId(),
        clientOrderId,
        tsEvent: tsInit,
        tsInit,
        intent,
      };
      const created = initializeOrder(initialized);
      this.ledger.orders.insert(created);
      this.ledger.events.append(initialized);

      const decision = runPreTradeChecks(this.checks, {
        order: toOrderView(created),
        instrument: this.instruments(intent.instrumentId),
        tradingState: this.state,
        position: this.portfolio.positionView(intent.instrumentId),
        openOrders: this.openOrders(),
        account: this.portfolio.account(),
      });
      const base = { eventId: this.ids.nextEventId(), clientOrderId, tsEvent: tsInit, tsInit };
      const next: OrderEvent = decision.allow
        ? { ...base, type: 'OrderSubmitted', venue: this.venue.venueId }
        : { ...base, type: 'OrderDenied', reason: decision.reason };
      const after = applyOrderEvent(created, next);
      this.ledger.orders.update(after);
      this.ledger.events.append(next);
      return after;
    });
    this.orders.set(order.clientOrderId, order);
    this.orderEmitter.fire(toOrderView(order));

    if (order.status === 'SUBMITTED') {
      try {
        this.venue.submit(toVenueOrder(order));
      } catch (error) {
        this.logger.error(`venue ${this.venue.venueId} threw on submit of ${order.clientOrderId}`, error);
        this.recordIfLegal({
          ...this.eventBase(order.clientOrderId),
          type: 'OrderRejected',
          reason: { code: 'VENUE_ERROR', message: `the venue failed to take the order: ${messageOf(error)}` },
        });
      }
    }
    return toOrderView(this.requireOrder(order.clientOrderId));
  }

  /**
   * Requests cancellation of a working order: records OrderPendingCancel and asks the venue. A
   * STAGED order (never sent) is canceled at once. Asking again while the cancel is pending returns
   * the order unchanged (no second request).
   *
   * @returns the order after the request (PENDING_CANCEL, or already CANCELED if the venue answered synchronously).
   * @throws UnknownOrderError when no order has `clientOrderId`.
   * @throws OrderNotCancelableError when the order is already finished.
   */
  cancel(clientOrderId: ClientOrderId): OrderView {
    const order = this.orders.get(clientOrderId);
    if (order === undefined) throw new UnknownOrderError(clientOrderId);
    if (TERMINAL_ORDER_STATUSES.has(order.status)) throw new OrderNotCancelableError(clientOrderId, order.status);
    if (order.status === 'PENDING_CANCEL') return toOrderView(order);
    if (order.status === 'STAGED') {
      this.record({
        ...this.eventBase(clientOrderId),
        type: 'OrderCanceled',
        reason: { code: 'CANCELED_BEFORE_SUBMIT', message: 'canceled by the trader before it was sent' },
      });
      return toOrderView(this.requireOrder(clientOrderId));
    }
    this.record({ ...this.eventBase(clientOrderId), type: 'OrderPendingCancel' });
    try {
      this.venue.cancel(clientOrderId);
    } catch (error) {
      this.logger.error(`venue ${this.venue.venueId} threw on cancel of ${clientOrderId}`, error);
      this.recordIfLegal({
        ...this.eventBase(clientOrderId),
        type: 'OrderCancelRejected',
        reason: { code: 'VENUE_ERROR', message: `the venue failed to take the cancel: ${messageOf(error)}` },
      });
    }
    return toOrderView(this.requireOrder(clientOrderId));
  }

  /**
   * Records the mark (book mid, micro-dollars) of `instrumentId` and, when it changed and a position
   * is open there, announces the position and account at the new mark.
   * @throws RangeError when `mid` is not a positive safe integer.
   */
  updateMark(instrumentId: InstrumentId, mid: PriceMicros): void {
    if (!this.portfolio.setMark(instrumentId, mid)) return;
    const position = this.portfolio.positionView(instrumentId);
    if (position === undefined || position.quantity === 0) return;
    this.positionEmitter.fire(position);
    this.accountEmitter.fire(this.portfolio.account());
  }

  /** Current TradingState (persisted across restarts; ACTIVE on a new ledger). */
  tradingState(): TradingState {
    return this.state;
  }

  /**
   * Sets the TradingState (HALTED denies new orders, REDUCING allows only reducing ones) and
   * persists it, so a halt survives a restart. Working orders are not touched: the CircuitBreaker
   * cancels them explicitly.
   * @throws RangeError on an unknown state.
   */
  setTradingState(state: TradingState): void {
    if (!(TRADING_STATES as readonly string[]).includes(state)) {
      throw new RangeError(`trading state must be one of ${TRADING_STATES.join(', ')}, got ${JSON.stringify(state)}`);
    }
    if (state === this.state) return;
    this.ledger.settings.set(TRADING_STATE_SETTING, state, this.clock.now());
    this.state = state;
    this.tradingStateEmitter.fire(state);
  }

  /** The order with `clientOrderId`, or undefined. */
  order(clientOrderId: ClientOrderId): OrderView | undefined {
    const order = this.orders.get(clientOrderId);
    return order === undefined ? undefined : toOrderView(order);
  }

  /** Every order, newest first. */
  listOrders(): OrderView[] {
    return [...this.orders.values()].reverse().map(toOrderView);
  }

  /** Orders still working at the venue (SUBMITTED, ACCEPTED, PARTIALLY_FILLED, PENDING_*), oldest first. */
  openOrders(): OrderView[] {
    const open: OrderView[] = [];
    for (const order of this.orders.values()) if (OPEN_ORDER_STATUSES.has(order.status)) open.push(toOrderView(order));
    return open;
  }

  /**
   * The working orders in the shape a venue needs to take them back after a restart (PaperVenue.restore
   * takes exactly `{ order, venueOrderId, filledQty }`), oldest first. `venueOrderId` is null for an
   * order the venue never acknowledged.
   */
  openVenueOrders(): { readonly order: VenueOrder; readonly venueOrderId: VenueOrderId | null; readonly filledQty: number }[] {
    const open = [];
    for (const order of this.orders.values()) {
      if (OPEN_ORDER_STATUSES.has(order.status)) {
        open.push({ order: toVenueOrder(order), venueOrderId: order.venueOrderId, filledQty: order.filledQty });
      }
    }
    return open;
  }

  /**
   * Re-sends the cancel of every PENDING_CANCEL order. After a restart the venue took the orders back
   * without the cancel requests that were in flight; the trader's intent to cancel must not be lost.
   * Call once the venue has the open orders again. Venue errors are logged and recorded as
   * OrderCancelRejected, as in `cancel`.
   */
  resendPendingCancels(): void {
    for (const order of [...this.orders.values()]) {
      if (order.status !== 'PENDING_CANCEL') continue;
      try {
        this.venue.cancel(order.clientOrderId);
      } catch (error) {
        this.logger.error(`venue ${this.venue.venueId} threw on cancel of ${order.clientOrderId}`, error);
        this.recordIfLegal({
          ...this.eventBase(order.clientOrderId),
          type: 'OrderCancelRejected',
          reason: { code: 'VENUE_ERROR', message: `the venue failed to take the cancel: ${messageOf(error)}` },
        });
      }
    }
  }

  /** Every fill, oldest first. */
  listFills(): FillView[] {
    return [...this.fills];
  }

  /** Every instrument's position at its mark (flat ones keep their realized P&L), by instrument id. */
  listPositions(): PositionView[] {
    return this.portfolio.positionViews();
  }

  /** Account totals at the current marks. */
  account(): AccountView {
    return this.portfolio.account();
  }

  /** Stops listening to the venue and drops listeners. Does not close the ledger (its owner does). */
  dispose(): void {
    this.venueSubscription.dispose();
    this.orderEmitter.dispose();
    this.fillEmitter.dispose();
    this.positionEmitter.dispose();
    this.accountEmitter.dispose();
    this.tradingStateEmitter.dispose();
  }

  /** Venue input is never trusted to be consistent: anything unusable is logged and ignored. */
  private handleVenueEvent(venueEvent: VenueEvent): void {
    const id = venueEvent.clientOrderId;
    try {
      if (!this.orders.has(id)) {
        this.logger.warn(`ignored ${venueEvent.type} from venue ${this.venue.venueId} for unknown order ${JSON.stringify(id)}`);
        return;
      }
      if (venueEvent.type === 'filled' && this.tradeIds.has(venueEvent.tradeId)) {
        this.logger.warn(`ignored duplicate fill ${venueEvent.tradeId} for order ${id} (already booked)`);
        return;
      }
      this.record(venueEventToOrderEvent(venueEvent, this.ids.nextEventId(), this.clock.now()));
    } catch (error) {
      this.logger.error(`could not apply ${venueEvent.type} from venue ${this.venue.venueId} to order ${id}: ${messageOf(error)}`, error);
    }
  }

  /**
   * Applies `event` through the state machine, persists it atomically with the order row (and, for
   * a fill, the fill, position and cash), then updates memory and notifies listeners.
   * @throws InvalidOrderTransitionError / OrderOverfillError / InvalidOrderEventError before anything is written.
   */
  private record(event: OrderEvent): void {
    const before = this.requireOrder(event.clientOrderId);
    const after = applyOrderEvent(before, event);
    let fill: FillView | undefined;
    let change: PortfolioChange | undefined;
    if (event.type === 'OrderFilled') {
      fill = {
        tradeId: event.tradeId,
        clientOrderId: event.clientOrderId,
        instrumentId: after.instrumentId,
        side: after.side,
        quantity: event.lastQty,
        price: event.lastPx,
        commission: event.commission,
        liquiditySide: event.liquiditySide,
        tsEvent: event.tsEvent,
      };
      change = this.portfolio.planFill(fill, event.tsInit);
    }
    this.ledger.transaction(() => {
      const seq = this.ledger.events.append(event);
      this.ledger.orders.update(after);
      if (fill !== undefined && change !== undefined) {
        this.ledger.fills.insert(fill, seq);
        this.ledger.positions.upsert(change.position);
        this.ledger.account.setCash(change.cash, event.tsInit);
      }
    });
    // Memory catches up with the committed ledger before any listener runs, so a listener that
    // queries the engine sees the order, fill, position and cash of this event together.
    this.orders.set(after.clientOrderId, after);
    if (fill !== undefined && change !== undefined) {
      this.portfolio.apply(change);
      this.fills.push(fill);
      this.tradeIds.add(fill.tradeId);
      this.refreshMark(fill.instrumentId);
    }
    this.orderEmitter.fire(toOrderView(after));
    if (fill !== undefined) {
      this.fillEmitter.fire(fill);
      const position = this.portfolio.positionView(fill.instrumentId);
      if (position !== undefined) this.positionEmitter.fire(position);
      this.accountEmitter.fire(this.portfolio.account());
    }
  }

  /** Records `event` unless the order has moved on (the venue answered before the error surfaced). */
  private recordIfLegal(event: OrderEvent): void {
    try {
      this.record(event);
    } catch (error) {
      this.logger.warn(`did not record ${event.type} for ${event.clientOrderId}: ${messageOf(error)}`);
    }
  }

  private refreshMark(instrumentId: InstrumentId): void {
    const mark = this.marks(instrumentId);
    if (mark !== null) this.portfolio.setMark(instrumentId, mark);
  }

  private eventBase(clientOrderId: ClientOrderId) {
    const now = this.clock.now();
    return { eventId: this.ids.nextEventId(), clientOrderId, tsEvent: now, tsInit: now };
  }

  private requireOrder(clientOrderId: ClientOrderId): OrderState {
    const order = this.orders.get(clientOrderId);
    if (order === undefined) throw new UnknownOrderError(clientOrderId);
    return order;
  }
}

/** The order as the venue takes it (optional prices only when set). */
function toVenueOrder(order: OrderState): VenueOrder {
  return {
    clientOrderId: order.clientOrderId,
    instrumentId: order.instrumentId,
    side: order.side,
    quantity: order.quantity,
    orderType: order.orderType,
    timeInForce: order.timeInForce,
    ...(order.limitPrice === null ? {} : { limitPrice: order.limitPrice }),
    ...(order.stopPrice === null ? {} : { stopPrice: order.stopPrice }),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
