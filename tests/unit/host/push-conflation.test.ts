import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { PushConflator, type PushSink } from '../../../src/main/host/push-conflation';
import type { HostFrame, PushPayload } from '../../../src/shared/rpc';
import { collectFrames, makeRendererBuild, startSignedIn, testHandlers } from './helpers';
import { orderFixture } from '../../support/order-fixtures';

type Order = PushPayload<'orders'>[number];
type TradeTick = PushPayload<'trades'>[number];
type Fill = PushPayload<'fills'>[number];

function book(bidSize: number): PushPayload<'book'> {
  return { instrumentId: 'GOOG', tsEvent: bidSize, bids: [{ price: 585_330_000, size: bidSize }], asks: [{ price: 585_340_000, size: 100 }], stampedAt: bidSize };
}
function status(marketTime: number): PushPayload<'status'> {
  return {
    mode: 'PAPER',
    liveAccount: null,
    modeNotice: null, otherModeOrders: 0,
    connection: 'CONNECTED',
    tradingState: 'ACTIVE',
    venue: 'PAPER',
    gateway: null,
    keyStore: 'KEYCHAIN',
    badTicks: { bandBps: 500, excluded: 0, last: null },
    replay: {
      source: { kind: 'SYNTHETIC', model: 'Cont-Stoikov-Talreja 2010', seed: 1 },
      instrumentId: 'GOOG',
      paused: false,
      speed: 1,
      marketTime,
      sessionStart: 0,
      sessionEnd: 1000,
      finished: false,
      state: 'PLAYING',
      failure: null,
      marketHalt: null,
    },
  };
}
function trade(n: number): TradeTick {
  return { instrumentId: 'GOOG', tsEvent: n, price: 585_330_000, size: n, aggressorSide: 'BUY', hidden: false };
}
function order(clientOrderId: string, filledQty: number): Order {
  return orderFixture({
    clientOrderId,
    status: filledQty === 100 ? 'FILLED' : 'PARTIALLY_FILLED',
    filledQty,
    avgFillPrice: 585_330_000,
    createdAt: 1,
    updatedAt: filledQty,
  });
}

function fill(tradeId: string): Fill {
  return { tradeId, clientOrderId: 'A', instrumentId: 'GOOG', side: 'BUY', quantity: 100, price: 585_330_000, commission: 350_000, liquiditySide: 'TAKER', tsEvent: 1 };
}

