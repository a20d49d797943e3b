import { Emitter, type ClientOrderId, type ConnectionState, type Order, type OrderModification, type OrderReason } from '../../../../src/shared';
import { VenueEvents, type Venue, type VenueOrderEvent } from '../../../../src/main/venues';

/**
 * A venue driven by the test: it records what the engine sends and emits exactly the reports the
 * test scripts (real order events, made by the same VenueEvents factory the venues use), so engine
 * behaviour can be checked event by event. `autoAccept` acknowledges inside `submit`, the way a
 * synchronous venue does.
 */
export class ScriptedVenue implements Venue {
  readonly venueId = 'SCRIPTED';
  readonly submitted: Order[] = [];
  readonly prepared: Order[] = [];
  readonly restored: Order[] = [];
  readonly cancelRequests: ClientOrderId[] = [];
  readonly modifyRequests: { clientOrderId: ClientOrderId; changes: OrderModification }[] = [];
  autoAccept = false;
  throwOnSubmit: Error | null = null;
  private readonly emitter = new Emitter<VenueOrderEvent>((error) => {
    throw error;
  });
  readonly onEvent = this.emitter.event;
  readonly onDidChangeConnection = new Emitter<ConnectionState>().event;
  private tsEvent = 5_000_000;
  private trade = 0;
  /** Floor's clock as this venue reads it for tsInit (the engine fixture sets it to the engine's clock). */
  clock: () => number = () => this.tsEvent;
  private readonly events = new VenueEvents({ now: () => this.clock() });

  connectionState(): ConnectionState {
    return 'CONNECTED';
  }

  start(): void {}

  restore(orders: readonly Order[]): void {
    this.restored.push(...orders);
  }

  prepareSubmit(order: Order): void {
    this.prepared.push(order);
  }

  submit(order: Order): void {
    if (this.throwOnSubmit) throw this.throwOnSubmit;
    this.submitted.push(order);
    if (this.autoAccept) this.accept(order.clientOrderId);
  }

  modify(clientOrderId: ClientOrderId, changes: OrderModification): void {
    this.modifyRequests.push({ clientOrderId, changes });
  }

  cancel(clientOrderId: ClientOrderId): void {
    this.cancelRequests.push(clientOrderId);
  }

  /** Counts venue-wide cancel-all requests; reports nothing (scripted like every other answer). */
  cancelAllRequests = 0;
  cancelAll(): void {
    this.cancelAllRequests += 1;
  }

  dispose(): void {
    this.emitter.dispose();
  }

  emit(event: VenueOrderEvent): void {
    this.emitter.fire(event);
  }

  accept(clientOrderId: ClientOrderId, venueOrderId = `V-${clientOrderId}`): void {
    this.emit(this.events.accepted(clientOrderId, venueOrderId, this.nextTs()));
  }

  reject(clientOrderId: ClientOrderId, reason: OrderReason = { code: 'VENUE_REJECT', message: 'no' }): void {
    this.emit(this.events.rejected(clientOrderId, reason, this.nextTs()));
  }

  /** A fill of `lastQty` at `lastPx` (micro-dollars); returns the trade id used. */
  fill(clientOrderId: ClientOrderId, lastQty: number, lastPx: number, commission = 0, tradeId?: string): string {
    this.trade += 1;
    const id = tradeId ?? `T-${this.trade}`;
    this.emit(this.events.filled(clientOrderId, { venueOrderId: `V-${clientOrderId}`, tradeId: id, lastQty, lastPx, commission, liquiditySide: 'TAKER' }, this.nextTs()));
    return id;
  }

  canceled(clientOrderId: ClientOrderId): void {
    this.emit(this.events.canceled(clientOrderId, undefined, this.nextTs()));
  }

  cancelRejected(clientOrderId: ClientOrderId): void {
    this.emit(this.events.cancelRejected(clientOrderId, { code: 'TOO_LATE', message: 'too late to cancel' }, this.nextTs()));
  }

  updated(clientOrderId: ClientOrderId, order: { quantity: number; limitPrice?: number; stopPrice?: number }): void {
    this.emit(this.events.updated(clientOrderId, order, this.nextTs()));
  }

  modifyRejected(clientOrderId: ClientOrderId, reason: OrderReason = { code: 'TOO_LATE', message: 'too late to modify' }): void {
    this.emit(this.events.modifyRejected(clientOrderId, reason, this.nextTs()));
  }

  expired(clientOrderId: ClientOrderId): void {
    this.emit(this.events.expired(clientOrderId, this.nextTs()));
  }

  private nextTs(): number {
    this.tsEvent += 1;
    return this.tsEvent;
  }
}
