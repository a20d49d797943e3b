import type { OrderSide, PriceMicros, SessionNanos } from '../../../shared';
import type { BookView, MarketEvent } from '../../marketdata';

/** IB's updateMktDepth(L2) operations. */
export const DEPTH_OPERATION = { INSERT: 0, UPDATE: 1, DELETE: 2 } as const;
/** IB's depth sides: 0 = ask (resting sells), 1 = bid (resting buys). */
export const DEPTH_SIDE = { ASK: 0, BID: 1 } as const;

/** Receives one change of the aggregated book: `delta` shares (non-zero) at `price` on `side`. */
export type LevelChange = (side: OrderSide, price: PriceMicros, delta: number) => void;

interface Row {
  price: PriceMicros;
  size: number;
}

/**
 * The rows of one reqMktDepth subscription, per side, as IB numbers them (position 0 = best), with
 * IB's documented meaning of the operations: INSERT puts a row at `position` and shifts the rows
 * below it down, UPDATE replaces the row at `position`, DELETE removes it and shifts the rows below
 * up. A row pushed below `numRows` by an insert is dropped: the gateway maintains only `numRows`
 * rows and sends nothing more about it.
 *
 * Every row change is reported as changes of the aggregated L2 book (sum of the rows' sizes per
 * price; with SMART depth two rows can share a price), so an OrderBook fed with them shows exactly
 * what the rows say.
 */
export class DepthRows {
  private readonly rows: Record<OrderSide, Row[]> = { BUY: [], SELL: [] };

  /** @param numRows rows per side the subscription asked for. */
  constructor(readonly numRows: number) {}

  /** Rows held on `side` now. */
  count(side: OrderSide): number {
    return this.rows[side].length;
  }

  /**
   * Applies one updateMktDepthL2 row.
   * @param ibSide 0 ask, 1 bid.
   * @param price IB's price in dollars (float): rounded to the micro-dollar.
   * @param size shares (IB's decimal, rounded to whole shares).
   * @returns false, changing nothing, for a row that cannot apply (unknown side or operation, a
   *   position beyond the rows held, a non-finite or negative price or size): the caller logs it.
   */
  apply(position: number, operation: number, ibSide: number, price: number, size: number, change: LevelChange): boolean {
    const side: OrderSide | undefined = ibSide === DEPTH_SIDE.BID ? 'BUY' : ibSide === DEPTH_SIDE.ASK ? 'SELL' : undefined;
    if (side === undefined || !Number.isInteger(position) || position < 0) return false;
    const rows = this.rows[side];
    if (operation === DEPTH_OPERATION.DELETE) {
      const gone = rows[position];
      if (gone === undefined) return false;
      rows.splice(position, 1);
      if (gone.size > 0) change(side, gone.price, -gone.size);
      return true;
    }
    const row = toRow(price, size);
    if (row === undefined) return false;
    if (operation === DEPTH_OPERATION.INSERT) {
      if (position > rows.length) return false;
      rows.splice(position, 0, row);
      if (row.size > 0) change(side, row.price, row.size);
      if (rows.length > this.numRows) {
        const dropped = rows.pop()!;
        if (dropped.size > 0) change(side, dropped.price, -dropped.size);
      }
      return true;
    }
    if (operation !== DEPTH_OPERATION.UPDATE) return false;
    const old = rows[position];
    if (old === undefined) return false;
    rows[position] = row;
    if (old.price === row.price) {
      if (row.size !== old.size) change(side, row.price, row.size - old.size);
    } else {
      if (old.size > 0) change(side, old.price, -old.size);
      if (row.size > 0) change(side, row.price, row.size);
    }
    return true;
  }

  /** Forgets every row (a 317 reset, a new subscription). The caller empties its book. */
  clear(): void {
    this.rows.BUY = [];
    this.rows.SELL = [];
  }
}

function toRow(price: number, size: number): Row | undefined {
  if (!Number.isFinite(price) || price < 0 || !Number.isFinite(size) || size < 0) return undefined;
  return { price: Math.round(price * 1e6), size: Math.round(size) };
}

/**
 * One change of the aggregated book (`delta` shares, non-zero, at `price` on `side`, as DepthRows
 * reports it) as the market-by-order event that applies it to `book` (orderId 0): ADD for more
 * shares, DELETE when the level goes, PARTIAL_CANCEL when it shrinks.
 * @param time the event's session time, ns.
 */
export function levelChangeEvent(book: Pick<BookView, 'sizeAt'>, side: OrderSide, price: PriceMicros, delta: number, time: SessionNanos): MarketEvent {
  const size = Math.abs(delta);
  const kind = delta > 0 ? 'ADD' : book.sizeAt(side, price) === size ? 'DELETE' : 'PARTIAL_CANCEL';
  return { kind, time, orderId: 0, size, price, side };
}
