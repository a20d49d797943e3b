import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LobsterMessageReader, LobsterReplayFeed, type OrderBook } from '../../../src/main/marketdata';
import type { TradeTick } from '../../../src/shared';
import { craftPair, field, lobsterNanos, readLines, withField, GOOG_PAIRS } from '../../support/lobster-craft';
import { FakeClock } from './fake-clock';

/**
 * Issue 17: LOBSTER days as real files come (times with more than 9 decimals, bad lines deep in a
 * file, dummy prices, missing rows, corrupt gzip, a cut last line), crafted from the GOOG 2012-06-21
 * files in ../shared/data/lobster into a temp folder.
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'floor-real-days-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const feeds: LobsterReplayFeed[] = [];
afterEach(() => {
  for (const feed of feeds.splice(0)) feed.dispose();
});

const SESSION_END = 57_600 * 1_000_000_000;

async function open(message: string, clock = new FakeClock()): Promise<LobsterReplayFeed> {
  const feed = await LobsterReplayFeed.open({ messageFile: message, clock, speed: 1000 });
  feeds.push(feed);
  return feed;
}

/** The top `levels` of both sides as LOBSTER's orderbook columns (price x 10,000, size), for comparison with a row. */
function bookAsRow(book: OrderBook, levels: number): string {
  const cells: number[] = [];
  const asks = book.levels('SELL', levels);
  const bids = book.levels('BUY', levels);
  for (let l = 0; l < levels; l++) {
    cells.push(asks[l] ? asks[l]!.price / 100 : 9999999999, asks[l]?.size ?? 0, bids[l] ? bids[l]!.price / 100 : -9999999999, bids[l]?.size ?? 0);
  }
  return cells.join(',');
}

