/**
 * Real data: ../shared/data/lobster/GOOG_2012-06-21_34200000_57600000_{message,orderbook}_10 (LOBSTER
 * sample, Nasdaq, 2012-06-21). Streams the whole day through OrderBook and checks that after every
 * message the top 10 levels of both sides equal LOBSTER's orderbook row for that message.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LobsterBookSync, LobsterPairedReader, LobsterReplayFeed, OrderBook } from '../../src/main/marketdata';

const repoRoot = path.resolve(__dirname, '../..');
const dir = path.resolve(repoRoot, '../shared/data/lobster');
const MESSAGES = path.join(dir, 'GOOG_2012-06-21_34200000_57600000_message_10.csv');
const ORDERBOOK = path.join(dir, 'GOOG_2012-06-21_34200000_57600000_orderbook_10.csv.gz');
const LEVELS = 10;

describe('GOOG level-10 day (147,916 messages)', () => {
  it('after every message the top 10 levels equal the matching orderbook row', async () => {
    const reader = new LobsterPairedReader(MESSAGES, ORDERBOOK);
    const book = new OrderBook('GOOG');
    const sync = new LobsterBookSync(book, LEVELS, ORDERBOOK, MESSAGES);
    const prices = new Float64Array(LEVELS);
    const sizes = new Float64Array(LEVELS);
    const mismatches: string[] = [];
    let rows = 0;
    let seeded = false;
    for (let batch = await reader.nextBatch(); batch; batch = await reader.nextBatch()) {
      if (!seeded) {
        sync.seed(batch.events[0]!, batch.rows, 0);
        seeded = true;
      }
      const data = batch.rows.data;
      for (let i = 0; i < batch.events.length; i++) {
        sync.step(batch.events[i]!, batch.rows, i);
        rows++;
        for (const [side, offset] of [
          ['SELL', 0],
          ['BUY', 2],
        ] as const) {
          const n = book.copyLevels(side, LEVELS, prices, sizes);
          let expected = 0;
          for (let l = 0; l < LEVELS; l++) {
            const rowPrice = data[i * 4 * LEVELS + 4 * l + offset]!;
            if (Number.isNaN(rowPrice)) break;
            expected++;
            if (prices[l] !== rowPrice || sizes[l] !== data[i * 4 * LEVELS + 4 * l + offset + 1]) {
              mismatches.push(`row ${rows} ${side} level ${l + 1}: book ${prices[l]}x${sizes[l]}, row ${rowPrice}x${data[i * 4 * LEVELS + 4 * l + offset + 1]}`);
            }
          }
          if (n !== expected) mismatches.push(`row ${rows} ${side}: book has ${n} levels, row ${expected}`);
        }
      }
    }
    reader.close();
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(rows).toBe(147_916);
    // Levels entering from beyond depth 10 are the only book changes taken from the orderbook file;
    // they are a small minority of the day's updates (4,984 on this day).
    expect(sync.refills).toBeGreaterThan(0);
    expect(sync.refills + sync.prunes).toBeLessThan(rows * 0.1);
  });

  it('the replay feed seeks to the close and ends on the last row\'s book', async () => {
    const feed = await LobsterReplayFeed.open({ messageFile: MESSAGES });
    try {
      await feed.seek(feed.sessionEnd);
      // Last row of orderbook_10.csv: ask 5652200,42, bid 5651200,200.
      expect(feed.book.bestAsk()).toEqual({ price: 565_220_000, size: 42 });
      expect(feed.book.bestBid()).toEqual({ price: 565_120_000, size: 200 });
      expect(feed.status().marketTime).toBe(feed.sessionEnd);
      expect(feed.refills).toBe(4_984);
    } finally {
      feed.dispose();
    }
  });
});
