import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LobsterBookMismatchError, LobsterPairedReader, LobsterReplayFeed, OrderBook, LobsterBookSync, ReplayFailedError } from '../../../src/main/marketdata';
import type { MarketEvent } from '../../../src/main/marketdata';
import type { ReplayStatus, TradeTick } from '../../../src/shared';
import { FakeClock } from './fake-clock';

const repoRoot = path.resolve(__dirname, '../../..');
const excerpts = path.resolve(repoRoot, '../shared/data/lobster/excerpts');
const GOOG_MSG = path.join(excerpts, 'GOOG_2012-06-21_34200000_57600000_message_10_first2000.csv');
const AAPL_MSG = path.join(excerpts, 'AAPL_2012-06-21_34200000_57600000_message_10_first999.csv');
const SEC = 1_000_000_000;
/** First GOOG message: 34200.015105074 s. */
const FIRST = 34_200_015_105_074;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'floor-replay-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const feeds: LobsterReplayFeed[] = [];
afterEach(() => {
  for (const feed of feeds.splice(0)) feed.dispose();
});

async function openGoog(speed = 1): Promise<{ feed: LobsterReplayFeed; clock: FakeClock; applied: Array<{ event: MarketEvent; wall: number }> }> {
  const clock = new FakeClock();
  const feed = await LobsterReplayFeed.open({ messageFile: GOOG_MSG, speed, clock });
  feeds.push(feed);
  const applied: Array<{ event: MarketEvent; wall: number }> = [];
  feed.onDidApply((event) => applied.push({ event, wall: clock.now() }));
  return { feed, clock, applied };
}

describe('LobsterBookSync on real data', () => {
  for (const [name, msg] of [
    ['GOOG', GOOG_MSG],
    ['AAPL', AAPL_MSG],
  ] as const) {
    it(`keeps the top 10 levels equal to every ${name} excerpt orderbook row`, async () => {
      const reader = new LobsterPairedReader(msg, msg.replace('_message_', '_orderbook_'));
      const book = new OrderBook(name);
      const sync = new LobsterBookSync(book, 10, reader.orderbook.file, msg);
      const prices = new Float64Array(10);
      const sizes = new Float64Array(10);
      let rowsChecked = 0;
      const mismatches: string[] = [];
      for (let batch = await reader.nextBatch(), first = true; batch; batch = await reader.nextBatch(), first = false) {
        if (first) sync.seed(batch.events[0]!, batch.rows, 0);
        for (let i = 0; i < batch.events.length; i++) {
          sync.step(batch.events[i]!, batch.rows, i);
          for (const [side, offset] of [['SELL', 0], ['BUY', 2]] as const) {
            const n = book.copyLevels(side, 10, prices, sizes);
            const got = Array.from(prices.subarray(0, n), (p, l) => `${p}x${sizes[l]}`).join(' ');
            const want: string[] = [];
            for (let l = 0; l < 10; l++) {
              const rowPrice = batch.rows.data[i * 40 + 4 * l + offset]!;
              if (!Number.isNaN(rowPrice)) want.push(`${rowPrice}x${batch.rows.data[i * 40 + 4 * l + offset + 1]}`);
            }
            if (got !== want.join(' ')) mismatches.push(`row ${rowsChecked + 1} ${side}: book ${got} / row ${want.join(' ')}`);
          }
          rowsChecked++;
        }
      }
      reader.close();
      expect(mismatches.slice(0, 3)).toEqual([]);
      expect(rowsChecked).toBe(name === 'GOOG' ? 2000 : 999);
      // Levels entering from beyond depth 10 do occur in these excerpts, so the refill path is exercised.
      expect(sync.refills).toBeGreaterThan(0);
    });
  }

  it('throws, naming file, line, side and price, when a row contradicts a level already visible', async () => {
    const msg = path.join(tmp, 'BAD_2012-06-21_34200000_57600000_message_2.csv');
    const ob = path.join(tmp, 'BAD_2012-06-21_34200000_57600000_orderbook_2.csv');
    writeFileSync(msg, '34200.1,1,1,100,1000000,1\n34200.2,1,2,50,1000000,1\n');
    // Row 2 says the bid at $100 holds 120, but 100 + 50 = 150 is what the messages imply.
    writeFileSync(ob, '1010000,10,1000000,100,1020000,5,990000,7\n1010000,10,1000000,120,1020000,5,990000,7\n');
    const feed = await LobsterReplayFeed.open({ messageFile: msg, clock: new FakeClock() });
    feeds.push(feed);
    const failures: Error[] = [];
    feed.onDidFail((e) => failures.push(e));
    const error = await feed.seek(34_201 * SEC).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplayFailedError);
    expect(failures[0]).toBeInstanceOf(LobsterBookMismatchError);
    expect(failures[0]!.message).toMatch(new RegExp(`^${ob.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: bid \\$100\\.0000 holds 150 shares .* row shows 120`));
    // The message the row contradicts is taken back: the book stands after message 1.
    expect(feed.book.sizeAt('BUY', 1_000_000 * 100)).toBe(100);
    expect(feed.status()).toMatchObject({ state: 'FAILED', marketTime: 34_200_100_000_000, failure: { file: ob, line: 2 } });
  });
});

