import { formatMoneyExact } from '../../../../shared';
import { applyBpsFloor, percentFromBps } from '../../sizing';
import type { RiskCheck } from '../risk-types';
import { ALLOW, allowWithNote, deny } from '../verdicts';

/**
 * Price collar (fat-finger guard): a limit or stop price farther than priceCollarBps from the mid is
 * denied (PRICE_COLLAR). The distance allowed is floor(mid x bps / 10,000) micro-dollars. Without a
 * two-sided book there is no mid to compare with: the order is allowed with a note saying so.
 */
export const priceCollarCheck: RiskCheck = {
  name: 'price-collar',
  evaluate({ order, mid, profile }) {
    if (order.limitPrice === null && order.stopPrice === null) return ALLOW;
    if (mid === null) return allowWithNote(`price collar not applied: no two-sided ${order.instrumentId} book to take a mid from`);
    const allowed = applyBpsFloor(mid, profile.priceCollarBps);
    for (const [label, price] of [
      ['limit price', order.limitPrice],
      ['stop price', order.stopPrice],
    ] as const) {
      if (price === null) continue;
      const distance = Math.abs(price - mid);
      if (distance > allowed) {
        return deny(
          'PRICE_COLLAR',
          `${label} ${formatMoneyExact(price)} is ${((distance / mid) * 100).toFixed(2)}% from the ${order.instrumentId} mid ${formatMoneyExact(mid)}; ` +
            `the collar allows ${percentFromBps(profile.priceCollarBps)} (${formatMoneyExact(mid - allowed)} to ${formatMoneyExact(mid + allowed)})`,
        );
      }
    }
    return ALLOW;
  },
};
