import type { BookLevel, OrderSide } from '../../src/shared';
import { microsToDollars } from '../../src/shared';
import type { BookView } from '../../src/main/marketdata';
import { DEPTH_OP, DEPTH_SIDE, TICK } from './messages/out-market';

/** Counts of the depth rows a publisher sent. */
export interface DepthRowStats {
  inserts: number;
  insertsInside: number;
  updates: number;
  deletes: number;
  deletesInside: number;
}

/** One depth row change, IB units (price dollars, size shares); position 0 = best. */
export interface DepthChange {
  readonly position: number;
  readonly operation: number;
  /** 0 ask, 1 bid. */
  readonly side: number;
  readonly price: number;
  readonly size: number;
}

/**
 * Turns the replayed book into IB depth rows for one reqMktDepth subscription of `numRows` per side,
 * as a real gateway does: each call to `changes` compares the book's top rows with what the client
 * was last sent and returns the row operations, with IB's row-shifting meaning, that bring the
 * client's copy up to date. A price level gone from the visible rows is a DELETE at its row (the
 * rows below move up); a new level is an INSERT at its row (the rows below move down); a level
 * whose size changed is an UPDATE in place. Deletes go first, so the client never holds more than
 * `numRows` rows: a level pushed out at the bottom by an insert higher up is deleted before the
 * insert, and one that slides into view from below when a level vanishes is inserted at the bottom.
 */
export class DepthPublisher {
  private sent: Record<OrderSide, BookLevel[]> = { BUY: [], SELL: [] };
  /** Rows sent so far, by operation; "inside" ones are inserts above the last row held and deletes above the last row. */
  readonly stats: DepthRowStats = { inserts: 0, insertsInside: 0, updates: 0, deletes: 0, deletesInside: 0 };

  /** @param numRows rows per side, >= 1 (IB caps depth; the simulator takes what the client asks). */
  constructor(
    private readonly book: BookView,
    readonly numRows: number,
  ) {}

  /** Forgets what was sent (after a 317 reset the client empties its book). */
  clear(): void {
    this.sent = { BUY: [], SELL: [] };
  }

  /** The row operations since the last call (the first call: the whole top of book as inserts). */
  changes(): DepthChange[] {
    const out: DepthChange[] = [];
    for (const side of ['BUY', 'SELL'] as const) {
      const ibSide = side === 'BUY' ? DEPTH_SIDE.BID : DEPTH_SIDE.ASK;
      const now = this.book.levels(side, this.numRows);
      const rows = [...this.sent[side]];
      const wanted = new Set(now.map((l) => l.price));
      for (let i = rows.length - 1; i >= 0; i--) {
        if (!wanted.has(rows[i]!.price)) {
          out.push(row(i, DEPTH_OP.DELETE, ibSide, rows[i]!));
          this.stats.deletes += 1;
          if (i < rows.length - 1) this.stats.deletesInside += 1;
          rows.splice(i, 1);
        }
      }
      // What is left is a subsequence of `now` (both best first): insert the new levels where they belong, update sizes.
      for (let i = 0; i < now.length; i++) {
        const level = now[i]!;
        if (rows[i]?.price !== level.price) {
          out.push(row(i, DEPTH_OP.INSERT, ibSide, level));
          this.stats.inserts += 1;
          if (i < rows.length) this.stats.insertsInside += 1;
          rows.splice(i, 0, level);
        } else if (rows[i]!.size !== level.size) {
          out.push(row(i, DEPTH_OP.UPDATE, ibSide, level));
          this.stats.updates += 1;
          rows[i] = level;
        }
      }
      this.sent[side] = now;
    }
    return out;
  }
}

function row(position: number, operation: number, side: number, level: BookLevel): DepthChange {
  return { position, operation, side, price: microsToDollars(level.price), size: level.size };
}

/** One top-of-book tick, IB units. */
export type QuoteTick = { readonly kind: 'price'; readonly tickType: number; readonly price: number; readonly size: number } | { readonly kind: 'size'; readonly tickType: number; readonly size: number };

/**
 * Top of book for one reqMktData subscription: BID/ASK tickPrice (with size) and BID_SIZE/ASK_SIZE
 * tickSize when they change; LAST, LAST_SIZE and VOLUME on each trade print.
 */
export class QuotePublisher {
  private bid: BookLevel | undefined;
  private ask: BookLevel | undefined;
  private volume = 0;

  constructor(private readonly book: BookView) {}

  /** Ticks for the top-of-book change since the last call (the first call: the current quote). */
  quoteChanges(): QuoteTick[] {
    const out: QuoteTick[] = [];
    const bid = this.book.bestBid();
    const ask = this.book.bestAsk();
    this.side(out, this.bid, bid, TICK.BID, TICK.BID_SIZE);
    this.side(out, this.ask, ask, TICK.ASK, TICK.ASK_SIZE);
    this.bid = bid;
    this.ask = ask;
    return out;
  }

  /** Ticks for one trade print of `size` shares at `priceMicros` (micro-dollars). */
  trade(priceMicros: number, size: number): QuoteTick[] {
    this.volume += size;
    return [
      { kind: 'price', tickType: TICK.LAST, price: microsToDollars(priceMicros), size },
      { kind: 'size', tickType: TICK.LAST_SIZE, size },
      { kind: 'size', tickType: TICK.VOLUME, size: this.volume },
    ];
  }

  private side(out: QuoteTick[], before: BookLevel | undefined, now: BookLevel | undefined, priceTick: number, sizeTick: number): void {
    if (!now) {
      // IB signals an empty side with price -1 and size 0.
      if (before) out.push({ kind: 'price', tickType: priceTick, price: -1, size: 0 }, { kind: 'size', tickType: sizeTick, size: 0 });
      return;
    }
    if (!before || before.price !== now.price) {
      out.push({ kind: 'price', tickType: priceTick, price: microsToDollars(now.price), size: now.size }, { kind: 'size', tickType: sizeTick, size: now.size });
    } else if (before.size !== now.size) {
      out.push({ kind: 'size', tickType: sizeTick, size: now.size });
    }
  }
}
