import type { PriceMicros, Shares, UnixMicros } from '../../../shared';
import type { BookView } from '../../marketdata';
import type { MarketEvent } from '../../marketdata';
import { atOrBetter, byPriority, leaves, OPPOSITE, type Working } from './exchange-order';
import type { LiquidityOverlay } from './liquidity-overlay';
import type { OrderMatcher } from './matcher';

/**
 * How our resting orders react to the replayed market's events (the queue-position rules of the
 * PaperExchange class comment). Each function takes the exchange's working orders in arrival order.
 */

/** Fills our resting orders that a replayed execution on their side reached. */
export function onExecution(working: Iterable<Working>, event: MarketEvent, hidden: boolean, book: BookView, matcher: OrderMatcher, ts: UnixMicros): void {
  const side = event.side;
  const candidates: Working[] = [];
  for (const w of working) {
    if (w.state === 'RESTING' && w.order.side === side && atOrBetter(side, w.price, event.price)) candidates.push(w);
  }
  if (candidates.length === 0) return;
  candidates.sort(byPriority(side));
  let pool = event.size;
  for (const w of candidates) {
    const atPrice = w.price === event.price;
    let reachable: Shares;
    if (hidden) {
      reachable = w.queueAhead === 0 ? pool : 0;
    } else if (atPrice) {
      reachable = Math.max(0, pool - w.queueAhead);
      w.queueAhead = Math.min(Math.max(0, w.queueAhead - event.size), book.sizeAt(side, w.price));
    } else {
      reachable = pool;
      w.queueAhead = 0;
    }
    const qty = Math.min(leaves(w), reachable);
    if (qty > 0) {
      pool -= qty;
      matcher.fill(w, qty, w.price, 'MAKER', ts);
    }
  }
}

/** Pro-rata queue advance on a cancel or delete at our price. */
export function onCancelAtLevel(working: Iterable<Working>, event: MarketEvent, book: BookView): void {
  const visibleAfter = book.sizeAt(event.side, event.price);
  const before = visibleAfter + event.size;
  for (const w of working) {
    if (w.state !== 'RESTING' || w.order.side !== event.side || w.price !== event.price || w.queueAhead === 0) continue;
    const ahead = w.queueAhead - Math.floor((event.size * w.queueAhead) / before);
    w.queueAhead = Math.min(ahead, visibleAfter);
  }
}

/** A new opposite order crossing our resting price trades with us on arrival. */
export function onAdd(working: Iterable<Working>, event: MarketEvent, overlay: LiquidityOverlay, matcher: OrderMatcher, ts: UnixMicros): void {
  const ourSide = OPPOSITE[event.side];
  const crossed: Working[] = [];
  for (const w of working) {
    if (w.state === 'RESTING' && w.order.side === ourSide && atOrBetter(ourSide, w.price, event.price)) crossed.push(w);
  }
  if (crossed.length === 0) return;
  crossed.sort(byPriority(ourSide));
  let pool = event.size;
  for (const w of crossed) {
    if (pool === 0) break;
    const qty = Math.min(leaves(w), pool);
    pool -= qty;
    matcher.fill(w, qty, w.price, 'MAKER', ts);
  }
  overlay.consume(event.side, event.price, event.size - pool);
}

/** Triggers stop orders on a trade print at `price`: they then act as MARKET or LIMIT. */
export function onPrint(working: Iterable<Working>, price: PriceMicros, matcher: OrderMatcher, ts: UnixMicros): void {
  const triggered: Working[] = [];
  for (const w of working) {
    if (w.state !== 'STOP_PENDING') continue;
    const stop = w.order.stopPrice!;
    if (w.order.side === 'BUY' ? price >= stop : price <= stop) triggered.push(w);
  }
  for (const w of triggered) {
    if (w.done) continue;
    const asMarket = w.order.orderType === 'STOP_MARKET';
    if (!asMarket) w.price = w.order.limitPrice!;
    w.state = 'RESTING';
    matcher.activate(w, asMarket, ts);
  }
}
