import type { RiskCheck } from '../risk-types';
import { heldQuantity, workingQuantity } from '../order-exposure';
import { ALLOW, deny } from '../verdicts';

/**
 * Max open positions: an order in an instrument with no position and no working order would open a
 * new one; it is denied when the instruments already open (a non-zero position, or working orders
 * that would open one) reach maxOpenPositions (MAX_OPEN_POSITIONS).
 */
export const maxOpenPositionsCheck: RiskCheck = {
  name: 'max-open-positions',
  evaluate(context) {
    const { order, positions, openOrders, profile } = context;
    if (heldQuantity(context) !== 0) return ALLOW;
    if (workingQuantity(openOrders, order.instrumentId, 'BUY') + workingQuantity(openOrders, order.instrumentId, 'SELL') > 0) return ALLOW;
    const open = new Set<string>();
    for (const position of positions) if (position.quantity !== 0) open.add(position.instrumentId);
    for (const working of openOrders) open.add(working.instrumentId);
    if (open.size < profile.maxOpenPositions) return ALLOW;
    return deny(
      'MAX_OPEN_POSITIONS',
      `${order.instrumentId} would be a new position, and ${open.size} instruments are already open (max ${profile.maxOpenPositions})`,
    );
  },
};
