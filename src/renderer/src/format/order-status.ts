import type { OrderStatus, Order } from '../../../shared';

/**
 * How an order's status reads on screen (DESIGN.md vocabulary): STAGED "Staged"; SUBMITTED,
 * ACCEPTED and PARTIALLY_FILLED "Pending" with fill progress; FILLED "Filled"; the other terminal
 * states by name. `tone` picks the colour class so each state is distinct at a glance.
 */
export type StatusTone = 'staged' | 'pending' | 'held' | 'filled' | 'canceled' | 'rejected' | 'denied' | 'expired' | 'new';

/** A status label and its colour tone. */
export interface StatusDisplay {
  readonly label: string;
  readonly tone: StatusTone;
}

/** Statuses shown as a pending order with "(filled/quantity)" progress. */
const PENDING_STATUSES: ReadonlySet<OrderStatus> = new Set(['SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED']);

/**
 * The label and tone for an order. Needs the fill progress, so it takes the order's status,
 * filled quantity and total quantity (shares). `held`: the IB venue holds this SUBMITTED order until
 * the gateway is connected and reconciled (TerminalStatus.gateway.heldOrders): shown as "Held".
 */
export function orderStatusDisplay(order: Pick<Order, 'status' | 'filledQty' | 'quantity'>, held = false): StatusDisplay {
  const progress = `(${order.filledQty}/${order.quantity})`;
  // Submitted by Floor but held by the IB venue until the gateway is connected and reconciled.
  if (held && order.status === 'SUBMITTED') return { label: 'Held', tone: 'held' };
  if (PENDING_STATUSES.has(order.status)) return { label: `Pending ${progress}`, tone: 'pending' };
  switch (order.status) {
    case 'INITIALIZED':
      return { label: 'New', tone: 'new' };
    case 'STAGED':
      return { label: 'Staged', tone: 'staged' };
    case 'FILLED':
      return { label: 'Filled', tone: 'filled' };
    case 'PENDING_CANCEL':
      return { label: `Canceling ${progress}`, tone: 'pending' };
    case 'PENDING_UPDATE':
      return { label: `Modifying ${progress}`, tone: 'pending' };
    case 'CANCELED':
      return { label: 'Canceled', tone: 'canceled' };
    case 'REJECTED':
      return { label: 'Rejected', tone: 'rejected' };
    case 'DENIED':
      return { label: 'Denied', tone: 'denied' };
    case 'EXPIRED':
      return { label: 'Expired', tone: 'expired' };
    default:
      return { label: order.status, tone: 'pending' };
  }
}

/** Statuses in which an order rests at the venue and is drawn on the ladder (can still fill). */
const WORKING_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'SUBMITTED',
  'ACCEPTED',
  'PARTIALLY_FILLED',
  'PENDING_UPDATE',
  'PENDING_CANCEL',
]);

/** True when the order is working at the venue (SUBMITTED, ACCEPTED, PARTIALLY_FILLED or PENDING_*). */
export function isWorking(status: OrderStatus): boolean {
  return WORKING_STATUSES.has(status);
}

/** True when a cancel request makes sense: working and not already being canceled. */
export function isCancelable(status: OrderStatus): boolean {
  return isWorking(status) && status !== 'PENDING_CANCEL';
}
