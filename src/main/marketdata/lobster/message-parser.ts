import { LOBSTER_PRICE_TO_MICROS } from '../../../shared';
import type { OrderSide } from '../../../shared';
import type { HaltPhase, MarketEvent, MarketEventKind } from '../market-event';
import { LobsterFormatError } from './format-error';
import { LOBSTER_DUMMY_ASK, LOBSTER_DUMMY_BID } from './orderbook-parser';

const KINDS: readonly MarketEventKind[] = ['ADD', 'ADD', 'PARTIAL_CANCEL', 'DELETE', 'EXECUTE_VISIBLE', 'EXECUTE_HIDDEN', 'CROSS', 'HALT'];
const NS_PER_SECOND = 1_000_000_000;
const MAX_SECONDS = 86_400;
const END_OF_DAY = MAX_SECONDS * NS_PER_SECOND;
/** 10^k for k = 0..9: scales a fraction of k digits to nanoseconds. */
const FRACTION_SCALE = [1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
/**
 * Decimals accepted in a time. LOBSTER prints ITCH's nanosecond times through a double, so real files
 * carry up to 17 significant digits (e.g. 43002.632812672004, 12 decimals); 20 leaves room.
 */
export const MAX_TIME_DECIMALS = 20;

const COMMA = 44;
const DOT = 46;
const MINUS = 45;
const CR = 13;
const LF = 10;
const ZERO = 48;
const NINE = 57;

/**
 * Parses LOBSTER message-file lines (6 columns: time, type, order id, size, price, direction; see
 * lobsterdata.com sample ReadMe and ../shared/data/README.md) straight from bytes into MarketEvents.
 *
 * - time: decimal seconds after midnight -> SessionNanos, exact integer arithmetic (no float parsing).
 *   Digits beyond the 9th (nanoseconds) are rounded to the nearest nanosecond, half up: LOBSTER's
 *   times are ITCH nanoseconds printed through a double, so the extra digits are binary-float noise
 *   on either side of the true nanosecond (34230.123456788999 is 34230.123456789); truncating would
 *   put such a time 1 ns early. Rounding keeps times non-decreasing.
 * - price: dollars x 10,000 -> micro-dollars (x LOBSTER_PRICE_TO_MICROS).
 * - direction 1 = BUY (bid), -1 = SELL (ask): the side of the resting order.
 * - type 7 (halt): price -1 = HALTED, 0 = QUOTING, 1 = RESUMED; the event's price and size are 0.
 * - the orderbook file's empty-level placeholders (9999999999, -9999999999) are not prices: a message
 *   carrying one is malformed (a dummy price on a hidden execution would otherwise print as a
 *   $1,000,000 trade).
 *
 * The hot path walks each line once with hand-rolled digit loops; on any irregularity it falls back
 * to a slow, string-based diagnosis that names the line and the offending field.
 */
export class LobsterMessageParser {
  private lineNo = 0;
  private lastTime = 0;
  /** Cursor shared by the digit readers (avoids returning tuples on the hot path). */
  private pos = 0;

  /** @param file shown in error messages. */
  constructor(readonly file: string) {}

  /** Lines consumed so far (the 1-based number of the last parsed line). */
  get lines(): number {
    return this.lineNo;
  }

  /**
   * Parses the lines of `buf` (whole lines, each ending in '\n') and pushes one event per line, up to
   * the first malformed line: every event before it is in `out`, and its error is returned (the rest
   * of `buf` is not parsed). Returns undefined when every line was good.
   */
  parse(buf: Buffer, out: MarketEvent[]): LobsterFormatError | undefined {
    const end = buf.length;
    let p = 0;
    while (p < end) {
      const lineStart = p;
      this.lineNo++;
      // Field 1: time, "<seconds>[.<fraction>]".
      let c = buf[p]!;
      let seconds = 0;
      let digits = 0;
      while (c >= ZERO && c <= NINE) {
        seconds = seconds * 10 + (c - ZERO);
        c = buf[++p]!;
        digits++;
      }
      if (digits === 0 || digits > 5) return this.fail(buf, lineStart);
      let fraction = 0;
      let fracDigits = 0;
      let roundUp = 0;
      if (c === DOT) {
        c = buf[++p]!;
        while (c >= ZERO && c <= NINE) {
          if (fracDigits < 9) fraction = fraction * 10 + (c - ZERO);
          else if (fracDigits === 9 && c >= ZERO + 5) roundUp = 1;
          c = buf[++p]!;
          fracDigits++;
        }
        if (fracDigits === 0 || fracDigits > MAX_TIME_DECIMALS) return this.fail(buf, lineStart);
      }
      if (c !== COMMA || seconds >= MAX_SECONDS) return this.fail(buf, lineStart);
      const time = seconds * NS_PER_SECOND + fraction * FRACTION_SCALE[fracDigits < 9 ? fracDigits : 9]! + roundUp;
      // Field 2: event type 1..7.
      const type = buf[++p]! - ZERO;
      if (!(type >= 1 && type <= 7) || buf[++p] !== COMMA) return this.fail(buf, lineStart);
      // Fields 3-5.
      this.pos = p + 1;
      const orderId = this.readUnsigned(buf, COMMA);
      const size = this.readUnsigned(buf, COMMA);
      const price = this.readSigned(buf, COMMA);
      // Field 6: direction, "1" or "-1", then optional CR and LF.
      p = this.pos;
      let direction = 0;
      if (buf[p] === MINUS && buf[p + 1] === ZERO + 1) {
        direction = -1;
        p += 2;
      } else if (buf[p] === ZERO + 1) {
        direction = 1;
        p += 1;
      }
      if (buf[p] === CR) p++;
      if (direction === 0 || buf[p] !== LF || orderId < 0 || size < 0 || price !== price) return this.fail(buf, lineStart);
      p++;
      if (time < this.lastTime || time >= END_OF_DAY) return this.fail(buf, lineStart);
      this.lastTime = time;
      const side: OrderSide = direction === 1 ? 'BUY' : 'SELL';
      if (type === 7) {
        if (price < -1 || price > 1) return this.fail(buf, lineStart);
        const haltPhase: HaltPhase = price === -1 ? 'HALTED' : price === 0 ? 'QUOTING' : 'RESUMED';
        out.push({ kind: 'HALT', time, orderId, size: 0, price: 0, side, haltPhase });
        continue;
      }
      if (size === 0 || price <= 0 || price === LOBSTER_DUMMY_ASK) return this.fail(buf, lineStart);
      out.push({ kind: KINDS[type]!, time, orderId, size, price: price * LOBSTER_PRICE_TO_MICROS, side, haltPhase: undefined });
    }
    return undefined;
  }

  /** Digits up to `terminator`; -1 when malformed. Leaves `pos` after the terminator. */
  private readUnsigned(buf: Buffer, terminator: number): number {
    let p = this.pos;
    let c = buf[p]!;
    let value = 0;
    const start = p;
    while (c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO);
      c = buf[++p]!;
    }
    this.pos = p + 1;
    return c === terminator && p > start && p - start <= 15 ? value : -1;
  }

  /** Optional '-' then digits up to `terminator`; NaN when malformed. */
  private readSigned(buf: Buffer, terminator: number): number {
    let p = this.pos;
    const negative = buf[p] === MINUS;
    if (negative) p++;
    let c = buf[p]!;
    let value = 0;
    const start = p;
    while (c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO);
      c = buf[++p]!;
    }
    this.pos = p + 1;
    if (c !== terminator || p === start || p - start > 13) return NaN;
    return negative ? -value : value;
  }

  /** Slow path: says exactly what is wrong with the line starting at `lineStart`. */
  private fail(buf: Buffer, lineStart: number): LobsterFormatError {
    let lineEnd = buf.indexOf(LF, lineStart);
    if (lineEnd < 0) lineEnd = buf.length;
    const text = buf.toString('latin1', lineStart, lineEnd).replace(/\r$/, '');
    return new LobsterFormatError(this.file, this.lineNo, diagnoseMessageLine(text, this.lastTime));
  }
}

