import { formatPrice, OPEN_ORDER_STATUSES, TERMINAL_ORDER_STATUSES, type ClientOrderId, type Order } from '../../../../shared';
import type { RpcClient } from '../../rpc';
import type { TerminalStore } from '../../state';

/** "FABCD-3 BUY 100 GOOG @ 585.33 (working)": one order in the mode dialogs. */
export function orderLine(order: Order): string {
  const price = order.limitPrice === null ? 'at market' : `@ ${formatPrice(order.limitPrice)}`;
  return `${order.clientOrderId} ${order.side} ${order.quantity - order.filledQty} ${order.instrumentId} ${price} (${order.status === 'STAGED' ? 'staged' : 'working'})`;
}

/** The orders still working at the venue or staged, oldest first. */
export function workingOrStaged(orders: ReadonlyMap<ClientOrderId, Order>): Order[] {
  return [...orders.values()].filter((o) => OPEN_ORDER_STATUSES.has(o.status) || o.status === 'STAGED').sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Resolves true once every order of `ids` is finished in the store (filled, canceled, rejected,
 * denied or expired), false when `timeoutMs` passed first: a cancel at IB is confirmed by its push.
 */
export function untilFinished(store: TerminalStore, ids: readonly ClientOrderId[], timeoutMs: number): Promise<boolean> {
  const done = () => ids.every((id) => {
    const order = store.getState().orders.get(id);
    return order !== undefined && TERMINAL_ORDER_STATUSES.has(order.status);
  });
  if (done()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(false);
    }, timeoutMs);
    const unsubscribe = store.subscribe(() => {
      if (!done()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(true);
    });
  });
}

/** Cancels each order: a staged one is rejected (never sent), a working one canceled at its venue. @throws the first refusal. */
export async function cancelOrders(client: RpcClient, orders: readonly Order[]): Promise<void> {
  for (const order of orders) {
    if (order.status === 'STAGED') await client.call('approvals.reject', { clientOrderId: order.clientOrderId });
    else await client.call('orders.cancel', { clientOrderId: order.clientOrderId });
  }
}
