import { formatMoneyExact } from '../../../../shared';

import type { RiskCheck } from '../risk-types';
import { ALLOW, deny } from '../verdicts';

/**
 * Denies limit and stop prices that are not a multiple of the instrument's tick size
 * (PRICE_OFF_TICK). Source: Reg NMS Rule 612 (the sub-penny rule): orders at or above $1.00 may not
 * be priced in increments below $0.01; venues reject them, so Floor refuses before sending. Runs
 * before sizing: a trader learns a price is off the grid before any quantity is decided.
 */
export const tickGridCheck: RiskCheck = {
  name: 'tick-grid',
  beforeSizing: true,
  evaluate: ({ order, instrument }) => {
    if (instrument === undefined) return ALLOW;
    for (const [label, price] of [
      ['limit price', order.limitPrice],
      ['stop price', order.stopPrice],
    ] as const) {
      if (price !== null && price % instrument.tickSize !== 0) {
        return deny('PRICE_OFF_TICK', `${label} ${formatMoneyExact(price)} is not on ${order.instrumentId}'s tick grid of ${formatMoneyExact(instrument.tickSize)}`);
      }
    }
    return ALLOW;
  },
};
