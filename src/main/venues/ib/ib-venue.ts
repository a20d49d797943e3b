import type { Order as IbOrder } from '@stoqey/ib';
import { messageOf, Emitter, type Clock, type ClientOrderId, type ConnectionState, type Event, type GatewayStatus, type InstrumentId, type Order, type OrderModification, type OrderReason, type TradeId } from '../../../shared';
import { VENUE_REQUEST_CODES, venueReason as reason, type Venue, type VenueOrderEvent } from '../venue';
import { VenueEvents } from '../venue-events';
import { IbAccountSummary } from './account-summary';
import { ContractCache } from './contract-cache';
import { FillAssembler } from './fill-assembler';
import { IbConnection, type IbConnectionOptions, type IbConnectionStatus } from './ib-connection';
import type { IbOrderMap } from './ib-order-map';
import { ibOrderFor, UnsupportedIbOrderError } from './ib-order-mapping';
import { IbOrderListener } from './ib-order-listener';
import { reconcileOrders } from './ib-reconciliation';
import { endpointName, type GatewayEndpoint, type IbSession } from './ib-session';
import { IbTrackedOrders, type IbOrderIds } from './ib-tracked-orders';
import { OrderIdSequence, RequestIdSequence } from './order-ids';
import type { IbTimers } from './timers';

/** What Floor does with an order entered while the gateway is not CONNECTED. */
export type WhileDisconnected = 'HOLD' | 'DENY';

/** Options of IbVenue. */
export interface IbVenueOptions extends Pick<IbConnectionOptions, 'primary' | 'standby' | 'mode' | 'ports' | 'allowedHosts' | 'heartbeat' | 'random'> {
  /** HOLD (default): keep the order, visibly held, and send it once reconciled. DENY: reject it at once. */
  readonly whileDisconnected: () => WhileDisconnected;
  /** The persisted (clientId, orderId, orderRef, permId) mapping (on the ledger's connection, so `prepareSubmit` joins the engine's transaction). */
  readonly orderMap: IbOrderMap;
  /** Instruments whose contracts are resolved on connect. */
  readonly instruments: readonly InstrumentId[];
  /** Floor's clock for event times and mapping rows, Unix µs. */
  readonly clock: Clock;
  readonly timers: IbTimers;
  /** How long reconciliation and contract requests may take, ms (default 10 s). */
  readonly requestTimeoutMs?: number;
  /** How often IB's account summary is asked again while connected, ms (default 10 s; IbAccountSummary). */
  readonly accountRefreshMs?: number;
  readonly log?: (line: string) => void;
}

/**
 * Interactive Brokers as a Venue, through a local IB Gateway or TWS (IbConnection: heartbeat,
 * reconnect, standby failover, paper/live agreement).
 *
 * - Orders go out only while CONNECTED (reconciled). Otherwise, per `whileDisconnected`, they are
 *   HELD (listed by `heldOrders()`, sent in arrival order once the next session is reconciled) or
 *   rejected with GATEWAY_NOT_CONNECTED: never queued inside the client, which would send them later
 *   with stale ids. Cancels asked for meanwhile wait and go out right after the next reconciliation.
 * - Ids: OrderIdSequence (seeded with the highest id ever persisted, moved past every nextValidId);
 *   our ClientOrderId as orderRef. `prepareSubmit`, inside the engine's transaction that records
 *   OrderSubmitted, takes the order id and writes its mapping row, so the submission and the id it
 *   goes out with commit together (one commit per order); `submit` then sends placeOrder.
 * - Modify: placeOrder again on the same order id (IB's way), confirmed as OrderUpdated once IB echoes
 *   the order with the new values; refused (the order unchanged) as OrderModifyRejected.
 * - openOrder acknowledges (OrderAccepted, VenueOrderId = permId); orderStatus Cancelled and code 202
 *   cancel; 201 / 103 / 110 / 203 / 434 reject; execDetails + commissionReport fill (FillAssembler,
 *   once per execId). Every other code leaves orders untouched (ib-codes.ts).
 * - A cancel or modify of an order IB does not have from us, or that is done, is answered at once
 *   (UNKNOWN_ORDER / ORDER_NOT_OPEN), as every venue does.
 * - Reconciliation after each connect (ib-reconciliation.ts). IB's own view of the account
 *   (IbAccountSummary) rides on the same connection, in `gatewayStatus().account`.
 */
