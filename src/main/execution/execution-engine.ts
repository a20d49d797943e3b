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
  type OrderRiskAdjustment,
  type OrderSource,
  type OrderTicket,
  type OrderView,
  type PositionView,
  type MoneyMicros,
  type PriceMicros,
  type TradingState,
  type UnixMicros,
  type VenueOrderId,
} from '../../shared';
import type { Ledger } from '../ledger';
import type { Venue, VenueEvent, VenueOrder } from '../venues';
import { approvalQueue, isStagedOrderExpired, OrderNotStagedError, stagedExpiresAt } from './approval';
import { InvalidOrderTicketError, OrderNotCancelableError, UnknownOrderError } from './errors';
import { LedgerIdGenerator, systemClock, type Clock, type IdGenerator } from './ids';
import { checkOrder, planOrder, type MarketSnapshot, type OrderRiskGate } from './order-plan';
import { WorkingOrders } from './risk/working-orders';
import { applyOrderEvent, initializeOrder, toOrderView, type OrderState } from './order-state';
import { Portfolio, type PortfolioChange } from './portfolio/portfolio';
import { defaultPreTradeChecks, type PreTradeCheck } from './pre-trade-checks';
import type { RiskProfileSource } from './risk-profile-store';
import { SessionPnl } from './session-pnl';
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
  /** The trader's risk profile (sizing, risk limits, approval per source, staged expiry). */
  readonly profile: RiskProfileSource;
  /** The RiskEngine every order passes after sizing (createRiskEngine in ./risk). */
  readonly risk: OrderRiskGate;
  /** Structural checks run before the RiskEngine; defaults to defaultPreTradeChecks(). */
  readonly preTradeChecks?: readonly PreTradeCheck[];
  /** Defaults to console. */
  readonly logger?: ExecutionLogger;
}

