import { EventName, OrderStatus, type CommissionReport, type Contract, type Execution, type Order, type OrderState } from '@stoqey/ib';
import { Emitter, type ClientOrderId, type ConnectionState, type Event, type GatewayStatus, type InstrumentId, type OrderReason, type TradeId, type UnixMicros } from '../../../shared';
import type { Venue, VenueEvent, VenueOrder } from '../venue';
import { IbAccountSummary } from './account-summary';
import { ContractCache } from './contract-cache';
import { FillAssembler } from './fill-assembler';
import { requestGatewaySnapshot, type GatewayOrder } from './gateway-snapshot';
import { IbConnection, type IbConnectionOptions, type IbConnectionStatus } from './ib-connection';
import type { IbOrderMap } from './ib-order-map';
import { fromIbPrice, ibOrderFor, liquiditySideOf, UnsupportedIbOrderError } from './ib-order-mapping';
import { executionTime } from './ib-time';
import { endpointName, type GatewayEndpoint, type IbSession, type SessionCode } from './ib-session';
import { OrderIdSequence, RequestIdSequence } from './order-ids';
import type { IbTimers } from './timers';

/** What Floor does with an order entered while the gateway is not CONNECTED. */
export type WhileDisconnected = 'HOLD' | 'DENY';

/** Options of IbVenue. */
export interface IbVenueOptions extends Pick<IbConnectionOptions, 'primary' | 'standby' | 'mode' | 'ports' | 'allowedHosts' | 'heartbeat' | 'random'> {
  /** HOLD (default): keep the order, visibly held, and send it once reconciled. DENY: reject it at once. */
  readonly whileDisconnected: () => WhileDisconnected;
  /** The persisted (clientId, orderId, orderRef, permId) mapping. */
  readonly orderMap: IbOrderMap;
  /** Instruments whose contracts are resolved on connect. */
  readonly instruments: readonly InstrumentId[];
  /** Floor's clock for event times and mapping rows, Unix µs. */
  readonly now: () => UnixMicros;
  readonly timers: IbTimers;
  /** How long reconciliation and contract requests may take, ms (default 10 s). */
  readonly requestTimeoutMs?: number;
  /** How often IB's account summary is asked again while connected, ms (default 10 s; IbAccountSummary). */
  readonly accountRefreshMs?: number;
  readonly log?: (line: string) => void;
}

/** An order Floor has handed to this venue. */
interface TrackedOrder {
  readonly order: VenueOrder;
  /** Acknowledged by IB (openOrder seen): later openOrders are not reported again. */
  acknowledged: boolean;
  /** Reported canceled, rejected or fully filled: nothing more is reported. */
  done: boolean;
  /** Shares reported filled. */
  filled: number;
  /** Sent to a gateway at least once (it has an IB order id). */
  sent: boolean;
}

/** An order Floor restores after a restart: what it is and what the ledger knows of it. */
export interface IbRestoreEntry {
  readonly order: VenueOrder;
  /** Acknowledged before the restart (the ledger recorded OrderAccepted). */
  readonly acknowledged: boolean;
  /** Shares already booked. */
  readonly filledQty: number;
}

const reason = (code: string, message: string): OrderReason => ({ code, message });

/**
 * Interactive Brokers as a Venue, through a local IB Gateway or TWS (IbConnection: heartbeat,
 * reconnect, standby failover, paper/live agreement).
 *
 * - Cancels asked for while not connected wait and go out right after the next reconciliation.
 * - Orders go out only while CONNECTED (reconciled). Otherwise, per `whileDisconnected`, they are
 *   HELD (listed by `heldOrders()`, sent in arrival order once the next session is reconciled) or
 *   rejected with GATEWAY_NOT_CONNECTED: never queued inside the client, which would send them later
 *   with stale ids.
 * - Each order gets an id from OrderIdSequence (seeded with the highest id ever persisted, and moved
 *   past every nextValidId), our ClientOrderId as orderRef, and its mapping row before placeOrder.
 * - openOrder acknowledges (`accepted`, VenueOrderId = permId); orderStatus Cancelled and code 202
 *   cancel; 201 / 103 / 110 / 203 / 434 reject; execDetails + commissionReport fill (FillAssembler,
 *   once per execId). Every other code leaves orders untouched (ib-codes.ts).
 * - Reconciliation after each connect: reqAllOpenOrders, reqCompletedOrders, reqExecutions
 *   (positions come with IbAccountSummary once connected); executions missed during an outage are booked; orders the gateway finished
 *   meanwhile are reported; an order Floor sent that the gateway lists nowhere and never
 *   acknowledged is rejected (NOT_RECEIVED_BY_GATEWAY), never resent on its own, so nothing is sent twice.
 * - IB's own view of the account (IbAccountSummary: summary values and positions, refreshed while
 *   connected) rides on the same connection and is reported in `gatewayStatus().account`.
 */
