import { dailyReturns, type DailyCloseSeries } from '../../marketdata/bars';

/** Fewer common daily returns than this give no correlation (the profile's lookback is at least 20). */
export const MIN_CORRELATION_OBSERVATIONS = 20;

/** Pearson correlation of two instruments' daily returns, or why there is none. */
export type ReturnCorrelation =
  | {
      readonly kind: 'OK';
      /** Pearson's r, -1..1. */
      readonly correlation: number;
      /** Number of daily return pairs used. */
      readonly observations: number;
      /** Session dates of the first and last return used. */
      readonly from: string;
      readonly to: string;
    }
  | { readonly kind: 'INSUFFICIENT'; readonly observations: number; readonly detail: string };

/**
 * Pearson correlation of the daily returns of `a` and `b` over their last `lookbackDays` common
 * sessions. The series are aligned by date first (only sessions present in both count; a return
 * spans two consecutive common sessions, for both instruments alike), then simple returns are taken
 * from the adjusted closes, then r = cov(x, y) / (sd(x) sd(y)) with the two-pass formula (means
 * first) for numerical stability (Pearson 1896; Welford 1962 on the one-pass formula's cancellation).
 *
 * Floats are fine here: a correlation is a statistic compared with a threshold, never money.
 * @returns INSUFFICIENT with the reason when fewer than 20 common returns exist or a series is flat.
 */
export function returnCorrelation(a: DailyCloseSeries, b: DailyCloseSeries, lookbackDays: number): ReturnCorrelation {
  const wanted = lookbackDays + 1;
  // Indices of the sessions present in both series, newest first (walking both date lists backwards).
  const size = Math.min(wanted, a.dates.length, b.dates.length);
  const atA = new Int32Array(size);
  const atB = new Int32Array(size);
  let common = 0;
  let i = a.dates.length - 1;
  let j = b.dates.length - 1;
  while (i >= 0 && j >= 0 && common < size) {
    const da = a.dates[i]!;
    const db = b.dates[j]!;
    if (da === db) {
      atA[common] = i;
      atB[common] = j;
      common += 1;
      i -= 1;
      j -= 1;
    } else if (da > db) i -= 1;
    else j -= 1;
  }
  const n = common - 1;
  if (n < MIN_CORRELATION_OBSERVATIONS) {
    return {
      kind: 'INSUFFICIENT',
      observations: Math.max(0, n),
      detail: `${a.instrumentId} and ${b.instrumentId} have ${Math.max(0, n)} common daily returns, at least ${MIN_CORRELATION_OBSERVATIONS} are needed`,
    };
  }
  // Aligned closes, oldest first, then one simple return per pair of consecutive common sessions.
  const alignedA = new Float64Array(common);
  const alignedB = new Float64Array(common);
  for (let k = 0; k < common; k += 1) {
    alignedA[k] = a.closes[atA[common - 1 - k]!]!;
    alignedB[k] = b.closes[atB[common - 1 - k]!]!;
  }
  const x = dailyReturns(alignedA);
  const y = dailyReturns(alignedB);
  let sumX = 0;
  let sumY = 0;
  for (let k = 0; k < n; k += 1) {
    sumX += x[k]!;
    sumY += y[k]!;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < n; k += 1) {
    const dx = x[k]! - meanX;
    const dy = y[k]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) {
    return {
      kind: 'INSUFFICIENT',
      observations: n,
      detail: `${sxx === 0 ? a.instrumentId : b.instrumentId}'s adjusted close did not move over the ${n} common sessions, so its correlation is undefined`,
    };
  }
  const r = sxy / Math.sqrt(sxx * syy);
  return { kind: 'OK', correlation: Math.max(-1, Math.min(1, r)), observations: n, from: a.dates[atA[n - 1]!]!, to: a.dates[atA[0]!]! };
}