describe('LobsterReplayFeed', () => {
  it('stops, pauses and reports onDidFail when the data turn out inconsistent during playback', async () => {
    const msg = path.join(tmp, 'FAIL_2012-06-21_34200000_57600000_message_1.csv');
    const ob = path.join(tmp, 'FAIL_2012-06-21_34200000_57600000_orderbook_1.csv');
    writeFileSync(msg, '34200.1,1,1,100,1000000,1\n34200.2,3,1,100,1000000,1\n');
    // Row 2 claims the bid still holds 100 after the delete.
    writeFileSync(ob, '1010000,10,1000000,100\n1010000,10,1000000,100\n');
    const clock = new FakeClock();
    const feed = await LobsterReplayFeed.open({ messageFile: msg, clock });
    feeds.push(feed);
    const failures: Error[] = [];
    feed.onDidFail((e) => failures.push(e));
    feed.start();
    await clock.advance(1_000, () => feed.settled());
    expect(failures).toHaveLength(1);
    expect(failures[0]!.message).toMatch(/orderbook_1\.csv:2: bid \$100\.0000 holds 0 shares .* row shows 100/);
    expect(feed.status()).toMatchObject({ paused: true, state: 'FAILED', marketTime: 34_200_100_000_000 });
    expect(() => feed.resume()).toThrow(/^the replay stopped at .*orderbook_1\.csv:2: bid \$100\.0000 holds 0 shares/);
  });

  it('lets onDidApply listeners see the book with the event already applied', async () => {
    const { feed, clock } = await openGoog(1);
    const seen: number[] = [];
    feed.onDidApply((event) => {
      if (event.kind === 'EXECUTE_VISIBLE' && seen.length === 0) seen.push(feed.book.sizeAt('BUY', event.price));
    });
    feed.start();
    await clock.advance(100, () => feed.settled());
    // 500 rested before message 1 executed 4 of them.
    expect(seen).toEqual([496]);
  });

  it('opens with the instrument, session and the book as it stood before the first message', async () => {
    const { feed } = await openGoog();
    expect(feed.instrument).toEqual({ instrumentId: 'GOOG', venue: 'NASDAQ', tickSize: 10_000, currency: 'USD' });
    // Message 1 executes 4 shares of the bid at 579.40; the row after it shows 496, so 500 rested before.
    expect(feed.book.sizeAt('BUY', 579_400_000)).toBe(500);
    expect(feed.status()).toMatchObject({ paused: true, finished: false, speed: 1, marketTime: 34_200 * SEC, sessionStart: 34_200 * SEC, sessionEnd: 57_600 * SEC });
    expect(feed.status().source).toEqual({ kind: 'LOBSTER', file: GOOG_MSG, sessionDate: '2012-06-21' });
  });

  it('converts session times to Unix µs in New York time (EDT on 2012-06-21)', async () => {
    const { feed } = await openGoog();
    // 09:30:00.015105074 EDT = 13:30:00.015105 UTC.
    expect(feed.toUnixMicros(FIRST)).toBe(Date.UTC(2012, 5, 21, 13, 30, 0) * 1000 + 15_105);
  });

  it('delivers nothing before start and each event when its market time is due, drift-free', async () => {
    const { feed, clock, applied } = await openGoog(1);
    await clock.advance(1000, () => feed.settled());
    expect(applied).toHaveLength(0);
    const startWall = clock.now();
    feed.start();
    await clock.advance(30_000, () => feed.settled());
    expect(applied.length).toBeGreaterThan(50);
    for (const { event, wall } of applied) {
      const due = startWall + (event.time - 34_200 * SEC) / 1e6;
      // Delivered at the first whole ms at or after its due time: never early, never drifting late.
      expect(wall).toBeGreaterThanOrEqual(due);
      expect(wall - due).toBeLessThan(1);
    }
    expect(applied.every(({ event }) => event.time <= 34_230 * SEC)).toBe(true);
    expect(feed.status().marketTime).toBe(34_230 * SEC);
  });

  it('runs at speed x real time and changes speed without jumping the market clock', async () => {
    const { feed, clock, applied } = await openGoog(10);
    feed.start();
    await clock.advance(1_000, () => feed.settled());
    expect(feed.status().marketTime).toBe(34_210 * SEC);
    feed.setSpeed(100);
    expect(feed.status().marketTime).toBe(34_210 * SEC);
    await clock.advance(1_000, () => feed.settled());
    expect(feed.status().marketTime).toBe(34_310 * SEC);
    expect(applied.at(-1)!.event.time).toBeLessThanOrEqual(34_310 * SEC);
    expect(() => feed.setSpeed(0)).toThrow(RangeError);
    expect(() => feed.setSpeed(1001)).toThrow(/0\.1 to 1000/);
  });

  it('pause freezes the market clock and delivery; resume continues from there', async () => {
    const { feed, clock, applied } = await openGoog(10);
    feed.start();
    await clock.advance(2_000, () => feed.settled());
    feed.pause();
    const count = applied.length;
    const frozen = feed.status().marketTime;
    await clock.advance(60_000, () => feed.settled());
    expect(applied).toHaveLength(count);
    expect(feed.status()).toMatchObject({ paused: true, marketTime: frozen });
    feed.resume();
    await clock.advance(1_000, () => feed.settled());
    expect(feed.status().marketTime).toBe(frozen + 10 * SEC);
    expect(applied.length).toBeGreaterThan(count);
  });

  it('seek rebuilds the book silently, fires onDidReset, and continues from the target', async () => {
    const { feed, clock, applied } = await openGoog(1);
    let resets = 0;
    feed.onDidReset(() => resets++);
    feed.start();
    await feed.seek(34_400 * SEC);
    expect(resets).toBe(1);
    expect(applied).toHaveLength(0);
    expect(feed.status().marketTime).toBe(34_400 * SEC);
    const forward = feed.book.snapshot(10, 0);
    await clock.advance(5_000, () => feed.settled());
    expect(applied.length).toBeGreaterThan(0);
    expect(applied[0]!.event.time).toBeGreaterThan(34_400 * SEC);
    // Backwards then forwards again to the same time gives the same book.
    await feed.seek(34_250 * SEC);
    await feed.seek(34_400 * SEC);
    expect(feed.book.snapshot(10, 0)).toEqual(forward);
    await expect(feed.seek(10)).rejects.toThrow(/outside the session/);
  });

  it('prints executions as trades with the aggressor opposite to the resting side', async () => {
    const { feed, clock } = await openGoog(1);
    const trades: TradeTick[] = [];
    feed.onDidTrade((t) => trades.push(t));
    feed.start();
    await clock.advance(200, () => feed.settled());
    // Messages 1-2 execute the resting bid (direction 1) at 579.40: sellers hit it.
    expect(trades[0]).toEqual({ instrumentId: 'GOOG', tsEvent: feed.toUnixMicros(FIRST), price: 579_400_000, size: 4, aggressorSide: 'SELL', hidden: false });
    expect(trades.some((t) => t.hidden)).toBe(true);
  });

  it('announces status changes and at most one progress status per 250 ms of market time', async () => {
    const { feed, clock } = await openGoog(1);
    const statuses: ReplayStatus[] = [];
    feed.onDidChangeStatus((s) => statuses.push(s));
    feed.start();
    expect(statuses.at(-1)).toMatchObject({ paused: false });
    await clock.advance(10_000, () => feed.settled());
    const progress = statuses.slice(1);
    expect(progress.length).toBeGreaterThan(10);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.marketTime - progress[i - 1]!.marketTime).toBeGreaterThanOrEqual(250_000_000);
    }
    feed.pause();
    expect(statuses.at(-1)).toMatchObject({ paused: true });
    feed.setSpeed(5);
    expect(statuses.at(-1)).toMatchObject({ speed: 5 });
  });

  it('finishes after the last message with a final status', async () => {
    const { feed, clock, applied } = await openGoog(1000);
    const statuses: ReplayStatus[] = [];
    feed.onDidChangeStatus((s) => statuses.push(s));
    feed.start();
    await clock.advance(400, () => feed.settled());
    expect(applied).toHaveLength(2000);
    expect(statuses.at(-1)!.finished).toBe(true);
    expect(clock.pending).toBe(0);
  });
});
