import { formatDollars, type OrderSide } from '../../../shared';
import type { MarketEvent } from '../market-event';
import { OrderBookError, type OrderBook } from '../order-book';
import { LobsterFormatError } from './format-error';
import type { LobsterBookRows } from './orderbook-parser';

/** Thrown when an orderbook row disagrees with a level the message stream already determined. */
export class LobsterBookMismatchError extends LobsterFormatError {
  override readonly name = 'LobsterBookMismatchError';
}

/** Side index 0 is the ask (SELL) side, 1 the bid (BUY) side, as in LOBSTER's column order. */
function sideOf(s: number): OrderSide {
  return s === 0 ? 'SELL' : 'BUY';
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
 * So {@link step} applies each message and compares the book with its row, side by side:
 * - A level at or better than the previous row's N-th price (when that row was full; every level
 *   when it was not) was already visible, so the messages determine it. If the row disagrees, the
 *   data are inconsistent: we throw {@link LobsterBookMismatchError} naming file:line, side and price,
 *   and the book is left as it was before the message (the last good event).
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
  /** Per side (0 = ask, 1 = bid): the previous row's N-th price when that row was full, else NaN. */
  private readonly boundary = new Float64Array([NaN, NaN]);
  /** Per side: the current row's occupied levels. */
  private readonly rowPrices: Float64Array[];
  private readonly rowSizes: Float64Array[];
  private readonly rowCount = new Int32Array(2);
  /** Sides (bit 0 ask, bit 1 bid) the last check found in need of refills or prunes. */
  private needsRepair = 0;
  private readonly bookPrices: Float64Array;
  private readonly bookSizes: Float64Array;

  /**
   * @param book the book to keep in line (one instrument).
   * @param levels N of the LOBSTER files.
   * @param orderbookFile named in row errors; @param messageFile named in errors of a message the book cannot take.
   */
  constructor(
    readonly book: OrderBook,
    readonly levels: number,
    readonly orderbookFile: string,
    readonly messageFile: string,
  ) {
    this.rowPrices = [new Float64Array(levels), new Float64Array(levels)];
    this.rowSizes = [new Float64Array(levels), new Float64Array(levels)];
    // The levels the messages determine: the previous row's N (or all of a short row) plus one new.
    this.bookPrices = new Float64Array(levels + 2);
    this.bookSizes = new Float64Array(levels + 2);
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
    for (let s = 0; s < 2; s++) {
      const m = this.readRow(rows, index, s);
      for (let j = 0; j < m; j++) book.setLevel(sideOf(s), this.rowPrices[s]![j]!, this.rowSizes[s]![j]!);
      this.setBoundary(s, m);
    }
    const sign = -visibleSign(first);
    if (sign !== 0) {
      const have = book.sizeAt(first.side, first.price);
      if (have + sign * first.size < 0) {
        throw new LobsterBookMismatchError(
          this.orderbookFile,
          rows.firstLine + index,
          `the first message adds ${first.size} shares at ${describe(first.side, first.price)} but the row after it shows only ${have}; expected the row to include the first message's effect`,
        );
      }
      book.addSize(first.side, first.price, sign * first.size);
    }
  }

  /**
   * Applies `event`, the message of row `index` of `rows`, to the book and brings the book in line
   * with that row. All or nothing: when the row contradicts a level that was already visible, or the
   * book cannot take the message, the book is left as it was before the message.
   * @param next the message after `event`, when at hand: names a missing orderbook row as such (the
   *   row then matches the book after `next`).
   * @throws LobsterBookMismatchError naming the orderbook file:line, side, price and both sizes (or
   *   the message file:line for a message the book cannot take).
   */
  step(event: MarketEvent, rows: LobsterBookRows, index: number, next?: MarketEvent): void {
    const line = rows.firstLine + index;
    try {
      this.book.apply(event);
    } catch (error) {
      if (error instanceof OrderBookError) throw new LobsterBookMismatchError(this.messageFile, line, error.message);
      throw error;
    }
    // The side the message did not touch needs no look at the book when its row part is unchanged.
    const untouched = visibleSign(event) === 0 ? 2 : event.side === 'SELL' ? 1 : 0;
    const wrong = this.check(rows, index, untouched, event);
    if (wrong === undefined) {
      for (let s = 0; s < 2; s++) {
        if (this.needsRepair & (1 << s)) this.repair(s);
        this.setBoundaryFromRow(rows, index, s);
      }
      return;
    }
    const rowMissing = next !== undefined && this.rowFitsAfter(next, rows, index);
    undo(this.book, event);
    throw this.mismatch(wrong, line, rowMissing);
  }

  /**
   * Finds the first visible level the row contradicts, without changing the book; notes the sides to
   * repair. `untouched`: the side (0 ask, 1 bid, 2 both, -1 none) the book did not change since the
   * previous row was matched; such a side whose part of the row equals the previous row's still
   * matches, so it is not compared again; the side `event` touched is first compared with the
   * previous row plus the event (no tree walk). The row buffers are filled only on the slow path.
   */
  private check(rows: LobsterBookRows, index: number, untouched: number, event?: MarketEvent): Wrong | undefined {
    this.needsRepair = 0;
    for (let s = 0; s < 2; s++) {
      if ((untouched === s || untouched === 2) && index > 0 && this.unchangedSide(rows, index, s)) continue;
      // The touched side: the previous row with the message applied, when that is all the row shows.
      if (event !== undefined && untouched === 1 - s && index > 0 && this.followsFromPrevious(rows, index, s, event)) continue;
      const m = this.readRow(rows, index, s);
      if (this.matches(s, m)) continue;
      const wrong = this.firstKnownDifference(s, m);
      if (wrong !== undefined) return wrong;
      this.needsRepair |= 1 << s;
    }
    return undefined;
  }

  /** Would the row fit the book after `next` too (the row of `event` then went missing)? Leaves the book as it was. */
  private rowFitsAfter(next: MarketEvent, rows: LobsterBookRows, index: number): boolean {
    try {
      this.book.apply(next);
    } catch {
      return false;
    }
    const fits = this.check(rows, index, -1) === undefined;
    undo(this.book, next);
    return fits;
  }

  /** True when side `s` of row `index` equals that of row `index - 1` (empty levels, NaN, included). */
  private unchangedSide(rows: LobsterBookRows, index: number, s: number): boolean {
    const data = rows.data;
    const width = 4 * this.levels;
    const base = index * width + 2 * s;
    for (let k = base; k < base + width; k += 4) {
      const price = data[k]!;
      const before = data[k - width]!;
      if ((price !== before && (price === price || before === before)) || data[k + 1] !== data[k + 1 - width]) return false;
    }
    return true;
  }

  /**
   * The fast path of the touched side `s`: true when its `m` row levels are exactly the previous row's
   * with `event` applied, computed on the row data alone. That suffices because after every step the
   * book's top levels equal the row (and a short row is the whole side), so the book after the event
   * is that too. False when the row shows more than the event explains (a level entering from beyond
   * depth N, a refill, or an error): the caller then compares with the book itself.
   */
  private followsFromPrevious(rows: LobsterBookRows, index: number, s: number, event: MarketEvent): boolean {
    const n = this.levels;
    const data = rows.data;
    const width = 4 * n;
    const base = (index - 1) * width + 2 * s;
    // The current row's levels are at cur + 4k (prices) and cur + 4k + 1 (sizes).
    const cur = base + width;
    const mp = occupied(data, base, n);
    const m = occupied(data, cur, n);
    const ask = s === 0;
    const x = event.price;
    let j = 0;
    while (j < mp && (ask ? data[base + 4 * j]! < x : data[base + 4 * j]! > x)) j++;
    const at = j < mp && data[base + 4 * j] === x;
    // Levels k of the previous row land at k (before j), k - removed or k + 1 (after j) of the expected row.
    let shift: number;
    let size = 0;
    if (!at && j === n) {
      shift = 0; // beyond a full side: the top N do not change
      if (m !== n) return false;
    } else {
      size = (at ? data[base + 4 * j + 1]! : 0) + visibleSign(event) * event.size;
      if (size < 0 || (size === 0 && (!at || mp === n))) return false;
      shift = size === 0 ? -1 : at ? 0 : 1;
      if (m !== Math.min(mp + shift, n)) return false;
      if (size > 0 && (data[cur + 4 * j] !== x || data[cur + 4 * j + 1] !== size)) return false;
    }
    for (let k = 0; k < mp; k++) {
      const to = k < j ? k : k === j && at ? (size === 0 ? -1 : -2) : k + shift;
      if (to < 0 || to >= m) continue;
      if (data[cur + 4 * to] !== data[base + 4 * k] || data[cur + 4 * to + 1] !== data[base + 4 * k + 1]) return false;
    }
    return true;
  }

  /** True when the book's top levels equal the row (and, for a short row, nothing lies beyond). */
  private matches(s: number, m: number): boolean {
    const full = m === this.levels;
    const n = this.book.copyLevels(sideOf(s), full ? m : m + 1, this.bookPrices, this.bookSizes);
    if (n !== m) return false;
    const prices = this.rowPrices[s]!;
    const sizes = this.rowSizes[s]!;
    for (let j = 0; j < m; j++) {
      if (this.bookPrices[j] !== prices[j] || this.bookSizes[j] !== sizes[j]) return false;
    }
    return true;
  }

  /** The first already-visible level where book and row disagree: a row level of another size, or a book level the row lacks. */
  private firstKnownDifference(s: number, m: number): Wrong | undefined {
    const side = sideOf(s);
    const prices = this.rowPrices[s]!;
    const sizes = this.rowSizes[s]!;
    for (let j = 0; j < m; j++) {
      const have = this.book.sizeAt(side, prices[j]!);
      if (have !== sizes[j] && this.known(s, prices[j]!)) return { side, price: prices[j]!, have, row: sizes[j]! };
    }
    const n = this.book.copyLevels(side, this.levels + 2, this.bookPrices, this.bookSizes);
    const ask = s === 0;
    for (let k = 0, j = 0; k < n; k++) {
      const price = this.bookPrices[k]!;
      // Known levels are contiguous from the best; deeper than a full row's last nothing is shown.
      if (!this.known(s, price) || (m === this.levels && (ask ? price > prices[m - 1]! : price < prices[m - 1]!))) break;
      while (j < m && (ask ? prices[j]! < price : prices[j]! > price)) j++;
      if (j < m && prices[j] === price) continue;
      return { side, price, have: this.bookSizes[k]!, row: 0 };
    }
    return undefined;
  }

  /** Takes the sizes of levels that entered from beyond depth N from the row and prunes levels it no longer shows. */
  private repair(s: number): void {
    const book = this.book;
    const side = sideOf(s);
    const m = this.rowCount[s]!;
    const full = m === this.levels;
    const prices = this.rowPrices[s]!;
    const sizes = this.rowSizes[s]!;
    for (let j = 0; j < m; j++) {
      if (book.sizeAt(side, prices[j]!) === sizes[j]) continue;
      book.setLevel(side, prices[j]!, sizes[j]!);
      this.refills++;
      this.onCorrection?.(side, prices[j]!, sizes[j]!);
    }
    // Every row level is now in the book; anything else within the row's range (or beyond it, for a
    // short row that shows the whole side) is a level the row says does not exist.
    for (;;) {
      const n = book.copyLevels(side, full ? m : m + 1, this.bookPrices, this.bookSizes);
      let j = 0;
      while (j < m && j < n && this.bookPrices[j] === prices[j]) j++;
      if (j === n || (j === m && full)) return;
      const extra = this.bookPrices[j]!;
      book.setLevel(side, extra, 0);
      this.prunes++;
      this.onCorrection?.(side, extra, 0);
    }
  }

  /** Was `price` visible in the previous row (so the messages determine it)? */
  private known(s: number, price: number): boolean {
    const boundary = this.boundary[s]!;
    return Number.isNaN(boundary) || (s === 0 ? price <= boundary : price >= boundary);
  }

  /** setBoundary from row `index` itself (the row buffers may hold an older, equal row or none). */
  private setBoundaryFromRow(rows: LobsterBookRows, index: number, s: number): void {
    const last = rows.data[index * 4 * this.levels + 4 * (this.levels - 1) + 2 * s]!;
    this.boundary[s] = last === last ? last : NaN;
  }

  private setBoundary(s: number, m: number): void {
    this.boundary[s] = m === this.levels ? this.rowPrices[s]![m - 1]! : NaN;
  }

  /** Copies row `index`'s occupied levels of side `s` into its row buffers; returns how many. */
  private readRow(rows: LobsterBookRows, index: number, s: number): number {
    const base = index * 4 * this.levels + 2 * s;
    const data = rows.data;
    const prices = this.rowPrices[s]!;
    const sizes = this.rowSizes[s]!;
    let m = 0;
    for (let l = 0; l < this.levels; l++) {
      const price = data[base + 4 * l]!;
      if (price !== price) break;
      prices[m] = price;
      sizes[m] = data[base + 4 * l + 1]!;
      m++;
    }
    this.rowCount[s] = m;
    return m;
  }

  private mismatch(wrong: Wrong, line: number, rowMissing: boolean): LobsterBookMismatchError {
    const what = `${describe(wrong.side, wrong.price)} holds ${wrong.have} shares after applying the messages but the row shows ${wrong.row}`;
    if (rowMissing) {
      return new LobsterBookMismatchError(
        this.orderbookFile,
        line,
        `the orderbook row of message ${line} (${this.messageFile}:${line}) seems to be missing: this row matches the book after message ${line + 1} instead (${what}); ` +
          'expected one row per message, row k being the book after message k',
      );
    }
    return new LobsterBookMismatchError(this.orderbookFile, line, `${what}; expected them to agree because the level was already within the visible depth`);
  }
}

