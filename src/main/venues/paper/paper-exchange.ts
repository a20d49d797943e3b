import type {
  ClientOrderId,
  Disposable,
  Instrument,
  LiquiditySide,
  OrderSide,
  OrderType,
  PriceMicros,
  ReplayStatus,
  SessionNanos,
  Shares,
  TimeInForce,
  UnixMicros,
  VenueOrderId,
} from '../../../shared';
import type { BookView } from '../../marketdata/book-view';
import type { MarketEvent } from '../../marketdata/market-event';
import type { MarketFeed } from '../../marketdata/market-feed';
import type { VenueOrder } from '../venue';
import type { CommissionModel, OrderCommission } from './commission';
import type { VenueEventQueue } from './event-queue';
import type { PaperIds } from './ids';
import { LiquidityOverlay } from './liquidity-overlay';
import { describePrice, validateOrder, type MarketState } from './order-validation';
import { PAPER_REASON_CODES as R, reason } from './reasons';

/** Where a working order is: resting in the book at its limit, or waiting for its stop to trigger. */
export type WorkingOrderState = 'RESTING' | 'STOP_PENDING';

/** Read-only view of one of our working orders at the paper venue (for tests and the ladder). */
export interface WorkingOrderView {
  readonly clientOrderId: ClientOrderId;
  readonly venueOrderId: VenueOrderId;
  readonly instrumentId: string;
  readonly side: OrderSide;
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  /** Order quantity, shares. */
  readonly quantity: Shares;
  /** Shares filled so far. */
  readonly filledQty: Shares;
  readonly state: WorkingOrderState;
  /** Resting limit price, micro-dollars (absent while a stop waits for its trigger). */
  readonly price?: PriceMicros;
  /** Stop price of stop orders, micro-dollars. */
  readonly stopPrice?: PriceMicros;
  /** Displayed shares ahead of us in the queue at `price` (0 while a stop waits). */
  readonly queueAhead: Shares;
}

/** Everything the exchange needs from its owner (the PaperVenue). */
export interface PaperExchangeOptions {
  /** The instrument's market: book, replayed events, clock. */
  readonly feed: MarketFeed;
  readonly commission: CommissionModel;
  readonly ids: PaperIds;
  /** Where venue events go; the exchange flushes it at the end of every operation. */
  readonly events: VenueEventQueue;
}

/** One order restored after a restart (see PaperExchange.restore). */
export interface RestoredOrder {
  readonly order: VenueOrder;
  readonly venueOrderId: VenueOrderId;
  /** Shares already filled before the restart. */
  readonly filledQty: Shares;
}

interface Working {
  readonly order: VenueOrder;
  readonly venueOrderId: VenueOrderId;
  /** Arrival sequence: time priority among our own orders. */
  readonly seq: number;
  readonly commission: OrderCommission;
  filledQty: Shares;
  state: WorkingOrderState;
  /** Resting limit price (LIMIT, or STOP_LIMIT once triggered); 0 while not resting. */
  price: PriceMicros;
  queueAhead: Shares;
  done: boolean;
}

const OPPOSITE: Readonly<Record<OrderSide, OrderSide>> = { BUY: 'SELL', SELL: 'BUY' };

/** True when `price` is at or better than `than` for a resting order of `side` (higher bid, lower ask). */
function atOrBetter(side: OrderSide, price: PriceMicros, than: PriceMicros): boolean {
  return side === 'BUY' ? price >= than : price <= than;
}

function leaves(w: Working): Shares {
  return w.order.quantity - w.filledQty;
}

/** Best price first (highest bid, lowest ask), then arrival order. */
function byPriority(side: OrderSide): (a: Working, b: Working) => number {
  return side === 'BUY' ? (a, b) => b.price - a.price || a.seq - b.seq : (a, b) => a.price - b.price || a.seq - b.seq;
}

