import { describe, expect, it } from 'vitest';
import {
  barWidth,
  HEADER_HEIGHT,
  ladderColumns,
  ladderViewport,
  ROW_HEIGHT,
  rowAt,
  rowTop,
  SPREAD_HEIGHT,
} from '../../../src/renderer/src/features/book/ladder-geometry';
import { buildLadder, workingLadderOrders } from '../../../src/renderer/src/features/book/ladder-model';
import { paintLadder } from '../../../src/renderer/src/features/book/ladder-paint';
import { RECENT_TRADE_WINDOW_MS } from '../../../src/renderer/src/state';
import { installFloorMetrics, recordBookPaint, type FloorMetrics } from '../../../src/renderer/src/features/book/paint-metrics';
import { orderView } from './fixtures';

const book = {
  bids: [
    { price: 585_300_000, size: 200 },
    { price: 585_290_000, size: 500 },
  ],
  asks: [
    { price: 585_330_000, size: 100 },
    { price: 585_350_000, size: 1000 },
  ],
};

describe('ladder model', () => {
  it('orders rows from the highest ask down to the lowest bid and marks the touch', () => {
    const model = buildLadder(book, [], []);
    expect(model.rows.map((row) => row.price)).toEqual([585_350_000, 585_330_000, 585_300_000, 585_290_000]);
    expect(model.rows[1]!.isBestAsk).toBe(true);
    expect(model.rows[2]!.isBestBid).toBe(true);
    expect(model.splitIndex).toBe(2);
    expect(model.spread).toBe(30_000);
    expect(model.maxSize).toBe(1000);
  });

  it('marks our working orders with their remaining size, including prices inside the spread', () => {
    const orders = workingLadderOrders([
      orderView({ clientOrderId: 'A', limitPrice: 585_310_000, quantity: 300, filledQty: 100, status: 'PARTIALLY_FILLED' }),
      orderView({ clientOrderId: 'B', side: 'SELL', limitPrice: 585_350_000, status: 'ACCEPTED' }),
      orderView({ clientOrderId: 'C', limitPrice: 585_300_000, status: 'FILLED', filledQty: 100 }),
      orderView({ clientOrderId: 'D', orderType: 'MARKET', limitPrice: null, status: 'SUBMITTED' }),
    ]);
    expect(orders).toEqual([
      { side: 'BUY', price: 585_310_000, remaining: 200 },
      { side: 'SELL', price: 585_350_000, remaining: 100 },
    ]);
    const model = buildLadder(book, orders, []);
    const inside = model.rows.find((row) => row.price === 585_310_000)!;
    expect(inside).toMatchObject({ ourBuy: 200, bidSize: 0, askSize: 0 });
    expect(model.rows.find((row) => row.price === 585_350_000)!.ourSell).toBe(100);
    // The inside-spread row sits above the best bid, so the split moves down one row.
    expect(model.splitIndex).toBe(3);
  });

  it('sums recent trades per price and remembers the latest aggressor', () => {
    const model = buildLadder(book, [], [
      { price: 585_330_000, size: 100, aggressorSide: 'BUY', receivedAtMs: 1000 },
      { price: 585_330_000, size: 50, aggressorSide: 'SELL', receivedAtMs: 1200 },
    ]);
    expect(model.rows.find((row) => row.price === 585_330_000)).toMatchObject({ traded: 150, lastAggressor: 'SELL', lastTradeAtMs: 1200 });
  });

  it('copes with an empty and a one-sided book', () => {
    expect(buildLadder(null, [], [])).toMatchObject({ rows: [], spread: null, splitIndex: 0 });
    const asksOnly = buildLadder({ bids: [], asks: book.asks }, [], []);
    expect(asksOnly.spread).toBeNull();
    expect(asksOnly.splitIndex).toBe(2);
  });
});

