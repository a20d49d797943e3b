import type { ClientOrderId, Disposable, Event } from '../../src/shared';
import { Emitter, microsToDollars } from '../../src/shared';
import type { MarketFeed } from '../../src/main/marketdata';
import { FixedCommissionModel, PaperVenue, type CommissionModel } from '../../src/main/venues/paper';
import type { VenueOrderEvent } from '../../src/main/venues/venue';
import { matchesContract, simContract, type SimContract } from './contract';
import type { SimExecution } from './messages/out-execution';
import type { PlaceOrder } from './messages/in-requests';
import { orderProblem, venueOrderFor, type InjectedReject } from './order-checks';
import { avgCostDollars, PositionBook, type SimPosition } from './positions';
import { CODE } from './protocol';
import { avgFillPrice, isWorking, type SimOrder } from './sim-order';
import { formatExecutionTime, formatNyDate, type ExecutionTimeForm } from './time-format';

export type { InjectedReject } from './order-checks';

/** Paper accounts start with "DU" (community convention), live ones with "U". */
export type GatewayMode = 'paper' | 'live';

/** How to build the broker behind the simulated gateway. */
export interface GatewayBrokerOptions {
  /** The replayed market of the one instrument traded (the broker subscribes; the owner starts it). */
  readonly feed: MarketFeed;
  /** "paper" (accounts DU...) or "live" (accounts U...); default paper. */
  readonly mode?: GatewayMode;
  /** Account ids to report; default one per mode: DU1234567 or U1234567. */
  readonly accounts?: readonly string[];
  /** Commission of fills; default IBKR Fixed. */
  readonly commission?: CommissionModel;
  /** First nextValidId; default 1. */
  readonly firstOrderId?: number;
  /** First permId; default 1_000_001. */
  readonly firstPermId?: number;
  /**
   * The gateway's clock, epoch ms (default Date.now): execution and completion times are stamped
   * with it, as currentTime is, so a client reads one consistent clock (the replayed book's own
   * times stay inside the paper exchange).
   */
  readonly now?: () => number;
  /** How execution times are written (default 'zoned', as current gateways write them). */
  readonly executionTimes?: ExecutionTimeForm;
}

/** What the broker tells sessions. Order messages go to the session whose clientId placed the order. */
export type BrokerEvent =
  | { readonly kind: 'openOrder'; readonly order: SimOrder }
  | { readonly kind: 'orderStatus'; readonly order: SimOrder }
  | { readonly kind: 'execution'; readonly execution: SimExecution }
  /** An account's position or cash changed (after a fill). */
  | { readonly kind: 'position'; readonly account: string }
  | { readonly kind: 'error'; readonly clientId: number; readonly id: number; readonly code: number; readonly message: string; readonly advancedOrderRejectJson?: string };

/** One account in IB's terms, dollars (floats at the boundary) and shares. */
export interface AccountValues {
  readonly quantity: number;
  /** Cost per share of the open position, commissions included. */
  readonly avgCost: number;
  /** Mark price: the book's mid. */
  readonly markPrice: number;
  readonly marketValue: number;
  readonly unrealizedPnl: number;
  readonly realizedPnl: number;
  readonly cash: number;
  readonly netLiquidation: number;
  readonly grossPositionValue: number;
}


/**
 * The account side of the simulated gateway, shared by every client session and surviving
 * simulated gateway restarts: orders by (clientId, orderId) and permId, executions, the next valid
 * order id, and the paper venue (PaperExchange over the replayed book) that fills the orders.
 * Prices cross this boundary as IB floats (dollars) and are converted to micro-dollars for the
 * exchange (dollarsToMicros, nearest micro-dollar).
 */
export class GatewayBroker implements Disposable {
  readonly contract: SimContract;
  readonly accounts: readonly string[];
  readonly mode: GatewayMode;
  readonly feed: MarketFeed;
  private readonly emitter = new Emitter<BrokerEvent>();
  /** Broker events, delivered synchronously in the order they arise. */
  readonly onEvent: Event<BrokerEvent> = this.emitter.event;
  private readonly venue: PaperVenue;
  private readonly subscription: Disposable;
  /** Orders by `${clientId}:${orderId}`; a restart forgets finished ones (ids may be reused after it). */
  private readonly byKey = new Map<string, SimOrder>();
  private readonly byClientOrderId = new Map<ClientOrderId, SimOrder>();
  /** Every order ever placed, in order. */
  private readonly all: SimOrder[] = [];
  private readonly executionLog: SimExecution[] = [];
  private readonly positions = new PositionBook();
  private nextId: number;
  private nextPermId: number;
  private execSeq = 0;
  private submissions = 0;
  private armedReject: InjectedReject | undefined;
  private readonly now: () => number;
  private readonly executionTimes: ExecutionTimeForm;
  /** Exchange ids being canceled as part of a modification: their `canceled` event is not the client's business. */
  private readonly replacing = new Set<ClientOrderId>();

