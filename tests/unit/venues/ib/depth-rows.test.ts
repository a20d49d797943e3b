import { describe, expect, it } from 'vitest';
import type { OrderSide } from '../../../../src/shared';
import { OrderBook } from '../../../../src/main/marketdata';
import { DEPTH_OPERATION as OP, DEPTH_SIDE as SIDE, DepthRows } from '../../../../src/main/venues/ib/depth-rows';

/** Rows plus the OrderBook they drive, as IbMarketFeed uses them. */
function setup(numRows = 5): { rows: DepthRows; book: OrderBook; apply: (position: number, operation: number, side: number, price: number, size: number) => boolean; changes: Array<[OrderSide, number, number]> } {
  const rows = new DepthRows(numRows);
  const book = new OrderBook('GOOG');
  const changes: Array<[OrderSide, number, number]> = [];
  const apply = (position: number, operation: number, side: number, price: number, size: number): boolean =>
    rows.apply(position, operation, side, price, size, (s, p, d) => {
      changes.push([s, p, d]);
      book.addSize(s, p, d);
    });
  return { rows, book, apply, changes };
}

const levels = (book: OrderBook, side: OrderSide): Array<[number, number]> => book.levels(side, 50).map((l) => [l.price, l.size]);

describe('DepthRows (IB depth row operations)', () => {
  it('inserts_at_a_position_shifting_the_rows_below_down', () => {
    const { apply, book, rows } = setup();
    apply(0, OP.INSERT, SIDE.BID, 100.01, 100);
    apply(1, OP.INSERT, SIDE.BID, 99.99, 300);
    apply(1, OP.INSERT, SIDE.BID, 100.0, 200);
    expect(rows.count('BUY')).toBe(3);
    expect(levels(book, 'BUY')).toEqual([
      [100_010_000, 100],
      [100_000_000, 200],
      [99_990_000, 300],
    ]);
    // UPDATE at position 2 is the row that was shifted there, not the one first inserted at 1.
    apply(2, OP.UPDATE, SIDE.BID, 99.99, 350);
    expect(book.sizeAt('BUY', 99_990_000)).toBe(350);
  });

  it('deletes_at_a_position_shifting_the_rows_below_up', () => {
    const { apply, book } = setup();
    apply(0, OP.INSERT, SIDE.ASK, 10.01, 1);
    apply(1, OP.INSERT, SIDE.ASK, 10.02, 2);
    apply(2, OP.INSERT, SIDE.ASK, 10.03, 3);
    apply(0, OP.DELETE, SIDE.ASK, 0, 0);
    apply(0, OP.UPDATE, SIDE.ASK, 10.02, 5);
    expect(levels(book, 'SELL')).toEqual([
      [10_020_000, 5],
      [10_030_000, 3],
    ]);
  });

  it('drops_the_row_pushed_below_numRows_by_an_insert', () => {
    const { apply, book, rows } = setup(2);
    apply(0, OP.INSERT, SIDE.ASK, 10.02, 2);
    apply(1, OP.INSERT, SIDE.ASK, 10.03, 3);
    apply(0, OP.INSERT, SIDE.ASK, 10.01, 1);
    expect(rows.count('SELL')).toBe(2);
    expect(levels(book, 'SELL')).toEqual([
      [10_010_000, 1],
      [10_020_000, 2],
    ]);
  });

  it('moves_size_between_prices_on_an_update_that_changes_the_price', () => {
    const { apply, book, changes } = setup();
    apply(0, OP.INSERT, SIDE.BID, 50.1, 10);
    apply(0, OP.UPDATE, SIDE.BID, 50.2, 7);
    expect(levels(book, 'BUY')).toEqual([[50_200_000, 7]]);
    expect(changes).toEqual([
      ['BUY', 50_100_000, 10],
      ['BUY', 50_100_000, -10],
      ['BUY', 50_200_000, 7],
    ]);
  });

  it('aggregates_rows_that_share_a_price_as_smart_depth_can_send', () => {
    const { apply, book } = setup();
    apply(0, OP.INSERT, SIDE.BID, 20, 100);
    apply(1, OP.INSERT, SIDE.BID, 20, 50);
    expect(book.sizeAt('BUY', 20_000_000)).toBe(150);
    apply(0, OP.DELETE, SIDE.BID, 0, 0);
    expect(book.sizeAt('BUY', 20_000_000)).toBe(50);
  });

  it('rounds_float_dollar_prices_to_the_micro_dollar', () => {
    const { apply, book } = setup();
    apply(0, OP.INSERT, SIDE.ASK, 580.93 + 1e-10, 100);
    expect(book.bestAsk()).toEqual({ price: 580_930_000, size: 100 });
  });

  it('refuses_rows_that_do_not_fit_changing_nothing', () => {
    const { apply, changes } = setup();
    expect(apply(0, OP.UPDATE, SIDE.BID, 1, 1)).toBe(false);
    expect(apply(1, OP.INSERT, SIDE.BID, 1, 1)).toBe(false);
    expect(apply(0, OP.DELETE, SIDE.ASK, 1, 1)).toBe(false);
    expect(apply(0, 7, SIDE.ASK, 1, 1)).toBe(false);
    expect(apply(0, OP.INSERT, 2, 1, 1)).toBe(false);
    expect(apply(0, OP.INSERT, SIDE.ASK, Number.NaN, 1)).toBe(false);
    expect(apply(0, OP.INSERT, SIDE.ASK, 1, -5)).toBe(false);
    expect(changes).toEqual([]);
  });

  it('forgets_every_row_on_clear', () => {
    const { apply, rows } = setup();
    apply(0, OP.INSERT, SIDE.ASK, 1, 1);
    apply(0, OP.INSERT, SIDE.BID, 0.5, 1);
    rows.clear();
    expect(rows.count('BUY') + rows.count('SELL')).toBe(0);
  });
});
