import { formatDollars, type MoneyMicros, type PriceMicros } from '../../../shared';

/**
 * Dollar text for messages a trader reads: "$1,234.56" (cents), or up to 6 decimals when the amount
 * is not a whole number of cents ("$0.0025"), so a reason never hides the number that decided it.
 * @param micros micro-dollars (may be negative: "-$1,234.56"); beyond the safe-integer range it is shown rounded.
 */
export function usd(micros: MoneyMicros | PriceMicros): string {
  // Messages must never throw: an amount past the exact range (about $9 billion) is shown rounded.
  if (!Number.isSafeInteger(micros)) return `about $${(micros / 1_000_000).toExponential(3)}`;
  const exactCents = micros % 10_000 === 0;
  const text = exactCents ? formatDollars(micros, 2) : formatDollars(micros, 6).replace(/0+$/, '');
  const negative = text.startsWith('-');
  const [whole = '0', fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Basis points as a percentage for messages: 250 -> "2.5%", 10_000 -> "100%". */
export function percentFromBps(bps: number): string {
  return `${Number((bps / 100).toFixed(2))}%`;
}

/** Shares with thousands separators: 12345 -> "12,345 shares" (1 -> "1 share"). */
export function shares(quantity: number): string {
  return `${quantity.toLocaleString('en-US')} ${Math.abs(quantity) === 1 ? 'share' : 'shares'}`;
}
