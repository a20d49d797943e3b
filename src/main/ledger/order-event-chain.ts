import type { OrderEvent } from '../../shared';
import type { ChainEntryType, ChainPayload } from './chain';

/**
 * Which kind of chain entry records each order event (CHAIN_ENTRY_TYPES):
 * - OrderInitialized is the order intent as it entered the order path (with its sizing and any
 *   reduce-to-fit reductions);
 * - OrderDenied is the RiskEngine's refusal (the allowing verdicts are recorded by the engine as
 *   their own `risk.decision` entries, because no order event carries them);
 * - OrderStaged (waiting for the trader), OrderApproved, and a staged order the trader rejected
 *   (OrderCanceled with REJECTED_BY_TRADER, never sent) are approval facts;
 * - everything else is what Floor sent to or heard from the venue.
 */
export function chainEntryTypeOfOrderEvent(event: OrderEvent): ChainEntryType {
  switch (event.type) {
    case 'OrderInitialized':
      return 'order.intent';
    case 'OrderDenied':
      return 'risk.decision';
    case 'OrderStaged':
    case 'OrderApproved':
      return 'order.approval';
    case 'OrderCanceled':
      return event.reason?.code === 'REJECTED_BY_TRADER' ? 'order.approval' : 'venue.event';
    default:
      return 'venue.event';
  }
}

/**
 * The chain payload of an order event: `{event: <the event as journaled>}`, i.e. its common fields
 * (eventId, clientOrderId, type, tsEvent, tsInit, Unix µs) and exactly the event-specific JSON written
 * to `order_events.payload` (prices and money integer micro-dollars, quantities shares).
 * @param payloadJson the event's journal payload (encodeOrderEventPayload), parsed rather than
 *   rebuilt so that the chain holds the same fields as the journal.
 */
export function orderEventChainPayload(event: OrderEvent, payloadJson: string): ChainPayload {
  const specific = JSON.parse(payloadJson) as ChainPayload;
  return {
    event: {
      eventId: event.eventId,
      clientOrderId: event.clientOrderId,
      type: event.type,
      tsEvent: event.tsEvent,
      tsInit: event.tsInit,
      ...specific,
    },
  };
}
