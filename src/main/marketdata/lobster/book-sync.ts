import type { OrderSide } from '../../../shared';
import type { MarketEvent } from '../market-event';
import type { OrderBook } from '../order-book';
import { LobsterFormatError } from './message-parser';
import type { LobsterBookRows } from './orderbook-parser';

/** Thrown when an orderbook row disagrees with a level the message stream already determined. */
export class LobsterBookMismatchError extends LobsterFormatError {
  override readonly name = 'LobsterBookMismatchError';
}

/**
 * Keeps an OrderBook equal to LOBSTER's orderbook rows while it is driven by the message file.
 *
 * Why the orderbook file is needed at all (LOBSTER sample ReadMe; ../shared/data/README.md):
 * 1. Row 1 is the book AFTER message 1, and the day starts with orders resting from before 09:30,
 *    so the initial book is row 1 with message 1's effect taken back ({@link seed}).
 * 2. A level-N message file only holds the events that change the top N levels. When a top level is
 *    removed, the level at depth N+1 comes into view, and its size was never in the messages (its
 *    history happened out of view). Likewise a level pushed beyond depth N keeps changing unseen.
 *
 * So after each message, {@link reconcile} compares the book with the row, side by side:
 * - A level at or better than the previous row's N-th price (when that row was full; every level
 *   when it was not) was already visible, so the messages determine it. If the row disagrees, the
 *   data are inconsistent and we throw {@link LobsterBookMismatchError} naming file:line, side and price.
 * - A level beyond that boundary entered from beyond the visible depth: its size is taken from the
 *   row (counted in `refills`), and a level we still hold there that the row no longer shows was
 *   removed out of view (counted in `prunes`).
 * Levels deeper than the row's N-th are left as last known: they cannot be checked and are refreshed
 * by the rule above when they come back into view. The top N levels therefore always equal the row.
 */
export class LobsterBookSync {
  /** Levels whose size came from the orderbook file because they entered from beyond depth N. */
  refills = 0;
  /** Stale levels removed because they disappeared while beyond depth N. */
  prunes = 0;
  /**
   * Called for every correction taken from the orderbook file (a refill sets `size`, a prune sets 0),
   * after the book was changed. For diagnostics and for tools that record the corrections.
   */
  onCorrection: ((side: OrderSide, price: number, size: number) => void) | undefined = undefined;
  private askBoundary = NaN;
  private bidBoundary = NaN;
  private readonly rowPrices: Float64Array;
  private readonly rowSizes: Float64Array;
  private readonly bookPrices: Float64Array;
  private readonly bookSizes: Float64Array;

  /**
   * @param book the book to keep in line (one instrument).
   * @param levels N of the LOBSTER files.
   * @param orderbookFile named in errors.
   */
  constructor(
    readonly book: OrderBook,
    readonly levels: number,
    readonly orderbookFile: string,
  ) {
    this.rowPrices = new Float64Array(levels);
    this.rowSizes = new Float64Array(levels);
    this.bookPrices = new Float64Array(levels + 1);
    this.bookSizes = new Float64Array(levels + 1);
  }

  /**
   * Sets the book to the state before the first message: row `index` of `rows` (the state after
   * `first`) with `first`'s visible effect reversed.
   * @throws LobsterBookMismatchError when reversing `first` is impossible (e.g. an ADD at a price the row lacks).
   */
  seed(first: MarketEvent, rows: LobsterBookRows, index: number): void {
    const book = this.book;
    book.clear();
    this.refills = 0;
    this.prunes = 0;
    for (const side of ['SELL', 'BUY'] as const) {
      const m = this.readRow(rows, index, side);
      for (let j = 0; j < m; j++) book.setLevel(side, this.rowPrices[j]!, this.rowSizes[j]!);
      this.setBoundary(side, m);
    }
    const sign = first.kind === 'ADD' ? -1 : first.kind === 'PARTIAL_CANCEL' || first.kind === 'DELETE' || first.kind === 'EXECUTE_VISIBLE' ? 1 : 0;
    if (sign !== 0) {
      const have = book.sizeAt(first.side, first.price);
      if (have + sign * first.size < 0) {
        throw new LobsterBookMismatchError(
          `${this.orderbookFile}:${rows.firstLine + index}: the first message adds ${first.size} shares at ${describe(first.side, first.price)} but the row after it shows only ${have}; expected the row to include the first message's effect`,
        );
      }
      book.addSize(first.side, first.price, sign * first.size);
    }
  }

