import type { AccountView, Disposable, Event, FillView, Order, PositionView, PriceMicros, TradeTick, TradingState } from '../../shared';
import type { BadTickGuard, MarketFeed } from '../marketdata';
import type { TerminalBus } from './topics';

/**
 * The execution engine's events as the bus needs them (structural, so the bus does not import the
 * execution layer that subscribes to it).
 */
export interface EngineEventSource {
  /** The order store. */
  readonly orders: { readonly onDidChange: Event<Order>; readonly onDidFill: Event<FillView> };
  /** The books (paper and live): each announces its own positions and account. */
  readonly portfolios: Readonly<Record<string, { readonly onDidChangePosition: Event<PositionView>; readonly onDidChangeAccount: Event<AccountView> }>>;
  readonly risk: { readonly onDidChangeTradingState: Event<TradingState> };
}

/**
 * Republishes the engine's events on the bus: order.changed (and order.denied for DENIED orders),
 * order.filled, portfolio.position, portfolio.account (of either book: subscribers that show one
 * book read it from the engine), risk.tradingState. Each fires after its ledger commit, so bus
 * subscribers only ever see durable facts. Dispose to stop.
 */
export function publishEngineEvents(engine: EngineEventSource, bus: TerminalBus): Disposable {
  const subscriptions = [
    engine.orders.onDidChange((order) => {
      bus.publish('order.changed', order);
      if (order.status === 'DENIED') bus.publish('order.denied', order);
    }),
    engine.orders.onDidFill((fill) => bus.publish('order.filled', fill)),
    ...Object.values(engine.portfolios).flatMap((book) => [
      book.onDidChangePosition((position) => bus.publish('portfolio.position', position)),
      book.onDidChangeAccount((account) => bus.publish('portfolio.account', account)),
    ]),
    engine.risk.onDidChangeTradingState((state) => bus.publish('risk.tradingState', state)),
  ];
  return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
}

/**
 * Republishes one feed's market on the bus: market.book after every applied event, market.mid when
 * that event (or a seek) changed the mid, market.trade per print the bad-tick guard accepted and
 * market.badTick per print it excluded (so the breaker never sees one), market.reset after a seek.
 * The payload of the book topics is the feed itself (a live MarketView), and trade ticks are the
 * feed's own objects, so the per-event path allocates nothing. Dispose to stop.
 * @param guard the guard over this feed's prints.
 */
export function publishFeedEvents(feed: MarketFeed, bus: TerminalBus, guard: BadTickGuard): Disposable {
  let lastMid: PriceMicros | null = feed.book.mid();
  const midChanged = (): boolean => {
    const mid = feed.book.mid();
    if (mid === lastMid) return false;
    lastMid = mid;
    return mid !== null;
  };
  const subscriptions = [
    feed.onDidApply(() => {
      bus.publish('market.book', feed);
      if (midChanged()) bus.publish('market.mid', feed);
    }),
    guard.onDidAccept((trade: TradeTick) => bus.publish('market.trade', trade)),
    guard.onDidExclude((print) => bus.publish('market.badTick', print)),
    feed.onDidReset(() => {
      bus.publish('market.reset', feed);
      if (midChanged()) bus.publish('market.mid', feed);
    }),
  ];
  return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
}