  constructor(options: GatewayBrokerOptions) {
    this.feed = options.feed;
    this.mode = options.mode ?? 'paper';
    this.accounts = options.accounts ?? [this.mode === 'paper' ? 'DU1234567' : 'U1234567'];
    this.contract = simContract(options.feed.instrument, formatNyDate(options.feed.toUnixMicros(options.feed.status().sessionStart) / 1000));
    this.nextId = options.firstOrderId ?? 1;
    this.nextPermId = options.firstPermId ?? 1_000_001;
    this.now = options.now ?? Date.now;
    this.executionTimes = options.executionTimes ?? 'zoned';
    this.venue = new PaperVenue({ feeds: [options.feed], commission: options.commission ?? new FixedCommissionModel(), runId: 'IBSIM' });
    this.subscription = this.venue.onEvent((event) => this.onVenueEvent(event));
  }

  /** The order id nextValidId announces: at least one above every id in use. */
  nextValidId(): number {
    return this.nextId;
  }

  /**
   * Simulates a gateway restart's order-id amnesia (Lean IB brokerage #242): nextValidId becomes
   * `orderId`, and finished orders are forgotten by (clientId, orderId) so their ids can be reused.
   * permIds, executions and working orders are kept.
   */
  rollBackNextValidId(orderId: number): void {
    this.nextId = orderId;
    for (const [key, order] of this.byKey) if (!isWorking(order)) this.byKey.delete(key);
  }

  /** Arms a rejection for the next placeOrder (fault injection). */
  rejectNextOrder(reject: InjectedReject): void {
    this.armedReject = reject;
  }

  /** Orders of `clientId` (all clients when undefined) still working. */
  workingOrders(clientId?: number): SimOrder[] {
    return this.all.filter((o) => isWorking(o) && (clientId === undefined || o.clientId === clientId));
  }

  /** The account's position and cash (exact units). */
  position(account: string): SimPosition {
    return this.positions.position(account);
  }

  /** Accounts that have traded, in first-trade order. */
  tradedAccounts(): string[] {
    return this.positions.accounts();
  }

  /**
   * The account as IB's account summary / account updates describe it, dollars: cash, the position
   * marked at the book's mid (else the last fill, else its cost), and what follows from them.
   */
  accountValues(account: string): AccountValues {
    const p = this.positions.position(account);
    const mid = this.feed.book.mid();
    const lastFill = [...this.executionLog].reverse().find((e) => e.account === account)?.price;
    const markPrice = mid !== null ? microsToDollars(mid) : (lastFill ?? avgCostDollars(p));
    const marketValue = p.quantity * markPrice;
    const cash = microsToDollars(p.cashMicros);
    const costSigned = microsToDollars(p.quantity >= 0 ? p.costMicros : -p.costMicros);
    return {
      quantity: p.quantity,
      avgCost: avgCostDollars(p),
      markPrice,
      marketValue,
      unrealizedPnl: marketValue - costSigned,
      realizedPnl: microsToDollars(p.realizedMicros),
      cash,
      netLiquidation: cash + marketValue,
      grossPositionValue: Math.abs(marketValue),
    };
  }

  /** Orders that reached Filled, Cancelled or Inactive, in the order they were placed (all clients, as IB's reqCompletedOrders). */
  completedOrders(): SimOrder[] {
    return this.all.filter((o) => o.completedAtMs !== undefined);
  }

  /** Executions so far, oldest first. */
  executions(): readonly SimExecution[] {
    return this.executionLog;
  }

