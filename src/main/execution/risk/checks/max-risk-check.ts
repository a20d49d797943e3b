import { formatMoneyExact } from '../../../../shared';
import { percentFromBps, riskBudget, shares, stopProtects } from '../../sizing';
import { closingQuantity } from '../order-exposure';
import type { RiskCheck } from '../risk-types';
import { ALLOW, allowWithNote, deny, reduceOrDeny } from '../verdicts';

/**
 * Max risk per trade: the shares the order opens (beyond those closing the current position) x
 * |entry - stop| <= min(capital x maxRiskPerTradeBps / 10,000, maxRiskPerTrade) (MAX_RISK_PER_TRADE;
 * reduces to the closing shares + floor(budget / |entry - stop|)).
 *
 * The stop is the signal's stop, else the order's stop price; the entry the signal's entry, else the
 * limit price, else the mid. An order that opens risk with no stop at all is denied (NO_STOP) when
 * the profile's `requireStop` is on, and otherwise allowed with a note (the notional, position and
 * exposure caps then bound it). A stop that cannot limit the risk is always denied: STOP_INVALID (equal to the entry or on the wrong side: a BUY's stop must be below the entry,
 * a SELL's above), NO_PRICE (no entry). Orders that only close are always allowed.
 */
export const maxRiskCheck: RiskCheck = {
  name: 'max-risk-per-trade',
  evaluate(context) {
    const { order, mid, profile, capital } = context;
    const closing = closingQuantity(context);
    const opening = order.quantity - closing;
    if (opening <= 0) return ALLOW;
    const stop = order.signal?.stop ?? order.stopPrice;
    if (stop === null) {
      if (!profile.requireStop) {
        return allowWithNote(
          `no stop: the risk of this ${order.side} of ${shares(opening)} ${order.instrumentId} is not bounded by a stop; max trade size, max position and gross exposure bound it`,
        );
      }
      return deny(
        'NO_STOP',
        `max risk per trade needs a stop: this ${order.side} opens ${shares(opening)} of ${order.instrumentId} with no stop (give the signal a stop)`,
      );
    }
    const entry = order.signal?.entry ?? order.limitPrice ?? mid;
    if (entry === null) {
      return deny('NO_PRICE', `cannot measure the risk: no entry, no limit price and no two-sided ${order.instrumentId} book`);
    }
    if (!stopProtects(order.side, entry, stop)) {
      return deny(
        'STOP_INVALID',
        `the stop ${formatMoneyExact(stop)} does not limit the risk of a ${order.side} entered at ${formatMoneyExact(entry)}: it must be ${order.side === 'BUY' ? 'below' : 'above'} the entry`,
      );
    }
    const budget = riskBudget(capital, profile);
    const perShare = Math.abs(entry - stop);
    const fits = Math.floor(budget / perShare);
    if (opening <= fits) return ALLOW;
    return reduceOrDeny(
      closing + fits,
      'MAX_RISK_PER_TRADE',
      `${shares(opening)} x ${formatMoneyExact(perShare)} from entry ${formatMoneyExact(entry)} to stop ${formatMoneyExact(stop)} risks ${formatMoneyExact(opening * perShare)}, above the max risk per trade of ` +
        `${formatMoneyExact(budget)} (the smaller of ${percentFromBps(profile.maxRiskPerTradeBps)} of ${formatMoneyExact(capital)} and ${formatMoneyExact(profile.maxRiskPerTrade)}; ${shares(fits)} at most)`,
    );
  },
};
