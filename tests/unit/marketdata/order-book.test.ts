import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OrderBook, OrderBookError } from '../../../src/main/marketdata';
import type { MarketEvent, MarketEventKind } from '../../../src/main/marketdata';
import type { OrderSide } from '../../../src/shared';

const $ = (dollars: number): number => Math.round(dollars * 100) * 10_000;

function ev(kind: MarketEventKind, side: OrderSide, price: number, size: number): MarketEvent {
  return { kind, side, price, size, time: 34_200_000_000_000, orderId: 1 };
}

describe('OrderBook', () => {
  it('an empty book has no best quotes, no mid and empty levels', () => {
    const book = new OrderBook('GOOG');
    expect(book.bestBid()).toBeUndefined();
    expect(book.bestAsk()).toBeUndefined();
    expect(book.mid()).toBeNull();
    expect(book.levels('BUY', 10)).toEqual([]);
    expect(book.sizeAt('SELL', $(585.33))).toBe(0);
  });

  it('aggregates adds by price and orders bids high-to-low and asks low-to-high', () => {
    const book = new OrderBook('GOOG');
    book.apply(ev('ADD', 'BUY', $(585.1), 100));
    book.apply(ev('ADD', 'BUY', $(585.3), 200));
    book.apply(ev('ADD', 'BUY', $(585.1), 50));
    book.apply(ev('ADD', 'SELL', $(585.5), 10));
    book.apply(ev('ADD', 'SELL', $(585.4), 20));
    expect(book.levels('BUY', 10)).toEqual([
      { price: $(585.3), size: 200 },
      { price: $(585.1), size: 150 },
    ]);
    expect(book.levels('SELL', 1)).toEqual([{ price: $(585.4), size: 20 }]);
    expect(book.bestBid()).toEqual({ price: $(585.3), size: 200 });
    expect(book.bestAsk()).toEqual({ price: $(585.4), size: 20 });
    expect(book.mid()).toBe($(585.35));
  });

  it('mid rounds down to the micro-dollar', () => {
    const book = new OrderBook('X');
    book.setLevel('BUY', 1_000_001, 1);
    book.setLevel('SELL', 1_000_004, 1);
    expect(book.mid()).toBe(1_000_002);
  });

  it('partial cancel, delete and visible execution take size away and remove an emptied level', () => {
    const book = new OrderBook('GOOG');
    book.apply(ev('ADD', 'SELL', $(580), 300));
    book.apply(ev('PARTIAL_CANCEL', 'SELL', $(580), 100));
    expect(book.sizeAt('SELL', $(580))).toBe(200);
    book.apply(ev('EXECUTE_VISIBLE', 'SELL', $(580), 150));
    expect(book.sizeAt('SELL', $(580))).toBe(50);
    book.apply(ev('DELETE', 'SELL', $(580), 50));
    expect(book.sizeAt('SELL', $(580))).toBe(0);
    expect(book.bestAsk()).toBeUndefined();
    expect(book.depth('SELL')).toBe(0);
  });

  it('hidden executions, crosses and halts leave the visible book unchanged', () => {
    const book = new OrderBook('GOOG');
    book.apply(ev('ADD', 'BUY', $(579), 100));
    book.apply(ev('EXECUTE_HIDDEN', 'BUY', $(579), 500));
    book.apply(ev('CROSS', 'BUY', $(579), 500));
    book.apply({ ...ev('HALT', 'SELL', -100, 0), haltPhase: 'HALTED' });
    expect(book.levels('BUY', 5)).toEqual([{ price: $(579), size: 100 }]);
  });

  it('rejects a cancel larger than the resting size, naming the price and the side', () => {
    const book = new OrderBook('GOOG');
    book.apply(ev('ADD', 'BUY', $(585.33), 100));
    expect(() => book.apply(ev('DELETE', 'BUY', $(585.33), 200))).toThrow(OrderBookError);
    expect(() => book.apply(ev('DELETE', 'BUY', $(585.33), 200))).toThrow(/bid \$585\.330000 \(585330000 micro-dollars\).*negative/);
    expect(() => book.apply(ev('EXECUTE_VISIBLE', 'SELL', $(586), 1))).toThrow(/ask \$586\.000000/);
    // The failed updates did not change anything.
    expect(book.sizeAt('BUY', $(585.33))).toBe(100);
    expect(book.depth('SELL')).toBe(0);
  });

  it('rejects non-integer prices and sizes and unknown sides', () => {
    const book = new OrderBook('GOOG');
    expect(() => book.apply(ev('ADD', 'BUY', 1.5, 1))).toThrow(/whole number of micro-dollars/);
    expect(() => book.apply(ev('ADD', 'BUY', $(1), 0.5))).toThrow(/positive whole size/);
    expect(() => book.setLevel('BUY', $(1), -1)).toThrow(/non-negative/);
    expect(() => book.addSize('HOLD' as OrderSide, $(1), 1)).toThrow(/BUY \(bid\) or SELL \(ask\)/);
    expect(() => book.levels('BUY', -1)).toThrow(/depth/);
  });

  it('addSize and setLevel edit one level; clear empties both sides', () => {
    const book = new OrderBook('GOOG');
    expect(book.addSize('BUY', $(10), 5)).toBe(5);
    expect(book.addSize('BUY', $(10), -2)).toBe(3);
    book.setLevel('SELL', $(11), 7);
    book.setLevel('SELL', $(11), 9);
    expect(book.sizeAt('SELL', $(11))).toBe(9);
    book.setLevel('SELL', $(11), 0);
    expect(book.depth('SELL')).toBe(0);
    book.clear();
    expect(book.depth('BUY')).toBe(0);
    expect(book.bestBid()).toBeUndefined();
  });

  it('snapshot carries the instrument, the stamp and top-N of both sides', () => {
    const book = new OrderBook('GOOG');
    for (let i = 1; i <= 20; i++) {
      book.setLevel('BUY', $(100 - i / 100), i);
      book.setLevel('SELL', $(100 + i / 100), i);
    }
    const snap = book.snapshot(3, 1_340_285_400_000_000);
    expect(snap.instrumentId).toBe('GOOG');
    expect(snap.tsEvent).toBe(1_340_285_400_000_000);
    expect(snap.bids.map((l) => l.price)).toEqual([$(99.99), $(99.98), $(99.97)]);
    expect(snap.asks.map((l) => l.size)).toEqual([1, 2, 3]);
  });

  it('matches a naive price map under random add/remove sequences (thousands of levels)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 500 }), fc.boolean()), { minLength: 200, maxLength: 3000 }),
        (ops) => {
          const book = new OrderBook('T');
          const model = { BUY: new Map<number, number>(), SELL: new Map<number, number>() };
          for (const [buy, tick, size, remove] of ops) {
            const side: OrderSide = buy ? 'BUY' : 'SELL';
            const price = tick * 10_000;
            const have = model[side].get(price) ?? 0;
            if (remove && have > 0) {
              const take = Math.min(have, size);
              book.apply(ev('DELETE', side, price, take));
              if (have - take === 0) model[side].delete(price);
              else model[side].set(price, have - take);
            } else {
              book.apply(ev('ADD', side, price, size));
              model[side].set(price, have + size);
            }
          }
          for (const side of ['BUY', 'SELL'] as const) {
            const expected = [...model[side].entries()]
              .sort((a, b) => (side === 'BUY' ? b[0] - a[0] : a[0] - b[0]))
              .map(([price, size]) => ({ price, size }));
            expect(book.levels(side, 100_000)).toEqual(expected);
            expect(book.depth(side)).toBe(expected.length);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('PriceTree', () => {
  it('keeps every level when the node pool has to grow many times', async () => {
    const { PriceTree } = await import('../../../src/main/marketdata/price-tree');
    const tree = new PriceTree(1);
    const model = new Map<number, number>();
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20_000; i++) {
      const key = Math.floor(rnd() * 500);
      const have = model.get(key) ?? 0;
      if (rnd() < 0.45 && have > 0) {
        tree.add(key, -have);
        model.delete(key);
      } else {
        tree.add(key, 3);
        model.set(key, have + 3);
      }
    }
    expect(tree.size).toBe(model.size);
    for (const [key, value] of model) expect(tree.get(key)).toBe(value);
    const keys = new Float64Array(model.size);
    const vals = new Float64Array(model.size);
    tree.copyOrdered(false, model.size, keys, vals);
    expect(Array.from(keys)).toEqual([...model.keys()].sort((a, b) => a - b));
  });
});
