import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Instrument, OrderSide, ReplayStatus, SessionNanos, TradeTick, UnixMicros } from '../../../src/shared';
import { Emitter, US_EQUITY_TICK } from '../../../src/shared';
import { OrderBook } from '../../../src/main/marketdata/order-book';
import { tradePrint, type MarketEvent, type MarketEventKind } from '../../../src/main/marketdata/market-event';
import type { MarketFeed } from '../../../src/main/marketdata/market-feed';

/**
 * Test support for the paper venue: a minimal MarketFeed over the real OrderBook, driven step by step
 * with real LOBSTER rows (GOOG 2012-06-21 excerpt in ../shared/data) or hand-written events.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const EXCERPTS = path.resolve(repoRoot, '../shared/data/lobster/excerpts');
export const GOOG_MESSAGE_FILE = path.join(EXCERPTS, 'GOOG_2012-06-21_34200000_57600000_message_10_first2000.csv');
export const GOOG_ORDERBOOK_FILE = path.join(EXCERPTS, 'GOOG_2012-06-21_34200000_57600000_orderbook_10_first2000.csv');

export const GOOG: Instrument = { instrumentId: 'GOOG', venue: 'NASDAQ', tickSize: US_EQUITY_TICK, currency: 'USD' };
export const SESSION_START: SessionNanos = 34_200 * 1e9;
export const SESSION_END: SessionNanos = 57_600 * 1e9;
/** 2012-06-21 00:00 America/New_York (EDT, UTC-4) in Unix µs. */
const SESSION_MIDNIGHT_MICROS = Date.UTC(2012, 5, 21, 4, 0, 0) * 1000;

const KINDS: Record<string, MarketEventKind> = {
  '1': 'ADD',
  '2': 'PARTIAL_CANCEL',
  '3': 'DELETE',
  '4': 'EXECUTE_VISIBLE',
  '5': 'EXECUTE_HIDDEN',
  '6': 'CROSS',
};

/** "34200.015105074" -> nanoseconds after midnight, exactly. */
function parseTime(text: string): SessionNanos {
  const [sec, frac = ''] = text.split('.');
  return Number(sec) * 1e9 + Number(frac.padEnd(9, '0').slice(0, 9));
}

/** One LOBSTER message row (types 1..6) as a MarketEvent; prices dollars x 10,000 -> micro-dollars. */
export function parseMessageRow(line: string): MarketEvent {
  const [time, type, orderId, size, price, direction] = line.trim().split(',');
  const kind = KINDS[type!];
  if (!kind) throw new Error(`test helper handles LOBSTER types 1-6, got ${line}`);
  return {
    kind,
    time: parseTime(time!),
    orderId: Number(orderId),
    size: Number(size),
    price: Number(price) * 100,
    side: direction === '1' ? 'BUY' : 'SELL',
  };
}

const messageLines = readFileSync(GOOG_MESSAGE_FILE, 'utf8').trim().split('\n');
const bookLines = readFileSync(GOOG_ORDERBOOK_FILE, 'utf8').trim().split('\n');

/** Message row `n` of the GOOG excerpt, 1-based like `sed -n Np`. */
export function googMessage(n: number): MarketEvent {
  const line = messageLines[n - 1];
  if (line === undefined) throw new Error(`GOOG excerpt has ${messageLines.length} rows, asked for ${n}`);
  return parseMessageRow(line);
}

/** Time of message row `n` (the book row `n` is the state after it). */
export function googTime(n: number): SessionNanos {
  return googMessage(n).time;
}

/** Loads orderbook row `n` (1-based) of the GOOG excerpt into `book` (cleared first). */
export function loadGoogBookRow(book: OrderBook, n: number): void {
  const line = bookLines[n - 1];
  if (line === undefined) throw new Error(`GOOG excerpt has ${bookLines.length} book rows, asked for ${n}`);
  const cols = line.split(',').map(Number);
  book.clear();
  for (let level = 0; level < cols.length / 4; level++) {
    const [askPrice, askSize, bidPrice, bidSize] = cols.slice(level * 4, level * 4 + 4) as [number, number, number, number];
    if (askSize > 0 && askPrice !== 9999999999) book.setLevel('SELL', askPrice * 100, askSize);
    if (bidSize > 0 && bidPrice !== -9999999999) book.setLevel('BUY', bidPrice * 100, bidSize);
  }
}

