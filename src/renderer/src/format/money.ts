import { formatDollars, type MoneyMicros, type PriceMicros } from '../../../shared';

/**
 * Money and price formatting for the screen. Inputs are integer micro-dollars
 * (src/shared/money.ts); all rounding goes through formatDollars, never float arithmetic.
 */

/**
 * Decimals to show for a price: 2 for prices at or above $1 (one-cent tick, Reg NMS Rule 612), 4 below
 * (sub-dollar quotes may be in $0.0001 increments under the same rule).
 */
export function priceDecimals(price: PriceMicros): number {
  return Math.abs(price) >= 1_000_000 ? 2 : 4;
}

/** A price in micro-dollars as dollars without a currency sign, e.g. 585_330_000 -> "585.33"; "" for null. */
export function formatPrice(price: PriceMicros | null | undefined): string {
  if (price === null || price === undefined) return '';
  return formatDollars(price, priceDecimals(price));
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * An amount of money in micro-dollars as `$1,234.56` / `-$1,234.56` (cents, half away from zero).
 * With `signed`, positive amounts get a leading `+` (P&L columns).
 */
export function formatMoney(amount: MoneyMicros, signed = false): string {
  const text = formatDollars(amount, 2);
  const negative = text.startsWith('-');
  const unsigned = negative ? text.slice(1) : text;
  const [whole = '0', fraction = '00'] = unsigned.split('.');
  const body = `$${groupThousands(whole)}.${fraction}`;
  if (negative && body !== '$0.00') return `-${body}`;
  if (signed && amount > 0 && body !== '$0.00') return `+${body}`;
  return body;
}

/** A share count with thousands separators; signed quantities keep their minus sign. */
export function formatShares(quantity: number): string {
  const negative = quantity < 0;
  const digits = groupThousands(Math.abs(Math.trunc(quantity)).toString());
  return negative ? `-${digits}` : digits;
}

/** Sign class of an amount for colouring: 'pos' above zero, 'neg' below, 'flat' at zero. */
export function signClass(amount: number): 'pos' | 'neg' | 'flat' {
  if (amount > 0) return 'pos';
  if (amount < 0) return 'neg';
  return 'flat';
}