export class IbVenue implements Venue {
  readonly venueId = 'IB';
  readonly connection: IbConnection;
  /** IB's own view of the account (summary and positions) on the same connection: `gatewayStatus().account`. */
  readonly accountSummary: IbAccountSummary;
  private readonly emitter = new Emitter<VenueOrderEvent>();
  private readonly connectionEmitter = new Emitter<ConnectionState>();
  private readonly tracked: IbTrackedOrders;
  private readonly events: VenueEvents;
  /** cancelAll was asked for while the gateway was not connected: reqGlobalCancel after the next reconciliation. */
  private pendingGlobalCancel = false;
  /** Ids taken and mapped by prepareSubmit, waiting for the submit that follows the commit. */
  private readonly prepared = new Map<ClientOrderId, IbOrderIds>();
  private readonly requestIds = new RequestIdSequence();
  /** The instruments' IB contracts, resolved once; shared with the market feed on this connection. */
  readonly contracts = new ContractCache(this.requestIds);
  private readonly ids: OrderIdSequence;
  private readonly fills: FillAssembler;
  private readonly listener: IbOrderListener;
  private account: string | undefined;

  /** Events for our orders. */
  readonly onEvent: Event<VenueOrderEvent> = this.emitter.event;
  /** After the gateway connection's phase changed. */
  readonly onDidChangeConnection: Event<ConnectionState> = this.connectionEmitter.event;

