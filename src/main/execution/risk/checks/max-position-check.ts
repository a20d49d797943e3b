import { formatMoneyExact } from '../../../../shared';
import { applyBpsFloor, percentFromBps, shares } from '../../sizing';
import { heldQuantity, largestWithin, orderPrice, sideSign } from '../order-exposure';
import type { RiskCheck } from '../risk-types';
import { ALLOW, deny, reduceOrDeny } from '../verdicts';

/**
 * Max position as a share of capital: after the order (and the orders already working on its side)
 * fill, |position| x price <= capital x maxPositionBps / 10,000 (MAX_POSITION). An order that only
 * shrinks the position is always allowed; otherwise it is reduced to the largest quantity that keeps
 * the position within the cap. Price: the limit price, else the mid, else the stop price.
 */
export const maxPositionCheck: RiskCheck = {
  name: 'max-position',
  evaluate(context) {
    const { order, mid, profile, capital } = context;
    const price = orderPrice(order, mid);
    if (price === null) {
      return deny('NO_PRICE', `cannot value the position: no limit price and no two-sided ${order.instrumentId} book`);
    }
    const held = heldQuantity(context);
    const start = held + sideSign(order.side) * context.working.remaining(order.instrumentId, order.side);
    const after = start + sideSign(order.side) * order.quantity;
    const shrinksWithoutFlip = Math.abs(after) < Math.abs(start) && Math.sign(after) !== -Math.sign(start);
    if (shrinksWithoutFlip) return ALLOW;
    const cap = capital > 0 ? applyBpsFloor(capital, profile.maxPositionBps) : 0;
    const limitShares = Math.floor(cap / price);
    if (Math.abs(after) <= limitShares) return ALLOW;
    return reduceOrDeny(
      largestWithin(limitShares, start, order.side),
      'MAX_POSITION',
      `the ${order.instrumentId} position would be ${after} shares (${formatMoneyExact(Math.abs(after) * price)} at ${formatMoneyExact(price)}), above the max position of ` +
        `${percentFromBps(profile.maxPositionBps)} of ${formatMoneyExact(capital)} capital = ${formatMoneyExact(cap)} (${shares(limitShares)})`,
    );
  },
};