describe('reading real LOBSTER days', () => {
  it('reads times with more than 9 decimals, keeping the nanosecond rounded to the nearest', async () => {
    const original = readLines(GOOG_PAIRS.excerpt.message);
    // 34230.xxxxxxxxx -> 12 decimals: "004" below the nanosecond rounds down, and the nanosecond before
    // with "999" appended rounds up to the same value (float noise on both sides of the true time).
    const down = 700;
    const up = 1400;
    const nanosDown = lobsterNanos(field(original[down - 1]!, 0));
    const nanosUp = lobsterNanos(field(original[up - 1]!, 0));
    const before = (nanos: number): string => `${Math.floor((nanos - 1) / 1e9)}.${String((nanos - 1) % 1e9).padStart(9, '0')}999`;
    const pair = craftPair(tmp, {
      from: 'excerpt',
      messages: (lines) => lines.map((line, i) => (i === down - 1 ? withField(line, 0, `${field(line, 0)}004`) : i === up - 1 ? withField(line, 0, before(nanosUp)) : line)),
    });
    const reader = new LobsterMessageReader(pair.message);
    const events = [];
    for (let batch = await reader.nextBatch(); batch; batch = await reader.nextBatch()) events.push(...batch);
    reader.close();
    expect(events).toHaveLength(2000);
    expect(events[down - 1]!.time).toBe(nanosDown);
    expect(events[up - 1]!.time).toBe(nanosUp);

    // And the day plays to its end, every row checked.
    const feed = await open(pair.message);
    await feed.seek(SESSION_END);
    expect(feed.status().state).toBe('PAUSED');
    expect(bookAsRow(feed.book, 10)).toBe(readLines(GOOG_PAIRS.excerpt.orderbook).at(-1));
  });

  it('delivers every event before a bad line deep in the day, and stops with book and clock at the last good event', async () => {
    const bad = 30_000; // in the second ~1 MiB read batch of the day
    const pair = craftPair(tmp, { from: 'day', messages: (lines) => lines.map((line, i) => (i === bad - 1 ? withField(line, 3, '12x') : line)) });
    const feed = await open(pair.message);
    const resets: number[] = [];
    feed.onDidReset(() => resets.push(feed.status().marketTime));
    const error = await feed.seek(SESSION_END).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`${pair.message}:${bad}: size "12x" is not a whole number`);
    expect((error as { code?: string }).code).toBe('CONFLICT');

    const messages = readLines(GOOG_PAIRS.day.message);
    const lastGood = lobsterNanos(field(messages[bad - 2]!, 0));
    const status = feed.status();
    expect(status.state).toBe('FAILED');
    expect(status.marketTime).toBe(lastGood);
    expect(status.failure).toMatchObject({ file: pair.message, line: bad, marketTime: lastGood });
    expect(status.failure!.reason).toMatch(/^size "12x" is not a whole number/);
    // The book the trader sees is LOBSTER's row for the last good message, and the seek told listeners the book moved.
    expect(bookAsRow(feed.book, 10)).toBe(readLines(GOOG_PAIRS.day.orderbook)[bad - 2]);
    expect(resets).toEqual([lastGood]);
  });

  it('names a dummy price on a hidden execution and on an add as such, and never prints it as a trade', async () => {
    const hidden = readLines(GOOG_PAIRS.excerpt.message).findIndex((line) => field(line, 1) === '5') + 1;
    const dummyHidden = craftPair(tmp, { from: 'excerpt', messages: (lines) => lines.map((line, i) => (i === hidden - 1 ? withField(line, 4, '9999999999') : line)) });
    const clock = new FakeClock();
    const feed = await open(dummyHidden.message, clock);
    const trades: TradeTick[] = [];
    feed.onDidTrade((trade) => trades.push(trade));
    feed.start();
    await clock.advance(400, () => feed.settled());
    expect(trades.length).toBeGreaterThan(0);
    expect(trades.every((t) => t.price < 1_000_000_000)).toBe(true);
    expect(feed.status().failure).toMatchObject({ file: dummyHidden.message, line: hidden });
    expect(feed.status().failure!.reason).toMatch(/price 9999999999 is LOBSTER's placeholder for an empty ask level/);

    const add = 10;
    expect(field(readLines(GOOG_PAIRS.excerpt.message)[add - 1]!, 1)).toBe('1');
    const dummyAdd = craftPair(tmp, { from: 'excerpt', messages: (lines) => lines.map((line, i) => (i === add - 1 ? withField(line, 4, '-9999999999') : line)) });
    const error = await open(dummyAdd.message).then((f) => f.seek(SESSION_END).catch((e: unknown) => e as Error));
    expect((error as Error).message).toContain(`${dummyAdd.message}:${add}: price -9999999999 is LOBSTER's placeholder for an empty bid level`);
  });

  it('says the orderbook row of a message is missing when the rows slip by one', async () => {
    const pair = craftPair(tmp, { from: 'excerpt', orderbook: (lines) => lines.filter((_, i) => i !== 999) });
    const feed = await open(pair.message);
    const error = await feed.seek(SESSION_END).catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(/the orderbook row of message 1000 .*missing/);
    expect(feed.status().failure).toMatchObject({ file: pair.orderbook, line: 1000 });
  });

  it('names orderbook line 1 when the message file is empty beside a full orderbook', async () => {
    const pair = craftPair(tmp, { from: 'day', messages: () => [] });
    const error = await LobsterReplayFeed.open({ messageFile: pair.message, clock: new FakeClock() }).catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(new RegExp(`^${escape(pair.orderbook)}:1: .*${escape(path.basename(pair.message))} (is empty|ended after 0 rows)`));
  });

  it('reports a flipped byte deep in a .gz orderbook as corrupt gzip data, not as a malformed row', async () => {
    const pair = craftPair(tmp, {
      from: 'day',
      orderbookBytes: (bytes) => {
        const copy = Buffer.from(bytes);
        copy[Math.floor(copy.length * 0.68)]! ^= 0x10;
        return copy;
      },
    });
    const feed = await open(pair.message);
    const error = await feed.seek(SESSION_END).catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(/gzip data is corrupt/);
    expect((error as Error).message).not.toMatch(/fields; expected 40/);
    expect(feed.status().failure?.file).toBe(pair.orderbook);
  });

  it('stops playback at the event before a bad line, then lets the trader seek back and play up to it again', async () => {
    const bad = 1500;
    const pair = craftPair(tmp, { from: 'excerpt', messages: (lines) => lines.map((line, i) => (i === bad - 1 ? withField(line, 5, '2') : line)) });
    const messages = readLines(GOOG_PAIRS.excerpt.message);
    const lastGood = lobsterNanos(field(messages[bad - 2]!, 0));
    const clock = new FakeClock();
    const feed = await open(pair.message, clock);
    const applied: number[] = [];
    feed.onDidApply((event) => applied.push(event.time));
    const statuses: string[] = [];
    feed.onDidChangeStatus((status) => statuses.push(`${status.state}${status.failure ? `@${status.failure.line}` : ''}`));
    feed.start();
    await clock.advance(400, () => feed.settled());
    expect(applied).toHaveLength(bad - 1);
    expect(applied.at(-1)).toBe(lastGood);
    expect(statuses.at(-1)).toBe(`FAILED@${bad}`);
    expect(feed.status()).toMatchObject({ state: 'FAILED', paused: true, marketTime: lastGood });
    expect(feed.status().failure!.reason).toMatch(/^direction "2" is invalid/);
    expect(() => feed.resume()).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining(`${pair.message}:${bad}: direction "2"`) }));

    // Seeking past the bad line fails again, book and clock still at the last good event.
    await expect(feed.seek(SESSION_END)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(feed.status()).toMatchObject({ state: 'FAILED', marketTime: lastGood });
    expect(bookAsRow(feed.book, 10)).toBe(readLines(GOOG_PAIRS.excerpt.orderbook)[bad - 2]);

    // Seeking back clears the failure: PAUSED there, and Resume plays up to the bad line again.
    const back = lobsterNanos(field(messages[999]!, 0));
    await feed.seek(back);
    expect(feed.status()).toMatchObject({ state: 'PAUSED', failure: null, marketTime: back });
    applied.length = 0;
    feed.resume();
    expect(feed.status().state).toBe('PLAYING');
    await clock.advance(400, () => feed.settled());
    expect(applied.at(-1)).toBe(lastGood);
    expect(feed.status()).toMatchObject({ state: 'FAILED', marketTime: lastGood });
  });

  it('plays a day whose last line is cut up to the line before it, then shows the failure without a Resume', async () => {
    const pair = craftPair(tmp, { from: 'excerpt', messages: (lines) => [...lines.slice(0, -1), lines.at(-1)!.slice(0, 20)], noFinalNewline: true });
    const clock = new FakeClock();
    const feed = await open(pair.message, clock);
    let applied = 0;
    feed.onDidApply(() => applied++);
    const states: string[] = [];
    feed.onDidChangeStatus((s) => states.push(s.state));
    feed.start();
    await clock.advance(400, () => feed.settled());
    expect(applied).toBe(1999);
    expect(states.at(-1)).toBe('FAILED');
    expect(feed.status().failure).toMatchObject({ file: pair.message, line: 2000 });
    expect(feed.status().failure!.reason).toMatch(/fields/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