/**
 * The order path of Floor: ticket -> structural pre-trade checks -> sizing (the profile's FIXED /
 * RISK / KELLY sizer) -> RiskEngine (deny, or reduce-to-fit) -> approval (AUTO: OrderSubmitted ->
 * venue; MANUAL: OrderStaged until the trader approves, rejects, or it expires) -> venue reports ->
 * domain events -> the state machine -> fills, positions, account. Every event is written to the
 * ledger in one transaction together with the order row and, for a fill, the fill, the position and
 * the account cash; memory and listeners are updated only after that commit, so nothing is ever
 * half-written or announced before it is durable. Sent orders and booked fills are reported to the
 * RiskEngine (order-rate throttle, PDT count); daily P&L is measured from the session's start equity.
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
  private readonly profile: RiskProfileSource;
  private readonly risk: OrderRiskGate;
  private readonly sessionPnl: SessionPnl;
  private readonly logger: ExecutionLogger;

  private readonly orders = new Map<ClientOrderId, OrderState>();
  /** Ids of the STAGED orders, so the expiry sweep does not walk the whole day's orders. */
  private readonly staged = new Set<ClientOrderId>();
  /**
   * Views of the orders working at the venue, in the order they started working, kept current as each
   * one changes (openOrders(): the circuit breaker's halt, a restart), so listing them never rebuilds
   * a view per order.
   */
  private readonly open = new Map<ClientOrderId, OrderView>();
  /** Totals of the working orders for the risk checks, updated with `open` (see WorkingOrders). */
  private readonly working = new WorkingOrders();
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
    this.ids = options.ids ?? new LedgerIdGenerator(options.ledger, this.clock);
    this.checks = options.preTradeChecks ?? defaultPreTradeChecks();
    this.profile = options.profile;
    this.risk = options.risk;
    this.logger = options.logger ?? { warn: (m) => console.warn(m), error: (m, e) => console.error(m, e) };

    for (const order of this.ledger.orders.all()) this.remember(order);
    for (const fill of this.ledger.fills.all()) {
      const { eventSeq: _seq, ...view } = fill;
      this.fills.push(view);
      this.tradeIds.add(fill.tradeId);
    }
    const account = this.ledger.account.get();
    this.portfolio = new Portfolio(account.startingCash, account.cash, this.ledger.positions.all());
    for (const position of this.portfolio.positionViews()) this.refreshMark(position.instrumentId);
    this.state = this.ledger.settings.get(TRADING_STATE_SETTING, tradingStateSchema) ?? 'ACTIVE';
    this.sessionPnl = new SessionPnl(this.ledger.settings);
    this.sessionPnl.observe(this.clock.now(), this.portfolio.account().equity);

    this.venueSubscription = this.venue.onEvent((venueEvent) => this.handleVenueEvent(venueEvent));
  }

  /**
   * Places an order from `ticket` on behalf of `source`, through the whole order path:
   * 0. the structural pre-trade checks (known instrument, tick grid), which do not depend on the size;
   * 1. sizing: the ticket's `sizing` method (default FIXED) with the risk profile's capital (account
   *    equity or the fixed capital), the account's cash, and the entry price signal.entry, else the
   *    limit price, else (stop-market) the stop price, else the book mid;
   * 2. the RiskEngine at the sized quantity (it may reduce it when the profile allows reduce-to-fit);
   * 3. approval: the profile's mode for `source`: AUTO sends the order (OrderSubmitted, then the
   *    venue); MANUAL stages it (OrderStaged, expiring after profile.stagedExpirySeconds).
   * OrderInitialized (with the sizing and any risk reductions) and the decision (OrderDenied with
   * the reason and the deciding check's name, OrderSubmitted or OrderStaged) are written in one
   * transaction. A venue may report synchronously, so the order returned can already be FILLED.
   *
   * @returns the order after the decision (DENIED orders are returned, not thrown).
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
    const { quantity: requestedQuantity, sizing: method = 'FIXED', signal, limitPrice, stopPrice, ...fields } = parsed.data;
    const intent = {
      ...fields,
      ...(limitPrice === undefined ? {} : { limitPrice }),
      ...(stopPrice === undefined ? {} : { stopPrice }),
      source,
      ...(signal === undefined ? {} : { signal }),
    };
    const tsInit = this.clock.now();
    const market = this.marketSnapshot(intent.instrumentId, tsInit);

    const order = this.ledger.transaction(() => {
      const clientOrderId = this.ids.nextClientOrderId();
      if (this.orders.has(clientOrderId)) {
        throw new Error(`the id generator returned client order id ${clientOrderId}, which is already in use`);
      }
      const plan = planOrder({ clientOrderId, intent, method, requestedQuantity }, market, this.checks, this.risk);
      const initialized: OrderEvent = {
        type: 'OrderInitialized',
        eventId: this.ids.nextEventId(),
        clientOrderId,
        tsEvent: tsInit,
        tsInit,
        intent: { ...intent, quantity: plan.quantity },
        sizing: plan.sizing,
        ...(plan.riskAdjustments.length === 0 ? {} : { riskAdjustments: plan.riskAdjustments }),
      };
      const created = initializeOrder(initialized);
      const base = { eventId: this.ids.nextEventId(), clientOrderId, tsEvent: tsInit, tsInit };
      let next: OrderEvent;
      if (plan.verdict.kind === 'DENY') {
        next = { ...base, type: 'OrderDenied', reason: plan.verdict.reason, check: plan.verdict.check };
      } else if (market.profile.approval[source] === 'MANUAL') {
        next = { ...base, type: 'OrderStaged', expiresAt: stagedExpiresAt(tsInit, market.profile) };
      } else {
        next = { ...base, type: 'OrderSubmitted', venue: this.venue.venueId };
      }
      const after = applyOrderEvent(created, next);
      // The row goes in once, in its state after both events: no one can see the INITIALIZED row
      // inside this transaction, so inserting it and then updating it would only cost a statement.
      this.ledger.orders.insert(after);
      this.ledger.events.append(initialized);
      // The signed chain records, in order: the intent, the risk verdict (OrderDenied carries a
      // denial; an allowing verdict has no order event, so it gets its own entry), how it was
      // approved, then what was done with it.
      if (plan.verdict.kind === 'ALLOW') this.recordAllowed(clientOrderId, plan.quantity, plan.riskAdjustments, 'SUBMIT', tsInit);
      if (next.type === 'OrderSubmitted') this.ledger.recordFact('order.approval', { clientOrderId, approval: 'AUTO', source, tsDecision: tsInit });
      this.ledger.events.append(next);
      return after;
    });
    this.orderEmitter.fire(this.remember(order));

    if (order.status === 'SUBMITTED') this.sendToVenue(order, tsInit);
    return this.currentView(order.clientOrderId);
  }

  /**
   * Approves a STAGED order: expires stale staged orders first, then checks the order again against
   * the RiskEngine (and the pre-trade checks) at the current market with its staged quantity. Allowed:
   * OrderApproved (with any reduce-to-fit reductions, applied as OrderUpdated) and OrderSubmitted in
   * one transaction, then the venue. Denied: OrderDenied with the reason and the check's name.
   *
   * @returns the order after the decision (SUBMITTED or later, or DENIED).
   * @throws UnknownOrderError (NOT_FOUND) when no order has `clientOrderId`.
   * @throws OrderNotStagedError (CONFLICT) when the order is not STAGED (already decided, or just expired).
   */
  approve(clientOrderId: ClientOrderId): OrderView {
    const order = this.requireStaged(clientOrderId);
    const now = this.clock.now();
    const market = this.marketSnapshot(order.instrumentId, now);
    const checked = checkOrder(toOrderView(order), market, this.checks, this.risk);
    const base = () => ({ eventId: this.ids.nextEventId(), clientOrderId, tsEvent: now, tsInit: now });
    if (checked.verdict.kind === 'DENY') {
      this.recordAll([{ ...base(), type: 'OrderDenied', reason: checked.verdict.reason, check: checked.verdict.check }]);
      return toOrderView(this.requireOrder(clientOrderId));
    }
    const events: OrderEvent[] = [
      { ...base(), type: 'OrderApproved', ...(checked.adjustments.length === 0 ? {} : { riskAdjustments: checked.adjustments }) },
    ];
    if (checked.quantity !== order.quantity) events.push({ ...base(), type: 'OrderUpdated', quantity: checked.quantity });
    events.push({ ...base(), type: 'OrderSubmitted', venue: this.venue.venueId });
    const submitted = this.recordAll(events, () => this.recordAllowed(clientOrderId, checked.quantity, checked.adjustments, 'APPROVE', now));
    this.sendToVenue(submitted, now);
    return toOrderView(this.requireOrder(clientOrderId));
  }

  /**
   * Rejects a STAGED order: it is canceled without ever reaching the venue (OrderCanceled with reason
   * code REJECTED_BY_TRADER). Stale staged orders are expired first.
   * @throws UnknownOrderError (NOT_FOUND) when no order has `clientOrderId`.
   * @throws OrderNotStagedError (CONFLICT) when the order is not STAGED.
   */
  reject(clientOrderId: ClientOrderId): OrderView {
    this.requireStaged(clientOrderId);
    this.recordAll([
      {
        ...this.eventBase(clientOrderId),
        type: 'OrderCanceled',
        reason: { code: 'REJECTED_BY_TRADER', message: 'rejected by the trader in the approval queue; never sent' },
      },
    ]);
    return toOrderView(this.requireOrder(clientOrderId));
  }

  /**
   * Expires (OrderExpired) every STAGED order whose expiry is at or before Floor's clock now. Called
   * by the expiry timer and before every approve / reject. Errors are logged per order, never thrown.
   * @returns the orders it expired.
   */
  expireStagedOrders(): OrderView[] {
    const now = this.clock.now();
    const expired: OrderView[] = [];
    for (const clientOrderId of [...this.staged]) {
      const order = this.requireOrder(clientOrderId);
      if (!isStagedOrderExpired(order, now)) continue;
      try {
        this.recordAll([{ ...this.eventBase(clientOrderId), type: 'OrderExpired' }]);
        expired.push(toOrderView(this.requireOrder(clientOrderId)));
      } catch (error) {
        this.logger.error(`could not expire staged order ${clientOrderId}: ${messageOf(error)}`, error);
      }
    }
    return expired;
  }

  /** The STAGED orders waiting for the trader: highest signal score first, then oldest first. */
  approvalQueue(): OrderView[] {
    const staged: OrderView[] = [];
    for (const id of this.staged) staged.push(toOrderView(this.requireOrder(id)));
    return approvalQueue(staged);
  }

  /**
   * Realized + unrealized P&L since the start of today's session (exchange-local date of Floor's
   * clock), micro-dollars, negative for a loss: what the daily loss limit is measured on.
   */
  dailyPnl(): MoneyMicros {
    return this.sessionPnl.dailyPnl(this.clock.now(), this.portfolio.account().equity);
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
    const account = this.portfolio.account();
    this.observeSession(account.equity);
    this.positionEmitter.fire(position);
    this.accountEmitter.fire(account);
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
    const now = this.clock.now();
    this.ledger.transaction(() => {
      this.ledger.settings.set(TRADING_STATE_SETTING, state, now);
      this.ledger.recordFact('mode.switch', { tradingState: state, previous: this.state, tsEvent: now });
    });
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

  /** Orders still working at the venue (SUBMITTED, ACCEPTED, PARTIALLY_FILLED, PENDING_*), in the order they were sent. */
  openOrders(): OrderView[] {
    const open: OrderView[] = [];
    for (const view of this.open.values()) open.push(view);
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
      // The session's baseline must be the equity before the first fill of the day moves it.
      this.observeSession(this.portfolio.account().equity);
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
    const view = this.remember(after);
    if (fill !== undefined && change !== undefined) {
      this.portfolio.apply(change);
      this.fills.push(fill);
      this.tradeIds.add(fill.tradeId);
      this.refreshMark(fill.instrumentId);
      this.feedRiskFill(fill);
    }
    this.orderEmitter.fire(view);
    if (fill !== undefined) {
      this.fillEmitter.fire(fill);
      const position = this.portfolio.positionView(fill.instrumentId);
      if (position !== undefined) this.positionEmitter.fire(position);
      this.accountEmitter.fire(this.portfolio.account());
    }
  }

  /**
   * Applies `events` (order events of one order that involve no fill) in sequence through the state
   * machine and persists them together with the final order row in one transaction; then memory
   * catches up and listeners hear the final state once.
   * @param prelude writes that belong before the events in the same transaction (a chain fact).
   * @returns the order after the last event.
   * @throws InvalidOrderTransitionError / InvalidOrderEventError before anything is written.
   */
  private recordAll(events: readonly OrderEvent[], prelude: () => void = () => undefined): OrderState {
    const first = events[0];
    if (first === undefined) throw new RangeError('recordAll needs at least one event');
    let after = this.requireOrder(first.clientOrderId);
    for (const event of events) {
      if (event.type === 'OrderFilled') throw new RangeError('fills are recorded one by one through record()');
      after = applyOrderEvent(after, event);
    }
    const final = after;
    this.ledger.transaction(() => {
      prelude();
      for (const event of events) this.ledger.events.append(event);
      this.ledger.orders.update(final);
    });
    this.orderEmitter.fire(this.remember(final));
    return final;
  }

  /**
   * Records the RiskEngine's allowing verdict on an order in the signed chain (inside the caller's
   * transaction): the quantity it allowed (shares), any reduce-to-fit reductions, and whether it
   * was checked at submission or again at approval. Denials are recorded by OrderDenied itself.
   */
  private recordAllowed(
    clientOrderId: ClientOrderId,
    quantity: number,
    adjustments: readonly OrderRiskAdjustment[],
    at: 'SUBMIT' | 'APPROVE',
    tsDecision: UnixMicros,
  ): void {
    this.ledger.recordFact('risk.decision', {
      clientOrderId,
      verdict: 'ALLOW',
      at,
      quantity,
      riskAdjustments: adjustments.map((a) => ({ check: a.check, fromQuantity: a.fromQuantity, toQuantity: a.toQuantity, reason: { code: a.reason.code, message: a.reason.message } })),
      tsDecision,
    });
  }

  /**
   * Hands a SUBMITTED order to the venue and tells the RiskEngine (order-rate throttle). A venue
   * that throws gets the order recorded as OrderRejected (VENUE_ERROR), unless it already answered.
   */
  private sendToVenue(order: OrderState, now: number): void {
    this.risk.recordSubmitted(now);
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

  /** The fill reaches the RiskEngine's counters (PDT day trades); its failure must not undo the booked fill. */
  private feedRiskFill(fill: FillView): void {
    try {
      this.risk.recordFill(fill);
    } catch (error) {
      this.logger.error(`the risk engine failed to record fill ${fill.tradeId}: ${messageOf(error)}`, error);
    }
  }

  /** Everything the sizer and the checks look at for an order in `instrumentId` at `now`. */
  private marketSnapshot(instrumentId: InstrumentId, now: number): MarketSnapshot {
    // The live mid prices the order; positions and equity stay at the marks updateMark announced,
    // so the P&L the checks see is the P&L the trader sees.
    const account = this.portfolio.account();
    return {
      now,
      profile: this.profile.get(),
      instrument: this.instruments(instrumentId),
      mid: this.marks(instrumentId) ?? this.portfolio.markOf(instrumentId),
      tradingState: this.state,
      position: this.portfolio.positionView(instrumentId),
      positions: this.portfolio.positionViews(),
      working: this.working,
      account,
      dailyPnl: this.sessionPnl.dailyPnl(now, account.equity),
    };
  }

  /** The order, once stale staged orders are expired; it must still be STAGED. */
  private requireStaged(clientOrderId: ClientOrderId): OrderState {
    this.requireOrder(clientOrderId);
    this.expireStagedOrders();
    const order = this.requireOrder(clientOrderId);
    if (order.status !== 'STAGED') throw new OrderNotStagedError(clientOrderId, order.status);
    return order;
  }

  /**
   * Keeps the in-memory order (and the indexes of staged and open ones) in step with the ledger.
   * @returns the order's view, built once per change and shared by the open-order index, the
   *   listeners and the caller (views are never mutated), instead of one copy per use.
   */
  private remember(order: OrderState): OrderView {
    const id = order.clientOrderId;
    const view = toOrderView(order);
    this.orders.set(id, order);
    if (order.status === 'STAGED') this.staged.add(id);
    else this.staged.delete(id);
    if (OPEN_ORDER_STATUSES.has(order.status)) {
      this.open.set(id, view);
      this.working.set(view);
    } else {
      this.open.delete(id);
      this.working.delete(id);
    }
    return view;
  }

  /** The order's current view: the open-order index's when it is working (no copy), else a fresh one. */
  private currentView(clientOrderId: ClientOrderId): OrderView {
    return this.open.get(clientOrderId) ?? toOrderView(this.requireOrder(clientOrderId));
  }

  private observeSession(equity: MoneyMicros): void {
    this.sessionPnl.observe(this.clock.now(), equity);
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
