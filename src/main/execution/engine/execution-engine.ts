import { OPEN_ORDER_STATUSES, messageOf, type ClientOrderId, type Disposable, type InstrumentId, type Order, type OrderEvent, type OrderModification, type OrderRiskAdjustment, type OrderSource, type OrderTicket, type PriceMicros, type TradingMode, type UnixMicros } from '../../../shared';
import type { Ledger } from '../../ledger';
import type { Venue } from '../../venues';
import { approvalQueue, isStagedOrderExpired, OrderNotStagedError } from '../approval';
import { OrderModeMismatchError, OrderNotCancelableError } from '../errors';
import { LedgerIdGenerator, type IdGenerator } from '../ids';
import { checkOrder, planOrder, riskInput } from '../order-plan';
import { initializedEvent } from '../order-state';
import { Portfolio } from '../portfolio/portfolio';
import type { RiskEngine } from '../risk/risk-engine';
import type { ExecutionEngineOptions } from './execution-engine-options';
import { consoleExecutionLogger, type ExecutionLogger } from './execution-logger';
import { marketSnapshot, type SnapshotSources } from './market-snapshot';
import { checkModification } from './modification';
import { InterlockRequiredError } from './order-authority';
import type { OrderStore } from './order-store';
import { newOrderFromTicket } from './order-ticket';
import { submitDecision } from './submit-decision';
import { VenueCalls } from './venue-calls';
import { VenueIntake } from './venue-intake';

export type { ExecutionEngineOptions, InstrumentLookup, LiveAccountValues, MarkSource } from './execution-engine-options';

/**
 * The order path of Floor (DESIGN.md flow 1), as commands: ticket -> sizing -> RiskEngine (deny,
 * or reduce-to-fit) -> approval (AUTO, or STAGED for the trader) -> the interlock -> the ledger
 * (one signed transaction per decision, through the OrderStore) -> the venue. Venue reports come
 * back through VenueIntake into the same store. Every source (ticket, hotkey, API, algo, an approval)
 * takes this one path, and no order reaches OrderSubmitted unless the interlock allows its source.
 *
 * State lives elsewhere: orders in the OrderStore, positions and P&L in the Portfolios (projections
 * of fills, one book per trading mode), the TradingState in the RiskEngine. Units: shares,
 * micro-dollars, Unix µs.
 *
 * Paper and live (issue 9): every order is created in the terminal's mode (`options.mode`) and is
 * sized and checked against that mode's book only (positions, working orders, daily P&L; in live,
 * IB's own net liquidation and cash as the account); it is approved or modified only in its mode.
 */
export class ExecutionEngine implements Disposable {
  readonly orders: OrderStore;
  /** The books by mode: paper and live positions, cash and P&L are never one total. */
  readonly portfolios: Readonly<Record<TradingMode, Portfolio>>;
  readonly risk: RiskEngine;
  /** Venue reports, and the fills the ledger could not book. */
  readonly intake: VenueIntake;
  private readonly ledger: Ledger;
  private readonly venue: Venue;
  private readonly options: ExecutionEngineOptions;
  private readonly ids: IdGenerator;
  private readonly logger: ExecutionLogger;
  private readonly subscriptions: Disposable[];
  private readonly calls: VenueCalls;
  private readonly sources: SnapshotSources;

  constructor(options: ExecutionEngineOptions) {
    this.options = options;
    this.ledger = options.ledger;
    this.orders = options.store;
    let live = options.livePortfolio;
    if (live === undefined) {
      live = new Portfolio(options.ledger, options.clock, options.marks, 'LIVE');
      options.store.addProjection(live);
    }
    this.portfolios = { PAPER: options.portfolio, LIVE: live };
    this.risk = options.risk;
    this.venue = options.venue;
    this.ids = options.ids ?? new LedgerIdGenerator(options.ledger, options.clock);
    this.logger = options.logger ?? consoleExecutionLogger;
    this.intake = new VenueIntake(this.orders, this.venue.venueId, this.logger);
    this.calls = new VenueCalls(this.venue, this.orders, (clientOrderId) => this.base(clientOrderId), this.logger);
    this.sources = { ...options, orders: this.orders, books: this.portfolios };
    this.subscriptions = [
      this.venue.onEvent((event) => this.intake.accept(event)),
      this.orders.onDidFill((fill) => this.risk.recordFill(fill, this.orders.get(fill.clientOrderId)?.mode ?? 'PAPER')),
    ];
  }

  /** The trading mode new orders are created in now. */
  mode(): TradingMode {
    return this.options.mode?.() ?? 'PAPER';
  }

  /** The book of the mode in force (what the screen and the risk checks show and use now). */
  get portfolio(): Portfolio {
    return this.portfolios[this.mode()];
  }

  /** Records the mark (book mid, micro-dollars) of `instrumentId` in both books. @throws RangeError as Portfolio.setMark. */
  setMark(instrumentId: InstrumentId, mid: PriceMicros): void {
    this.portfolios.PAPER.setMark(instrumentId, mid);
    this.portfolios.LIVE.setMark(instrumentId, mid);
  }

