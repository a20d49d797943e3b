import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LobsterReplayFeed } from '../../src/main/marketdata';
import { breakerFixture, type BreakerFixture } from '../unit/execution/breaker/breaker-fixture';
import { FakeClock } from '../unit/marketdata/fake-clock';
import { GOOG_MESSAGE_FILE, GOOG_ORDERBOOK_FILE } from '../unit/venues/lobster-test-feed';

/**
 * A flash crash on a real book: the GOOG 2012-06-21 excerpt (../shared/data/lobster/excerpts, 2,000
 * LOBSTER rows, 09:30:00-09:36:04) replayed by LobsterReplayFeed (fake clock, 1000x) through the real
 * OrderBook, paper venue and execution engine, with resting orders at several prices; then a
 * synthetic -10% slide appended after the last real row. The breaker must halt and cancel every
 * order still open; we report the time from the triggering tick to the last cancel handed to the venue.
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'floor-crash-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let fx: BreakerFixture<LobsterReplayFeed> | undefined;
afterEach(() => fx?.dispose());

/** Last real GOOG row: 34563.990389929 s. The slide: one hidden print every 50 ms after it. */
const LAST_ROW_SECONDS = 34_563.990389929;

/**
 * Copies the excerpt into `tmp` with `prices` (micro-dollars) appended as hidden executions on the
 * ask side (LOBSTER type 5, direction -1: buyers lifting hidden offers, so the slide itself fills
 * none of our resting bids), each with an unchanged orderbook row (hidden executions do not change
 * the visible book).
 */
function excerptWithSlide(prices: readonly number[]): string {
  const messages = path.join(tmp, path.basename(GOOG_MESSAGE_FILE));
  const books = path.join(tmp, path.basename(GOOG_ORDERBOOK_FILE));
  copyFileSync(GOOG_MESSAGE_FILE, messages);
  copyFileSync(GOOG_ORDERBOOK_FILE, books);
  const lastBook = readFileSync(GOOG_ORDERBOOK_FILE, 'utf8').trim().split('\n').at(-1)!;
  const extraMessages = prices.map((p, i) => `${(LAST_ROW_SECONDS + 0.05 * (i + 1)).toFixed(9)},5,0,100,${p / 100},-1`);
  writeFileSync(messages, `${readFileSync(messages, 'utf8').trimEnd()}\n${extraMessages.join('\n')}\n`);
  writeFileSync(books, `${readFileSync(books, 'utf8').trimEnd()}\n${prices.map(() => lastBook).join('\n')}\n`);
  return messages;
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('circuit breaker on a replayed GOOG flash crash', () => {
  it('cancels 100% of open orders after an injected -10% drop and reports the tick-to-last-cancel time', async () => {
    // The highest print (types 4 and 5) of the excerpt's last 5 minutes, read straight from the
    // file: the breaker's rolling high must agree. The slide ends exactly 10% below it (rounded
    // down to the cent); every print before the last stays above the threshold.
    const rows = readFileSync(GOOG_MESSAGE_FILE, 'utf8').trim().split('\n').map((line) => line.split(','));
    const high = Math.max(
      ...rows.filter(([t, type]) => (type === '4' || type === '5') && Number(t) >= LAST_ROW_SECONDS - 300).map((r) => Number(r[4]) * 100),
    );
    const cent = (micros: number): number => Math.floor(micros / 10_000) * 10_000;
    const trigger = cent((high * 9) / 10);
    const slide = [0.97, 0.95, 0.93, 0.91].map((f) => cent(high * f)).concat(trigger);
    const clock = new FakeClock();
    const feed = await LobsterReplayFeed.open({ messageFile: excerptWithSlide(slide), speed: 1_000, clock });
    fx = breakerFixture({ feed });
    const trips: number[] = [];
    fx.bus.subscribe('risk.breakerTripped', (trip) => trips.push(trip.triggerPrice));

    feed.start();
    await clock.advance(60, settle); // 60 s of market time
    const bid = feed.book.bestBid()!.price;
    const ask = feed.book.bestAsk()!.price;
    for (let k = 1; k <= 6; k++) {
      for (const [side, price] of [['BUY', bid - k * 500_000], ['SELL', ask + k * 500_000]] as const) {
        const order = fx.engine.submit(
          { instrumentId: 'GOOG', side, quantity: 100 * k, orderType: 'LIMIT', timeInForce: k % 2 === 0 ? 'GTC' : 'DAY', limitPrice: price },
          'TICKET',
        );
        expect(order.status).toBe('ACCEPTED');
      }
    }

    // The rest of the real excerpt: an ordinary morning never trips a 10% breaker.
    await clock.advance(304, settle);
    expect(trips).toEqual([]);
    expect(fx.engine.risk.tradingState()).toBe('ACTIVE');
    expect(fx.controller.breaker.rollingHigh('GOOG')).toBe(high);
    const open = fx.engine.orders.open().map((o) => o.clientOrderId);
    expect(open.length).toBeGreaterThan(6);

    // The slide.
    await clock.advance(5, settle);
    expect(trips).toEqual([trigger]);
    expect(fx.engine.risk.tradingState()).toBe('HALTED');
    for (const id of open) expect(fx.engine.orders.get(id)?.status).toBe('CANCELED');
    expect(fx.engine.orders.open()).toEqual([]);
    expect(fx.venue.workingOrders()).toEqual([]);

    const [alert] = fx.ledger.alerts.list();
    expect(alert).toMatchObject({ code: 'BREAKER_TRIPPED', severity: 'CRITICAL', instrumentId: 'GOOG' });
    expect(alert!.details).toMatchObject({
      triggerPrice: trigger,
      rollingHigh: high,
      dropBps: 1_000,
      openOrders: open.length,
      canceled: open.length,
      failures: 0,
      pending: 0,
    });
    const micros = alert!.details.tickToLastCancelMicros as number;
    expect(Number.isFinite(micros) && micros > 0).toBe(true);
    console.log(
      `breaker flash crash (GOOG excerpt + injected -10%): ${open.length} open orders canceled; ` +
        `triggering tick -> last cancel handed to the venue: ${(micros / 1000).toFixed(3)} ms`,
    );
  });
});
