import type { PriceMicros } from '../../../shared';

/**
 * Simple daily returns r[i] = closes[i + 1] / closes[i] - 1 from adjusted closes (micro-dollars),
 * so dividends and splits do not show up as price jumps. Returns are statistics, not money: they are
 * floats and are never summed into an amount.
 * @returns closes.length - 1 returns (empty for fewer than 2 closes).
 * @throws RangeError when a close is not a positive number.
 */
export function dailyReturns(closes: ArrayLike<PriceMicros>): Float64Array {
  const out = new Float64Array(Math.max(0, closes.length - 1));
  for (let i = 0; i < out.length; i += 1) {
    const before = closes[i]!;
    const after = closes[i + 1]!;
    if (!(before > 0) || !(after > 0)) {
      throw new RangeError(`daily returns need positive closes, got ${before} then ${after} at index ${i}`);
    }
    out[i] = after / before - 1;
  }
  return out;
}
