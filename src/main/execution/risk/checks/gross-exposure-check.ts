import { formatMoneyExact, type PriceMicros } from '../../../../shared';
import { shares } from '../../sizing';
import { heldQuantity, largestWithin, orderPrice, positionPrice, sideSign } from '../order-exposure';
import type { RiskCheck } from '../risk-types';
import { ALLOW, deny, reduceOrDeny } from '../verdicts';

/**
 * Max gross exposure: after the order, sum of |position| x mark over every instrument plus the
 * remaining shares x price of every working order <= maxGrossExposure (MAX_GROSS_EXPOSURE; reduces to
 * the largest quantity that fits). The order's own instrument is valued at the mid, else the order's
 * price; other positions at their mark, else their average price; working orders at their limit
 * price, else their stop price, else their instrument's mark. An order that only shrinks its position
 * (no flip) always lowers the gross and is allowed.
 */
export const grossExposureCheck: RiskCheck = {
  name: 'gross-exposure',
  evaluate(context) {
    const { order, mid, positions, working, profile } = context;
    const held = heldQuantity(context);
    const after = held + sideSign(order.side) * order.quantity;
    if (Math.abs(after) < Math.abs(held) && Math.sign(after) !== -Math.sign(held)) return ALLOW;
    const price = mid ?? orderPrice(order, mid);
    if (price === null) {
      return deny('NO_PRICE', `cannot value the exposure: no limit price and no two-sided ${order.instrumentId} book`);
    }
    let others = 0;
    let marks: Map<string, PriceMicros> | undefined;
    for (const position of positions) {
      if (position.instrumentId === order.instrumentId || position.quantity === 0) continue;
      others += Math.abs(position.quantity) * (positionPrice(position) ?? 0);
    }
    for (const instrumentId of working.instruments()) {
      others += working.pricedNotional(instrumentId);
      const unpriced = working.unpricedRemaining(instrumentId);
      if (unpriced === 0) continue;
      let unpricedAt: PriceMicros;
      if (instrumentId === order.instrumentId) unpricedAt = price;
      else {
        marks ??= new Map(positions.map((p) => [p.instrumentId, positionPrice(p) ?? 0]));
        unpricedAt = marks.get(instrumentId) ?? 0;
      }
      others += unpriced * unpricedAt;
    }
    const gross = others + Math.abs(after) * price;
    if (gross <= profile.maxGrossExposure) return ALLOW;
    const room = profile.maxGrossExposure - others;
    const limitShares = room > 0 ? Math.floor(room / price) : 0;
    return reduceOrDeny(
      largestWithin(limitShares, held, order.side),
      'MAX_GROSS_EXPOSURE',
      `gross exposure would be ${formatMoneyExact(gross)} (${formatMoneyExact(others)} in other positions and working orders + ${order.instrumentId} ${after} shares at ${formatMoneyExact(price)}), ` +
        `above the max of ${formatMoneyExact(profile.maxGrossExposure)}${limitShares > 0 ? ` (${order.instrumentId} may hold ${shares(limitShares)})` : ''}`,
    );
  },
};
