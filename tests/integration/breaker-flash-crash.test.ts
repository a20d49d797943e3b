import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * OrderBook, paper venue and execution engine, with resting orders at several prices; then LOBSTER
 * rows appended after the last real row, in a temp folder: a real -10% slide (the bids are pulled and
 * lower bids join, with prints at the new bids) that must halt and cancel every order still open, or
 * single bad prints far from the quote that must not (issue 17: the bad-tick guard).
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'floor-crash-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let fx: BreakerFixture<LobsterReplayFeed> | undefined;
afterEach(() => fx?.dispose());

/** Last real GOOG row: 34563.990389929 s. The appended rows: one every 50 ms after it. */
const LAST_ROW_SECONDS = 34_563.990389929;
const TICK = 10_000;
/** LOBSTER's empty-level placeholders. */
const DUMMY_ASK = '9999999999,0';
const DUMMY_BID = '-9999999999,0';

/** The visible book of one orderbook row: [price x 10,000, size] per level, best first. */
interface RowBook {
  asks: [number, number][];
  bids: [number, number][];
}

function parseRow(line: string): RowBook {
  const cells = line.split(',').map(Number);
  const book: RowBook = { asks: [], bids: [] };
  for (let l = 0; l < cells.length / 4; l++) {
    if (cells[4 * l]! !== 9999999999) book.asks.push([cells[4 * l]!, cells[4 * l + 1]!]);
    if (cells[4 * l + 2]! !== -9999999999) book.bids.push([cells[4 * l + 2]!, cells[4 * l + 3]!]);
  }
  return book;
}

function formatRow(book: RowBook): string {
  const cells: string[] = [];
  for (let l = 0; l < 10; l++) {
    const ask = book.asks[l];
    const bid = book.bids[l];
    cells.push(ask ? `${ask[0]},${ask[1]}` : DUMMY_ASK, bid ? `${bid[0]},${bid[1]}` : DUMMY_BID);
  }
  return cells.join(',');
}

/** A message row and the orderbook row after it. */
type Row = [message: string, book: string];

/**
 * A real slide to each of `prices` (micro-dollars): the bids at or above the price are deleted one by
 * one (type 3), a 100-share bid joins one cent below it (type 1), and a hidden execution prints at it
 * (type 5, ask side: buyers lifting a hidden offer). Each row's book is the visible book after it.
 */
function slide(last: string, prices: readonly number[]): Row[] {
  const book = parseRow(last);
  const rows: Row[] = [];
  const push = (type: number, size: number, price: number, direction: number): void => {
    rows.push([`${(LAST_ROW_SECONDS + 0.05 * (rows.length + 1)).toFixed(9)},${type},0,${size},${price},${direction}`, formatRow(book)]);
  };
  for (const micros of prices) {
    const price = micros / 100;
    while (book.bids[0] && book.bids[0][0] >= price) {
      const [level, size] = book.bids.shift()!;
      push(3, size, level, 1);
    }
    book.bids.unshift([price - TICK / 100, 100]);
    book.bids.length = Math.min(book.bids.length, 10);
    push(1, 100, price - TICK / 100, 1);
    push(5, 100, price, -1);
  }
  return rows;
}

/** Single hidden executions at `prices` (micro-dollars), the book unchanged: prints nobody's quote explains. */
function lonePrints(last: string, prices: readonly number[]): Row[] {
  return prices.map((p, i) => [`${(LAST_ROW_SECONDS + 0.05 * (i + 1)).toFixed(9)},5,0,100,${p / 100},-1`, last]);
}

/** The excerpt pair copied into `tmp` with `tail(last orderbook row)` appended; returns the message file. */
function excerptWith(tail: (last: string) => Row[]): string {
  const folder = mkdtempSync(path.join(tmp, 'day-'));
  const messages = path.join(folder, path.basename(GOOG_MESSAGE_FILE));
  const books = path.join(folder, path.basename(GOOG_ORDERBOOK_FILE));
  const bookText = readFileSync(GOOG_ORDERBOOK_FILE, 'utf8').trimEnd();
  const rows = tail(bookText.split('\n').at(-1)!);
  writeFileSync(messages, `${readFileSync(GOOG_MESSAGE_FILE, 'utf8').trimEnd()}\n${rows.map((r) => r[0]).join('\n')}\n`);
  writeFileSync(books, `${bookText}\n${rows.map((r) => r[1]).join('\n')}\n`);
  return messages;
}

/** The highest print (types 4 and 5) of the excerpt's last 5 minutes, read straight from the file. */
function excerptHigh(): number {
  const rows = readFileSync(GOOG_MESSAGE_FILE, 'utf8').trim().split('\n').map((line) => line.split(','));
  return Math.max(...rows.filter(([t, type]) => (type === '4' || type === '5') && Number(t) >= LAST_ROW_SECONDS - 300).map((r) => Number(r[4]) * 100));
}

const cent = (micros: number): number => Math.floor(micros / 10_000) * 10_000;

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('circuit breaker on a replayed GOOG flash crash', () => {
  it('cancels 100% of open orders after a real -10% slide and reports the tick-to-last-cancel time', async () => {
    // The highest print (types 4 and 5) of the excerpt's last 5 minutes, read straight from the
    // file: the breaker's rolling high must agree. The slide ends exactly 10% below it (rounded
    // down to the cent); every print before the last stays above the threshold.
    const high = excerptHigh();
    const trigger = cent((high * 9) / 10);
    const prices = [0.97, 0.95, 0.93, 0.91].map((f) => cent(high * f)).concat(trigger);
    const clock = new FakeClock();
    const feed = await LobsterReplayFeed.open({ messageFile: excerptWith((last) => slide(last, prices)), speed: 1_000, clock });
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
      `breaker flash crash (GOOG excerpt + a real -10% slide): ${open.length} open orders canceled; ` +
        `triggering tick -> last cancel handed to the venue: ${(micros / 1000).toFixed(3)} ms`,
    );
  });

  it('never trips on a single bad print far above or below the quote, and counts both', async () => {
    // A print at twice the high (a mis-keyed or placeholder price would otherwise become the rolling
    // high, so the next normal print reads as a 50% drop), a normal print at the high, a print at half.
    const high = excerptHigh();
    const clock = new FakeClock();
    const feed = await LobsterReplayFeed.open({ messageFile: excerptWith((last) => lonePrints(last, [2 * high, high, cent(high / 2), high])), speed: 1_000, clock });
    fx = breakerFixture({ feed });
    const trips: number[] = [];
    fx.bus.subscribe('risk.breakerTripped', (trip) => trips.push(trip.triggerPrice));
    const resting = fx.engine.submit({ instrumentId: 'GOOG', side: 'BUY', quantity: 10, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: 570_000_000 }, 'TICKET');

    feed.start();
    await clock.advance(370, settle);
    expect(feed.status().marketTime).toBeGreaterThan((LAST_ROW_SECONDS + 0.2) * 1e9);
    expect(trips).toEqual([]);
    expect(fx.engine.risk.tradingState()).toBe('ACTIVE');
    expect(fx.engine.orders.get(resting.clientOrderId)?.status).toBe('ACCEPTED');
    expect(fx.controller.breaker.rollingHigh('GOOG')).toBe(high);
    expect(fx.guard.summary()).toMatchObject({ bandBps: 500, excluded: 2, last: { price: cent(high / 2), hidden: true } });
  });
});
