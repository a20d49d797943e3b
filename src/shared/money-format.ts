import { formatDollars, type MoneyMicros, type PriceMicros } from './money';

/**
 * Money, price and share text: the one formatter for the screen, the reasons and alerts a trader
 * reads, and logs. Inputs are integer micro-dollars (money.ts); every rounding goes through
 * formatDollars (half away from zero), never float arithmetic.
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

/** "-$1,234.5678" from the dollar text "-1234.5678". */
function withSignAndGroups(text: string): { negative: boolean; body: string } {
  const negative = text.startsWith('-');
  const [whole = '0', fraction] = (negative ? text.slice(1) : text).split('.');
  return { negative, body: `$${groupThousands(whole)}${fraction === undefined ? '' : `.${fraction}`}` };
}

/**
 * An amount of money in micro-dollars as `$1,234.56` / `-$1,234.56` (cents, half away from zero), for
 * the screen. With `signed`, positive amounts get a leading `+` (P&L columns). Never `-$0.00`.
 */
export function formatMoney(amount: MoneyMicros, signed = false): string {
  const { negative, body } = withSignAndGroups(formatDollars(amount, 2));
  if (negative && body !== '$0.00') return `-${body}`;
  if (signed && amount > 0 && body !== '$0.00') return `+${body}`;
  return body;
}

/**
 * Dollar text for reasons and alerts a trader reads: "$1,234.56" (cents), or up to 6 decimals when the
 * amount is not a whole number of cents ("$0.0025"), so a reason never hides the number that decided it.
 * Never throws: an amount beyond the safe-integer range (about $9 billion) is shown rounded.
 * @param micros micro-dollars, may be negative ("-$1,234.56").
 */
export function formatMoneyExact(micros: MoneyMicros | PriceMicros): string {
  if (!Number.isSafeInteger(micros)) return `about $${(micros / 1_000_000).toExponential(3)}`;
  const text = micros % 10_000 === 0 ? formatDollars(micros, 2) : formatDollars(micros, 6).replace(/0+$/, '');
  const { negative, body } = withSignAndGroups(text);
  return `${negative ? '-' : ''}${body}`;
}

/** A share count with thousands separators; signed quantities keep their minus sign. */
export function formatShares(quantity: number): string {
  const negative = quantity < 0;
  const digits = groupThousands(Math.abs(Math.trunc(quantity)).toString());
  return negative ? `-${digits}` : digits;
}