describe('ladder geometry', () => {
  it('tiles the full width with the six columns', () => {
    const columns = ladderColumns(301);
    const spans = [columns.ourBuy, columns.bid, columns.price, columns.ask, columns.ourSell, columns.traded];
    expect(spans.reduce((sum, [, w]) => sum + w, 0)).toBe(301);
    for (let i = 1; i < spans.length; i += 1) expect(spans[i]![0]).toBe(spans[i - 1]![0] + spans[i - 1]![1]);
  });

  it('centres the spread when there are more rows than fit', () => {
    const height = HEADER_HEIGHT + SPREAD_HEIGHT + 10 * ROW_HEIGHT;
    const viewport = ladderViewport(100, 50, height);
    expect(viewport).toEqual({ start: 45, count: 10, padTop: 0, spreadY: HEADER_HEIGHT + 5 * ROW_HEIGHT });
  });

  it('never scrolls past the ends of the ladder', () => {
    const height = HEADER_HEIGHT + SPREAD_HEIGHT + 10 * ROW_HEIGHT;
    expect(ladderViewport(100, 2, height).start).toBe(0);
    expect(ladderViewport(100, 99, height).start).toBe(90);
  });

  it('keeps the spread in the middle of a ladder with fewer rows than fit', () => {
    const height = HEADER_HEIGHT + SPREAD_HEIGHT + 10 * ROW_HEIGHT;
    // 2 asks above the split, 2 bids below: 3 blank rows on top put the split at row 5 of 10.
    expect(ladderViewport(4, 2, height)).toEqual({ start: 0, count: 4, padTop: 3 * ROW_HEIGHT, spreadY: HEADER_HEIGHT + 5 * ROW_HEIGHT });
    // Many asks, one bid: every row still fits, so all are shown and none is hidden to centre the split.
    expect(ladderViewport(8, 7, height)).toMatchObject({ start: 0, count: 8, padTop: 0 });
  });

  it('maps a click back to the row drawn there, skipping the spread band', () => {
    const height = HEADER_HEIGHT + SPREAD_HEIGHT + 10 * ROW_HEIGHT;
    for (const [rows, split] of [[20, 10], [4, 1]] as const) {
      const viewport = ladderViewport(rows, split, height);
      for (let index = viewport.start; index < viewport.start + viewport.count; index += 1) {
        expect(rowAt(rowTop(index, viewport, split) + ROW_HEIGHT / 2, viewport, split)).toBe(index);
      }
      expect(rowAt(viewport.spreadY! + SPREAD_HEIGHT / 2, viewport, split)).toBeNull();
      expect(rowAt(HEADER_HEIGHT / 2, viewport, split)).toBeNull();
    }
  });

  it('draws size bars proportional to size, visible even when tiny', () => {
    expect(barWidth(500, 1000, 80)).toBe(40);
    expect(barWidth(1, 100_000, 80)).toBe(1);
    expect(barWidth(0, 1000, 80)).toBe(0);
    expect(barWidth(2000, 1000, 80)).toBe(80);
  });
});

describe('paint latency diagnostics hook', () => {
  it('installs window.__floorMetrics once and keeps the same object', () => {
    const target: { __floorMetrics?: FloorMetrics } = {};
    const metrics = installFloorMetrics(target);
    expect(target.__floorMetrics).toBe(metrics);
    expect(installFloorMetrics(target)).toBe(metrics);
  });

  it('is a bounded ring buffer that counts every painted book', () => {
    const metrics: FloorMetrics = { bookPaintLatencyMs: [], booksPainted: 0 };
    for (let i = 0; i < 5; i += 1) recordBookPaint(metrics, i, 3);
    expect(metrics.booksPainted).toBe(5);
    expect(metrics.bookPaintLatencyMs).toHaveLength(3);
    expect([...metrics.bookPaintLatencyMs].sort()).toEqual([2, 3, 4]);
  });
});

/** A stand-in 2D context that records each fillText with the font, colour and alpha it was drawn with. */
function recordingContext() {
  const texts: { text: string; font: string; fillStyle: string; alpha: number }[] = [];
  const state = { font: '', fillStyle: '', globalAlpha: 1, textAlign: 'start', textBaseline: 'alphabetic', strokeStyle: '', lineWidth: 1 };
  const noop = () => undefined;
  const ctx = {
    ...state,
    fillRect: noop,
    beginPath: noop,
    moveTo: noop,
    lineTo: noop,
    stroke: noop,
    fill: noop,
    roundRect: noop,
    fillText(text: string) {
      texts.push({ text, font: ctx.font, fillStyle: ctx.fillStyle, alpha: ctx.globalAlpha });
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts, final: ctx };
}

describe('ladder painting', () => {
  const busy = {
    bids: [
      { price: 585_300_000, size: 1_200 },
      { price: 585_290_000, size: 25_000 },
    ],
    asks: [{ price: 585_330_000, size: 100 }],
  };

  it('writes sizes with thousands separators and the touch prices in bold', () => {
    const { ctx, texts } = recordingContext();
    paintLadder(ctx, { model: buildLadder(busy, [], []), width: 400, height: 400, nowMs: 0 });
    const drawn = texts.map((t) => t.text);
    expect(drawn).toEqual(expect.arrayContaining(['1,200', '25,000', '100', '585.30', '585.29', '585.33']));
    const fontOf = (text: string) => texts.find((t) => t.text === text)!.font;
    expect(fontOf('585.30')).toMatch(/^600 /);
    expect(fontOf('585.33')).toMatch(/^600 /);
    expect(fontOf('585.29')).not.toMatch(/^600 /);
    expect(fontOf('25,000')).not.toMatch(/^600 /);
  });

  it('fades a recent trade mark with its age and leaves the alpha at 1 for whatever is drawn next', () => {
    const { ctx, texts, final } = recordingContext();
    const trades = [{ price: 585_330_000, size: 1_500, aggressorSide: 'BUY' as const, receivedAtMs: 1_000 }];
    paintLadder(ctx, { model: buildLadder(busy, [], trades), width: 400, height: 400, nowMs: 1_000 + RECENT_TRADE_WINDOW_MS / 2 });
    const mark = texts.find((t) => t.text === '1,500')!;
    // Half-way through the window: 1 - 0.75 * 0.5.
    expect(mark.alpha).toBeCloseTo(0.625, 6);
    expect(mark.fillStyle).toBe('rgb(63, 185, 80)');
    expect(texts.filter((t) => t.text !== '1,500').every((t) => t.alpha === 1)).toBe(true);
    expect(final.globalAlpha).toBe(1);
  });
});
