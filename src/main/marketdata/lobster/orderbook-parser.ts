import { LOBSTER_PRICE_TO_MICROS } from '../../../shared';
import { LobsterFormatError } from './format-error';

/** LOBSTER's placeholder prices for an empty level (sample ReadMe): ask 9999999999, bid -9999999999, size 0. */
export const LOBSTER_DUMMY_ASK = 9_999_999_999;
export const LOBSTER_DUMMY_BID = -9_999_999_999;

/**
 * A batch of parsed orderbook rows. Row r, level l (0 = best) occupies
 * `data[r * 4 * levels + 4 * l + 0..3]` = ask price, ask size, bid price, bid size, in LOBSTER's
 * column order, prices converted to micro-dollars. An empty (dummy) level has price NaN and size 0,
 * and empty levels only ever follow occupied ones.
 */
export interface LobsterBookRows {
  readonly levels: number;
  readonly count: number;
  /** 1-based line number of row 0 in the orderbook file (for error messages). */
  readonly firstLine: number;
  readonly data: Float64Array;
}

const COMMA = 44;
const MINUS = 45;
const CR = 13;
const LF = 10;
const ZERO = 48;
const NINE = 57;

/**
 * Reads one row of `width` comma-separated integers starting at `p` into `data[base..]`; returns the
 * index after the row's '\n', or -1 when the row is malformed. Kept free of `this` and throws so the
 * JIT can compile it as a tight loop. Values are stored as written (the slow path's diagnosis).
 */
function scanRow(buf: Uint8Array, p: number, data: Float64Array, base: number, width: number): number {
  const last = width - 1;
  for (let f = 0; f <= last; f++) {
    let c = buf[p]!;
    let sign = 1;
    if (c === MINUS) {
      sign = -1;
      c = buf[++p]!;
    }
    const start = p;
    let value = 0;
    while (c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO);
      c = buf[++p]!;
    }
    if (p === start || p - start > 13) return -1;
    if (c !== COMMA) {
      if (f !== last) return -1;
      if (c === CR) c = buf[++p]!;
      if (c !== LF) return -1;
    } else if (f === last) {
      return -1;
    }
    p++;
    data[base + f] = sign * value;
  }
  return p;
}

/**
 * The hot path: scanRow and the row's shape checks in one pass, one (price, size) pair per turn
 * (ask, bid, ask, ... level by level), storing prices in micro-dollars and empty levels as NaN. Returns the
 * index after the row's '\n', or -1 for any problem (the caller then diagnoses the row on the slow
 * path). Shape: occupied levels have positive prices and sizes, asks rise and bids fall with depth,
 * empty levels (9999999999 / -9999999999 with size 0) only at the end; at most 13 digits a field.
 */
function scanCheckedRow(buf: Uint8Array, view: DataView, end: number, p: number, data: Float64Array, base: number, levels: number): number {
  let prevAsk = -1;
  let prevBid = Infinity;
  let askEmpty = false;
  let bidEmpty = false;
  const lastField = base + 4 * levels - 1;
  // Per level: ask price, ask size, bid price, bid size; o is the price's field.
  for (let o = base; o < lastField; o += 2) {
    const bid = (o - base) & 2;
    let c = buf[p]!;
    // A negative price is only the bid's empty-level placeholder.
    const negative = bid !== 0 && c === MINUS;
    if (negative) c = buf[++p]!;
    let start = p;
    let price = 0;
    // Prices have 4 digits or more: the first 4 in one go when they are digits (SWAR on one
    // little-endian 32-bit word: a byte is a digit when neither b - '0' nor b + 0x46 sets its high
    // bit; then digits combine pairwise), ~15% off the whole row scan.
    if (p + 4 <= end) {
      const x = view.getUint32(p, true);
      if ((((x - 0x30303030) | (x + 0x46464646)) & 0x80808080) === 0) {
        const pairs = (Math.imul(x - 0x30303030, 10) + ((x - 0x30303030) >>> 8)) & 0x00ff00ff;
        price = (pairs & 0xffff) * 100 + (pairs >>> 16);
        p += 4;
        c = buf[p]!;
      }
    }
    while (c >= ZERO && c <= NINE) {
      price = price * 10 + (c - ZERO);
      c = buf[++p]!;
    }
    if (c !== COMMA || p === start || p - start > 13) return -1;
    c = buf[++p]!;
    start = p;
    let size = 0;
    while (c >= ZERO && c <= NINE) {
      size = size * 10 + (c - ZERO);
      c = buf[++p]!;
    }
    if (p === start || p - start > 13) return -1;
    if (o + 1 === lastField) {
      if (c === CR) c = buf[++p]!;
      if (c !== LF) return -1;
    } else if (c !== COMMA) {
      return -1;
    }
    p++;
    if (bid === 0 ? price === LOBSTER_DUMMY_ASK : negative) {
      if (size !== 0 || (negative && price !== -LOBSTER_DUMMY_BID)) return -1;
      if (bid === 0) askEmpty = true;
      else bidEmpty = true;
      data[o] = NaN;
    } else {
      if (price === 0 || size === 0) return -1;
      if (bid === 0) {
        if (askEmpty || price <= prevAsk) return -1;
        prevAsk = price;
      } else {
        if (bidEmpty || price >= prevBid) return -1;
        prevBid = price;
      }
      data[o] = price * LOBSTER_PRICE_TO_MICROS;
    }
    data[o + 1] = size;
  }
  return p;
}

