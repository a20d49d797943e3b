import type { OrderView } from '../../../../shared';
import { formatPrice, formatShares, orderStatusDisplay } from '../../format';

/** A message under the ticket: what happened to the last order, and whether it went wrong. */
export interface TicketMessage {
  readonly kind: 'info' | 'success' | 'error';
  readonly text: string;
}

/**
 * Describes an order's current state for the ticket's message line, e.g.
 * "BUY 100 GOOG LMT 585.33 DAY: Pending (0/100)", "… : Filled 100 @ 585.33", "Denied: <reason>".
 */
export function describeOrderOutcome(order: OrderView): TicketMessage {
  const what = `${order.side} ${formatShares(order.quantity)} ${order.instrumentId} ${
    order.orderType === 'LIMIT' && order.limitPrice !== null ? `LMT ${formatPrice(order.limitPrice)}` : order.orderType === 'MARKET' ? 'MKT' : order.orderType
  } ${order.timeInForce}`;
  const reason = order.reason ? order.reason.message : null;
  switch (order.status) {
    case 'DENIED':
      return { kind: 'error', text: `${what}: Denied by risk check: ${reason ?? 'no reason given'}` };
    case 'REJECTED':
      return { kind: 'error', text: `${what}: Rejected by the venue: ${reason ?? 'no reason given'}` };
    case 'FILLED':
      return { kind: 'success', text: `${what}: Filled ${formatShares(order.filledQty)} @ ${formatPrice(order.avgFillPrice)}` };
    case 'CANCELED':
    case 'EXPIRED': {
      const label = orderStatusDisplay(order).label;
      const filled = order.filledQty > 0 ? ` after ${formatShares(order.filledQty)} filled @ ${formatPrice(order.avgFillPrice)}` : '';
      return { kind: 'info', text: `${what}: ${label}${filled}${reason ? ` (${reason})` : ''}` };
    }
    default:
      return { kind: 'info', text: `${what}: ${orderStatusDisplay(order).label}` };
  }
}
