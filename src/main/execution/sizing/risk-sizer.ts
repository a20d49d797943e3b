import { formatMoneyExact } from '../../../shared';
import { applyBpsFloor } from './basis-points';
import { percentFromBps, shares } from './format';
import { riskBudget, stopProtects } from './risk-budget';
import { noTrade, type SizingInput, type SizingResult } from './sizing-types';

/**
 * RISK sizing (fixed-fractional, R. Vince 1992): as many shares as the risk budget allows if the stop
 * is hit, capped by the max position size.
 *
 *   riskBudget        = min(capital x maxRiskPerTradeBps / 10,000, maxRiskPerTrade)   micro-dollars
 *   shares_by_risk    = floor(riskBudget / |entry - stop|)
 *   shares_by_capital = floor(floor(capital x maxPositionBps / 10,000) / entry)
 *   quantity          = min(shares_by_risk, shares_by_capital)
 *
 * All integer micro-dollar arithmetic, rounded down at each step (never more risk than the budget).
 * The common "at least 1 share" rule is deliberately NOT applied: when the budget buys 0 shares, one
 * share would already exceed the cap, so the answer is NO_TRADE (SIZING_ZERO_SHARES) with the numbers.
 *
 * NO_TRADE codes: SIZING_NO_STOP (no stop), SIZING_STOP_EQUALS_ENTRY, SIZING_STOP_WRONG_SIDE (a BUY's
 * stop must be below the entry, a SELL's above), SIZING_NO_CAPITAL (capital <= 0), SIZING_ZERO_SHARES.
 */
export function sizeByRisk(input: SizingInput): SizingResult {
  const { side, entry, stop, capital, profile } = input;
  if (stop === undefined) {
    return noTrade('SIZING_NO_STOP', 'risk-based sizing needs a stop price: give the signal a stop');
  }
  if (stop === entry) {
    return noTrade(
      'SIZING_STOP_EQUALS_ENTRY',
      `the stop ${formatMoneyExact(stop)} equals the entry ${formatMoneyExact(entry)}: the risk per share would be $0, so risk-based sizing cannot size the order`,
    );
  }
  if (!stopProtects(side, entry, stop)) {
    return noTrade(
      'SIZING_STOP_WRONG_SIDE',
      `a ${side}'s stop must be ${side === 'BUY' ? 'below' : 'above'} its entry: stop ${formatMoneyExact(stop)}, entry ${formatMoneyExact(entry)}`,
    );
  }
  if (capital <= 0) {
    return noTrade('SIZING_NO_CAPITAL', `capital is ${formatMoneyExact(capital)}: there is nothing to size a trade from`);
  }
  const budget = riskBudget(capital, profile);
  const perShare = Math.abs(entry - stop);
  const byRisk = Math.floor(budget / perShare);
  const positionCap = applyBpsFloor(capital, profile.maxPositionBps);
  const byCapital = Math.floor(positionCap / entry);
  const quantity = Math.min(byRisk, byCapital);
  const arithmetic =
    `risk budget ${formatMoneyExact(budget)} (smaller of ${percentFromBps(profile.maxRiskPerTradeBps)} of ${formatMoneyExact(capital)} and ${formatMoneyExact(profile.maxRiskPerTrade)}) ` +
    `/ ${formatMoneyExact(perShare)} risk per share = ${shares(byRisk)}; max position ${percentFromBps(profile.maxPositionBps)} of capital = ` +
    `${formatMoneyExact(positionCap)} / ${formatMoneyExact(entry)} = ${shares(byCapital)}`;
  if (quantity === 0) {
    return noTrade('SIZING_ZERO_SHARES', `risk-based sizing gives 0 shares, so no trade: ${arithmetic}`);
  }
  return { kind: 'SIZED', quantity, explanation: `${shares(quantity)}: ${arithmetic}` };
}
