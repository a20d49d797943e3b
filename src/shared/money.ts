/**
 * Exact fixed-point arithmetic for prices, quantities and money.
 *
 * Units used everywhere in Floor's domain and ledger:
 * - `PriceMicros`: a price in micro-dollars (1e-6 USD), an integer. $585.33 = 585_330_000.
 * - `MoneyMicros`: an amount of money in micro-dollars, an integer (may be negative).
 * - `Shares`: a quantity of shares, a non-negative integer (US equities trade in whole shares here).
 *
 * All three are plain JS numbers constrained to safe integers (|x| <= 2^53 - 1, about 9.007e15
 * micro-dollars = $9.0 billion), which is exact and much faster than bigint on the hot path.
 * Every operation that can leave that range checks and throws instead of silently losing precision
 * (the Dinero.js pattern: a safe function checks invariants, then calls the plain one).
 */

import type { Flavor } from './domain/flavor';

/** A price in micro-dollars (1e-6 USD); a safe integer. */
export type PriceMicros = Flavor<number, 'PriceMicros'>;
/** An amount of money in micro-dollars (1e-6 USD); a safe integer, may be negative. */
export type MoneyMicros = Flavor<number, 'MoneyMicros'>;
/** A quantity in whole shares; a non-negative safe integer. */
export type Shares = Flavor<number, 'Shares'>;

/** Any micro-dollar figure, a price or an amount: for helpers (formatting, the IB boundary) that serve both. */
export type MicroDollars = PriceMicros | MoneyMicros;

/** Micro-dollars in one dollar. */
export const MICROS_PER_DOLLAR = 1_000_000;
/** LOBSTER prices are dollars x 10,000; multiply by this to get micro-dollars. */
export const LOBSTER_PRICE_TO_MICROS = 100;

/** Thrown when a fixed-point value is not a safe integer or an operation would overflow. */
export class FixedPointError extends RangeError {
  override readonly name = 'FixedPointError';
}

/**
 * Asserts that `value` is a safe integer and returns it.
 * @throws FixedPointError naming `what` and the offending value.
 */
export function assertSafeInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new FixedPointError(`${what} must be a safe integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Notional value of `shares` at `price`: price (micro-dollars) x shares = micro-dollars.
 * @throws FixedPointError when either input is not a safe integer or the product overflows.
 */
export function notionalMicros(price: PriceMicros, shares: Shares): MoneyMicros {
  assertSafeInteger(price, 'price (micro-dollars)');
  assertSafeInteger(shares, 'quantity (shares)');
  return assertSafeInteger(price * shares, `notional of ${shares} shares at ${price} micro-dollars`);
}

/**
 * Sum of micro-dollar amounts, exact.
 * @throws FixedPointError on a non-integer input or overflow.
 */
export function addMicros(a: MoneyMicros, b: MoneyMicros): MoneyMicros {
  assertSafeInteger(a, 'amount (micro-dollars)');
  assertSafeInteger(b, 'amount (micro-dollars)');
  return assertSafeInteger(a + b, 'sum (micro-dollars)');
}

/**
 * Integer division rounded half away from zero: used when a per-share figure (average price) must
 * be derived from a total. `numerator / denominator`, both safe integers, denominator non-zero.
 * @throws FixedPointError on a zero denominator or non-integer input.
 */
export function divRoundHalfAwayFromZero(numerator: number, denominator: number): number {
  assertSafeInteger(numerator, 'numerator');
  assertSafeInteger(denominator, 'denominator');
  if (denominator === 0) throw new FixedPointError('division by zero');
  const negative = numerator < 0 !== denominator < 0;
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor(n / d);
  const r = n - q * d;
  const rounded = r * 2 >= d ? q + 1 : q;
  return negative ? -rounded : rounded;
}

const DECIMAL_DOLLARS = /^(-)?(\d{1,10})(?:\.(\d{1,6}))?$/;

/**
 * Parses a decimal dollar string ("585.33", "-0.005", "12") into micro-dollars exactly, without
 * passing through a binary float. At most 6 decimal places and 10 integer digits.
 * @throws FixedPointError with the offending text when it is not a plain decimal number.
 */
export function parseDollars(text: string): number {
  const match = DECIMAL_DOLLARS.exec(text.trim());
  if (!match) {
    throw new FixedPointError(
      `expected a dollar amount like 585.33 (at most 6 decimals), got ${JSON.stringify(text)}`,
    );
  }
  const [, minus, whole, fraction = ''] = match;
  const micros = Number(whole) * MICROS_PER_DOLLAR + Number(fraction.padEnd(6, '0'));
  return minus ? -micros : micros;
}

/**
 * Formats micro-dollars as a dollar string with `decimals` places (0..6), rounding half away
 * from zero. 585_330_000 -> "585.33" with decimals = 2. For display and the IB boundary only.
 */
export function formatDollars(micros: MicroDollars, decimals = 2): string {
  assertSafeInteger(micros, 'amount (micro-dollars)');
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
    throw new FixedPointError(`decimals must be an integer 0..6, got ${decimals}`);
  }
  const scale = 10 ** (6 - decimals);
  const scaled = divRoundHalfAwayFromZero(micros, scale);
  const negative = scaled < 0;
  const digits = Math.abs(scaled).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = decimals > 0 ? '.' + digits.slice(digits.length - decimals) : '';
  return (negative ? '-' : '') + whole + fraction;
}

/** Converts micro-dollars to a float number of dollars. Display and the IB boundary only. */
export function microsToDollars(micros: MicroDollars): number {
  return micros / MICROS_PER_DOLLAR;
}

/**
 * Converts a float dollar price from a venue boundary (IB) to micro-dollars, rounding to the nearest
 * micro-dollar. @throws FixedPointError when the input is not finite or out of range.
 */
export function dollarsToMicros(dollars: number): number {
  if (!Number.isFinite(dollars)) throw new FixedPointError(`expected a finite dollar amount, got ${dollars}`);
  return assertSafeInteger(Math.round(dollars * MICROS_PER_DOLLAR), 'dollar amount in micro-dollars');
}