export class IbVenue implements Venue {
  readonly venueId = 'IB';
  readonly connection: IbConnection;
  /** IB's own view of the account (summary and positions) on the same connection: `gatewayStatus().account`. */
  readonly accountSummary: IbAccountSummary;
  private readonly emitter = new Emitter<VenueEvent>();
  private readonly orders = new Map<ClientOrderId, TrackedOrder>();
  private readonly held: ClientOrderId[] = [];
  /** Cancels asked for while the gateway was not connected, sent after the next reconciliation. */
  private readonly pendingCancels = new Set<ClientOrderId>();
  /** cancelAll was asked for while the gateway was not connected: reqGlobalCancel after the next reconciliation. */
  private pendingGlobalCancel = false;
  /** `${gateway}|${orderId}` -> our order, for the session in use (ids differ per gateway). */
  private readonly byGatewayOrderId = new Map<string, ClientOrderId>();
  private readonly orderIdOf = new Map<ClientOrderId, { readonly gateway: string; readonly orderId: number }>();
  private readonly requestIds = new RequestIdSequence();
  /** The instruments' IB contracts, resolved once; shared with the market feed on this connection. */
  readonly contracts = new ContractCache(this.requestIds);
  private readonly ids: OrderIdSequence;
  private readonly fills: FillAssembler;
  private account: string | undefined;

  /** Venue events for our orders. */
  readonly onEvent: Event<VenueEvent> = this.emitter.event;

