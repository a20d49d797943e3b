import { formatMoneyExact } from '../../../shared';
import { shares } from './format';
import { riskBudget, stopProtects } from './risk-budget';
import { noTrade, type SizingInput, type SizingResult } from './sizing-types';

/** |f*| below this is float rounding of p and b, not an edge: treated as exactly 0. */
const EDGE_EPSILON = 1e-12;

/**
 * The Kelly fraction f* = p - (1 - p) / b for a bet won with probability p that pays b per unit
 * risked (J. L. Kelly Jr., "A New Interpretation of Information Rate", Bell System Technical Journal
 * 35, 1956; E. O. Thorp, "The Kelly Criterion in Blackjack, Sports Betting and the Stock Market",
 * 2006, section 2). f* <= 0 means the bet has no edge. Computed as (p (b + 1) - 1) / b, the same value
 * with one rounding fewer, and snapped to 0 within 1e-12 so p x b = 1 - p gives exactly no edge
 * (0.4 - 0.6 / 1.5 is 5.6e-17 in binary floating point, not 0).
 * @param p win probability, 0 < p < 1. @param b payoff ratio (average win / average loss), b > 0.
 */
export function kellyFraction(p: number, b: number): number {
  const f = (p * (b + 1) - 1) / b;
  return Math.abs(f) < EDGE_EPSILON ? 0 : f;
}

/**
 * KELLY sizing: bet the profile's fraction of the full Kelly bet, capped by every hard limit.
 *
 *   f*       = p - (1 - p) / b
 *   bet      = floor(capital x (f* x kellyFraction))            micro-dollars
 *   quantity = min(floor(bet / entry),
 *                  floor(maxTradeNotional / entry),             max trade size
 *                  floor(riskBudget / |entry - stop|)   (when a stop is given: max risk per trade)
 *                  floor(availableCash / entry))                never more than the free cash
 *
 * The fraction f* x kellyFraction is a float (p and b are estimates, not money); it is applied once,
 * to the integer capital, and the product rounded down, so the bet is at most 1 micro-dollar below
 * the real-number value and never above it. Everything after is integer micro-dollar arithmetic.
 *
 * NO_TRADE codes: SIZING_NO_KELLY_INPUTS (p or b missing), SIZING_NO_EDGE (f* <= 0: the reason names
 * p, b and f*), SIZING_STOP_EQUALS_ENTRY / SIZING_STOP_WRONG_SIDE (an unusable stop), SIZING_NO_CAPITAL,
 * SIZING_ZERO_SHARES (a cap leaves no whole share; never rounded up to 1).
 * @throws RangeError when p is not in (0, 1) or b is not a positive finite number.
 */
export function sizeByKelly(input: SizingInput): SizingResult {
  const { side, entry, stop, winProbability: p, payoffRatio: b, capital, availableCash, profile } = input;
  if (p === undefined || b === undefined) {
    return noTrade(
      'SIZING_NO_KELLY_INPUTS',
      'Kelly sizing needs the signal\'s win probability and payoff ratio (average win / average loss)',
    );
  }
  if (!(p > 0 && p < 1)) throw new RangeError(`win probability must be between 0 and 1 (exclusive), got ${p}`);
  if (!(b > 0 && Number.isFinite(b))) throw new RangeError(`payoff ratio must be a positive number, got ${b}`);
  const fStar = kellyFraction(p, b);
  if (fStar <= 0) {
    return noTrade(
      'SIZING_NO_EDGE',
      `no edge, so no trade: Kelly f* = p - (1 - p) / b = ${fmt(p)} - ${fmt(1 - p)} / ${fmt(b)} = ${fmt(fStar)} <= 0`,
    );
  }
  if (stop !== undefined && stop === entry) {
    return noTrade('SIZING_STOP_EQUALS_ENTRY', `the stop ${formatMoneyExact(stop)} equals the entry ${formatMoneyExact(entry)}: the risk per share would be $0`);
  }
  if (stop !== undefined && !stopProtects(side, entry, stop)) {
    return noTrade(
      'SIZING_STOP_WRONG_SIDE',
      `a ${side}'s stop must be ${side === 'BUY' ? 'below' : 'above'} its entry: stop ${formatMoneyExact(stop)}, entry ${formatMoneyExact(entry)}`,
    );
  }
  if (capital <= 0) {
    return noTrade('SIZING_NO_CAPITAL', `capital is ${formatMoneyExact(capital)}: there is nothing to size a trade from`);
  }
  const fraction = fStar * profile.kellyFraction;
  const bet = Math.floor(capital * fraction);
  const caps: { name: string; arithmetic: string; quantity: number }[] = [
    {
      name: 'the Kelly bet',
      arithmetic: `Kelly bet ${formatMoneyExact(bet)} (f* ${fmt(fStar)} x ${fmt(profile.kellyFraction)} Kelly x ${formatMoneyExact(capital)}) / ${formatMoneyExact(entry)}`,
      quantity: Math.floor(bet / entry),
    },
    {
      name: 'max trade size',
      arithmetic: `max trade size ${formatMoneyExact(profile.maxTradeNotional)} / ${formatMoneyExact(entry)}`,
      quantity: Math.floor(profile.maxTradeNotional / entry),
    },
  ];
  if (stop !== undefined) {
    const budget = riskBudget(capital, profile);
    const perShare = Math.abs(entry - stop);
    caps.push({
      name: 'max risk per trade',
      arithmetic: `max risk per trade ${formatMoneyExact(budget)} / ${formatMoneyExact(perShare)} risk per share`,
      quantity: Math.floor(budget / perShare),
    });
  }
  caps.push({
    name: 'available cash',
    arithmetic: `available cash ${formatMoneyExact(availableCash)} / ${formatMoneyExact(entry)}`,
    quantity: availableCash > 0 ? Math.floor(availableCash / entry) : 0,
  });
  let binding = caps[0]!;
  for (const cap of caps) if (cap.quantity < binding.quantity) binding = cap;
  const arithmetic = caps.map((c) => `${c.arithmetic} = ${shares(c.quantity)}`).join('; ');
  if (binding.quantity === 0) {
    return noTrade('SIZING_ZERO_SHARES', `Kelly sizing gives 0 shares (limited by ${binding.name}), so no trade: ${arithmetic}`);
  }
  return { kind: 'SIZED', quantity: binding.quantity, explanation: `${shares(binding.quantity)}, the smallest of: ${arithmetic}` };
}

/** A probability or ratio for messages: at most 4 decimals, no trailing zeros. */
function fmt(x: number): string {
  return String(Number(x.toFixed(4)));
}