  /**
   * Handles placeOrder from session `clientId`: checks it, records it, and hands it to the paper
   * venue, which answers synchronously (openOrder + orderStatus, fills, or an error 201).
   */
  placeOrder(clientId: number, req: PlaceOrder): void {
    const key = `${clientId}:${req.orderId}`;
    const existing = this.byKey.get(key);
    if (existing) {
      if (isWorking(existing)) this.modifyOrder(existing, req);
      else this.error(clientId, req.orderId, CODE.DUPLICATE_ORDER_ID, `Duplicate order id ${req.orderId}.`);
      return;
    }
    if (!matchesContract(req.contract, this.contract)) {
      this.error(clientId, req.orderId, CODE.NO_SECURITY_DEFINITION, 'No security definition has been found for the request');
      return;
    }
    this.nextId = Math.max(this.nextId, req.orderId + 1);
    const order: SimOrder = {
      orderId: req.orderId,
      clientId,
      permId: this.nextPermId++,
      clientOrderId: this.newClientOrderId(clientId, req.orderId),
      contract: this.contract,
      action: req.action === 'SELL' ? 'SELL' : 'BUY',
      totalQuantity: req.totalQuantity,
      orderType: req.orderType,
      lmtPrice: req.lmtPrice,
      auxPrice: req.auxPrice,
      tif: req.tif || 'DAY',
      account: req.account || this.accounts[0]!,
      orderRef: req.orderRef,
      status: 'PendingSubmit',
      filled: 0,
      filledNotionalMicros: 0,
      lastFillPrice: 0,
    };
    this.byKey.set(key, order);
    this.all.push(order);
    this.byClientOrderId.set(order.clientOrderId, order);

    const problem = this.armedReject ?? orderProblem(req);
    this.armedReject = undefined;
    if (problem) {
      order.status = 'Inactive';
      order.completedAtMs = this.now();
      this.error(clientId, req.orderId, problem.code, problem.message, problem.advancedOrderRejectJson);
      return;
    }
    this.venue.submit(venueOrderFor(order, req, this.contract.instrument.instrumentId, req.totalQuantity));
  }

  /**
   * IB's modify (placeOrder on a working order id): new quantity, prices, type or tif; side and
   * contract must stay. At the paper exchange it is a cancel and a new order for the unfilled
   * rest, so the order loses its queue position (as a price change or size increase does at
   * Nasdaq). The client sees openOrder + orderStatus with the new values; orderId and permId stay.
   * A modification the simulator refuses (error 201) leaves the order unchanged; one the exchange
   * rejects (e.g. the replayed session has closed) ends the order (Inactive + 201), since the old
   * order was already canceled there. The new exchange order counts its own commission minimum.
   */
  private modifyOrder(order: SimOrder, req: PlaceOrder): void {
    const reject = (message: string): void => this.error(order.clientId, order.orderId, CODE.ORDER_REJECTED, `Order rejected - reason:${message}`);
    if (!matchesContract(req.contract, this.contract)) return reject('A modification cannot change the contract.');
    if (req.action !== order.action) return reject(`A modification cannot change the side (${order.action} to ${req.action}).`);
    const problem = orderProblem(req);
    if (problem) return reject(problem.message.replace(/^Order rejected - reason:/, ''));
    if (req.totalQuantity <= order.filled) return reject(`The new quantity ${req.totalQuantity} is not above the ${order.filled} shares already filled.`);
    const old = order.clientOrderId;
    this.replacing.add(old);
    this.venue.cancel(old);
    this.replacing.delete(old);
    this.byClientOrderId.delete(old);
    order.clientOrderId = this.newClientOrderId(order.clientId, order.orderId);
    order.totalQuantity = req.totalQuantity;
    order.orderType = req.orderType;
    order.lmtPrice = req.lmtPrice;
    order.auxPrice = req.auxPrice;
    order.tif = req.tif || 'DAY';
    this.byClientOrderId.set(order.clientOrderId, order);
    this.venue.submit(venueOrderFor(order, req, this.contract.instrument.instrumentId, req.totalQuantity - order.filled));
  }

  private newClientOrderId(clientId: number, orderId: number): ClientOrderId {
    return `IB-${clientId}-${orderId}-${++this.submissions}`;
  }


  /** cancelOrder from session `clientId`: orderStatus Cancelled + error 202, or error 10147 / 161. */
  cancelOrder(clientId: number, orderId: number): void {
    const order = this.byKey.get(`${clientId}:${orderId}`);
    if (!order) {
      this.error(clientId, orderId, CODE.CANCEL_ORDER_NOT_FOUND, `OrderId ${orderId} that needs to be cancelled is not found.`);
      return;
    }
    if (!isWorking(order)) {
      this.error(clientId, orderId, CODE.CANCEL_NOT_CANCELLABLE, `Cancel attempted when order is not in a cancellable state.  Order permId = ${order.permId}`);
      return;
    }
    this.venue.cancel(order.clientOrderId);
  }