  /**
   * Brings the book in line with row `index` of `rows` after its message was applied.
   * @throws LobsterBookMismatchError when the row contradicts a level that was already visible.
   */
  reconcile(rows: LobsterBookRows, index: number): void {
    this.reconcileSide('SELL', rows, index);
    this.reconcileSide('BUY', rows, index);
  }

  private reconcileSide(side: OrderSide, rows: LobsterBookRows, index: number): void {
    const m = this.readRow(rows, index, side);
    const full = m === this.levels;
    if (!this.matches(side, m, full)) this.repair(side, m, full, rows.firstLine + index);
    this.setBoundary(side, m);
  }

  /** True when the book's top levels equal the row (and, for a short row, nothing lies beyond). */
  private matches(side: OrderSide, m: number, full: boolean): boolean {
    const n = this.book.copyLevels(side, full ? m : m + 1, this.bookPrices, this.bookSizes);
    if (n !== m) return false;
    for (let j = 0; j < m; j++) {
      if (this.bookPrices[j] !== this.rowPrices[j] || this.bookSizes[j] !== this.rowSizes[j]) return false;
    }
    return true;
  }

  private repair(side: OrderSide, m: number, full: boolean, line: number): void {
    const book = this.book;
    for (let j = 0; j < m; j++) {
      const price = this.rowPrices[j]!;
      const size = this.rowSizes[j]!;
      const have = book.sizeAt(side, price);
      if (have === size) continue;
      if (this.known(side, price)) this.mismatch(side, price, have, size, line);
      book.setLevel(side, price, size);
      this.refills++;
      this.onCorrection?.(side, price, size);
    }
    // Every row level is now in the book; anything else within the row's range (or beyond it, for a
    // short row that shows the whole side) is a level the row says does not exist.
    for (;;) {
      const n = book.copyLevels(side, full ? m : m + 1, this.bookPrices, this.bookSizes);
      let j = 0;
      while (j < m && j < n && this.bookPrices[j] === this.rowPrices[j]) j++;
      if (j === n || (j === m && full)) return;
      const extra = this.bookPrices[j]!;
      if (this.known(side, extra)) this.mismatch(side, extra, this.bookSizes[j]!, 0, line);
      book.setLevel(side, extra, 0);
      this.prunes++;
      this.onCorrection?.(side, extra, 0);
    }
  }

  /** Was `price` visible in the previous row (so the messages determine it)? */
  private known(side: OrderSide, price: number): boolean {
    if (side === 'SELL') return Number.isNaN(this.askBoundary) || price <= this.askBoundary;
    return Number.isNaN(this.bidBoundary) || price >= this.bidBoundary;
  }

  private setBoundary(side: OrderSide, m: number): void {
    const boundary = m === this.levels ? this.rowPrices[m - 1]! : NaN;
    if (side === 'SELL') this.askBoundary = boundary;
    else this.bidBoundary = boundary;
  }

  /** Copies row `index`'s occupied levels of `side` into rowPrices/rowSizes; returns how many. */
  private readRow(rows: LobsterBookRows, index: number, side: OrderSide): number {
    const base = index * 4 * this.levels + (side === 'SELL' ? 0 : 2);
    const data = rows.data;
    let m = 0;
    for (let l = 0; l < this.levels; l++) {
      const price = data[base + 4 * l]!;
      if (price !== price) break;
      this.rowPrices[m] = price;
      this.rowSizes[m] = data[base + 4 * l + 1]!;
      m++;
    }
    return m;
  }

  private mismatch(side: OrderSide, price: number, have: number, row: number, line: number): never {
    throw new LobsterBookMismatchError(
      `${this.orderbookFile}:${line}: ${describe(side, price)} holds ${have} shares after applying the messages but the row shows ${row}; ` +
        'expected them to agree because the level was already within the visible depth',
    );
  }
}

function describe(side: OrderSide, price: number): string {
  return `${side === 'BUY' ? 'bid' : 'ask'} $${(price / 1_000_000).toFixed(4)}`;
}
