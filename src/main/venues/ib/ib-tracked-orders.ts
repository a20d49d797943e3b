import type { ClientOrderId, Clock, Order, OrderModification, OrderReason } from '../../../shared';
import type { VenueOrderEvent } from '../venue';
import type { VenueEvents } from '../venue-events';

/** An order Floor has handed to IbVenue. */
export interface TrackedOrder {
  /** The order as it stands at IB (a confirmed modification replaces it). */
  order: Order;
  /** Acknowledged by IB (openOrder seen): later openOrders are not reported again. */
  acknowledged: boolean;
  /** Reported canceled, rejected or fully filled: nothing more is reported. */
  done: boolean;
  /** Shares reported filled. */
  filled: number;
  /** Sent to a gateway at least once (it has an IB order id). */
  sent: boolean;
  /** A modification placed at IB and not yet confirmed: the order as it will stand. */
  modifying: Order | null;
}

/** The (gateway, IB order id) an order was placed with, for the session in use. */
export interface IbOrderIds {
  readonly gateway: string;
  readonly orderId: number;
}

/**
 * IbVenue's memory of our orders: what each is, whether IB acknowledged or finished it, its IB ids
 * per gateway, the orders held while the gateway is away and the requests waiting for it. Every
 * report goes out through `emit` exactly once per fact (an order done reports nothing more).
 */
export class IbTrackedOrders {
  private readonly orders = new Map<ClientOrderId, TrackedOrder>();
  /** Held until the gateway is connected and reconciled, in arrival order. */
  readonly held: ClientOrderId[] = [];
  /** Cancels asked for while the gateway was not connected, sent after the next reconciliation. */
  readonly pendingCancels = new Set<ClientOrderId>();
  private readonly byGatewayOrderId = new Map<string, ClientOrderId>();
  private readonly idsOf = new Map<ClientOrderId, IbOrderIds>();

  constructor(
    private readonly events: VenueEvents,
    private readonly emit: (event: VenueOrderEvent) => void,
    private readonly clock: Clock,
  ) {}

  /** Starts tracking `order` (a new one, or one restored after a restart). */
  track(order: Order, state: Pick<TrackedOrder, 'acknowledged' | 'filled' | 'sent'>): TrackedOrder {
    if (this.orders.has(order.clientOrderId)) throw new Error(`IbVenue: order ${order.clientOrderId} was submitted already`);
    const tracked: TrackedOrder = { order, done: false, modifying: null, ...state };
    this.orders.set(order.clientOrderId, tracked);
    return tracked;
  }

  get(clientOrderId: ClientOrderId): TrackedOrder | undefined {
    return this.orders.get(clientOrderId);
  }

  /** Every tracked order, in the order they were handed over. */
  entries(): IterableIterator<[ClientOrderId, TrackedOrder]> {
    return this.orders.entries();
  }

  /** Remembers the IB order id `orderId` of `clientOrderId` on `gateway`. */
  remember(clientOrderId: ClientOrderId, gateway: string, orderId: number): void {
    this.idsOf.set(clientOrderId, { gateway, orderId });
    this.byGatewayOrderId.set(`${gateway}|${orderId}`, clientOrderId);
  }

  /** The IB ids `clientOrderId` was last placed with, or undefined. */
  idsFor(clientOrderId: ClientOrderId): IbOrderIds | undefined {
    return this.idsOf.get(clientOrderId);
  }

  /** Our order with IB order id `orderId` on `gateway`, or undefined. */
  byOrderId(gateway: string, orderId: number): ClientOrderId | undefined {
    return this.byGatewayOrderId.get(`${gateway}|${orderId}`);
  }

  /** Removes `clientOrderId` from the held list; true when it was held. */
  unhold(clientOrderId: ClientOrderId): boolean {
    const at = this.held.indexOf(clientOrderId);
    if (at < 0) return false;
    this.held.splice(at, 1);
    return true;
  }

  /** Reports OrderAccepted once (VenueOrderId = IB's permId). */
  accept(tracked: TrackedOrder, permId: number): void {
    if (tracked.acknowledged || tracked.done) return;
    tracked.acknowledged = true;
    this.emit(this.events.accepted(tracked.order.clientOrderId, String(permId), this.clock.now()));
  }

  /** Reports OrderRejected and finishes the order (no-op when it is done). */
  reject(clientOrderId: ClientOrderId, why: OrderReason): void {
    const tracked = this.orders.get(clientOrderId);
    if (tracked === undefined || tracked.done) return;
    tracked.done = true;
    this.emit(this.events.rejected(clientOrderId, why, this.clock.now()));
  }

  /** Reports OrderCanceled and finishes the order (no-op when it is done). */
  cancel(clientOrderId: ClientOrderId, why: OrderReason | undefined): void {
    const tracked = this.orders.get(clientOrderId);
    if (tracked === undefined || tracked.done) return;
    tracked.done = true;
    this.emit(this.events.canceled(clientOrderId, why, this.clock.now()));
  }

  /** Reports OrderCancelRejected (the order keeps working, or is not one IB has). */
  refuseCancel(clientOrderId: ClientOrderId, why: OrderReason): void {
    this.emit(this.events.cancelRejected(clientOrderId, why, this.clock.now()));
  }

  /** Remembers a modification placed at IB, to confirm it when IB echoes the order. */
  modifying(tracked: TrackedOrder, changes: OrderModification): Order {
    const modified: Order = { ...tracked.order, ...changes };
    tracked.modifying = modified;
    return modified;
  }

  /** IB now shows the modification: the order stands as modified (OrderUpdated). */
  confirmModification(tracked: TrackedOrder): void {
    const modified = tracked.modifying;
    if (modified === null) return;
    tracked.order = modified;
    tracked.modifying = null;
    this.emit(this.events.updated(modified.clientOrderId, modified, this.clock.now()));
  }

  /** IB refused the modification, or it could not be sent: the order keeps working as it was (OrderModifyRejected). */
  refuseModification(clientOrderId: ClientOrderId, why: OrderReason): void {
    const tracked = this.orders.get(clientOrderId);
    if (tracked !== undefined) tracked.modifying = null;
    this.emit(this.events.modifyRejected(clientOrderId, why, this.clock.now()));
  }
}
