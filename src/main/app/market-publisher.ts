import type { Disposable, TradeTick } from '../../shared';
import type { Host } from '../host';
import type { BadTickGuard, MarketFeed } from '../marketdata';
import type { TradeHistory } from './trade-history';

/** Levels per side pushed to the renderer's ladder. */
export const PUSHED_BOOK_DEPTH = 20;
/** Trades kept for the chart's initial load. */
export const TRADE_HISTORY_CAPACITY = 20_000;

/** Wall clock in ms with sub-ms resolution, comparable between the host and a browser on the same machine. */
export function hostStamp(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Bridges a market feed to the host's push topics (trades: the prints the bad-tick guard accepted,
 * so a bad print never reaches the tape or the chart). Book changes are coalesced to one snapshot per
 * event-loop turn (a burst of replayed events, or a seek, costs one snapshot, not thousands); the
 * host then conflates to one message per animation frame. `stampedAt` is the arrival time of the
 * OLDEST update folded into the snapshot, so measured paint latency is never flattered by conflation.
 */
export class MarketPublisher implements Disposable {
  private pendingSince: number | undefined;
  private readonly subscriptions: Disposable[];

  constructor(
    private readonly feed: MarketFeed,
    private readonly host: Host,
    /** Receives every accepted trade print, for `market.trades`. */
    private readonly trades: TradeHistory,
    /** The tape and the chart get only the prints this guard accepts. */
    guard: BadTickGuard,
  ) {
    this.subscriptions = [
      feed.onDidApply(() => this.bookChanged()),
      feed.onDidReset(() => {
        this.trades.clear();
        this.bookChanged();
      }),
      guard.onDidAccept((trade: TradeTick) => {
        this.trades.push(trade);
        host.publish('trades', [trade]);
      }),
    ];
  }

  private bookChanged(): void {
    if (this.pendingSince !== undefined) return;
    this.pendingSince = hostStamp();
    setImmediate(() => this.flushBook());
  }

  private flushBook(): void {
    const stampedAt = this.pendingSince;
    this.pendingSince = undefined;
    if (stampedAt === undefined) return;
    const status = this.feed.status();
    const snapshot = this.feed.book.snapshot(PUSHED_BOOK_DEPTH, this.feed.toUnixMicros(status.marketTime));
    this.host.publish('book', { ...snapshot, stampedAt });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.pendingSince = undefined;
  }
}