/**
 * Parses LOBSTER orderbook-file lines (4 x N columns: ask price, ask size, bid price, bid size per
 * level, best first) from bytes into a flat Float64Array (see {@link LobsterBookRows}). Validates
 * that every row has 4N integer fields, that occupied levels have positive prices and sizes, that
 * asks rise and bids fall with depth, and that dummy levels have size 0 and come after occupied ones.
 */
export class LobsterOrderbookParser {
  private lineNo = 0;
  private buffer = new Float64Array(0);
  private readonly width: number;

  /** @param file shown in errors; @param levels N, from the file name. */
  constructor(
    readonly file: string,
    readonly levels: number,
  ) {
    this.width = 4 * levels;
  }

  /** Lines consumed so far. */
  get lines(): number {
    return this.lineNo;
  }

  /**
   * Parses the lines of `buf` (whole lines ending in '\n') up to the first malformed row: `rows` holds
   * every row before it (a view into a reused buffer, valid until the next call) and `error` says what
   * was wrong with it (undefined when every row was good).
   */
  parse(buf: Buffer): { rows: LobsterBookRows; error: LobsterFormatError | undefined } {
    const width = this.width;
    const firstLine = this.lineNo + 1;
    // A row has at least 4N fields of 1 char + comma: bound the row count by the byte count.
    const maxRows = Math.ceil(buf.length / (2 * width)) + 1;
    if (this.buffer.length < maxRows * width) this.buffer = new Float64Array(maxRows * width);
    const data = this.buffer;
    const end = buf.length;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
    let p = 0;
    let row = 0;
    let error: LobsterFormatError | undefined;
    while (p < end) {
      const lineStart = p;
      this.lineNo++;
      const next = scanCheckedRow(buf, view, end, p, data, row * width, this.levels);
      if (next < 0) {
        // Slow path: scan the row as written and say what is wrong with it.
        const problem = scanRow(buf, p, data, row * width, width) < 0 ? this.diagnose(buf, lineStart) : this.shapeProblem(data, row * width);
        error = new LobsterFormatError(this.file, this.lineNo, problem ?? `row is malformed; expected ${width} comma-separated integers`);
        break;
      }
      p = next;
      row++;
    }
    return { rows: { levels: this.levels, count: row, firstLine, data: data.subarray(0, row * width) }, error };
  }

  /** Says what is wrong with the shape of a row scanned as written (prices as in the file), if anything. */
  private shapeProblem(data: Float64Array, base: number): string | undefined {
    let askEmpty = false;
    let bidEmpty = false;
    let prevAsk = -Infinity;
    let prevBid = Infinity;
    for (let l = 0; l < this.levels; l++) {
      const o = base + 4 * l;
      const askPrice = data[o]!;
      const askSize = data[o + 1]!;
      const bidPrice = data[o + 2]!;
      const bidSize = data[o + 3]!;
      if (askPrice === LOBSTER_DUMMY_ASK) {
        if (askSize !== 0) return `ask level ${l + 1} is the empty-level placeholder 9999999999 but has size ${askSize}; expected size 0`;
        askEmpty = true;
      } else {
        if (askEmpty) return `ask level ${l + 1} is occupied after an empty level; expected empty levels (9999999999, 0) only at the end`;
        if (askPrice <= 0 || askSize <= 0) return `ask level ${l + 1} has price ${askPrice} and size ${askSize}; expected both positive, or the empty-level placeholder 9999999999,0`;
        if (askPrice <= prevAsk) return `ask level ${l + 1} price ${askPrice} is not above level ${l}'s ${prevAsk}; expected ask prices rising with depth`;
        prevAsk = askPrice;
      }
      if (bidPrice === LOBSTER_DUMMY_BID) {
        if (bidSize !== 0) return `bid level ${l + 1} is the empty-level placeholder -9999999999 but has size ${bidSize}; expected size 0`;
        bidEmpty = true;
      } else {
        if (bidEmpty) return `bid level ${l + 1} is occupied after an empty level; expected empty levels (-9999999999, 0) only at the end`;
        if (bidPrice <= 0 || bidSize <= 0) return `bid level ${l + 1} has price ${bidPrice} and size ${bidSize}; expected both positive, or the empty-level placeholder -9999999999,0`;
        if (bidPrice >= prevBid) return `bid level ${l + 1} price ${bidPrice} is not below level ${l}'s ${prevBid}; expected bid prices falling with depth`;
        prevBid = bidPrice;
      }
    }
    return undefined;
  }

  /** Says why the row starting at `lineStart` did not scan as 4N integers. */
  private diagnose(buf: Buffer, lineStart: number): string {
    let lineEnd = buf.indexOf(LF, lineStart);
    if (lineEnd < 0) lineEnd = buf.length;
    const text = buf.toString('latin1', lineStart, lineEnd).replace(/\r$/, '');
    const expected = `expected ${this.width} comma-separated integers (ask price, ask size, bid price, bid size for each of ${this.levels} levels)`;
    if (text.trim() === '') return `empty line; ${expected}`;
    const fields = text.split(',');
    if (fields.length !== this.width) return `${fields.length} fields; ${expected}`;
    const bad = fields.findIndex((f) => !/^-?\d{1,13}$/.test(f));
    if (bad >= 0) return `field ${bad + 1} ${JSON.stringify(fields[bad])} is not an integer; ${expected}`;
    return `row is malformed; ${expected}`;
  }
}
