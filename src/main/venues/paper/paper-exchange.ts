import type { ClientOrderId, Disposable, Instrument, OrderModification, ReplayStatus, SessionNanos, Shares, UnixMicros, VenueOrderId } from '../../../shared';
import type { BookView } from '../../marketdata';
import type { MarketEvent } from '../../marketdata';
import type { MarketFeed } from '../../marketdata';
import { VENUE_REQUEST_CODES } from '../venue';
import type { VenueEvents } from '../venue-events';
import type { CommissionModel } from './commission';
import type { VenueEventQueue } from './event-queue';
import { sessionClock, workingView, type ExchangeOrder, type RestoredOrder, type Working, type WorkingOrderView } from './exchange-order';
import type { PaperIds } from './ids';
import { LiquidityOverlay } from './liquidity-overlay';
import { onAdd, onCancelAtLevel, onExecution, onPrint } from './market-reactions';
import { OrderMatcher } from './matcher';
import { validateModification, validateOrder, type MarketState } from './order-validation';
import { PAPER_REASON_CODES as R, reason } from './reasons';

/** Everything the exchange needs from its owner (the PaperVenue). */
export interface PaperExchangeOptions {
  /** The instrument's market: book, replayed events, clock. */
  readonly feed: MarketFeed;
  readonly commission: CommissionModel;
  readonly ids: PaperIds;
  /** Where venue events go; the exchange flushes it at the end of every operation. */
  readonly queue: VenueEventQueue;
  /** Makes the order events (ids, Floor's clock). */
  readonly events: VenueEvents;
}

/**
 * A simulated exchange for one instrument: matches our orders against the replayed (real) Nasdaq book
 * of a MarketFeed. Our orders never change the replayed book; the rules below decide when the real
 * market's events would have filled them. Rules and their sources:
 *
 * Taking liquidity (MARKET, or LIMIT at/through the opposite best): the order walks the visible
 * opposite side best price first, one execution (own TradeId, TAKER) per level, never past its limit.
 * Shares taken are recorded in a LiquidityOverlay so no later order takes the same displayed shares
 * twice (released when the replay changes that level; see LiquidityOverlay). IOC cancels the unfilled
 * rest (IOC_UNFILLED); FOK fills completely at once or is canceled with no fill (FOK_UNFILLABLE);
 * MARKET fills what is visible and cancels the rest (NO_LIQUIDITY); DAY/GTC LIMIT remainders rest.
 *
 * Resting (price-time priority, Nasdaq Equity 4 Rule 4757(a)(1)): a resting order joins the queue
 * behind the displayed size available at its price when it rests (`queueAhead`). Then, per replayed
 * event on the order's price and side (LOBSTER types, lobsterdata.com sample ReadMe):
 * - EXECUTE_VISIBLE (4) at our price: the executed shares come off the front of the queue; shares
 *   beyond `queueAhead` were displayed shares behind us, so the aggressor would have reached us: we
 *   fill that many (MAKER, at our price). One execution's shares are shared out among our own orders
 *   in price-time priority and never exceed the execution's size.
 * - EXECUTE_VISIBLE at a price through ours (a seller hit bids below our bid): the aggressor swept past
 *   our price, so we fill at our limit, up to the execution's size.
 * - EXECUTE_HIDDEN (5) at or through our price: fills us only once no displayed shares are ahead of
 *   us, because at the same price Nasdaq executes displayed orders before non-displayed ones (Nasdaq
 *   Equity 4 Rule 4757(a)(1)(A)); through our price, price priority puts us first anyway.
 * - PARTIAL_CANCEL (2) / DELETE (3) at our price: `queueAhead` shrinks by its pro-rata share,
 *   floor(canceled x queueAhead / size before the cancel). An L2 feed does not say where in the queue
 *   the canceled order sat, so cancels are taken as spread evenly over the queue: the chance that a
 *   canceled share was ahead of us is queueAhead / level size (hftbacktest's IdentityProbQueueModel,
 *   after Rigtorp's queue-position estimator). Real cancels lean towards the back of the queue
 *   (Databento, "Queue position of an order"), so this is mildly optimistic; rounding down takes
 *   back a little of that. `queueAhead` never exceeds the level's visible size.
 * - ADD (1) on the opposite side at a price that crosses our resting price: that incoming order would
 *   have traded with us on arrival, so we fill at our price, up to its size (and mark those shares as
 *   consumed in the overlay).
 * - CROSS (6) and HALT (7) fill nothing (the paper venue does not join auctions); halts block new
 *   orders until trading resumes.
 *
 * Stops: STOP_MARKET/STOP_LIMIT trigger on the first trade print after acceptance at or through the
 * stop (buy: print >= stop; sell: print <= stop), then act as MARKET/LIMIT (marketable part TAKER,
 * the rest rests or is canceled per the rules above). Prints are the feed's execution events
 * (types 4, 5, 6) read from onDidApply, the same facts the feed announces on onDidTrade, so fills and
 * triggers of one event happen in one deterministic order (resting fills first, then triggers).
 *
 * Modify (NautilusTrader's modify, Nasdaq's semantics): only a size decrease keeps the order's
 * place in the queue, as a partial cancel does on Nasdaq (TotalView-ITCH "Order Cancel" keeps the
 * order reference and its priority; an "Order Replace" is a new order with a new timestamp). Any other
 * change (a new limit or stop price, more shares) re-enters the order at the back of the queue at its
 * new price, taking liquidity first when the new price crosses the book. A stop that has not
 * triggered keeps waiting, for its new stop price. Answered with OrderUpdated (the order as it now
 * stands, then any fills), or OrderModifyRejected with the reason.
 *
 * Reset (seek): the overlay is cleared, the halt flag is taken from the feed's status (marketHalt:
 * the halt rows the seek passed) and every resting order re-queues at the back of the new visible size at its
 * price (taking liquidity first if the session is open, not halted, and the rebuilt book now crosses it).
 * DAY orders expire when the feed reaches the session end (an event at or after
 * status().sessionEnd, or status().finished), stamped at the session end.
 * All event times are market time (feed.toUnixMicros).
 */
