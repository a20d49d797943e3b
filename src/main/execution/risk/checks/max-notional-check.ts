import { formatMoneyExact } from '../../../../shared';
import { shares } from '../../sizing';
import { notionalOf, orderPrice } from '../order-exposure';
import type { RiskCheck } from '../risk-types';
import { ALLOW, deny, reduceOrDeny } from '../verdicts';

/**
 * Max trade size: quantity x price <= maxTradeNotional, the price being the limit price, else the mid,
 * else the stop price (MAX_NOTIONAL; reduces to floor(maxTradeNotional / price) shares). An order with
 * no price to value it at is denied (NO_PRICE): a market order into an empty book has no known cost.
 */
export const maxNotionalCheck: RiskCheck = {
  name: 'max-notional',
  evaluate({ order, mid, profile }) {
    const price = orderPrice(order, mid);
    if (price === null) {
      return deny('NO_PRICE', `cannot value the order: no limit price and no two-sided ${order.instrumentId} book`);
    }
    const fits = Math.floor(profile.maxTradeNotional / price);
    if (order.quantity <= fits) return ALLOW;
    const notional = notionalOf(order.quantity, price);
    return reduceOrDeny(
      fits,
      'MAX_NOTIONAL',
      `${shares(order.quantity)} at ${formatMoneyExact(price)} is ${notional === null ? 'more than $9 billion' : formatMoneyExact(notional)}, above the max trade size of ` +
        `${formatMoneyExact(profile.maxTradeNotional)} (${shares(fits)} at most)`,
    );
  },
};
