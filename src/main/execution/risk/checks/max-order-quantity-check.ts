import { shares } from '../../sizing';
import type { RiskCheck } from '../risk-types';
import { ALLOW, reduceOrDeny } from '../verdicts';

/** Max shares in one order, a fat-finger guard (MAX_ORDER_QUANTITY); reduces to the cap. */
export const maxOrderQuantityCheck: RiskCheck = {
  name: 'max-order-quantity',
  evaluate({ order, profile }) {
    if (order.quantity <= profile.maxOrderQuantity) return ALLOW;
    return reduceOrDeny(
      profile.maxOrderQuantity,
      'MAX_ORDER_QUANTITY',
      `${shares(order.quantity)} is above the max order quantity of ${shares(profile.maxOrderQuantity)}`,
    );
  },
};