  /**
   * @param bookedTradeIds executions already booked by the engine (restart), never reported again.
   * @throws GatewayHostRefusedError when a configured host is not loopback or allowed.
   */
  constructor(
    private readonly options: IbVenueOptions,
    bookedTradeIds: Iterable<TradeId> = [],
  ) {
    this.events = new VenueEvents(options.clock);
    this.tracked = new IbTrackedOrders(this.events, (event) => this.emitter.fire(event), options.clock);
    this.ids = new OrderIdSequence(options.orderMap.maxOrderId(options.primary.clientId));
    this.fills = new FillAssembler(({ executedAt, clientOrderId, ...execution }) => {
      const tracked = this.tracked.get(clientOrderId);
      if (tracked === undefined || tracked.done) return;
      tracked.filled += execution.lastQty;
      if (tracked.filled >= tracked.order.quantity) tracked.done = true;
      // The fill's venue time is IB's execution time (one booked at a reconnect keeps when it happened), never after now.
      this.emitter.fire(this.events.filled(clientOrderId, execution, Math.min(executedAt ?? Infinity, this.options.clock.now())));
    }, bookedTradeIds);
    this.listener = new IbOrderListener({ tracked: this.tracked, fills: this.fills, orderMap: options.orderMap, skipOrderId: (id) => this.ids.skipPast(id), log: (line) => this.log(line) });
    this.connection = new IbConnection({
      primary: options.primary,
      standby: options.standby,
      mode: options.mode,
      ...(options.ports === undefined ? {} : { ports: options.ports }),
      ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
      heartbeat: options.heartbeat,
      timers: options.timers,
      isOrderId: (id) => !RequestIdSequence.isRequestId(id),
      onSession: (session, endpoint) => this.listener.listen(session, endpoint),
      reconcile: (session, ready, endpoint) => this.reconcile(session, ready.nextValidId, ready.accounts, endpoint),
      ...(options.random === undefined ? {} : { random: options.random }),
    });
    this.connection.onDidChangeStatus(() => this.connectionEmitter.fire(this.connectionState()));
    this.accountSummary = new IbAccountSummary({
      connection: this.connection,
      clock: options.clock,
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
    return [...this.tracked.held];
  }

  /**
   * Takes over the orders Floor still considers working after a restart (their mapping rows say
   * which IB ids they had; one without a row never went out and is held); the next reconciliation
   * settles them against the gateway.
   */
  restore(orders: readonly Order[]): void {
    for (const order of orders) {
      const mapping = this.options.orderMap.byOrderRef(order.clientOrderId);
      this.tracked.track(order, { acknowledged: order.venueOrderId !== null, filled: order.filledQty, sent: mapping !== undefined });
      if (mapping !== undefined) this.tracked.remember(order.clientOrderId, mapping.gateway, mapping.orderId);
      else this.tracked.held.push(order.clientOrderId);
    }
  }

  /**
   * Inside the engine's transaction: takes the order id and writes the mapping row when the order
   * can go out now (connected, contract known); otherwise `submit` holds or places it later.
   */
  prepareSubmit(order: Order): void {
    const endpoint = this.connection.endpoint;
    if (!this.connection.acceptsOrders() || endpoint === undefined || this.contracts.get(order.instrumentId) === undefined) return;
    const orderId = this.ids.next();
    const gateway = endpointName(endpoint);
    this.options.orderMap.insert({ clientOrderId: order.clientOrderId, gateway, clientId: endpoint.clientId, orderId, permId: null, createdAt: this.options.clock.now() });
    this.prepared.set(order.clientOrderId, { gateway, orderId });
  }

  /** Hands an order to IB now, or holds / denies it while not connected (see the class note). */
  submit(order: Order): void {
    const tracked = this.tracked.track(order, { acknowledged: false, filled: 0, sent: false });
    const prepared = this.prepared.get(order.clientOrderId);
    this.prepared.delete(order.clientOrderId);
    if (!this.connection.acceptsOrders()) {
      if (this.options.whileDisconnected() === 'DENY') {
        this.tracked.reject(order.clientOrderId, reason('GATEWAY_NOT_CONNECTED', `the IB gateway is ${this.phase()}; the order was not sent (Settings > Gateway: while disconnected = deny)`));
      } else {
        this.tracked.held.push(order.clientOrderId);
        this.log(`order ${order.clientOrderId} held: the IB gateway is ${this.connection.connectionStatus().phase}`);
      }
      return;
    }
    if (prepared !== undefined && prepared.gateway === this.gatewayName()) {
      this.tracked.remember(order.clientOrderId, prepared.gateway, prepared.orderId);
      tracked.sent = true;
      this.sendOrder(prepared.orderId, order);
      return;
    }
    this.place(order);
  }

  /** Places `changes` on the same IB order id; OrderUpdated when IB shows them, OrderModifyRejected otherwise. */
  modify(clientOrderId: ClientOrderId, changes: OrderModification): void {
    const tracked = this.tracked.get(clientOrderId);
    if (tracked === undefined || tracked.done) return this.tracked.refuseModification(clientOrderId, this.notWorking(clientOrderId, tracked !== undefined));
    const ids = this.tracked.idsFor(clientOrderId);
    if (!this.connection.acceptsOrders() || ids === undefined || ids.gateway !== this.gatewayName()) {
      return this.tracked.refuseModification(clientOrderId, reason('GATEWAY_NOT_CONNECTED', `the IB gateway is ${this.phase()} or does not list this order under an id Floor knows; the order is unchanged`));
    }
    this.sendOrder(ids.orderId, this.tracked.modifying(tracked, changes));
  }

  /**
   * Cancels a working order. A held one is dropped at once; while the gateway is not connected the
   * cancel waits (the order stays PENDING_CANCEL in Floor) and goes out right after the next
   * reconciliation, unless IB reports the order finished first.
   */
  cancel(clientOrderId: ClientOrderId): void {
    const tracked = this.tracked.get(clientOrderId);
    if (tracked === undefined || tracked.done) return this.tracked.refuseCancel(clientOrderId, this.notWorking(clientOrderId, tracked !== undefined));
    if (this.tracked.unhold(clientOrderId)) return this.tracked.cancel(clientOrderId, reason('CANCELED_WHILE_HELD', 'canceled while held; it was never sent to IB'));
    if (!this.connection.acceptsOrders()) {
      this.tracked.pendingCancels.add(clientOrderId);
      this.log(`cancel of ${clientOrderId} waits: the IB gateway is ${this.connection.connectionStatus().phase}`);
      return;
    }
    this.sendCancel(clientOrderId);
  }

  /** IB's reqGlobalCancel (every open order of the account, whoever placed it) and every held order; while the gateway is away the global cancel waits for the next reconciliation. */
  cancelAll(): void {
    for (const clientOrderId of [...this.tracked.held]) this.cancel(clientOrderId);
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
    this.connectionEmitter.dispose();
  }

  private sendCancel(clientOrderId: ClientOrderId): void {
    const ids = this.tracked.idsFor(clientOrderId);
    const session = this.connection.session;
    if (ids === undefined || session === undefined || ids.gateway !== this.gatewayName()) {
      this.tracked.refuseCancel(clientOrderId, reason('NOT_AT_THIS_GATEWAY', 'the gateway in use does not list this order under an id Floor knows; it may still be working at IB: cancel it in TWS or retry after the next reconciliation'));
      return;
    }
    session.send((api) => api.cancelOrder(ids.orderId));
  }

  /** Places an order that was not prepared (held, or its contract was unknown): id, mapping row (its own commit), placeOrder. */
  private place(order: Order): void {
    const session = this.connection.session;
    const endpoint = this.connection.endpoint;
    const tracked = this.tracked.get(order.clientOrderId);
    if (tracked === undefined || tracked.done) return;
    if (session === undefined || endpoint === undefined || this.account === undefined) {
      // The session went away between the check and here: the order waits for the next one.
      if (!this.tracked.held.includes(order.clientOrderId)) this.tracked.held.push(order.clientOrderId);
      return;
    }
    if (this.contracts.get(order.instrumentId) === undefined) {
      this.contracts.resolve(session, order.instrumentId, this.timeoutMs()).then(
        () => this.place(order),
        (error: unknown) => this.tracked.reject(order.clientOrderId, reason('UNKNOWN_CONTRACT', messageOf(error))),
      );
      return;
    }
    const orderId = this.ids.next();
    const gateway = endpointName(endpoint);
    // The mapping row first: a crash after placeOrder must still know which id the order went out with.
    this.options.orderMap.insert({ clientOrderId: order.clientOrderId, gateway, clientId: endpoint.clientId, orderId, permId: null, createdAt: this.options.clock.now() });
    this.tracked.remember(order.clientOrderId, gateway, orderId);
    tracked.sent = true;
    this.sendOrder(orderId, order);
  }

  /** placeOrder(orderId, contract, order) on the session; a type IB does not take is rejected (a modification refused). */
  private sendOrder(orderId: number, order: Order): void {
    const session = this.connection.session;
    const contract = this.contracts.get(order.instrumentId);
    const modifying = this.tracked.get(order.clientOrderId)?.modifying === order;
    let ibOrder: IbOrder;
    try {
      if (session === undefined || contract === undefined || this.account === undefined) throw new UnsupportedIbOrderError('the gateway session went away before the order could be sent');
      ibOrder = ibOrderFor(order, this.account);
    } catch (error) {
      if (!(error instanceof UnsupportedIbOrderError)) throw error;
      const why = reason('UNSUPPORTED_ORDER', error.message);
      return modifying ? this.tracked.refuseModification(order.clientOrderId, why) : this.tracked.reject(order.clientOrderId, why);
    }
    session!.send((api) => api.placeOrder(orderId, contract!, ibOrder));
  }

  private async reconcile(session: IbSession, nextValidId: number, accounts: readonly string[], endpoint: GatewayEndpoint): Promise<void> {
    this.ids.reset();
    this.ids.onNextValidId(nextValidId);
    this.account = accounts[0];
    await reconcileOrders({
      session,
      gateway: endpointName(endpoint),
      instruments: this.options.instruments,
      contracts: this.contracts,
      requestIds: this.requestIds,
      timeoutMs: this.timeoutMs(),
      tracked: this.tracked,
      waitingFills: () => this.fills.waiting(),
      settle: (clientOrderId, status, permId) => this.listener.settle(clientOrderId, status, permId),
      log: (line) => this.log(line),
    });
    if (this.pendingGlobalCancel) {
      this.pendingGlobalCancel = false;
      session.send((api) => api.reqGlobalCancel());
    }
    for (const clientOrderId of [...this.tracked.pendingCancels]) {
      this.tracked.pendingCancels.delete(clientOrderId);
      if (this.tracked.get(clientOrderId)?.done === false) this.sendCancel(clientOrderId);
    }
    for (const clientOrderId of this.tracked.held.splice(0)) {
      const tracked = this.tracked.get(clientOrderId);
      if (tracked !== undefined && !tracked.done) this.place(tracked.order);
    }
  }

  /** Why a cancel or modify cannot act: an order IB never had from us, or one that is done. */
  private notWorking(clientOrderId: ClientOrderId, known: boolean): OrderReason {
    return known
      ? reason(VENUE_REQUEST_CODES.ORDER_NOT_OPEN, `order ${clientOrderId} is no longer working at IB: it is filled, canceled or was rejected`)
      : reason(VENUE_REQUEST_CODES.UNKNOWN_ORDER, `IB has no order ${clientOrderId} from Floor`);
  }

  private gatewayName(): string | undefined {
    const endpoint = this.connection.endpoint;
    return endpoint === undefined ? undefined : endpointName(endpoint);
  }

  private phase(): string {
    return this.connection.connectionStatus().phase.toLowerCase();
  }

  private timeoutMs(): number {
    return this.options.requestTimeoutMs ?? 10_000;
  }

  private log(line: string): void {
    this.options.log?.(`ib: ${line}`);
  }
}