  /** reqGlobalCancel: cancels every working order of every client. */
  globalCancel(): void {
    this.venue.cancelAll();
  }

  dispose(): void {
    this.subscription.dispose();
    this.venue.dispose();
    this.emitter.dispose();
  }


  private onVenueEvent(event: VenueOrderEvent): void {
    if (this.replacing.has(event.clientOrderId)) return;
    const order = this.byClientOrderId.get(event.clientOrderId);
    if (!order) return;
    switch (event.type) {
      case 'OrderAccepted':
        // IB holds stop orders as PreSubmitted until they trigger; the first fill shows it as Submitted/Filled.
        order.status = order.orderType === 'STP' || order.orderType === 'STP LMT' ? 'PreSubmitted' : 'Submitted';
        this.emitter.fire({ kind: 'openOrder', order });
        this.emitter.fire({ kind: 'orderStatus', order });
        return;
      case 'OrderRejected':
        order.status = 'Inactive';
        order.completedAtMs = this.now();
        this.error(order.clientId, order.orderId, CODE.ORDER_REJECTED, `Order rejected - reason:${event.reason.message}`);
        return;
      case 'OrderFilled': {
        order.filled += event.lastQty;
        order.filledNotionalMicros += event.lastPx * event.lastQty;
        order.lastFillPrice = microsToDollars(event.lastPx);
        const epochMs = this.now();
        const effect = this.positions.apply(order.account, order.action, event.lastQty, event.lastPx, event.commission);
        const execution: SimExecution = {
          execId: `0000${this.contract.conId.toString(16).padStart(4, '0').slice(-4)}.${(++this.execSeq).toString(16).padStart(8, '0')}.01.01`,
          orderId: order.orderId,
          clientId: order.clientId,
          permId: order.permId,
          contract: this.contract,
          time: formatExecutionTime(epochMs, this.executionTimes),
          account: order.account,
          exchange: this.contract.primaryExch,
          side: order.action === 'BUY' ? 'BOT' : 'SLD',
          shares: event.lastQty,
          price: microsToDollars(event.lastPx),
          cumQty: order.filled,
          avgPrice: avgFillPrice(order),
          orderRef: order.orderRef,
          lastLiquidity: event.liquiditySide === 'MAKER' ? 1 : 2,
          commission: microsToDollars(event.commission),
          ...(effect.realizedMicros !== undefined ? { realizedPnl: microsToDollars(effect.realizedMicros) } : {}),
          epochMs,
        };
        this.executionLog.push(execution);
        this.emitter.fire({ kind: 'execution', execution });
        if (order.status === 'PreSubmitted') order.status = 'Submitted';
        if (order.filled >= order.totalQuantity) {
          order.status = 'Filled';
          order.completedAtMs = epochMs;
          this.emitter.fire({ kind: 'openOrder', order });
        }
        this.emitter.fire({ kind: 'orderStatus', order });
        this.emitter.fire({ kind: 'position', account: order.account });
        return;
      }
      case 'OrderCanceled':
      case 'OrderExpired': {
        const wasKnown = order.status !== 'PendingSubmit';
        order.status = 'Cancelled';
        order.completedAtMs = this.now();
        if (wasKnown) this.emitter.fire({ kind: 'openOrder', order });
        this.emitter.fire({ kind: 'orderStatus', order });
        const why = event.type === 'OrderCanceled' && event.reason ? event.reason.message : 'expired at the end of the session';
        this.error(order.clientId, order.orderId, CODE.ORDER_CANCELED, `Order Canceled - reason:${why}`);
        return;
      }
      case 'OrderCancelRejected':
        this.error(order.clientId, order.orderId, CODE.CANCEL_NOT_CANCELLABLE, `Cancel attempted when order is not in a cancellable state.  Order permId = ${order.permId}`);
        return;
    }
  }

  private error(clientId: number, id: number, code: number, message: string, advancedOrderRejectJson?: string): void {
    this.emitter.fire({ kind: 'error', clientId, id, code, message, ...(advancedOrderRejectJson !== undefined ? { advancedOrderRejectJson } : {}) });
  }
}
