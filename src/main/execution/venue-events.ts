import type { OrderEvent, UnixMicros } from '../../shared';
import type { VenueEvent } from '../venues';

/**
 * Translates a venue report into the domain event it states (one event type per fact):
 * accepted -> OrderAccepted, rejected -> OrderRejected, filled -> OrderFilled, canceled ->
 * OrderCanceled, cancelRejected -> OrderCancelRejected, expired -> OrderExpired.
 * `tsEvent` is the venue's time, `tsInit` Floor's clock (both Unix µs).
 */
export function venueEventToOrderEvent(venueEvent: VenueEvent, eventId: string, tsInit: UnixMicros): OrderEvent {
  const base = { eventId, clientOrderId: venueEvent.clientOrderId, tsEvent: venueEvent.tsEvent, tsInit };
  switch (venueEvent.type) {
    case 'accepted':
      return { ...base, type: 'OrderAccepted', venueOrderId: venueEvent.venueOrderId };
    case 'rejected':
      return { ...base, type: 'OrderRejected', reason: venueEvent.reason };
    case 'filled':
      return {
        ...base,
        type: 'OrderFilled',
        venueOrderId: venueEvent.venueOrderId,
        tradeId: venueEvent.tradeId,
        lastQty: venueEvent.lastQty,
        lastPx: venueEvent.lastPx,
        commission: venueEvent.commission,
        liquiditySide: venueEvent.liquiditySide,
      };
    case 'canceled':
      return venueEvent.reason === undefined
        ? { ...base, type: 'OrderCanceled' }
        : { ...base, type: 'OrderCanceled', reason: venueEvent.reason };
    case 'cancelRejected':
      return { ...base, type: 'OrderCancelRejected', reason: venueEvent.reason };
    case 'expired':
      return { ...base, type: 'OrderExpired' };
  }
}
