import { afterEach, describe, expect, it } from 'vitest';
import { CstModel, CST_2010_PARAMETERS, OrderBook, Prng, SyntheticFeed } from '../../../src/main/marketdata';
import type { MarketEvent } from '../../../src/main/marketdata';
import { FakeClock } from './fake-clock';

const SEC = 1_000_000_000;
const OPEN = 34_200 * SEC;

const feeds: SyntheticFeed[] = [];
afterEach(() => {
  for (const feed of feeds.splice(0)) feed.dispose();
});

function run(seed: number, count: number): MarketEvent[] {
  const model = new CstModel(seed, OPEN, 100_000_000, 10_000);
  return Array.from({ length: count }, () => model.next());
}

describe('Prng', () => {
  it('is reproducible from its seed and different across seeds', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
    for (let i = 0; i < 1000; i++) {
      const u = a.nextUnit();
      expect(u > 0 && u <= 1).toBe(true);
    }
  });
});

describe('Cont-Stoikov-Talreja model', () => {
  it('uses the paper\'s estimated parameters', () => {
    expect(CST_2010_PARAMETERS).toMatchObject({ k: 1.92, alpha: 0.52, mu: 0.94 });
    expect(CST_2010_PARAMETERS.theta.slice(0, 5)).toEqual([0.71, 0.81, 0.68, 0.56, 0.47]);
  });

  it('produces the same events for the same seed and different ones for another seed', () => {
    expect(run(7, 2000)).toEqual(run(7, 2000));
    expect(run(8, 50)).not.toEqual(run(7, 50));
  });

  it('never crosses or locks the book, and every event applies cleanly', () => {
    const model = new CstModel(3, OPEN, 100_000_000, 10_000);
    const book = new OrderBook('SIM');
    model.forEachLevel((side, price, size) => book.setLevel(side, price, size));
    for (let i = 0; i < 50_000; i++) {
      const event = model.next();
      book.apply(event);
      if (event.price % 10_000 !== 0 || event.price <= 0) throw new Error(`event ${i} is off the one-cent grid: ${event.price}`);
      const bid = book.bestBidPrice();
      const ask = book.bestAskPrice();
      if (!Number.isNaN(bid) && !Number.isNaN(ask) && bid >= ask) throw new Error(`crossed at event ${i}: bid ${bid} >= ask ${ask}`);
    }
  });

  it('has a plausible event mix: limit orders most frequent, executions at the best quote', () => {
    const model = new CstModel(11, OPEN, 100_000_000, 10_000);
    const book = new OrderBook('SIM');
    model.forEachLevel((side, price, size) => book.setLevel(side, price, size));
    const counts = { ADD: 0, DELETE: 0, EXECUTE_VISIBLE: 0 } as Record<string, number>;
    let start = 0;
    let end = 0;
    for (let i = 0; i < 20_000; i++) {
      const bestBid = book.bestBidPrice();
      const bestAsk = book.bestAskPrice();
      const event = model.next();
      if (i === 0) start = event.time;
      end = event.time;
      counts[event.kind] = (counts[event.kind] ?? 0) + 1;
      if (event.kind === 'EXECUTE_VISIBLE') expect(event.price).toBe(event.side === 'BUY' ? bestBid : bestAsk);
      expect(event.size).toBe(100);
      book.apply(event);
    }
    const total = 20_000;
    // Rates per the paper: limit orders 2 x sum(lambda) ~ 2 x 10.9/s, markets 2 x 0.94/s, cancels the rest.
    expect(counts.ADD! / total).toBeGreaterThan(0.4);
    expect(counts.EXECUTE_VISIBLE! / total).toBeGreaterThan(0.02);
    expect(counts.EXECUTE_VISIBLE! / total).toBeLessThan(0.2);
    expect(counts.DELETE! / total).toBeGreaterThan(0.2);
    const perSecond = total / ((end - start) / SEC);
    expect(perSecond).toBeGreaterThan(20);
    expect(perSecond).toBeLessThan(80);
    // The price wanders but stays near $100 over a few minutes.
    expect(Math.abs(book.mid()! - 100_000_000)).toBeLessThan(5_000_000);
  });
});

