import type { RiskCheck } from '../risk-types';
import { heldQuantity } from '../order-exposure';
import { ALLOW, deny } from '../verdicts';

/**
 * Max open positions: an order in an instrument with no position and no working order would open a
 * new one; it is denied when the instruments already open (a non-zero position, or working orders
 * that would open one) reach maxOpenPositions (MAX_OPEN_POSITIONS).
 */
export const maxOpenPositionsCheck: RiskCheck = {
  name: 'max-open-positions',
  evaluate(context) {
    const { order, positions, working, profile } = context;
    if (heldQuantity(context) !== 0) return ALLOW;
    if (working.remaining(order.instrumentId, 'BUY') + working.remaining(order.instrumentId, 'SELL') > 0) return ALLOW;
    const open = new Set<string>();
    for (const position of positions) if (position.quantity !== 0) open.add(position.instrumentId);
    for (const instrumentId of working.instruments()) open.add(instrumentId);
    if (open.size < profile.maxOpenPositions) return ALLOW;
    return deny(
      'MAX_OPEN_POSITIONS',
      `${order.instrumentId} would be a new position, and ${open.size} instruments are already open (max ${profile.maxOpenPositions})`,
    );
  },
};
