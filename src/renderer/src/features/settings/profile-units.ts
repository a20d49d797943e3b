import { FixedPointError, formatDollars, parseDollars, type MoneyMicros } from '../../../../shared';

/**
 * Exact conversions between what a trader types (dollars, percent, whole numbers, fractions) and the
 * risk profile's units (src/shared/risk/profile.ts: integer micro-dollars, integer basis points).
 * Money and percentages go through decimal strings and integers only, never a binary float, so
 * "1.15%" is exactly 115 bp and "$1,000.10" exactly 1_000_100_000 micro-dollars.
 */

/** Either a parsed value or a message saying what was expected. */
export type UnitParse<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** The largest dollar amount a profile field accepts, micro-dollars ($1 billion: exact and far above any retail limit). */
export const MAX_PROFILE_MONEY_MICROS: MoneyMicros = 1_000_000_000 * 1_000_000;

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Micro-dollars as a dollar amount to edit: thousands grouped, at least 2 decimals, more only when
 * the amount has them (so a value set through the API with sub-cent precision round-trips exactly).
 * 100_000_000_000 -> "100,000.00"; 1_000_500 -> "1.0005".
 */
export function formatDollarsForInput(micros: MoneyMicros): string {
  const full = formatDollars(micros, 6);
  const negative = full.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? full.slice(1) : full).split('.');
  const trimmed = fraction.replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${groupThousands(whole)}.${trimmed}`;
}

/**
 * Parses a dollar amount ("2,000", "$1,000.10", "2500.5") into micro-dollars exactly (parseDollars).
 * Accepts at most 6 decimals; the amount must be above $0 and at most MAX_PROFILE_MONEY_MICROS.
 */
export function parseDollarInput(text: string): UnitParse<MoneyMicros> {
  const cleaned = text.trim().replace(/^\$/, '').replace(/,/g, '').trim();
  if (cleaned === '') return { ok: false, message: 'Enter an amount in dollars, e.g. 1,000.00.' };
  let micros: MoneyMicros;
  try {
    micros = parseDollars(cleaned);
  } catch (error) {
    if (error instanceof FixedPointError) return { ok: false, message: `Enter dollars like 1,000.00 (at most 6 decimals), not "${text.trim()}".` };
    throw error;
  }
  if (micros <= 0) return { ok: false, message: 'Must be above $0.00.' };
  if (micros > MAX_PROFILE_MONEY_MICROS) return { ok: false, message: `Must be at most $${formatDollarsForInput(MAX_PROFILE_MONEY_MICROS)}.` };
  return { ok: true, value: micros };
}

const PERCENT_TEXT = /^(\d{1,7})(?:\.(\d+))?$/;

/**
 * Parses a percentage ("1", "1.25", "10%") into whole basis points exactly: at most 2 decimals,
 * because 0.01% = 1 bp is the profile's resolution. Range checks are the caller's.
 */
export function parsePercentToBps(text: string): UnitParse<number> {
  const cleaned = text.trim().replace(/%$/, '').trim();
  if (cleaned === '') return { ok: false, message: 'Enter a percentage, e.g. 1.5.' };
  const match = PERCENT_TEXT.exec(cleaned);
  if (!match) return { ok: false, message: `Enter a percentage like 1.5 (without a minus sign), not "${text.trim()}".` };
  const [, whole = '0', fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > 2) return { ok: false, message: 'Use at most 2 decimals: the smallest step is 0.01% (1 basis point).' };
  return { ok: true, value: Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0')) };
}

/** Parses a whole number ("5,000", "45"); thousands separators allowed. Range checks are the caller's. */
export function parseWholeNumber(text: string, what: string): UnitParse<number> {
  const cleaned = text.trim().replace(/,/g, '');
  if (cleaned === '') return { ok: false, message: `Enter a whole number of ${what}.` };
  if (!/^\d{1,12}$/.test(cleaned)) return { ok: false, message: `Enter a whole number of ${what}, not "${text.trim()}".` };
  return { ok: true, value: Number(cleaned) };
}

// The exponent form is what String() gives for values below 1e-6, so such a profile still round-trips.
const FRACTION_TEXT = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e-?\d{1,3})?$/i;

/**
 * Parses a plain decimal ("0.25", ".7", "1") into a number. Used only for the two profile values
 * that are fractions by nature (Kelly fraction, correlation threshold), which the profile itself
 * holds as numbers. Range checks are the caller's.
 */
export function parseDecimal(text: string): UnitParse<number> {
  const cleaned = text.trim();
  if (cleaned === '') return { ok: false, message: 'Enter a decimal number, e.g. 0.25.' };
  if (!FRACTION_TEXT.test(cleaned)) return { ok: false, message: `Enter a decimal number like 0.25, not "${cleaned}".` };
  return { ok: true, value: Number(cleaned) };
}