class FakeSink implements PushSink {
  bufferedAmount = 0;
  readonly frames: HostFrame[] = [];
  send(text: string): void {
    this.frames.push(JSON.parse(text) as HostFrame);
  }
  dataOf(topic: string): unknown[] {
    return this.frames.filter((f) => f.kind === 'push' && f.topic === topic).map((f) => (f as { data: unknown }).data);
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('push conflation', () => {
  it('merges a burst into one message per topic: latest book, all trades in order, latest state per order', () => {
    vi.useFakeTimers();
    const sink = new FakeSink();
    const conflator = new PushConflator(sink, { now: () => Date.now() });
    for (let i = 1; i <= 100; i++) {
      conflator.offer('book', book(i));
      conflator.offer('trades', [trade(i)]);
      conflator.offer('orders', [order(i % 2 === 0 ? 'A' : 'B', i)]);
    }
    expect(sink.frames).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sink.frames).toHaveLength(3);
    // The newest book, stamped with the arrival of the oldest update it stands for.
    expect(sink.dataOf('book')).toEqual([{ ...book(100), stampedAt: 1 }]);
    expect(sink.dataOf('trades')).toEqual([Array.from({ length: 100 }, (_, i) => trade(i + 1))]);
    expect(sink.dataOf('orders')).toEqual([[order('B', 99), order('A', 100)]]);
  });

  it('sends at most one message per topic per 16 ms frame', () => {
    vi.useFakeTimers();
    const sink = new FakeSink();
    const conflator = new PushConflator(sink, { now: () => Date.now() });
    conflator.offer('book', book(1));
    vi.advanceTimersByTime(1);
    expect(sink.dataOf('book')).toEqual([book(1)]);
    conflator.offer('book', book(2));
    vi.advanceTimersByTime(10);
    expect(sink.dataOf('book')).toEqual([book(1)]);
    conflator.offer('book', book(3));
    vi.advanceTimersByTime(6);
    expect(sink.dataOf('book')).toEqual([book(1), { ...book(3), stampedAt: 2 }]);
  });

  it('never lets a busy topic delay another: a book right after a status goes out at once', () => {
    vi.useFakeTimers();
    const sink = new FakeSink();
    const conflator = new PushConflator(sink, { now: () => Date.now() });
    conflator.offer('status', status(1));
    vi.advanceTimersByTime(1);
    expect(sink.dataOf('status')).toHaveLength(1);
    conflator.offer('status', status(2));
    conflator.offer('book', book(1));
    vi.advanceTimersByTime(1);
    expect(sink.dataOf('book')).toEqual([book(1)]);
    expect(sink.dataOf('status')).toHaveLength(1);
    vi.advanceTimersByTime(15);
    expect(sink.dataOf('status')).toEqual([status(1), status(2)]);
  });

  it('keeps the oldest arrival stamp when newer books replace older ones, so latency is never understated', () => {
    vi.useFakeTimers();
    const sink = new FakeSink();
    const conflator = new PushConflator(sink, { now: () => Date.now() });
    conflator.offer('book', book(5));
    vi.advanceTimersByTime(1);
    conflator.offer('book', { ...book(7), stampedAt: 30 });
    conflator.offer('book', { ...book(8), stampedAt: 20 });
    conflator.offer('book', { ...book(9), stampedAt: 40 });
    vi.advanceTimersByTime(16);
    expect(sink.dataOf('book')).toEqual([book(5), { ...book(9), stampedAt: 20 }]);
  });

  it('holds a slow client at bounded memory and sends it the latest state once its socket drains', () => {
    vi.useFakeTimers();
    const sink = new FakeSink();
    const conflator = new PushConflator(sink, { now: () => Date.now(), highWaterBytes: 1000, maxPendingItems: 50 });
    sink.bufferedAmount = 5000;
    for (let i = 1; i <= 200; i++) {
      conflator.offer('book', book(i));
      conflator.offer('trades', [trade(i)]);
      vi.advanceTimersByTime(16);
    }
    expect(sink.frames).toEqual([]);
    sink.bufferedAmount = 0;
    vi.advanceTimersByTime(16);
    expect(sink.dataOf('book')).toEqual([{ ...book(200), stampedAt: 1 }]);
    expect(sink.dataOf('trades')).toEqual([Array.from({ length: 50 }, (_, i) => trade(151 + i))]);
  });

  it('sends no message for an empty batch of fills or orders, while the book beside them and a later fill go out', () => {
    vi.useFakeTimers();
    const sink = new FakeSink();
    const conflator = new PushConflator(sink);
    conflator.offer('fills', []);
    conflator.offer('orders', []);
    conflator.offer('book', book(1));
    vi.advanceTimersByTime(100);
    expect(sink.frames.map((f) => f.kind === 'push' && f.topic)).toEqual(['book']);
    conflator.offer('fills', [fill('T-1')]);
    vi.advanceTimersByTime(1);
    expect(sink.dataOf('fills')).toEqual([[fill('T-1')]]);
  });

  it('sends nothing after dispose, though it sent before', () => {
    vi.useFakeTimers();
    const sink = new FakeSink();
    const conflator = new PushConflator(sink);
    conflator.offer('book', book(1));
    vi.advanceTimersByTime(1);
    expect(sink.dataOf('book')).toEqual([book(1)]);
    conflator.offer('book', book(2));
    conflator.dispose();
    conflator.offer('book', book(3));
    vi.advanceTimersByTime(100);
    expect(sink.dataOf('book')).toEqual([book(1)]);
  });
});

describe('host push', () => {
  const build = makeRendererBuild();
  afterAll(() => build.cleanup());

  it('delivers 100 publishes in one frame to each client as one message per topic', async () => {
    const { host, ws } = await startSignedIn(testHandlers(), build.staticDir);
    try {
      const log = collectFrames(ws);
      const pushes = (topic: string): unknown[] => log.frames.filter((f) => f.kind === 'push' && f.topic === topic).map((f) => (f as { data: unknown }).data);
      for (let i = 1; i <= 100; i++) {
        host.publish('book', book(i));
        host.publish('fills', []);
        host.publish('status', status(i));
        host.publish('trades', [trade(i)]);
      }
      await log.until(() => ['book', 'status', 'trades'].every((t) => pushes(t).length === 1), 'the burst: one book, status and trades message');
      // One more publish per topic. Each is merged with whatever the burst might have left pending on
      // its topic, or sent after it, so once these four are in, every message of the burst is too.
      host.publish('book', book(101));
      host.publish('status', status(101));
      host.publish('trades', [trade(101)]);
      host.publish('fills', [fill('T-1')]);
      await log.until(() => pushes('fills').length === 1 && ['book', 'status', 'trades'].every((t) => pushes(t).length === 2), 'one more message per topic');
      expect(pushes('book')).toEqual([{ ...book(100), stampedAt: 1 }, book(101)]);
      expect(pushes('status')).toEqual([status(100), status(101)]);
      expect(pushes('trades')).toEqual([Array.from({ length: 100 }, (_, i) => trade(i + 1)), [trade(101)]]);
      expect(pushes('fills'), 'no message for the 100 empty batches of fills').toEqual([[fill('T-1')]]);
      expect(log.frames.filter((f) => f.kind !== 'push')).toEqual([]);
    } finally {
      await host.close();
    }
  });
});
