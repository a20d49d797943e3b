import { EventName, OrderStatus, type CommissionReport, type Contract, type Execution, type Order as IbOrder, type OrderState as IbOrderState } from '@stoqey/ib';
import { dollarsToMicros, type ClientOrderId } from '../../../shared';
import { venueReason as reason } from '../venue';
import type { FillAssembler } from './fill-assembler';
import type { IbOrderMap } from './ib-order-map';
import { fromIbPrice, liquiditySideOf } from './ib-order-mapping';
import { endpointName, type GatewayEndpoint, type IbSession, type SessionCode } from './ib-session';
import { executionTime } from './ib-time';
import type { IbTrackedOrders } from './ib-tracked-orders';

/** What the listener acts on. */
export interface IbOrderListenerOptions {
  readonly tracked: IbTrackedOrders;
  readonly fills: FillAssembler;
  readonly orderMap: IbOrderMap;
  /** IB said an order id is in use (103): the sequence moves past it. */
  readonly skipOrderId: (orderId: number) => void;
  readonly log: (line: string) => void;
}

/**
 * What IbVenue hears about its orders on a session, turned into reports: openOrder acknowledges
 * (and confirms a modification once IB shows its values), orderStatus Cancelled cancels, execDetails
 * with its commissionReport fills (FillAssembler, once per execId), and IB's codes (ib-codes.ts):
 * reject, cancel, cancel refused, a modification refused; anything else leaves the order untouched.
 */
export class IbOrderListener {
  constructor(private readonly options: IbOrderListenerOptions) {}

  /** Subscribes to `session`'s order messages (called for every new session). */
  listen(session: IbSession, endpoint: GatewayEndpoint): void {
    const gateway = endpointName(endpoint);
    session.on(EventName.openOrder, ((orderId: number, _contract: Contract, order: IbOrder, state: IbOrderState) => this.onOpenOrder(gateway, orderId, order, state)) as never);
    session.on(EventName.orderStatus, ((orderId: number, status: string) => this.onOrderStatus(gateway, orderId, status)) as never);
    session.on(EventName.execDetails, ((_reqId: number, _contract: Contract, execution: Execution) => this.onExecution(execution, session)) as never);
    session.on(EventName.commissionReport, ((report: CommissionReport) => {
      if (report.execId !== undefined && report.commission !== undefined && Number.isFinite(report.commission)) this.options.fills.commission(report.execId, dollarsToMicros(Math.abs(report.commission)));
    }) as never);
    session.onCode((code) => this.onCode(gateway, code));
  }

  /** Applies what IB says of an order's status: acknowledges a live one, reports a cancel once. */
  settle(clientOrderId: ClientOrderId, status: string, permId: number | undefined): void {
    const tracked = this.options.tracked.get(clientOrderId);
    if (tracked === undefined || tracked.done) return;
    if (permId !== undefined && permId > 0) this.options.orderMap.setPermId(clientOrderId, permId);
    const live = status !== OrderStatus.Cancelled && status !== OrderStatus.ApiCancelled && status !== OrderStatus.Inactive;
    if (live && permId !== undefined && permId > 0) this.options.tracked.accept(tracked, permId);
    if (status === OrderStatus.Cancelled || status === OrderStatus.ApiCancelled) this.options.tracked.cancel(clientOrderId, undefined);
  }

  private onOpenOrder(gateway: string, orderId: number, order: IbOrder, state: IbOrderState): void {
    const clientOrderId = order.orderRef;
    const tracked = clientOrderId === undefined ? undefined : this.options.tracked.get(clientOrderId);
    if (clientOrderId === undefined || tracked === undefined) return;
    if (orderId > 0) this.options.tracked.remember(clientOrderId, gateway, orderId);
    this.settle(clientOrderId, String(state.status ?? ''), order.permId);
    const pending = tracked.modifying;
    if (pending !== null && !tracked.done && order.totalQuantity === pending.quantity && samePrice(order.lmtPrice, pending.limitPrice) && samePrice(order.auxPrice, pending.stopPrice)) {
      this.options.tracked.confirmModification(tracked);
    }
  }

  private onOrderStatus(gateway: string, orderId: number, status: string): void {
    const clientOrderId = this.options.tracked.byOrderId(gateway, orderId);
    if (clientOrderId !== undefined) this.settle(clientOrderId, status, undefined);
  }

  private onExecution(execution: Execution, session: IbSession): void {
    const clientOrderId = execution.orderRef;
    if (clientOrderId === undefined || this.options.tracked.get(clientOrderId) === undefined || execution.execId === undefined) return;
    const shares = execution.shares ?? 0;
    if (!(shares > 0) || execution.price === undefined) return;
    const executedAt = executionTime(execution, session.gatewayUtcOffsetMinutes, (line) => this.options.log(line));
    this.options.fills.execution({
      ...(executedAt === undefined ? {} : { executedAt }),
      tradeId: execution.execId,
      clientOrderId,
      venueOrderId: String(execution.permId ?? 0),
      lastQty: shares,
      lastPx: fromIbPrice(execution.price),
      liquiditySide: liquiditySideOf(execution.lastLiquidity as number | undefined),
    });
  }

  private onCode(gateway: string, code: SessionCode): void {
    const clientOrderId = this.options.tracked.byOrderId(gateway, code.id);
    const { action } = code.info;
    if (clientOrderId === undefined) {
      if (code.info.severity !== 'INFO') this.options.log(`IB ${code.info.code} (${action}) on ${gateway}: ${code.message}`);
      return;
    }
    const why = reason(`IB_${code.info.code}`, code.message);
    const modifying = this.options.tracked.get(clientOrderId)?.modifying !== null && this.options.tracked.get(clientOrderId)?.modifying !== undefined;
    if (modifying && action === 'ORDER_REJECTED') {
      // IB refused the modification (201 on a placeOrder of a working id): the order works on as it was.
      this.options.tracked.refuseModification(clientOrderId, why);
    } else if (action === 'ORDER_REJECTED' || action === 'DUPLICATE_ORDER_ID') {
      if (action === 'DUPLICATE_ORDER_ID') this.options.skipOrderId(code.id);
      this.options.tracked.reject(clientOrderId, why);
    } else if (action === 'ORDER_CANCELED') {
      this.options.tracked.cancel(clientOrderId, why);
    } else if (action === 'CANCEL_REJECTED') {
      this.options.tracked.refuseCancel(clientOrderId, why);
    } else {
      this.options.log(`IB ${code.info.code} about order ${clientOrderId}: ${code.message} (the order is unchanged)`);
    }
  }

}

/** IB echoes prices as floats: equal to ours when both are absent (IB's unset double), or equal to the micro-dollar. */
function samePrice(ib: number | undefined, ours: number | null): boolean {
  if (ours === null) return ib === undefined || !Number.isFinite(ib) || ib === 0 || ib > 1e300;
  return ib !== undefined && Number.isFinite(ib) && fromIbPrice(ib) === ours;
}