describe('SyntheticFeed', () => {
  function open(seed = 1, speed = 1): { feed: SyntheticFeed; clock: FakeClock; applied: MarketEvent[] } {
    const clock = new FakeClock();
    const feed = new SyntheticFeed({ seed, speed, clock, sessionDate: '2024-06-21' });
    feeds.push(feed);
    const applied: MarketEvent[] = [];
    feed.onDidApply((e) => applied.push(e));
    return { feed, clock, applied };
  }

  it('starts as SIM at $100.00 with a one-cent tick in a 09:30-16:00 session', () => {
    const { feed } = open();
    expect(feed.instrument).toEqual({ instrumentId: 'SIM', venue: 'SIM', tickSize: 10_000, currency: 'USD' });
    expect(feed.book.mid()).toBe(100_000_000);
    expect(feed.status()).toMatchObject({ sessionStart: OPEN, sessionEnd: 57_600 * SEC, marketTime: OPEN, source: { kind: 'SYNTHETIC', model: 'Cont-Stoikov-Talreja 2010', seed: 1 } });
    expect(feed.toUnixMicros(OPEN)).toBe(Date.UTC(2024, 5, 21, 13, 30) * 1000);
  });

  it('defaults its session date to today in New York', () => {
    const feed = new SyntheticFeed({ clock: new FakeClock() });
    feeds.push(feed);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    expect(feed.status().marketTime).toBe(OPEN);
    expect(new Date(feed.toUnixMicros(OPEN) / 1000).toLocaleDateString('en-CA', { timeZone: 'America/New_York' })).toBe(today);
  });

  it('delivers the same events regardless of speed and pauses (deterministic from the seed)', async () => {
    const a = open(5, 1);
    a.feed.start();
    await a.clock.advance(60_000, () => a.feed.settled());
    const b = open(5, 10);
    b.feed.start();
    await b.clock.advance(2_000, () => b.feed.settled());
    b.feed.pause();
    await b.clock.advance(10_000, () => b.feed.settled());
    b.feed.resume();
    await b.clock.advance(4_000, () => b.feed.settled());
    expect(a.applied.length).toBeGreaterThan(100);
    expect(b.applied).toEqual(a.applied);
    expect(b.feed.book.snapshot(10, 0)).toEqual(a.feed.book.snapshot(10, 0));
  });

  it('seeks forward by simulating and backward by replaying the same path from 09:30', async () => {
    const { feed } = open(9);
    await feed.seek(OPEN + 600 * SEC);
    const at600 = feed.book.snapshot(10, 0);
    await feed.seek(OPEN + 1200 * SEC);
    await feed.seek(OPEN + 600 * SEC);
    expect(feed.book.snapshot(10, 0)).toEqual(at600);
    expect(feed.status().marketTime).toBe(OPEN + 600 * SEC);
  });

  it('finishes at 16:00', async () => {
    const { feed, clock } = open(2, 1000);
    await feed.seek(57_590 * SEC);
    feed.start();
    await clock.advance(50, () => feed.settled());
    expect(feed.status()).toMatchObject({ finished: true, marketTime: 57_600 * SEC });
  });
});

describe('openMarketFeed', () => {
  it('opens the synthetic market without a replay file and a LOBSTER replay with one', async () => {
    const { openMarketFeed } = await import('../../../src/main/marketdata');
    const path = await import('node:path');
    const synthetic = await openMarketFeed({ seed: 4, clock: new FakeClock() });
    expect(synthetic.instrument.instrumentId).toBe('SIM');
    synthetic.dispose();
    const messageFile = path.resolve(__dirname, '../../../../shared/data/lobster/excerpts/GOOG_2012-06-21_34200000_57600000_message_10_first2000.csv');
    const replay = await openMarketFeed({ replay: messageFile, speed: 2, clock: new FakeClock() });
    expect(replay.instrument.instrumentId).toBe('GOOG');
    expect(replay.status().speed).toBe(2);
    replay.dispose();
    await expect(openMarketFeed({ replay: '/nowhere/today.csv' })).rejects.toThrow(/today\.csv" does not follow LOBSTER's naming scheme/);
  });
});