export class PaperExchange implements Disposable {
  readonly instrument: Instrument;
  private readonly feed: MarketFeed;
  private readonly book: BookView;
  private readonly commission: CommissionModel;
  private readonly queue: VenueEventQueue;
  private readonly events: VenueEvents;
  /** Working orders in arrival order. */
  private readonly working = new Map<ClientOrderId, Working>();
  private readonly overlay = new LiquidityOverlay();
  private readonly matcher: OrderMatcher;
  private readonly ids: PaperIds;
  private readonly subscriptions: Disposable[];
  private halted = false;
  private lastEventTime: SessionNanos;
  private sessionEnd: SessionNanos;
  private seq = 0;

  constructor(options: PaperExchangeOptions) {
    this.feed = options.feed;
    this.instrument = options.feed.instrument;
    this.book = options.feed.book;
    this.commission = options.commission;
    this.queue = options.queue;
    this.events = options.events;
    this.ids = options.ids;
    this.matcher = new OrderMatcher(this.book, this.overlay, options.ids, this.queue, this.events, this.working);
    const status = this.feed.status();
    this.lastEventTime = status.marketTime;
    this.sessionEnd = status.sessionEnd;
    this.subscriptions = [
      this.feed.onDidApply((event) => this.onApply(event)),
      this.feed.onDidReset(() => this.onReset()),
      this.feed.onDidChangeStatus((s) => this.onStatus(s)),
    ];
  }

  /** Our working orders, in arrival order. */
  workingOrders(): WorkingOrderView[] {
    return [...this.working.values()].map(workingView);
  }

  /** One working order, or undefined when it is not working here. */
  workingOrder(clientOrderId: ClientOrderId): WorkingOrderView | undefined {
    const w = this.working.get(clientOrderId);
    return w ? workingView(w) : undefined;
  }

  /** Current market time of this instrument as Unix µs (the last event, or the replay clock if later). */
  nowMicros(): UnixMicros {
    return this.feed.toUnixMicros(this.nowSession());
  }

  /**
   * Accepts or rejects `order` (caller guarantees its instrument is this one and its id is new),
   * then matches it: OrderRejected, or OrderAccepted followed by fills and possibly OrderCanceled.
   */
  submit(order: ExchangeOrder): void {
    const ts = this.nowMicros();
    const problem = validateOrder(order, this.marketState());
    if (problem) {
      this.queue.push(this.events.rejected(order.clientOrderId, problem, ts));
      this.queue.flush();
      return;
    }
    const w = this.register(order, this.ids.nextVenueOrderId(), 0);
    this.queue.push(this.events.accepted(order.clientOrderId, w.venueOrderId, ts));
    if (order.orderType === 'STOP_MARKET' || order.orderType === 'STOP_LIMIT') {
      w.state = 'STOP_PENDING';
    } else {
      this.matcher.activate(w, order.orderType === 'MARKET', ts);
    }
    this.queue.flush();
  }