/** A MarketFeed whose clock moves only when the test applies an event. */
export class TestFeed implements MarketFeed {
  readonly instrument = GOOG;
  readonly book = new OrderBook('GOOG');
  private readonly applyEmitter = new Emitter<MarketEvent>((e) => {
    throw e;
  });
  private readonly tradeEmitter = new Emitter<TradeTick>((e) => {
    throw e;
  });
  private readonly resetEmitter = new Emitter<void>((e) => {
    throw e;
  });
  private readonly statusEmitter = new Emitter<ReplayStatus>((e) => {
    throw e;
  });
  readonly onDidApply = this.applyEmitter.event;
  readonly onDidTrade = this.tradeEmitter.event;
  readonly onDidReset = this.resetEmitter.event;
  readonly onDidChangeStatus = this.statusEmitter.event;
  private current: ReplayStatus = {
    source: { kind: 'LOBSTER', file: GOOG_MESSAGE_FILE, sessionDate: '2012-06-21' },
    instrumentId: 'GOOG',
    paused: true,
    speed: 1,
    marketTime: SESSION_START,
    sessionStart: SESSION_START,
    sessionEnd: SESSION_END,
    finished: false,
    state: 'PAUSED',
    failure: null,
    marketHalt: null,
  };

  /** Starts with the book as it stood after GOOG message row `row` (0 = empty book at 09:30). */
  constructor(row = 0) {
    if (row > 0) {
      loadGoogBookRow(this.book, row);
      this.current = { ...this.current, marketTime: googTime(row) };
    }
  }

  status(): ReplayStatus {
    return this.current;
  }

  toUnixMicros(time: SessionNanos): UnixMicros {
    return SESSION_MIDNIGHT_MICROS + Math.floor(time / 1000);
  }

  /** Applies `event` to the book, then announces it (and a trade print for executions). */
  apply(event: MarketEvent): void {
    this.book.apply(event);
    this.current = { ...this.current, marketTime: event.time };
    this.applyEmitter.fire(event);
    if (event.kind === 'EXECUTE_VISIBLE' || event.kind === 'EXECUTE_HIDDEN') this.tradeEmitter.fire(tradePrint('GOOG', event, this.toUnixMicros(event.time)));
  }

  /**
   * Moves the quote to `price` as a real market gets there, before a print at that price: every bid
   * level at or above it is deleted and every ask level at or below it, and a 100-share bid and ask
   * join one cent either side where the side was emptied down to it (events at `time`, orderId 999000000).
   */
  quoteAround(price: number, time: SessionNanos): void {
    for (const [side, through, join] of [
      ['BUY', (p: number) => p >= price, price - 10_000],
      ['SELL', (p: number) => p <= price, price + 10_000],
    ] as const) {
      const levels = this.book.levels(side, 10_000).filter((level) => through(level.price));
      for (const level of levels) this.apply(event('DELETE', side, level.price, level.size, time));
      if (levels.length > 0) this.apply(event('ADD', side, join, 100, time));
    }
  }

  /** Applies GOOG message rows `from`..`to` inclusive. */
  applyGoogRows(from: number, to: number): void {
    for (let n = from; n <= to; n++) this.apply(googMessage(n));
  }

  /** Rebuilds the book at GOOG row `row` and fires onDidReset, as a seek does. */
  resetToGoogRow(row: number): void {
    loadGoogBookRow(this.book, row);
    this.current = { ...this.current, marketTime: googTime(row) };
    this.resetEmitter.fire();
  }

  /** Marks the replay finished (last message consumed) and announces the status. */
  finish(): void {
    this.current = { ...this.current, finished: true, paused: true, state: 'ENDED' };
    this.statusEmitter.fire(this.current);
  }

  start(): void {
    this.current = { ...this.current, paused: false, state: 'PLAYING' };
    this.statusEmitter.fire(this.current);
  }
  pause(): void {
    this.current = { ...this.current, paused: true, state: 'PAUSED' };
    this.statusEmitter.fire(this.current);
  }
  resume(): void {
    this.start();
  }
  setSpeed(speed: number): void {
    this.current = { ...this.current, speed };
    this.statusEmitter.fire(this.current);
  }
  /** Moves the clock to `time` without rebuilding the book, then fires onDidReset. */
  async seek(time: SessionNanos): Promise<void> {
    this.current = { ...this.current, marketTime: time, finished: false };
    this.resetEmitter.fire();
  }
  dispose(): void {
    this.applyEmitter.dispose();
    this.tradeEmitter.dispose();
    this.resetEmitter.dispose();
    this.statusEmitter.dispose();
  }
}

/** A hand-written market event (orderId 999000000) at session time `time`. */
export function event(kind: MarketEventKind, side: OrderSide, price: number, size: number, time: SessionNanos): MarketEvent {
  return { kind, side, price, size, time, orderId: 999_000_000 };
}
