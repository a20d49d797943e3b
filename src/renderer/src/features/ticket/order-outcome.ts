import { formatPrice, formatShares, type Order, type SizingMethod } from '../../../../shared';
import { orderStatusDisplay } from '../../format';

/**
 * A message under the ticket (and in the approval queue): what happened to an order, and whether it
 * went wrong. Denials and rejections also carry a `headline` and the reason on its own (`detail`,
 * `code`) so the screen can show the reason prominently rather than at the end of a long line.
 */
export interface TicketMessage {
  readonly kind: 'info' | 'success' | 'error';
  readonly text: string;
  /** "Denied by risk check" / "Rejected by the venue". */
  readonly headline?: string;
  /** The reason's sentence, shown on its own line. */
  readonly detail?: string;
  /** The reason's machine code (e.g. MAX_NOTIONAL), for the title and tests. */
  readonly code?: string;
  /** The order in a few words (describeOrder). */
  readonly subject?: string;
}

const SIZED_BY: Record<SizingMethod, string> = { FIXED: '', RISK: ' (risk-sized)', KELLY: ' (Kelly-sized)' };

/**
 * The order in a few words: "BUY 100 GOOG LMT 585.33 DAY", with "(risk-sized)" / "(Kelly-sized)"
 * when the profile chose the quantity, and no quantity when sizing produced none (a denial before
 * the sizer found a size).
 */
export function describeOrder(order: Order): string {
  const quantity = order.quantity > 0 ? `${formatShares(order.quantity)} ` : '';
  const price =
    order.orderType === 'LIMIT' && order.limitPrice !== null ? `LMT ${formatPrice(order.limitPrice)}` : order.orderType === 'MARKET' ? 'MKT' : order.orderType;
  return `${order.side} ${quantity}${order.instrumentId} ${price} ${order.timeInForce}${SIZED_BY[order.sizing]}`;
}

/**
 * Describes an order's current state for the ticket's message line, e.g.
 * "BUY 100 GOOG LMT 585.33 DAY: Pending (0/100)", "… : Filled 100 @ 585.33",
 * "…: Denied by risk check: <reason>" (headline "Denied by risk check", detail the reason).
 * `held`: the IB venue holds this SUBMITTED order while its gateway is away (TerminalStatus.gateway.heldOrders).
 */
export function describeOrderOutcome(order: Order, held = false): TicketMessage {
  const what = describeOrder(order);
  if (held && order.status === 'SUBMITTED') {
    return { kind: 'info', text: `${what}: Held: the IB gateway is not connected; Floor sends it once it has reconnected and reconciled` };
  }
  const reason = order.reason ? order.reason.message : null;
  const code = order.reason?.code;
  switch (order.status) {
    case 'DENIED': {
      const detail = reason ?? 'no reason given';
      return { kind: 'error', text: `${what}: Denied by risk check: ${detail}`, headline: 'Denied by risk check', detail, subject: what, ...(code ? { code } : {}) };
    }
    case 'REJECTED': {
      const detail = reason ?? 'no reason given';
      return { kind: 'error', text: `${what}: Rejected by the venue: ${detail}`, headline: 'Rejected by the venue', detail, subject: what, ...(code ? { code } : {}) };
    }
    case 'STAGED':
      return { kind: 'info', text: `${what}: Staged, waiting for your approval in the Approvals tab` };
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