  /**
   * Places an order from `ticket` for `source`: sizing, the RiskEngine, approval, the interlock, then
   * one transaction with OrderInitialized and the decision (OrderDenied, OrderStaged or
   * OrderSubmitted, with the signed risk and approval facts), then the venue. An automated order the
   * interlock refuses is staged (or denied, profile `whileLocked`) with the interlock's reason; a
   * ticket or hotkey order is denied with it.
   * @returns the order after the decision (a synchronous venue may have filled it already).
   * @throws InvalidOrderTicketError when the ticket or source is malformed (each field named).
   */
  submit(ticket: OrderTicket, source: OrderSource): Order {
    const now = this.options.clock.now();
    const mode = this.mode();
    const spec = newOrderFromTicket(ticket, source, mode, () => this.ids.nextClientOrderId(), now);
    const { clientOrderId } = spec;
    const market = marketSnapshot(this.sources, spec.instrumentId, now, mode);
    const plan = planOrder(spec, spec.sizing, market, this.risk);
    const base = { eventId: this.ids.nextEventId(), clientOrderId, tsEvent: now, tsInit: now };
    const refusal = () => this.options.authority.refusal(source);
    const next = submitDecision(base, { verdict: plan.verdict, source, profile: market.profile, refusal, venueId: this.venue.venueId, now });
    const initialized = initializedEvent(plan.order, this.ids.nextEventId(), plan.sizing, plan.riskAdjustments);
    const order = this.orders.record([initialized, next], {
      created: plan.order,
      beforeEvent: (_event, index) => {
        if (index !== 1 || plan.verdict.kind !== 'ALLOW') return;
        this.recordAllowed(riskInput(plan.order, market), plan.riskAdjustments, 'SUBMIT', now);
        if (next.type === 'OrderSubmitted') this.prepareSubmit(plan.order, source, now);
      },
    });
    if (order.status === 'SUBMITTED') this.calls.submit(order);
    return this.orders.require(clientOrderId);
  }

  /**
   * Approves a STAGED order (a trader's act: it needs the interlock's ticket session): expires stale
   * staged orders first, checks it again at the current market, then OrderApproved (+ OrderUpdated
   * for a reduce-to-fit) + OrderSubmitted in one transaction, then the venue; or OrderDenied.
   * @throws UnknownOrderError, OrderNotStagedError (CONFLICT), OrderModeMismatchError (CONFLICT: a
   *   paper order while live or the other way), InterlockRequiredError (FORBIDDEN).
   */
  approve(clientOrderId: ClientOrderId): Order {
    const order = this.requireStaged(clientOrderId);
    this.assertInMode(order);
    const refusal = this.options.authority.refusal('TICKET');
    if (refusal !== null) throw new InterlockRequiredError(refusal);
    const now = this.options.clock.now();
    const market = marketSnapshot(this.sources, order.instrumentId, now, order.mode);
    const checked = checkOrder(order, market, this.risk);
    const base = () => ({ eventId: this.ids.nextEventId(), clientOrderId, tsEvent: now, tsInit: now });
    if (checked.verdict.kind === 'DENY') return this.orders.record([{ ...base(), type: 'OrderDenied', reason: checked.verdict.reason, check: checked.verdict.check }]);
    const events: OrderEvent[] = [{ ...base(), type: 'OrderApproved', ...(checked.adjustments.length === 0 ? {} : { riskAdjustments: checked.adjustments }) }];
    if (checked.quantity !== order.quantity) events.push({ ...base(), type: 'OrderUpdated', quantity: checked.quantity });
    events.push({ ...base(), type: 'OrderSubmitted', venue: this.venue.venueId });
    const submitted = this.orders.record(events, {
      beforeEvent: (event, index) => {
        if (index === 0) this.recordAllowed(riskInput(order, market), checked.adjustments, 'APPROVE', now, checked.quantity);
        if (event.type === 'OrderSubmitted') this.prepareSubmit({ ...order, quantity: checked.quantity }, null, now);
      },
    });
    this.calls.submit(submitted);
    return this.orders.require(clientOrderId);
  }

  /**
   * Rejects a STAGED order: OrderCanceled (REJECTED_BY_TRADER), never sent. Stale staged orders are expired first.
   * @throws UnknownOrderError; OrderNotStagedError (CONFLICT).
   */
  reject(clientOrderId: ClientOrderId): Order {
    this.requireStaged(clientOrderId);
    return this.orders.record([{ ...this.base(clientOrderId), type: 'OrderCanceled', reason: { code: 'REJECTED_BY_TRADER', message: 'rejected by the trader in the approval queue; never sent' } }]);
  }

  /** Expires every STAGED order whose expiry is at or before Floor's clock; errors logged per order. @returns those expired. */
  expireStagedOrders(): Order[] {
    const now = this.options.clock.now();
    const expired: Order[] = [];
    for (const order of this.orders.staged()) {
      if (!isStagedOrderExpired(order, now)) continue;
      try {
        expired.push(this.orders.record([{ ...this.base(order.clientOrderId), type: 'OrderExpired' }]));
      } catch (error) {
        this.logger.error(`could not expire staged order ${order.clientOrderId}: ${messageOf(error)}`, error);
      }
    }
    return expired;
  }

