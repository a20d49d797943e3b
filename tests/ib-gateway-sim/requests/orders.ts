import type { BrokerEvent } from '../broker';
import * as req from '../messages/in-requests';
import { currentTime, execDetailsEnd, managedAccounts, nextValidId, openOrderEnd } from '../messages/out-basic';
import { completedOrder, completedOrdersEnd } from '../messages/out-completed';
import { commissionReport, execDetails } from '../messages/out-execution';
import { openOrder, orderStatus } from '../messages/out-order';
import { REQ } from '../protocol';
import type { RequestHandler, SessionIo } from '../session-io';
import { parseFilterTime } from '../time-format';

/**
 * Orders, executions and ids for one session: placeOrder, cancelOrder, reqGlobalCancel, the three
 * open-order requests, reqCompletedOrders, reqExecutions, reqIds, reqManagedAccts, reqCurrentTime;
 * and the broker's order messages for this session's client id.
 */
export class OrderRequests implements RequestHandler {
  constructor(private readonly io: SessionIo) {}

  handle(id: number, fields: string[]): boolean {
    const { io } = this;
    const broker = io.host.broker;
    const sv = io.serverVersion;
    switch (id) {
      case REQ.REQ_IDS:
        io.send(nextValidId(broker.nextValidId()));
        return true;
      case REQ.REQ_MANAGED_ACCTS:
        io.send(managedAccounts(broker.accounts));
        return true;
      case REQ.REQ_CURRENT_TIME:
        io.send(currentTime(io.host.now() / 1000));
        return true;
      case REQ.PLACE_ORDER:
        broker.placeOrder(io.clientId, req.parsePlaceOrder(fields, sv));
        return true;
      case REQ.CANCEL_ORDER:
        broker.cancelOrder(io.clientId, req.parseCancelOrder(fields, sv).orderId);
        return true;
      case REQ.REQ_GLOBAL_CANCEL:
        broker.globalCancel();
        return true;
      case REQ.REQ_OPEN_ORDERS:
      case REQ.REQ_AUTO_OPEN_ORDERS:
      case REQ.REQ_ALL_OPEN_ORDERS:
        // reqAutoOpenOrders (client 0 binding manual TWS orders) has nothing extra to bind here: it lists this client's orders.
        for (const order of broker.workingOrders(id === REQ.REQ_ALL_OPEN_ORDERS ? undefined : io.clientId)) {
          io.send(openOrder(order, sv));
          io.send(orderStatus(order, sv));
        }
        io.send(openOrderEnd());
        return true;
      case REQ.REQ_COMPLETED_ORDERS:
        for (const order of broker.completedOrders()) io.send(completedOrder(order, sv));
        io.send(completedOrdersEnd());
        return true;
      case REQ.REQ_EXECUTIONS:
        this.replayExecutions(req.parseReqExecutions(fields));
        return true;
      default:
        return false;
    }
  }

  /** The broker's order messages and errors for this session's client id. */
  onBrokerEvent(event: BrokerEvent): void {
    const { io } = this;
    const sv = io.serverVersion;
    switch (event.kind) {
      case 'openOrder':
        if (event.order.clientId === io.clientId) io.send(openOrder(event.order, sv));
        return;
      case 'orderStatus':
        if (event.order.clientId === io.clientId) io.send(orderStatus(event.order, sv));
        return;
      case 'execution':
        if (event.execution.clientId === io.clientId) {
          io.send(execDetails(-1, event.execution, sv));
          io.send(commissionReport(event.execution));
        }
        return;
      case 'error':
        if (event.clientId === io.clientId) io.sendError(event.id, event.code, event.message, event.advancedOrderRejectJson ?? '');
        return;
      case 'position':
        return;
    }
  }

  private replayExecutions(filter: req.ReqExecutions): void {
    const since = parseFilterTime(filter.time);
    const side = filter.side.toUpperCase();
    for (const e of this.io.host.broker.executions()) {
      if (filter.clientId !== 0 && e.clientId !== filter.clientId) continue;
      if (filter.acctCode !== '' && e.account !== filter.acctCode) continue;
      if (filter.symbol !== '' && e.contract.symbol !== filter.symbol.toUpperCase()) continue;
      if (side !== '' && !((side === 'BUY' && e.side === 'BOT') || (side === 'SELL' && e.side === 'SLD'))) continue;
      if (since !== undefined && e.epochMs < since) continue;
      this.io.send(execDetails(filter.reqId, e, this.io.serverVersion));
      this.io.send(commissionReport(e));
    }
    this.io.send(execDetailsEnd(filter.reqId));
  }
}