  /** Modifies a working order (see the class comment): OrderUpdated, then any fills; or OrderModifyRejected. */
  modify(clientOrderId: ClientOrderId, changes: OrderModification): void {
    const ts = this.nowMicros();
    const w = this.working.get(clientOrderId);
    if (!w) {
      this.queue.push(this.events.modifyRejected(clientOrderId, reason(VENUE_REQUEST_CODES.ORDER_NOT_OPEN, `Order ${clientOrderId} is not working at the paper venue: it is already filled, canceled, expired or was rejected.`), ts));
      this.queue.flush();
      return;
    }
    const modified: ExchangeOrder = {
      ...w.order,
      ...(changes.quantity === undefined ? {} : { quantity: changes.quantity }),
      ...(changes.limitPrice === undefined ? {} : { limitPrice: changes.limitPrice }),
      ...(changes.stopPrice === undefined ? {} : { stopPrice: changes.stopPrice }),
    };
    const problem = validateModification(modified, w.filledQty, this.marketState());
    if (problem) {
      this.queue.push(this.events.modifyRejected(clientOrderId, problem, ts));
      this.queue.flush();
      return;
    }
    const keepsPriority = modified.limitPrice === w.order.limitPrice && modified.stopPrice === w.order.stopPrice && modified.quantity <= w.order.quantity;
    w.order = modified;
    this.queue.push(this.events.updated(clientOrderId, modified, ts));
    if (w.state === 'RESTING' && !keepsPriority) {
      w.seq = ++this.seq;
      w.price = modified.limitPrice!;
      const state = this.marketState();
      if (state.closedBecause === undefined && !state.halted) this.matcher.take(w, w.price, ts);
      if (!w.done) this.matcher.rest(w);
    } else if (w.state === 'RESTING') {
      w.queueAhead = Math.min(w.queueAhead, this.book.sizeAt(modified.side, w.price));
    }
    this.queue.flush();
  }

  /** Cancels a working order (OrderCanceled), or answers OrderCancelRejected when it is no longer working. */
  cancel(clientOrderId: ClientOrderId): void {
    const ts = this.nowMicros();
    const w = this.working.get(clientOrderId);
    if (w) {
      this.matcher.finish(w);
      this.queue.push(this.events.canceled(clientOrderId, reason(R.CANCELED_BY_REQUEST, 'Canceled at your request.'), ts));
    } else {
      this.queue.push(this.events.cancelRejected(clientOrderId, reason(VENUE_REQUEST_CODES.ORDER_NOT_OPEN, `Order ${clientOrderId} is not working at the paper venue: it is already filled, canceled, expired or was rejected.`), ts));
    }
    this.queue.flush();
  }

  /**
   * Cancels every working order (a venue-wide cancel-all): one OrderCanceled per order, in arrival
   * order, all stamped with the current market time; nothing when none is working.
   */
  cancelAll(): void {
    if (this.working.size === 0) return;
    const ts = this.nowMicros();
    for (const w of [...this.working.values()]) {
      this.matcher.finish(w);
      this.queue.push(this.events.canceled(w.order.clientOrderId, reason(R.CANCELED_BY_REQUEST, 'Canceled by a cancel-all request (circuit breaker or kill switch).'), ts));
    }
    this.queue.flush();
  }

  /**
   * Re-enters an order that was working before a restart, keeping its VenueOrderId and filled
   * quantity. It joins the back of the queue at its price (queue position is not persisted: the
   * replay has moved on, so the old position means nothing); if the book now crosses it, it takes
   * liquidity first. A stop with no fills waits for its trigger again. Prior fills count towards the
   * per-order commission minimum/maximum as if executed at the order's limit (or stop) price, so the
   * minimum is not charged twice. Emits nothing for an order that resumes working; OrderExpired
   * for a DAY order whose session is over and OrderCanceled (NOT_RESTORABLE) for an order that cannot
   * be working (MARKET, IOC, FOK, a triggered STOP_MARKET, or an invalid order).
   * @throws RangeError when filledQty is not a whole number in [0, quantity).
   */
  restore({ order, venueOrderId, filledQty }: RestoredOrder): void {
    if (!Number.isSafeInteger(filledQty) || filledQty < 0 || !(filledQty < order.quantity)) {
      throw new RangeError(`restored order ${order.clientOrderId}: filledQty must be a whole number from 0 to below quantity ${order.quantity}, got ${filledQty}`);
    }
    const ts = this.nowMicros();
    const problem = validateOrder(order, { tickSize: this.instrument.tickSize, halted: false });
    const cannotWork =
      problem?.message ??
      (order.orderType === 'MARKET' || order.timeInForce === 'IOC' || order.timeInForce === 'FOK'
        ? `A ${order.orderType} ${order.timeInForce} order never rests, so it cannot still be working after a restart.`
        : order.orderType === 'STOP_MARKET' && filledQty > 0
          ? 'A triggered stop-market order never rests, so it cannot still be working after a restart.'
          : undefined);
    if (cannotWork !== undefined) {
      this.queue.push(this.events.canceled(order.clientOrderId, reason(R.NOT_RESTORABLE, cannotWork), ts));
      this.queue.flush();
      return;
    }
    const w = this.register(order, venueOrderId, filledQty);
    if (filledQty > 0) {
      w.commission.seedPriorExecution({ side: order.side, quantity: filledQty, price: order.limitPrice ?? order.stopPrice!, liquiditySide: 'MAKER' });
    }
    if (order.timeInForce === 'DAY' && this.sessionOver(this.feed.status())) {
      this.matcher.expire(w, this.feed.toUnixMicros(this.sessionEnd));
    } else if (order.orderType === 'STOP_MARKET' || (order.orderType === 'STOP_LIMIT' && filledQty === 0)) {
      w.state = 'STOP_PENDING';
    } else {
      w.price = order.limitPrice!;
      const state = this.marketState();
      if (state.closedBecause === undefined && !state.halted) this.matcher.take(w, w.price, ts);
      if (!w.done) this.matcher.rest(w);
    }
    this.queue.flush();
  }

