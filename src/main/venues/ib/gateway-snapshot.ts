import { EventName, type Contract, type Order as IbOrder, type OrderState as IbOrderState } from '@stoqey/ib';
import type { IbSession } from './ib-session';
import type { RequestIdSequence } from './order-ids';

/** One order as the gateway lists it. */
export interface GatewayOrder {
  /** The id the order has on this gateway session (0 for orders placed through another gateway or TWS). */
  readonly orderId: number;
  /** Our ClientOrderId, when the order is ours. */
  readonly orderRef: string | undefined;
  readonly permId: number | undefined;
  /** IB's status (Submitted, PreSubmitted, Filled, Cancelled, Inactive, ...). */
  readonly status: string;
}

/** What the gateway knows after a (re)connect, for reconciliation. */
export interface GatewaySnapshot {
  readonly openOrders: readonly GatewayOrder[];
  readonly completedOrders: readonly GatewayOrder[];
}

/**
 * Asks the gateway for everything reconciliation merges: reqAllOpenOrders (every client's working
 * orders), reqCompletedOrders (today's filled, cancelled and rejected) and reqExecutions (all of
 * today's executions; the venue's own execDetails listener books them, this only waits for
 * execDetailsEnd). Resolves once every list ended. IB's positions are asked for by
 * IbAccountSummary once the session is connected, and shown beside Floor's.
 * @rejects Error when the session closes or `timeoutMs` passes first.
 */
export function requestGatewaySnapshot(session: IbSession, requestIds: RequestIdSequence, timeoutMs: number): Promise<GatewaySnapshot> {
  return new Promise((resolve, reject) => {
    const openOrders: GatewayOrder[] = [];
    const completedOrders: GatewayOrder[] = [];
    const executionsReqId = requestIds.next();
    const pending = new Set(['openOrders', 'completedOrders', 'executions']);
    let settled = false;
    const done = (part: string): void => {
      pending.delete(part);
      if (pending.size === 0 && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ openOrders, completedOrders });
      }
    };
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(message));
    };
    const timer = setTimeout(() => fail(`the gateway did not finish answering ${[...pending].join(', ')} within ${timeoutMs} ms`), timeoutMs);
    session.onClosed(({ message }) => fail(`the gateway session closed during reconciliation: ${message}`));
    session.on(EventName.openOrder, ((orderId: number, _contract: Contract, order: IbOrder, state: IbOrderState) => {
      if (pending.has('openOrders')) openOrders.push({ orderId, orderRef: order.orderRef, permId: order.permId, status: String(state.status ?? '') });
    }) as never);
    session.on(EventName.openOrderEnd, (() => done('openOrders')) as never);
    session.on(EventName.completedOrder, ((_contract: Contract, order: IbOrder, state: IbOrderState) => {
      if (pending.has('completedOrders')) completedOrders.push({ orderId: order.orderId ?? 0, orderRef: order.orderRef, permId: order.permId, status: String(state.status ?? '') });
    }) as never);
    session.on(EventName.completedOrdersEnd, (() => done('completedOrders')) as never);
    session.on(EventName.execDetailsEnd, ((reqId: number) => {
      if (reqId === executionsReqId) done('executions');
    }) as never);
    session.send((api) => api.reqAllOpenOrders());
    session.send((api) => api.reqCompletedOrders(false));
    session.send((api) => api.reqExecutions(executionsReqId, {}));
  });
}
