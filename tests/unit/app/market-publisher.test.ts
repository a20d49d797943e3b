import { describe, expect, it } from 'vitest';
import { MarketPublisher } from '../../../src/main/app/market-publisher';
import { TradeHistory } from '../../../src/main/app/trade-history';
import type { Host } from '../../../src/main/host';
import { BadTickGuard } from '../../../src/main/marketdata';
import type { PushPayload, PushTopic } from '../../../src/shared';
import { TestFeed, event } from '../venues/lobster-test-feed';

/** The host's push side, recorded: what the renderer would receive. */
function recordingHost(): { host: Host; pushed: Array<[PushTopic, unknown]> } {
  const pushed: Array<[PushTopic, unknown]> = [];
  const host = {
    publish<T extends PushTopic>(topic: T, data: PushPayload<T>): void {
      pushed.push([topic, data]);
    },
  } as unknown as Host;
  return { host, pushed };
}

describe('MarketPublisher and the bad-tick guard (issue 17 point 3)', () => {
  it('keeps a print far from the quote off the tape and the chart, and counts it', () => {
    // The GOOG excerpt's book after row 300 (../shared/data): bid $577.55, ask $578.44.
    const feed = new TestFeed(300);
    const guard = new BadTickGuard(feed);
    const trades = new TradeHistory(100);
    const { host, pushed } = recordingHost();
    const publisher = new MarketPublisher(feed, host, trades, guard);
    const t = feed.status().marketTime;
    feed.apply(event('EXECUTE_HIDDEN', 'SELL', 578_000_000, 10, t + 1));
    // LOBSTER's placeholder price as dollars x 10,000 = $999,999.9999, on a hidden execution.
    feed.apply(event('EXECUTE_HIDDEN', 'SELL', 999_999_999_900, 10, t + 2));
    feed.apply(event('EXECUTE_HIDDEN', 'BUY', 400_000_000, 10, t + 3));

    const tape = pushed.filter(([topic]) => topic === 'trades').flatMap(([, data]) => data as { price: number }[]);
    expect(tape.map((trade) => trade.price)).toEqual([578_000_000]);
    expect(trades.latest(100).map((trade) => trade.price)).toEqual([578_000_000]);
    expect(guard.summary()).toMatchObject({ excluded: 2, last: { price: 400_000_000, bid: 577_550_000, ask: 578_440_000, low: 548_672_500, high: 607_362_000 } });

    // A seek starts the count afresh, as it starts the chart afresh.
    feed.resetToGoogRow(300);
    expect(guard.summary()).toMatchObject({ excluded: 0, last: null });
    publisher.dispose();
    guard.dispose();
    feed.dispose();
  });
});
