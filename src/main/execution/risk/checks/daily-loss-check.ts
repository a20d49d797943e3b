import { formatMoneyExact } from '../../../../shared';

import { onlyReduces, reducibleQuantity } from '../order-exposure';
import type { RiskCheck } from '../risk-types';
import { ALLOW, reduceOrDeny } from '../verdicts';

/**
 * Daily loss limit: once realized + unrealized P&L since the session start is at or below
 * -dailyLossLimit, only orders that reduce a position pass (DAILY_LOSS_LIMIT; an order partly beyond
 * the position is reduced to the shares that only reduce). Moving the TradingState to REDUCING or
 * HALTED on the breach is the circuit breaker's job; this check holds the line for every order until then.
 */
export const dailyLossCheck: RiskCheck = {
  name: 'daily-loss',
  evaluate(context) {
    const { dailyPnl, profile, order } = context;
    if (dailyPnl > -profile.dailyLossLimit || onlyReduces(context)) return ALLOW;
    return reduceOrDeny(
      reducibleQuantity(context),
      'DAILY_LOSS_LIMIT',
      `today's P&L of ${formatMoneyExact(dailyPnl)} has reached the daily loss limit of ${formatMoneyExact(profile.dailyLossLimit)}: only orders that reduce a position ` +
        `are accepted, and this ${order.side} of ${order.instrumentId} would not`,
    );
  },
};