  /** The STAGED orders waiting for the trader: highest signal score first, then oldest first. */
  approvalQueue(): Order[] {
    return approvalQueue(this.orders.staged());
  }

  /**
   * Cancels an order: a STAGED one at once (never sent); a working one records OrderPendingCancel and
   * asks the venue (a repeated request while pending changes nothing). Always allowed: it only reduces risk.
   * @throws UnknownOrderError; OrderNotCancelableError (CONFLICT) when the order is finished.
   */
  cancel(clientOrderId: ClientOrderId): Order {
    const order = this.orders.require(clientOrderId);
    if (order.status === 'PENDING_CANCEL') return order;
    if (order.status === 'STAGED') {
      return this.orders.record([{ ...this.base(clientOrderId), type: 'OrderCanceled', reason: { code: 'CANCELED_BEFORE_SUBMIT', message: 'canceled by the trader before it was sent' } }]);
    }
    if (!OPEN_ORDER_STATUSES.has(order.status)) throw new OrderNotCancelableError(clientOrderId, order.status);
    this.orders.record([{ ...this.base(clientOrderId), type: 'OrderPendingCancel' }]);
    this.calls.cancel(clientOrderId);
    return this.orders.require(clientOrderId);
  }

  /**
   * Modifies a working order (quantity, limit or stop price): the modified order is checked by the
   * RiskEngine like a new one (the trader's session is needed, as for any order), then
   * OrderPendingUpdate and the venue, which answers OrderUpdated or OrderModifyRejected.
   * @throws UnknownOrderError; InvalidModificationError (BAD_REQUEST) for a change that is not one;
   *   OrderNotModifiableError (CONFLICT) when the order is not working; ModificationDeniedError
   *   (CONFLICT) with the RiskEngine's reason; OrderModeMismatchError (CONFLICT); InterlockRequiredError (FORBIDDEN).
   */
  modify(clientOrderId: ClientOrderId, changes: OrderModification): Order {
    const order = this.orders.require(clientOrderId);
    this.assertInMode(order);
    const refusal = this.options.authority.refusal('TICKET');
    if (refusal !== null) throw new InterlockRequiredError(refusal);
    const now = this.options.clock.now();
    checkModification(order, changes, marketSnapshot(this.sources, order.instrumentId, now, order.mode), this.risk);
    this.orders.record([{ ...this.base(clientOrderId), type: 'OrderPendingUpdate' }]);
    this.calls.modify(clientOrderId, changes);
    return this.orders.require(clientOrderId);
  }

  /** After a restart: hands the venue the orders still working (before it starts), then re-sends the cancels that were in flight. */
  restoreAtVenue(): void {
    const open = this.orders.open();
    this.venue.restore(open);
    for (const order of open) {
      if (order.status === 'PENDING_CANCEL') this.calls.cancel(order.clientOrderId);
    }
  }

  /** Stops listening to the venue. The store, portfolio and ledger belong to the caller. */
  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.intake.dispose();
  }

  /** Inside the decision's transaction: the signed ALLOW verdict, what risk remembers of it, and (with a source) the AUTO approval. */
  private recordAllowed(input: ReturnType<typeof riskInput>, adjustments: readonly OrderRiskAdjustment[], at: 'SUBMIT' | 'APPROVE', now: UnixMicros, quantity = input.order.quantity): void {
    this.risk.recordDecision(input, quantity);
    this.ledger.recordFact('risk.decision', {
      clientOrderId: input.order.clientOrderId,
      verdict: 'ALLOW',
      at,
      quantity,
      riskAdjustments: adjustments.map((a) => ({ check: a.check, fromQuantity: a.fromQuantity, toQuantity: a.toQuantity, reason: { code: a.reason.code, message: a.reason.message } })),
      tsDecision: now,
    });
  }

  /** Inside the transaction that records OrderSubmitted: the AUTO approval fact, the venue's bookkeeping, the order-rate count. */
  private prepareSubmit(order: Order, autoSource: OrderSource | null, now: UnixMicros): void {
    if (autoSource !== null) this.ledger.recordFact('order.approval', { clientOrderId: order.clientOrderId, approval: 'AUTO', source: autoSource, tsDecision: now });
    this.venue.prepareSubmit(order);
    this.risk.recordSubmitted(now);
  }

  /** @throws OrderModeMismatchError when `order` belongs to the other trading mode. */
  private assertInMode(order: Order): void {
    const mode = this.mode();
    if (order.mode !== mode) throw new OrderModeMismatchError(order.clientOrderId, order.mode, mode);
  }

  /** The order, once stale staged orders are expired; it must still be STAGED. */
  private requireStaged(clientOrderId: ClientOrderId): Order {
    this.orders.require(clientOrderId);
    this.expireStagedOrders();
    const order = this.orders.require(clientOrderId);
    if (order.status !== 'STAGED') throw new OrderNotStagedError(clientOrderId, order.status);
    return order;
  }

  private base(clientOrderId: ClientOrderId) {
    const now = this.options.clock.now();
    return { eventId: this.ids.nextEventId(), clientOrderId, tsEvent: now, tsInit: now };
  }
}