  /** Unsubscribes from the feed. Working orders stay as they are (no events). */
  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions.length = 0;
  }

  private onApply(event: MarketEvent): void {
    this.lastEventTime = event.time;
    if (event.kind === 'HALT') {
      this.halted = event.haltPhase !== 'RESUMED';
      return;
    }
    if (this.working.size === 0 && this.overlay.isEmpty) return;
    const ts = this.feed.toUnixMicros(event.time);
    switch (event.kind) {
      case 'ADD':
        this.overlay.release(event.side, event.price);
        onAdd(this.working.values(), event, this.overlay, this.matcher, ts);
        break;
      case 'PARTIAL_CANCEL':
      case 'DELETE':
        this.overlay.release(event.side, event.price);
        onCancelAtLevel(this.working.values(), event, this.book);
        break;
      case 'EXECUTE_VISIBLE':
        this.overlay.release(event.side, event.price);
        onExecution(this.working.values(), event, false, this.book, this.matcher, ts);
        onPrint(this.working.values(), event.price, this.matcher, ts);
        break;
      case 'EXECUTE_HIDDEN':
        onExecution(this.working.values(), event, true, this.book, this.matcher, ts);
        onPrint(this.working.values(), event.price, this.matcher, ts);
        break;
      case 'CROSS':
        onPrint(this.working.values(), event.price, this.matcher, ts);
        break;
    }
    if (event.time >= this.sessionEnd) this.expireDayOrders();
    this.queue.flush();
  }

  private onReset(): void {
    this.overlay.clear();
    const status = this.feed.status();
    // A seek passes halt rows silently: the feed says whether the market stands halted there.
    this.halted = status.marketHalt !== null;
    this.lastEventTime = status.marketTime;
    this.sessionEnd = status.sessionEnd;
    const ts = this.feed.toUnixMicros(status.marketTime);
    const open = this.marketState().closedBecause === undefined && !this.halted;
    for (const w of [...this.working.values()]) {
      if (w.done || w.state !== 'RESTING') continue;
      if (open) this.matcher.take(w, w.price, ts);
      if (!w.done) this.matcher.rest(w);
    }
    if (this.sessionOver(status)) this.expireDayOrders();
    this.queue.flush();
  }

  private onStatus(status: ReplayStatus): void {
    this.sessionEnd = status.sessionEnd;
    if (this.sessionOver(status)) this.expireDayOrders();
    this.queue.flush();
  }

  private expireDayOrders(): void {
    let ts: UnixMicros | undefined;
    for (const w of [...this.working.values()]) {
      if (w.order.timeInForce !== 'DAY') continue;
      ts ??= this.feed.toUnixMicros(this.sessionEnd);
      this.matcher.expire(w, ts);
    }
  }

  private register(order: ExchangeOrder, venueOrderId: VenueOrderId, filledQty: Shares): Working {
    const w: Working = { order, venueOrderId, seq: ++this.seq, commission: this.commission.openOrder(), filledQty, state: 'RESTING', price: 0, queueAhead: 0, done: false };
    this.working.set(order.clientOrderId, w);
    return w;
  }

  private nowSession(): SessionNanos {
    const clockTime = this.feed.status().marketTime;
    return clockTime > this.lastEventTime ? clockTime : this.lastEventTime;
  }

  private sessionOver(status: ReplayStatus): boolean {
    return status.finished || status.marketTime >= status.sessionEnd;
  }

  private marketState(): MarketState {
    const status = this.feed.status();
    const now = this.nowSession();
    let closedBecause: string | undefined;
    if (status.finished) {
      closedBecause = 'The replayed session has ended (the replay reached its last message); seek back into the session to trade.';
    } else if (now >= status.sessionEnd) {
      closedBecause = `The replayed session closed at ${sessionClock(status.sessionEnd)}.`;
    } else if (now < status.sessionStart) {
      closedBecause = `The replayed session has not opened yet; it opens at ${sessionClock(status.sessionStart)}.`;
    }
    return closedBecause === undefined ? { tickSize: this.instrument.tickSize, halted: this.halted } : { tickSize: this.instrument.tickSize, halted: this.halted, closedBecause };
  }
}