/** "HH:MM:SS" of a session time (ns after midnight), for messages. */
function clock(time: SessionNanos): string {
  const s = Math.floor(time / 1e9);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
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
  private readonly ids: PaperIds;
  private readonly events: VenueEventQueue;
  /** Working orders in arrival order. */
  private readonly working = new Map<ClientOrderId, Working>();
  private readonly overlay = new LiquidityOverlay();
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
    this.ids = options.ids;
    this.events = options.events;
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
    return [...this.working.values()].map((w) => this.view(w));
  }

  /** One working order, or undefined when it is not working here. */
  workingOrder(clientOrderId: ClientOrderId): WorkingOrderView | undefined {
    const w = this.working.get(clientOrderId);
    return w ? this.view(w) : undefined;
  }

  /** Current market time of this instrument as Unix µs (the last event, or the replay clock if later). */
  nowMicros(): UnixMicros {
    return this.feed.toUnixMicros(this.nowSession());
  }

  /**
   * Accepts or rejects `order` (caller guarantees its instrument is this one and its id is new),
   * then matches it. Emits rejected, or accepted followed by fills and possibly canceled.
   */
  submit(order: VenueOrder): void {
    const ts = this.nowMicros();
    const problem = validateOrder(order, this.marketState());
    if (problem) {
      this.events.push({ type: 'rejected', clientOrderId: order.clientOrderId, reason: problem, tsEvent: ts });
      this.events.flush();
      return;
    }
    const w = this.register(order, this.ids.nextVenueOrderId(), 0);
    this.events.push({ type: 'accepted', clientOrderId: order.clientOrderId, venueOrderId: w.venueOrderId, tsEvent: ts });
    if (order.orderType === 'STOP_MARKET' || order.orderType === 'STOP_LIMIT') {
      w.state = 'STOP_PENDING';
    } else {
      this.activate(w, order.orderType === 'MARKET', ts);
    }
    this.events.flush();
  }

  /** Cancels a working order (canceled), or answers cancelRejected when it is no longer working. */
  cancel(clientOrderId: ClientOrderId): void {
    const ts = this.nowMicros();
    const w = this.working.get(clientOrderId);
    if (w) {
      this.finish(w);
      this.events.push({
        type: 'canceled',
        clientOrderId,
        reason: reason(R.CANCELED_BY_REQUEST, 'Canceled at your request.'),
        tsEvent: ts,
      });
    } else {
      this.events.push({
        type: 'cancelRejected',
        clientOrderId,
        reason: reason(R.ORDER_NOT_OPEN, `Order ${clientOrderId} is not working at the paper venue: it is already filled, canceled, expired or was rejected.`),
        tsEvent: ts,
      });
    }
    this.events.flush();
  }

  /**
   * Cancels every working order (a venue-wide cancel-all): one `canceled` per order, in arrival
   * order, all stamped with the current market time; nothing when none is working.
   */
  cancelAll(): void {
    if (this.working.size === 0) return;
    const ts = this.nowMicros();
    for (const w of [...this.working.values()]) {
      this.finish(w);
      this.events.push({
        type: 'canceled',
        clientOrderId: w.order.clientOrderId,
        reason: reason(R.CANCELED_BY_REQUEST, 'Canceled by a cancel-all request (circuit breaker or kill switch).'),
        tsEvent: ts,
      });
    }
    this.events.flush();
  }

  /**
   * Re-enters an order that was working before a restart, keeping its VenueOrderId and filled
   * quantity. It joins the back of the queue at its price (queue position is not persisted: the
   * replay has moved on, so the old position means nothing); if the book now crosses it, it takes
   * liquidity first. A stop with no fills waits for its trigger again. Prior fills count towards the
   * per-order commission minimum/maximum as if executed at the order's limit (or stop) price, so the
   * minimum is not charged twice. Emits nothing for an order that resumes working; emits `expired`
   * for a DAY order whose session is over and `canceled` (NOT_RESTORABLE) for an order that cannot
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
      this.events.push({ type: 'canceled', clientOrderId: order.clientOrderId, reason: reason(R.NOT_RESTORABLE, cannotWork), tsEvent: ts });
      this.events.flush();
      return;
    }
    const w = this.register(order, venueOrderId, filledQty);
    if (filledQty > 0) {
      w.commission.seedPriorExecution({ side: order.side, quantity: filledQty, price: order.limitPrice ?? order.stopPrice!, liquiditySide: 'MAKER' });
    }
    if (order.timeInForce === 'DAY' && this.sessionOver(this.feed.status())) {
      this.expire(w, this.feed.toUnixMicros(this.sessionEnd));
    } else if (order.orderType === 'STOP_MARKET' || (order.orderType === 'STOP_LIMIT' && filledQty === 0)) {
      w.state = 'STOP_PENDING';
    } else {
      w.price = order.limitPrice!;
      const state = this.marketState();
      if (state.closedBecause === undefined && !state.halted) this.take(w, w.price, ts);
      if (!w.done) this.rest(w);
    }
    this.events.flush();
  }

  /** Unsubscribes from the feed. Working orders stay as they are (no events). */
  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions.length = 0;
  }

  // ---- feed events ---------------------------------------------------------------------------

  private onApply(event: MarketEvent): void {
    this.lastEventTime = event.time;
    if (event.kind === 'HALT') {
      this.halted = event.haltPhase !== 'RESUMED';
      return;
    }
    if (this.working.size === 0 && this.overlay.isEmpty) return;
    switch (event.kind) {
      case 'ADD':
        this.overlay.release(event.side, event.price);
        this.onAdd(event);
        break;
      case 'PARTIAL_CANCEL':
      case 'DELETE':
        this.overlay.release(event.side, event.price);
        this.onCancelAtLevel(event);
        break;
      case 'EXECUTE_VISIBLE':
        this.overlay.release(event.side, event.price);
        this.onExecution(event, false);
        this.onPrint(event.price, event.time);
        break;
      case 'EXECUTE_HIDDEN':
        this.onExecution(event, true);
        this.onPrint(event.price, event.time);
        break;
      case 'CROSS':
        this.onPrint(event.price, event.time);
        break;
    }
    if (event.time >= this.sessionEnd) this.expireDayOrders();
    this.events.flush();
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
      if (open) this.take(w, w.price, ts);
      if (!w.done) this.rest(w);
    }
    if (this.sessionOver(status)) this.expireDayOrders();
    this.events.flush();
  }

  private onStatus(status: ReplayStatus): void {
    this.sessionEnd = status.sessionEnd;
    if (this.sessionOver(status)) this.expireDayOrders();
    this.events.flush();
  }

  /** Fills our resting orders that a replayed execution on their side reached (see class doc). */
  private onExecution(event: MarketEvent, hidden: boolean): void {
    const side = event.side;
    const candidates: Working[] = [];
    for (const w of this.working.values()) {
      if (w.state === 'RESTING' && w.order.side === side && atOrBetter(side, w.price, event.price)) candidates.push(w);
    }
    if (candidates.length === 0) return;
    candidates.sort(byPriority(side));
    const ts = this.feed.toUnixMicros(event.time);
    let pool = event.size;
    for (const w of candidates) {
      const atPrice = w.price === event.price;
      let reachable: Shares;
      if (hidden) {
        reachable = w.queueAhead === 0 ? pool : 0;
      } else if (atPrice) {
        reachable = Math.max(0, pool - w.queueAhead);
        w.queueAhead = Math.min(Math.max(0, w.queueAhead - event.size), this.book.sizeAt(side, w.price));
      } else {
        reachable = pool;
        w.queueAhead = 0;
      }
      const qty = Math.min(leaves(w), reachable);
      if (qty > 0) {
        pool -= qty;
        this.fill(w, qty, w.price, 'MAKER', ts);
      }
    }
  }

  /** Pro-rata queue advance on a cancel/delete at our price (see class doc). */
  private onCancelAtLevel(event: MarketEvent): void {
    const visibleAfter = this.book.sizeAt(event.side, event.price);
    const before = visibleAfter + event.size;
    for (const w of this.working.values()) {
      if (w.state !== 'RESTING' || w.order.side !== event.side || w.price !== event.price || w.queueAhead === 0) continue;
      const ahead = w.queueAhead - Math.floor((event.size * w.queueAhead) / before);
      w.queueAhead = Math.min(ahead, visibleAfter);
    }
  }

  /** A new opposite order crossing our resting price trades with us on arrival (see class doc). */
  private onAdd(event: MarketEvent): void {
    const ourSide = OPPOSITE[event.side];
    const crossed: Working[] = [];
    for (const w of this.working.values()) {
      if (w.state === 'RESTING' && w.order.side === ourSide && atOrBetter(ourSide, w.price, event.price)) crossed.push(w);
    }
    if (crossed.length === 0) return;
    crossed.sort(byPriority(ourSide));
    const ts = this.feed.toUnixMicros(event.time);
    let pool = event.size;
    for (const w of crossed) {
      if (pool === 0) break;
      const qty = Math.min(leaves(w), pool);
      pool -= qty;
      this.fill(w, qty, w.price, 'MAKER', ts);
    }
    this.overlay.consume(event.side, event.price, event.size - pool);
  }

  /** Triggers stop orders on a trade print at `price` (see class doc). */
  private onPrint(price: PriceMicros, time: SessionNanos): void {
    const triggered: Working[] = [];
    for (const w of this.working.values()) {
      if (w.state !== 'STOP_PENDING') continue;
      const stop = w.order.stopPrice!;
      if (w.order.side === 'BUY' ? price >= stop : price <= stop) triggered.push(w);
    }
    if (triggered.length === 0) return;
    const ts = this.feed.toUnixMicros(time);
    for (const w of triggered) {
      if (w.done) continue;
      const asMarket = w.order.orderType === 'STOP_MARKET';
      if (!asMarket) w.price = w.order.limitPrice!;
      w.state = 'RESTING';
      this.activate(w, asMarket, ts);
    }
  }

  // ---- matching -----------------------------------------------------------------------------

  /** Runs a newly active order: FOK check, take liquidity, then cancel or rest the remainder. */
  private activate(w: Working, asMarket: boolean, ts: UnixMicros): void {
    const limit = asMarket ? undefined : w.order.limitPrice;
    if (!asMarket) w.price = limit!;
    const { quantity, timeInForce } = w.order;
    if (timeInForce === 'FOK') {
      const available = this.available(w.order.side, limit, leaves(w));
      if (available < leaves(w)) {
        this.finish(w);
        this.events.push({
          type: 'canceled',
          clientOrderId: w.order.clientOrderId,
          reason: reason(R.FOK_UNFILLABLE, `Fill-or-kill: only ${available} of ${quantity} shares were available${limit === undefined ? '' : ` at ${describePrice(limit)} or better`}, so nothing was filled.`),
          tsEvent: ts,
        });
        return;
      }
    }
    this.take(w, limit, ts);
    if (w.done) return;
    if (asMarket) {
      this.cancelRest(w, ts, R.NO_LIQUIDITY, `Market order: only ${w.filledQty} of ${quantity} shares found visible liquidity; the remaining ${leaves(w)} were canceled.`);
    } else if (timeInForce === 'IOC') {
      this.cancelRest(w, ts, R.IOC_UNFILLED, `Immediate-or-cancel: ${w.filledQty} of ${quantity} shares filled at ${describePrice(limit!)} or better; the remaining ${leaves(w)} were canceled.`);
    } else {
      this.rest(w);
    }
  }

  /** Walks the opposite side best first, one TAKER execution per level, up to `limit` (none = market). */
  private take(w: Working, limit: PriceMicros | undefined, ts: UnixMicros): void {
    const side = w.order.side;
    const opposite = OPPOSITE[side];
    for (let depth = 16; ; depth *= 4) {
      const levels = this.book.levels(opposite, depth);
      for (const level of levels) {
        if (limit !== undefined && !atOrBetter(side, limit, level.price)) return;
        const available = level.size - this.overlay.consumed(opposite, level.price);
        if (available <= 0) continue;
        const qty = Math.min(leaves(w), available);
        this.overlay.consume(opposite, level.price, qty);
        this.fill(w, qty, level.price, 'TAKER', ts);
        if (w.done) return;
      }
      if (levels.length < depth) return;
    }
  }

  /** Shares available to take up to `limit`, counting no further than `wanted`. */
  private available(side: OrderSide, limit: PriceMicros | undefined, wanted: Shares): Shares {
    const opposite = OPPOSITE[side];
    let total = 0;
    for (let depth = 16; ; depth *= 4) {
      total = 0;
      const levels = this.book.levels(opposite, depth);
      for (const level of levels) {
        if (limit !== undefined && !atOrBetter(side, limit, level.price)) return total;
        total += Math.max(0, level.size - this.overlay.consumed(opposite, level.price));
        if (total >= wanted) return total;
      }
      if (levels.length < depth) return total;
    }
  }

  /** Puts the order in the queue behind the displayed shares we have not taken at its price. */
  private rest(w: Working): void {
    w.state = 'RESTING';
    const side = w.order.side;
    w.queueAhead = Math.max(0, this.book.sizeAt(side, w.price) - this.overlay.consumed(side, w.price));
  }

  private fill(w: Working, qty: Shares, price: PriceMicros, liquiditySide: LiquiditySide, ts: UnixMicros): void {
    w.filledQty += qty;
    const commission = w.commission.charge({ side: w.order.side, quantity: qty, price, liquiditySide });
    this.events.push({
      type: 'filled',
      clientOrderId: w.order.clientOrderId,
      venueOrderId: w.venueOrderId,
      tradeId: this.ids.nextTradeId(),
      lastQty: qty,
      lastPx: price,
      commission,
      liquiditySide,
      tsEvent: ts,
    });
    if (w.filledQty >= w.order.quantity) this.finish(w);
  }

  private cancelRest(w: Working, ts: UnixMicros, code: (typeof R)[keyof typeof R], message: string): void {
    this.finish(w);
    this.events.push({ type: 'canceled', clientOrderId: w.order.clientOrderId, reason: reason(code, message), tsEvent: ts });
  }

  private expireDayOrders(): void {
    let ts: UnixMicros | undefined;
    for (const w of [...this.working.values()]) {
      if (w.order.timeInForce !== 'DAY') continue;
      ts ??= this.feed.toUnixMicros(this.sessionEnd);
      this.expire(w, ts);
    }
  }

  private expire(w: Working, ts: UnixMicros): void {
    this.finish(w);
    this.events.push({ type: 'expired', clientOrderId: w.order.clientOrderId, tsEvent: ts });
  }

  private finish(w: Working): void {
    w.done = true;
    this.working.delete(w.order.clientOrderId);
  }

  private register(order: VenueOrder, venueOrderId: VenueOrderId, filledQty: Shares): Working {
    const w: Working = {
      order,
      venueOrderId,
      seq: ++this.seq,
      commission: this.commission.openOrder(),
      filledQty,
      state: 'RESTING',
      price: 0,
      queueAhead: 0,
      done: false,
    };
    this.working.set(order.clientOrderId, w);
    return w;
  }

  // ---- market state -------------------------------------------------------------------------

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
      closedBecause = `The replayed session closed at ${clock(status.sessionEnd)}.`;
    } else if (now < status.sessionStart) {
      closedBecause = `The replayed session has not opened yet; it opens at ${clock(status.sessionStart)}.`;
    }
    return closedBecause === undefined
      ? { tickSize: this.instrument.tickSize, halted: this.halted }
      : { tickSize: this.instrument.tickSize, halted: this.halted, closedBecause };
  }

  private view(w: Working): WorkingOrderView {
    const o = w.order;
    return {
      clientOrderId: o.clientOrderId,
      venueOrderId: w.venueOrderId,
      instrumentId: o.instrumentId,
      side: o.side,
      orderType: o.orderType,
      timeInForce: o.timeInForce,
      quantity: o.quantity,
      filledQty: w.filledQty,
      state: w.state,
      ...(w.state === 'RESTING' ? { price: w.price } : {}),
      ...(o.stopPrice !== undefined ? { stopPrice: o.stopPrice } : {}),
      queueAhead: w.state === 'RESTING' ? w.queueAhead : 0,
    };
  }
}