const UINT = /^\d+$/;
const TIME_TEXT = new RegExp(`^(\\d{1,5})(?:\\.(\\d{1,${MAX_TIME_DECIMALS}}))?$`);

/** Explains why `text` is not a valid message line (without the file:line prefix). */
export function diagnoseMessageLine(text: string, previousTime: number): string {
  if (text.trim() === '') return 'empty line; expected 6 comma-separated fields: time,type,orderId,size,price,direction';
  const fields = text.split(',');
  if (fields.length !== 6) {
    return `${fields.length} fields in ${JSON.stringify(abbreviate(text))}; expected 6 comma-separated fields: time,type,orderId,size,price,direction`;
  }
  const [time, type, orderId, size, price, direction] = fields as [string, string, string, string, string, string];
  const timeMatch = TIME_TEXT.exec(time);
  if (!timeMatch) return `time ${JSON.stringify(time)} is not decimal seconds; expected seconds after midnight with at most ${MAX_TIME_DECIMALS} decimals, e.g. 34200.015105074`;
  const digits = (timeMatch[2] ?? '').padEnd(10, '0');
  const nanos = Number(timeMatch[1]) * NS_PER_SECOND + Number(digits.slice(0, 9)) + (digits.charCodeAt(9) >= ZERO + 5 ? 1 : 0);
  if (nanos >= END_OF_DAY) return `time ${time} is beyond the end of the day; expected seconds after midnight below 86400`;
  if (!/^[1-7]$/.test(type)) return `event type ${JSON.stringify(type)} is unknown; expected 1..7 (add, partial cancel, delete, visible execution, hidden execution, cross, halt)`;
  if (!UINT.test(orderId) || orderId.length > 15) return `order id ${JSON.stringify(orderId)} is not a whole number; expected a non-negative integer`;
  if (!UINT.test(size) || size.length > 15) return `size ${JSON.stringify(size)} is not a whole number; expected shares as a non-negative integer`;
  if (!/^-?\d{1,13}$/.test(price)) return `price ${JSON.stringify(price)} is not an integer; expected dollars x 10000, e.g. 5853300 for $585.33`;
  if (direction !== '1' && direction !== '-1') return `direction ${JSON.stringify(direction)} is invalid; expected 1 (buy) or -1 (sell)`;
  if (nanos < previousTime) return `time ${time} is earlier than the previous line's; expected non-decreasing times`;
  if (type === '7') {
    if (!['-1', '0', '1'].includes(price)) return `halt row (type 7) has price ${price}; expected -1 (halted), 0 (quoting resumes) or 1 (trading resumes)`;
  } else {
    if (Number(size) === 0) return `size is 0 for an event of type ${type}; expected a positive number of shares`;
    if (Number(price) === LOBSTER_DUMMY_ASK || Number(price) === LOBSTER_DUMMY_BID) {
      return `price ${price} is LOBSTER's placeholder for an empty ${Number(price) > 0 ? 'ask' : 'bid'} level (a dummy price of the orderbook file), not a price; expected a real price in dollars x 10000 for an event of type ${type}`;
    }
    if (Number(price) <= 0) return `price ${price} is not positive for an event of type ${type}; expected dollars x 10000, e.g. 5853300`;
  }
  return `line ${JSON.stringify(abbreviate(text))} is malformed; expected time,type,orderId,size,price,direction`;
}

function abbreviate(text: string): string {
  return text.length > 120 ? text.slice(0, 117) + '...' : text;
}
