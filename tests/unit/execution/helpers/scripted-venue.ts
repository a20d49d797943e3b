import { Emitter, type ClientOrderId, type ConnectionState, type OrderReason } from '../../../../src/shared';
import type { Venue, VenueEvent, VenueOrder } from '../../../../src/main/venues';

/**
 * A venue driven by the test: it records what the engine sends and emits exactly the reports the
 * test scripts, so engine behaviour can be checked event by event. `autoAccept` acknowledges inside
 * `submit`, the way a synchronous venue does.
 */
export class ScriptedVenue implements Venue {
  readonly venueId = 'SCRIPTED';
  readonly submitted: VenueOrder[] = [];
  readonly cancelRequests: ClientOrderId[] = [];
  autoAccept = false;
  throwOnSubmit: Error | null = null;
  private readonly emitter = new Emitter<VenueEvent>((error) => {
    throw error;
  });
  readonly onEvent = this.emitter.event;
  private tsEvent = 5_000_000;
  private trade = 0;

  connectionState(): ConnectionState {
    return 'CONNECTED';
  }

  submit(order: VenueOrder): void {
    if (this.throwOnSubmit) throw this.throwOnSubmit;
    this.submitted.push(order);
    if (this.autoAccept) this.accept(order.clientOrderId);
  }

  cancel(clientOrderId: ClientOrderId): void {
    this.cancelRequests.push(clientOrderId);
  }

  /** Counts venue-wide cancel-all requests; reports nothing (scripted like every other answer). */
  cancelAllRequests = 0;
  cancelAll(): void {
    this.cancelAllRequests += 1;
  }

  emit(event: VenueEvent): void {
    this.emitter.fire(event);
  }

  accept(clientOrderId: ClientOrderId, venueOrderId = `V-${clientOrderId}`): void {
    this.emit({ type: 'accepted', clientOrderId, venueOrderId, tsEvent: this.nextTs() });
  }

  reject(clientOrderId: ClientOrderId, reason: OrderReason = { code: 'VENUE_REJECT', message: 'no' }): void {
    this.emit({ type: 'rejected', clientOrderId, reason, tsEvent: this.nextTs() });
  }

  /** A fill of `lastQty` at `lastPx` (micro-dollars); returns the trade id used. */
  fill(clientOrderId: ClientOrderId, lastQty: number, lastPx: number, commission = 0, tradeId?: string): string {
    this.trade += 1;
    const id = tradeId ?? `T-${this.trade}`;
    this.emit({
      type: 'filled',
      clientOrderId,
      venueOrderId: `V-${clientOrderId}`,
      tradeId: id,
      lastQty,
      lastPx,
      commission,
      liquiditySide: 'TAKER',
      tsEvent: this.nextTs(),
    });
    return id;
  }

  canceled(clientOrderId: ClientOrderId): void {
    this.emit({ type: 'canceled', clientOrderId, tsEvent: this.nextTs() });
  }

  cancelRejected(clientOrderId: ClientOrderId): void {
    this.emit({ type: 'cancelRejected', clientOrderId, reason: { code: 'TOO_LATE', message: 'too late to cancel' }, tsEvent: this.nextTs() });
  }

  expired(clientOrderId: ClientOrderId): void {
    this.emit({ type: 'expired', clientOrderId, tsEvent: this.nextTs() });
  }

  private nextTs(): number {
    this.tsEvent += 1;
    return this.tsEvent;
  }
}
