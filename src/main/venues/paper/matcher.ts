import type { ClientOrderId, LiquiditySide, OrderSide, PriceMicros, Shares, UnixMicros } from '../../../shared';
import type { BookView } from '../../marketdata';
import type { VenueEvents } from '../venue-events';
import type { VenueEventQueue } from './event-queue';
import { atOrBetter, leaves, OPPOSITE, type Working } from './exchange-order';
import type { PaperIds } from './ids';
import type { LiquidityOverlay } from './liquidity-overlay';
import { describePrice } from './order-validation';
import { PAPER_REASON_CODES as R, reason } from './reasons';

/**
 * The matching of one PaperExchange (see its class comment for the rules): taking visible liquidity
 * level by level, resting behind the displayed queue, filling, canceling and expiring, each reported
 * through the exchange's event queue. Holds no state of its own beyond the working orders it is given.
 */
export class OrderMatcher {
  constructor(
    private readonly book: BookView,
    private readonly overlay: LiquidityOverlay,
    private readonly ids: PaperIds,
    private readonly queue: VenueEventQueue,
    private readonly events: VenueEvents,
    /** The exchange's working orders, in arrival order. */
    private readonly working: Map<ClientOrderId, Working>,
  ) {}

  /** Runs a newly active order: FOK check, take liquidity, then cancel or rest the remainder. */
  activate(w: Working, asMarket: boolean, ts: UnixMicros): void {
    const limit = asMarket ? undefined : w.order.limitPrice;
    if (!asMarket) w.price = limit!;
    const { quantity, timeInForce } = w.order;
    if (timeInForce === 'FOK') {
      const available = this.available(w.order.side, limit, leaves(w));
      if (available < leaves(w)) {
        this.cancelRest(w, ts, R.FOK_UNFILLABLE, `Fill-or-kill: only ${available} of ${quantity} shares were available${limit === undefined ? '' : ` at ${describePrice(limit)} or better`}, so nothing was filled.`);
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
  take(w: Working, limit: PriceMicros | undefined, ts: UnixMicros): void {
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
  available(side: OrderSide, limit: PriceMicros | undefined, wanted: Shares): Shares {
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
  rest(w: Working): void {
    w.state = 'RESTING';
    const side = w.order.side;
    w.queueAhead = Math.max(0, this.book.sizeAt(side, w.price) - this.overlay.consumed(side, w.price));
  }

  /** One execution of `qty` shares at `price` (micro-dollars), with its commission. */
  fill(w: Working, qty: Shares, price: PriceMicros, liquiditySide: LiquiditySide, ts: UnixMicros): void {
    w.filledQty += qty;
    const commission = w.commission.charge({ side: w.order.side, quantity: qty, price, liquiditySide });
    this.queue.push(this.events.filled(w.order.clientOrderId, { venueOrderId: w.venueOrderId, tradeId: this.ids.nextTradeId(), lastQty: qty, lastPx: price, commission, liquiditySide }, ts));
    if (w.filledQty >= w.order.quantity) this.finish(w);
  }

  /** Cancels the rest of the order with a reason. */
  cancelRest(w: Working, ts: UnixMicros, code: (typeof R)[keyof typeof R], message: string): void {
    this.finish(w);
    this.queue.push(this.events.canceled(w.order.clientOrderId, reason(code, message), ts));
  }

  /** The order reached the end of its session (DAY). */
  expire(w: Working, ts: UnixMicros): void {
    this.finish(w);
    this.queue.push(this.events.expired(w.order.clientOrderId, ts));
  }

  /** The order stops working (filled, canceled, expired). */
  finish(w: Working): void {
    w.done = true;
    this.working.delete(w.order.clientOrderId);
  }
}
