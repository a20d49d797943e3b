import { formatPrice, type OrderSide, type PriceMicros, type SizingMethod } from '../../../../shared';


/**
 * The ticket's sizing inputs: the signal numbers the Risk-based and Kelly sizers need (src/shared/
 * risk/signal.ts), parsed from what the trader types. Win probability and payoff are kept as exact
 * ratios of integers as well, so the Kelly edge test below is exact arithmetic, not float.
 */

/** Sizing methods in the ticket's order, with their names on screen. */
export const TICKET_SIZINGS: ReadonlyArray<readonly [SizingMethod, string]> = [
  ['FIXED', 'Fixed'],
  ['RISK', 'Risk-based'],
  ['KELLY', 'Kelly'],
];

/** A non-negative rational number num/den with integer parts (den > 0). */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

/** A parsed number with its exact ratio, or a message saying what is expected. */
export type RatioParse = { readonly ok: true; readonly value: number; readonly ratio: Ratio } | { readonly ok: false; readonly message: string };

const DECIMAL = /^(\d{1,7})(?:\.(\d+))?$/;

function decimalRatio(text: string, maxDecimals: number): Ratio | 'bad' | 'too-precise' {
  const match = DECIMAL.exec(text);
  if (!match) return 'bad';
  const [, whole = '0', fraction = ''] = match;
  const digits = fraction.replace(/0+$/, '');
  if (digits.length > maxDecimals) return 'too-precise';
  const den = 10 ** digits.length;
  return { num: Number(whole) * den + (digits === '' ? 0 : Number(digits)), den };
}

/**
 * Parses a win probability typed in percent ("55", "55.5%") into p in (0, 1): at most 2 decimals,
 * strictly between 0% and 100%. The value is num/den computed by one correctly rounded division, the
 * nearest float to the exact fraction.
 */
export function parseWinProbabilityText(text: string): RatioParse {
  const cleaned = text.trim().replace(/%$/, '').trim();
  if (cleaned === '') return { ok: false, message: 'Enter the win probability in percent, e.g. 55.' };
  const ratio = decimalRatio(cleaned, 2);
  if (ratio === 'bad') return { ok: false, message: `Win probability must be a percentage like 55, not "${text.trim()}".` };
  if (ratio === 'too-precise') return { ok: false, message: 'Win probability: use at most 2 decimals.' };
  const exact = { num: ratio.num, den: ratio.den * 100 };
  if (exact.num <= 0 || exact.num >= exact.den) return { ok: false, message: 'Win probability must be above 0% and below 100%.' };
  return { ok: true, value: exact.num / exact.den, ratio: exact };
}

/** Parses a payoff ratio b = average win / average loss ("2", "1.5"): above 0, at most 1,000, at most 4 decimals. */
export function parsePayoffText(text: string): RatioParse {
  const cleaned = text.trim().replace(/:1$/, '').trim();
  if (cleaned === '') return { ok: false, message: 'Enter the payoff ratio (average win / average loss), e.g. 1.5.' };
  const ratio = decimalRatio(cleaned, 4);
  if (ratio === 'bad') return { ok: false, message: `Payoff ratio must be a number like 1.5, not "${text.trim()}".` };
  if (ratio === 'too-precise') return { ok: false, message: 'Payoff ratio: use at most 4 decimals.' };
  if (ratio.num <= 0) return { ok: false, message: 'Payoff ratio must be above 0.' };
  if (ratio.num > 1000 * ratio.den) return { ok: false, message: 'Payoff ratio must be at most 1,000.' };
  return { ok: true, value: ratio.num / ratio.den, ratio };
}

/** Parses an optional signal score ("", "7", "-1.5"): empty means none. */
export function parseScoreText(text: string): { ok: true; value: number | undefined } | { ok: false; message: string } {
  const cleaned = text.trim();
  if (cleaned === '') return { ok: true, value: undefined };
  if (!/^-?(?:\d{1,9}(?:\.\d{1,6})?|\.\d{1,6})$/.test(cleaned)) {
    return { ok: false, message: `Score must be a number like 7.5 (up to 1,000,000,000 either way), not "${cleaned}".` };
  }
  return { ok: true, value: Number(cleaned) };
}

/** The Kelly criterion for a bet won with probability p = num/den paying b = num/den per unit risked. */
export interface KellyEdge {
  /** True when f* > 0: the odds favour the trade. */
  readonly positive: boolean;
  /** f* = p - (1 - p) / b, the full-Kelly share of capital (display only). */
  readonly fraction: number;
}

/**
 * Kelly (1956), as Thorp states it for a bet paying b to 1: f* = p - (1 - p) / b. With p = n/d and
 * b = m/e this is (n(m + e) - d e) / (d m), so "f* > 0" is decided exactly on integers:
 * n(m + e) > d e. Inputs from the parsers above stay far inside safe-integer range.
 */
export function kellyEdge(p: Ratio, b: Ratio): KellyEdge {
  const numerator = p.num * (b.num + b.den) - p.den * b.den;
  return { positive: numerator > 0, fraction: numerator / (p.den * b.num) };
}

/** "12.5%" for a Kelly fraction of 0.125. */
export function formatKellyFraction(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/**
 * Checks a sizing stop against the entry (micro-dollars): a buy's stop must be below its entry, a
 * sell's above, and never equal (the risk per share, |entry - stop|, would be zero). Null when fine.
 */
export function stopSideProblem(side: OrderSide, entry: PriceMicros, stop: PriceMicros): string | null {
  if (stop === entry) return `The stop equals the entry (${formatPrice(entry)}): the risk per share would be $0.`;
  if (side === 'BUY' && stop > entry) return `For a buy the stop must be below the entry (${formatPrice(entry)}).`;
  if (side === 'SELL' && stop < entry) return `For a sell the stop must be above the entry (${formatPrice(entry)}).`;
  return null;
}
