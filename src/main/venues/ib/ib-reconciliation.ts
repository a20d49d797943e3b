import { messageOf, type ClientOrderId, type InstrumentId } from '../../../shared';
import { venueReason as reason } from '../venue';
import type { ContractCache } from './contract-cache';
import type { PendingExecution } from './fill-assembler';
import { requestGatewaySnapshot, type GatewayOrder } from './gateway-snapshot';
import type { IbSession } from './ib-session';
import type { IbTrackedOrders } from './ib-tracked-orders';
import type { RequestIdSequence } from './order-ids';

/** What reconciling a new session needs from IbVenue. */
export interface ReconcileContext {
  readonly session: IbSession;
  /** `host:port` of the gateway of this session. */
  readonly gateway: string;
  readonly instruments: readonly InstrumentId[];
  readonly contracts: ContractCache;
  readonly requestIds: RequestIdSequence;
  /** How long each request may take, ms. */
  readonly timeoutMs: number;
  readonly tracked: IbTrackedOrders;
  /** Executions still waiting for their commission report. */
  readonly waitingFills: () => readonly PendingExecution[];
  /** Applies IB's status of an order (acknowledge, cancel). */
  readonly settle: (clientOrderId: ClientOrderId, status: string, permId: number | undefined) => void;
  readonly log: (line: string) => void;
}

/**
 * Reconciles Floor's orders with a gateway after every connect, before any order goes out on it:
 * the instruments' contracts (one IB cannot resolve is logged, not fatal: that would reconnect
 * forever; its orders are rejected when placed), then reqAllOpenOrders, reqCompletedOrders and
 * reqExecutions (all of today's; executions are de-duplicated by execId, so a superset is safe).
 *
 * - An order the gateway lists (open or completed): its IB id remembered, its status applied.
 * - An order Floor sent that the gateway lists nowhere and never acknowledged, with no execution:
 *   it never reached IB, so it is rejected (NOT_RECEIVED_BY_GATEWAY) and never resent on its own,
 *   so nothing is ever sent twice.
 * - An acknowledged order the gateway does not list: left working, logged, until IB reports it.
 */
export async function reconcileOrders(context: ReconcileContext): Promise<void> {
  const { session, gateway, tracked } = context;
  await Promise.all(
    context.instruments.map((id) =>
      context.contracts.resolve(session, id, context.timeoutMs).catch((error: unknown) => context.log(`contract ${id}: ${messageOf(error)}`)),
    ),
  );
  const snapshot = await requestGatewaySnapshot(session, context.requestIds, context.timeoutMs);
  const listed = new Map<string, GatewayOrder>();
  for (const order of [...snapshot.completedOrders, ...snapshot.openOrders]) if (order.orderRef) listed.set(order.orderRef, order);
  for (const [clientOrderId, order] of tracked.entries()) {
    if (order.done || !order.sent) continue;
    const seen = listed.get(clientOrderId);
    if (seen !== undefined) {
      if (seen.orderId > 0) tracked.remember(clientOrderId, gateway, seen.orderId);
      context.settle(clientOrderId, seen.status, seen.permId);
    } else if (!order.acknowledged && order.filled === 0 && !context.waitingFills().some((f) => f.clientOrderId === clientOrderId)) {
      tracked.reject(clientOrderId, reason('NOT_RECEIVED_BY_GATEWAY', `the gateway at ${gateway} has no record of this order (not open, not completed, no executions): it never reached IB. Floor does not resend it on its own; enter it again if you still want it`));
    } else if (order.acknowledged) {
      context.log(`order ${clientOrderId} is not listed by the gateway at ${gateway}; it stays working in Floor until IB reports it`);
    }
  }
}
