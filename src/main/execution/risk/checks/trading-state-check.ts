import { shares } from '../../sizing';
import { heldQuantity, onlyReduces, reducibleQuantity } from '../order-exposure';
import type { RiskCheck } from '../risk-types';
import { ALLOW, deny, reduceOrDeny } from '../verdicts';

/**
 * TradingState (NautilusTrader semantics). HALTED denies every order (TRADING_HALTED). REDUCING allows
 * only orders that shrink the position without flipping it, counting the orders already working on the
 * same side; an order partly beyond that is reduced to the shares that still only reduce
 * (TRADING_REDUCING).
 */
export const tradingStateCheck: RiskCheck = {
  name: 'trading-state',
  evaluate(context) {
    if (context.tradingState === 'HALTED') {
      return deny('TRADING_HALTED', 'trading is halted: no new orders are accepted until the trader resumes');
    }
    if (context.tradingState === 'ACTIVE' || onlyReduces(context)) return ALLOW;
    const { order } = context;
    const held = heldQuantity(context);
    const working = context.working.remaining(order.instrumentId, order.side);
    return reduceOrDeny(
      reducibleQuantity(context),
      'TRADING_REDUCING',
      `trading is in reduce-only mode: a ${order.side} of ${shares(order.quantity)} of ${order.instrumentId} would not only reduce ` +
        `the position of ${held} (with ${shares(working)} already working on that side)`,
    );
  },
};
