import type { MoneyMicros, RiskProfile } from '../../../shared';
import { applyBpsFloor } from './basis-points';

/**
 * The most a single trade may lose if its stop is hit, micro-dollars: the smaller of the profile's
 * percentage cap (capital x maxRiskPerTradeBps / 10,000, rounded down) and its dollar cap
 * (maxRiskPerTrade). A capital at or below zero gives a budget of zero. This is fixed-fractional
 * position sizing: risk a fixed fraction of capital per trade (R. Vince, "The Mathematics of Money
 * Management", 1992; Van K. Tharp's "percent risk" model).
 */
export function riskBudget(capital: MoneyMicros, profile: RiskProfile): MoneyMicros {
  if (capital <= 0) return 0;
  return Math.min(applyBpsFloor(capital, profile.maxRiskPerTradeBps), profile.maxRiskPerTrade);
}

/**
 * Whether `stop` is on the protective side of `entry` for `side`: below the entry for a BUY (a long
 * loses when the price falls), above it for a SELL (a short loses when the price rises).
 */
export function stopProtects(side: 'BUY' | 'SELL', entry: number, stop: number): boolean {
  return side === 'BUY' ? stop < entry : stop > entry;
}
