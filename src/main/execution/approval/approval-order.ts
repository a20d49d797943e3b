import type { Order } from '../../../shared';

/**
 * Priority of two STAGED orders in the approval queue: the higher signal score first (an order
 * without a score ranks below every scored one), then the older first (a stale idea should be
 * decided before it expires), then by ClientOrderId so the order is total and stable.
 * @returns negative when `a` comes first, positive when `b` does.
 */
export function compareApprovalPriority(a: Order, b: Order): number {
  const scoreA = a.signal?.score ?? Number.NEGATIVE_INFINITY;
  const scoreB = b.signal?.score ?? Number.NEGATIVE_INFINITY;
  if (scoreA !== scoreB) return scoreA > scoreB ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.clientOrderId < b.clientOrderId ? -1 : a.clientOrderId > b.clientOrderId ? 1 : 0;
}

/** The STAGED orders among `orders`, in approval priority (compareApprovalPriority). */
export function approvalQueue(orders: Iterable<Order>): Order[] {
  const staged: Order[] = [];
  for (const order of orders) if (order.status === 'STAGED') staged.push(order);
  return staged.sort(compareApprovalPriority);
}