  /**
   * @param bookedTradeIds executions already booked by the engine (restart), never reported again.
   * @throws GatewayHostRefusedError when a configured host is not loopback or allowed.
   */
  constructor(
    private readonly options: IbVenueOptions,
    bookedTradeIds: Iterable<TradeId> = [],
  ) {
    this.ids = new OrderIdSequence(options.orderMap.maxOrderId(options.primary.clientId));
    this.fills = new FillAssembler(({ executedAt, ...fill }) => {
      const tracked = this.orders.get(fill.clientOrderId);
      if (tracked === undefined || tracked.done) return;
      tracked.filled += fill.lastQty;
      if (tracked.filled >= tracked.order.quantity) tracked.done = true;
      // The fill's venue time is IB's execution time (one booked at a reconnect keeps when it happened), never after now.
      this.emit({ type: 'filled', ...fill, tsEvent: Math.min(executedAt ?? Infinity, this.options.now()) });
    }, bookedTradeIds);
    this.connection = new IbConnection({
      primary: options.primary,
      standby: options.standby,
      mode: options.mode,
      ...(options.ports === undefined ? {} : { ports: options.ports }),
      ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
      heartbeat: options.heartbeat,
      timers: options.timers,
      isOrderId: (id) => !RequestIdSequence.isRequestId(id),
      onSession: (session, endpoint) => this.listen(session, endpoint),
      reconcile: (session, ready, endpoint) => this.reconcile(session, ready.nextValidId, ready.accounts, endpoint),
      ...(options.random === undefined ? {} : { random: options.random }),
    });
    this.accountSummary = new IbAccountSummary({
      connection: this.connection,
      now: options.now,
      timers: options.timers,
      ...(options.accountRefreshMs === undefined ? {} : { refreshMs: options.accountRefreshMs }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
  }

  /** Connects (to the primary gateway first) and follows IB's account summary. */
  start(): void {
    this.accountSummary.start();
    this.connection.start();
  }

  /** The venue's connection state in the terminal's three-state vocabulary. */
  connectionState(): ConnectionState {
    const { phase } = this.connection.connectionStatus();
    if (phase === 'CONNECTED') return 'CONNECTED';
    if (phase === 'STOPPED' || phase === 'REFUSED') return 'DISCONNECTED';
    return 'CONNECTING';
  }

  /** The connection's full status (phase, gateway, farms, reason). */
  connectionStatus(): IbConnectionStatus {
    return this.connection.connectionStatus();
  }

  /** The connection's status with the held orders and IB's account snapshot: what the header and the account strip show (TerminalStatus.gateway). */
  gatewayStatus(): GatewayStatus {
    const status = this.connection.connectionStatus();
    return { ...status, brokenFarms: [...status.brokenFarms], accounts: [...status.accounts], heldOrders: this.heldOrders(), account: this.accountSummary.snapshot() };
  }

  /** Orders held until the gateway is connected and reconciled, oldest first. */
  heldOrders(): ClientOrderId[] {
    return [...this.held];
  }

  /**
   * Takes over the orders Floor still considers working after a restart (their mapping rows say
   * which IB ids they had); the next reconciliation settles them against the gateway.
   */
  restore(entries: readonly IbRestoreEntry[]): void {
    for (const entry of entries) {
      const mapping = this.options.orderMap.byOrderRef(entry.order.clientOrderId);
      this.orders.set(entry.order.clientOrderId, { order: entry.order, acknowledged: entry.acknowledged, done: false, filled: entry.filledQty, sent: mapping !== undefined });
      if (mapping !== undefined) this.remember(entry.order.clientOrderId, mapping.gateway, mapping.orderId);
      else this.held.push(entry.order.clientOrderId);
    }
  }

  /** Hands an order to IB now, or holds / denies it while not connected (see the class note). */
  submit(order: VenueOrder): void {
    if (this.orders.has(order.clientOrderId)) throw new Error(`IbVenue: order ${order.clientOrderId} was submitted already`);
    this.orders.set(order.clientOrderId, { order, acknowledged: false, done: false, filled: 0, sent: false });
    if (!this.connection.acceptsOrders()) {
      if (this.options.whileDisconnected() === 'DENY') {
        this.reject(order.clientOrderId, reason('GATEWAY_NOT_CONNECTED', `the IB gateway is ${this.connection.connectionStatus().phase.toLowerCase()}; the order was not sent (Settings > Gateway: while disconnected = deny)`));
      } else {
        this.held.push(order.clientOrderId);
        this.log(`order ${order.clientOrderId} held: the IB gateway is ${this.connection.connectionStatus().phase}`);
      }
      return;
    }
    this.place(order);
  }

  /**
   * Cancels a working order. A held one is dropped at once; while the gateway is not connected the
   * cancel waits (the order stays PENDING_CANCEL in Floor) and goes out right after the next
   * reconciliation, unless IB reports the order finished first.
   */
  cancel(clientOrderId: ClientOrderId): void {
    const tracked = this.orders.get(clientOrderId);
    if (tracked === undefined || tracked.done) return;
    const heldAt = this.held.indexOf(clientOrderId);
    if (heldAt >= 0) {
      this.held.splice(heldAt, 1);
      tracked.done = true;
      this.emit({ type: 'canceled', clientOrderId, reason: reason('CANCELED_WHILE_HELD', 'canceled while held; it was never sent to IB'), tsEvent: this.options.now() });
      return;
    }
    if (!this.connection.acceptsOrders()) {
      this.pendingCancels.add(clientOrderId);
      this.log(`cancel of ${clientOrderId} waits: the IB gateway is ${this.connection.connectionStatus().phase}`);
      return;
    }
    this.sendCancel(clientOrderId);
  }

  private sendCancel(clientOrderId: ClientOrderId): void {
    const ids = this.orderIdOf.get(clientOrderId);
    const session = this.connection.session;
    const endpoint = this.connection.endpoint;
    if (ids === undefined || session === undefined || endpoint === undefined || ids.gateway !== endpointName(endpoint)) {
      this.emit({
        type: 'cancelRejected',
        clientOrderId,
        reason: reason('NOT_AT_THIS_GATEWAY', `the gateway in use does not list this order under an id Floor knows; it may still be working at IB: cancel it in TWS or retry after the next reconciliation`),
        tsEvent: this.options.now(),
      });
      return;
    }
    session.send((api) => api.cancelOrder(ids.orderId));
  }

  /** IB's reqGlobalCancel (every open order of the account, whoever placed it) and every held order; while the gateway is away the global cancel waits for the next reconciliation. */
  cancelAll(): void {
    for (const clientOrderId of [...this.held]) this.cancel(clientOrderId);
    if (this.connection.acceptsOrders()) {
      this.connection.session?.send((api) => api.reqGlobalCancel());
    } else {
      // A kill switch or breaker trip while the gateway is away: the global cancel goes out first
      // thing after the next reconciliation, before anything else is sent.
      this.pendingGlobalCancel = true;
      this.log('global cancel waits: the IB gateway is not connected');
    }
  }

  /** Closes the connection and drops listeners. */
  dispose(): void {
    this.accountSummary.dispose();
    this.connection.stop();
    this.emitter.dispose();
  }

  private place(order: VenueOrder): void {
    const session = this.connection.session;
    const endpoint = this.connection.endpoint;
    const tracked = this.orders.get(order.clientOrderId);
    if (tracked === undefined || tracked.done) return;
    if (session === undefined || endpoint === undefined || this.account === undefined) {
      // The session went away between the check and here: the order waits for the next one.
      if (!this.held.includes(order.clientOrderId)) this.held.push(order.clientOrderId);
      return;
    }
    const contract = this.contracts.get(order.instrumentId);
    if (contract === undefined) {
      this.contracts.resolve(session, order.instrumentId, this.timeoutMs()).then(
        () => this.place(order),
        (error: unknown) => this.reject(order.clientOrderId, reason('UNKNOWN_CONTRACT', error instanceof Error ? error.message : String(error))),
      );
      return;
    }
    let ibOrder: Order;
    try {
      ibOrder = ibOrderFor(order, this.account);
    } catch (error) {
      if (error instanceof UnsupportedIbOrderError) return this.reject(order.clientOrderId, reason('UNSUPPORTED_ORDER', error.message));
      throw error;
    }
    const orderId = this.ids.next();
    const gateway = endpointName(endpoint);
    // The mapping row first: a crash after placeOrder must still know which id the order went out with.
    this.options.orderMap.insert({ clientOrderId: order.clientOrderId, gateway, clientId: endpoint.clientId, orderId, permId: null, createdAt: this.options.now() });
    this.remember(order.clientOrderId, gateway, orderId);
    tracked.sent = true;
    session.send((api) => api.placeOrder(orderId, contract, ibOrder));
  }

  private listen(session: IbSession, endpoint: GatewayEndpoint): void {
    const gateway = endpointName(endpoint);
    session.on(EventName.openOrder, ((orderId: number, _contract: Contract, order: Order, state: OrderState) => this.onOpenOrder(gateway, orderId, order, state)) as never);
    session.on(EventName.orderStatus, ((orderId: number, status: string) => this.onOrderStatus(gateway, orderId, status)) as never);
    session.on(EventName.execDetails, ((_reqId: number, _contract: Contract, execution: Execution) => this.onExecution(execution, session)) as never);
    session.on(EventName.commissionReport, ((report: CommissionReport) => {
      if (report.execId !== undefined && report.commission !== undefined && Number.isFinite(report.commission)) this.fills.commission(report.execId, fromIbPrice(Math.abs(report.commission)));
    }) as never);
    session.onCode((code) => this.onCode(gateway, code));
  }

  private async reconcile(session: IbSession, nextValidId: number, accounts: readonly string[], endpoint: GatewayEndpoint): Promise<void> {
    this.ids.reset();
    this.ids.onNextValidId(nextValidId);
    this.account = accounts[0];
    const timeoutMs = this.timeoutMs();
    // A contract IB cannot resolve must not stop the connection (that would reconnect forever):
    // it is logged here, and orders in it are rejected with IB's reason when they are placed.
    await Promise.all(
      this.options.instruments.map((id) =>
        this.contracts.resolve(session, id, timeoutMs).catch((error: unknown) => this.log(`contract ${id}: ${error instanceof Error ? error.message : String(error)}`)),
      ),
    );
    const snapshot = await requestGatewaySnapshot(session, this.requestIds, timeoutMs);
    const gateway = endpointName(endpoint);
    const listed = new Map<string, GatewayOrder>();
    for (const order of [...snapshot.completedOrders, ...snapshot.openOrders]) if (order.orderRef) listed.set(order.orderRef, order);
    for (const [clientOrderId, tracked] of this.orders) {
      if (tracked.done || !tracked.sent) continue;
      const seen = listed.get(clientOrderId);
      if (seen !== undefined) {
        if (seen.orderId > 0) this.remember(clientOrderId, gateway, seen.orderId);
        this.settle(clientOrderId, seen.status, seen.permId);
      } else if (!tracked.acknowledged && tracked.filled === 0 && !this.fills.waiting().some((f) => f.clientOrderId === clientOrderId)) {
        this.reject(clientOrderId, reason('NOT_RECEIVED_BY_GATEWAY', `the gateway at ${gateway} has no record of this order (not open, not completed, no executions): it never reached IB. Floor does not resend it on its own; enter it again if you still want it`));
      } else if (tracked.acknowledged) {
        this.log(`order ${clientOrderId} is not listed by the gateway at ${gateway}; it stays working in Floor until IB reports it`);
      }
    }
    if (this.pendingGlobalCancel) {
      this.pendingGlobalCancel = false;
      session.send((api) => api.reqGlobalCancel());
    }
    for (const clientOrderId of [...this.pendingCancels]) {
      this.pendingCancels.delete(clientOrderId);
      if (this.orders.get(clientOrderId)?.done === false) this.sendCancel(clientOrderId);
    }
    for (const clientOrderId of this.held.splice(0)) {
      const tracked = this.orders.get(clientOrderId);
      if (tracked !== undefined && !tracked.done) this.place(tracked.order);
    }
  }

  private onOpenOrder(gateway: string, orderId: number, order: Order, state: OrderState): void {
    const clientOrderId = order.orderRef;
    if (clientOrderId === undefined || !this.orders.has(clientOrderId)) return;
    if (orderId > 0) this.remember(clientOrderId, gateway, orderId);
    this.settle(clientOrderId, String(state.status ?? ''), order.permId);
  }

  private onOrderStatus(gateway: string, orderId: number, status: string): void {
    const clientOrderId = this.byGatewayOrderId.get(`${gateway}|${orderId}`);
    if (clientOrderId !== undefined) this.settle(clientOrderId, status, undefined);
  }

  /** Applies what IB says of an order's status: acknowledges a live one, reports a cancel once. */
  private settle(clientOrderId: ClientOrderId, status: string, permId: number | undefined): void {
    const tracked = this.orders.get(clientOrderId);
    if (tracked === undefined || tracked.done) return;
    if (permId !== undefined && permId > 0) this.options.orderMap.setPermId(clientOrderId, permId);
    const live = status !== OrderStatus.Cancelled && status !== OrderStatus.ApiCancelled && status !== OrderStatus.Inactive;
    if (!tracked.acknowledged && live && permId !== undefined && permId > 0) {
      tracked.acknowledged = true;
      this.emit({ type: 'accepted', clientOrderId, venueOrderId: String(permId), tsEvent: this.options.now() });
    }
    if (status === OrderStatus.Cancelled || status === OrderStatus.ApiCancelled) {
      tracked.done = true;
      this.emit({ type: 'canceled', clientOrderId, tsEvent: this.options.now() });
    }
  }

  private onExecution(execution: Execution, session: IbSession): void {
    const clientOrderId = execution.orderRef;
    if (clientOrderId === undefined || !this.orders.has(clientOrderId) || execution.execId === undefined) return;
    const shares = execution.shares ?? 0;
    if (!(shares > 0) || execution.price === undefined) return;
    const executedAt = executionTime(execution, session.gatewayUtcOffsetMinutes, (line) => this.log(line));
    this.fills.execution({
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
    const clientOrderId = this.byGatewayOrderId.get(`${gateway}|${code.id}`);
    const { action } = code.info;
    if (clientOrderId === undefined) {
      if (code.info.severity !== 'INFO') this.log(`IB ${code.info.code} (${action}) on ${gateway}: ${code.message}`);
      return;
    }
    const why = reason(`IB_${code.info.code}`, code.message);
    if (action === 'ORDER_REJECTED' || action === 'DUPLICATE_ORDER_ID') {
      if (action === 'DUPLICATE_ORDER_ID') this.ids.skipPast(code.id);
      this.reject(clientOrderId, why);
    } else if (action === 'ORDER_CANCELED') {
      const tracked = this.orders.get(clientOrderId);
      if (tracked !== undefined && !tracked.done) {
        tracked.done = true;
        this.emit({ type: 'canceled', clientOrderId, reason: why, tsEvent: this.options.now() });
      }
    } else if (action === 'CANCEL_REJECTED') {
      this.emit({ type: 'cancelRejected', clientOrderId, reason: why, tsEvent: this.options.now() });
    } else {
      this.log(`IB ${code.info.code} about order ${clientOrderId}: ${code.message} (the order is unchanged)`);
    }
  }

  private reject(clientOrderId: ClientOrderId, why: OrderReason): void {
    const tracked = this.orders.get(clientOrderId);
    if (tracked === undefined || tracked.done) return;
    tracked.done = true;
    this.emit({ type: 'rejected', clientOrderId, reason: why, tsEvent: this.options.now() });
  }

  private remember(clientOrderId: ClientOrderId, gateway: string, orderId: number): void {
    this.orderIdOf.set(clientOrderId, { gateway, orderId });
    this.byGatewayOrderId.set(`${gateway}|${orderId}`, clientOrderId);
  }

  private emit(event: VenueEvent): void {
    this.emitter.fire(event);
  }

  private timeoutMs(): number {
    return this.options.requestTimeoutMs ?? 10_000;
  }

  private log(line: string): void {
    this.options.log?.(`ib: ${line}`);
  }
}
