/**
 * Screen text for a signal's figures. These are display-only floats (the signal carries win
 * probability, payoff and score as plain numbers); prices go through formatPrice elsewhere.
 */

/** Win probability p in (0, 1) as a percentage with one decimal: 0.55 -> "55.0%"; "" when absent. */
export function formatWinProbability(p: number | undefined): string {
  return p === undefined ? '' : `${(p * 100).toFixed(1)}%`;
}

/** Payoff ratio b (average win / average loss) as "2.00:1"; "" when absent. */
export function formatPayoff(b: number | undefined): string {
  return b === undefined ? '' : `${b.toFixed(2)}:1`;
}

/** A signal score: integers as they are, other values to 3 decimals; "" when absent. */
export function formatScore(score: number | undefined): string {
  if (score === undefined) return '';
  return Number.isInteger(score) ? score.toString() : score.toFixed(3);
}