/** A visible level where the book and a row disagree (sizes in shares, price micro-dollars). */
interface Wrong {
  readonly side: OrderSide;
  readonly price: number;
  readonly have: number;
  readonly row: number;
}

/** Occupied levels of one side of a row whose first price is at `at` (empty levels, NaN, come last). */
function occupied(data: Float64Array, at: number, levels: number): number {
  const last = data[at + 4 * (levels - 1)]!;
  if (last === last) return levels;
  let m = 0;
  while (m < levels && data[at + 4 * m] === data[at + 4 * m]) m++;
  return m;
}

/** +1 when `event` adds visible shares, -1 when it removes them, 0 when the visible book does not change. */
function visibleSign(event: MarketEvent): number {
  const kind = event.kind;
  return kind === 'ADD' ? 1 : kind === 'PARTIAL_CANCEL' || kind === 'DELETE' || kind === 'EXECUTE_VISIBLE' ? -1 : 0;
}

/** Takes back `event`'s visible effect (it was applied successfully just before). */
function undo(book: OrderBook, event: MarketEvent): void {
  const sign = visibleSign(event);
  if (sign !== 0) book.addSize(event.side, event.price, -sign * event.size);
}

function describe(side: OrderSide, price: number): string {
  return `${side === 'BUY' ? 'bid' : 'ask'} $${formatDollars(price, 4)}`;
}
