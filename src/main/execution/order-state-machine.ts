import type { OrderEventType, OrderStatus } from '../../shared';

/**
 * THE order state machine of Floor: one declarative table `(status, event type) -> outcome`,
 * after NautilusTrader's OrderFSM, reduced to DESIGN.md's statuses and events. Anything not in the
 * table is illegal and raises InvalidOrderTransitionError naming both the status and the event.
 *
 * Outcomes:
 * - `{ to: S }`: the order moves to status S.
 * - `{ fill: true }`: an execution. FILLED when nothing remains; otherwise PARTIALLY_FILLED, except
 *   in a pending status, where the request is still in flight: the order stays pending and the
 *   status it will return to becomes PARTIALLY_FILLED.
 * - `{ restore: true }`: a pending request was answered without a change of the working state
 *   (cancel refused, modify done): back to the status before the pending one.
 * - `{ stay: true }`: a recorded fact that does not change the status.
 * - `{ underlying: S }`: the order stays pending; the status it will return to becomes S (used for
 *   a late acknowledgement, so it only replaces SUBMITTED: an ack after a fill does not undo the fill).
 *
 * OrderInitialized is not in the table: it creates the order (status INITIALIZED) and is legal only
 * as the first event. Terminal statuses (DENIED, REJECTED, FILLED, CANCELED, EXPIRED) accept nothing.
 */
export type TransitionOutcome =
  | { readonly to: OrderStatus }
  | { readonly fill: true }
  | { readonly restore: true }
  | { readonly stay: true }
  | { readonly underlying: OrderStatus };

type TransitionTable = {
  readonly [S in OrderStatus]: Partial<Readonly<Record<OrderEventType, TransitionOutcome>>>;
};

/** The transition table. One comment per entry says why the fact can arrive in that status. */
export const ORDER_TRANSITIONS: TransitionTable = {
  INITIALIZED: {
    // Pre-trade checks (risk) refused the order; it never leaves Floor.
    OrderDenied: { to: 'DENIED' },
    // The source's approval policy holds the order for a trader's approval.
    OrderStaged: { to: 'STAGED' },
    // Auto-execute: checks passed, the order is handed to the venue.
    OrderSubmitted: { to: 'SUBMITTED' },
  },
  STAGED: {
    // The trader approved; recorded as a fact, the engine then submits (OrderSubmitted).
    OrderApproved: { stay: true },
    // Risk re-checked at approval reduced the staged quantity (reduce-to-fit) before it is sent.
    OrderUpdated: { stay: true },
    // Approved and handed to the venue.
    OrderSubmitted: { to: 'SUBMITTED' },
    // Risk is re-checked at approval time; the market or the profile may have changed meanwhile.
    OrderDenied: { to: 'DENIED' },
    // The trader discarded the staged order; nothing was at the venue.
    OrderCanceled: { to: 'CANCELED' },
    // Not approved within the profile's staged expiry (stale signal), or a DAY order still staged at the close.
    OrderExpired: { to: 'EXPIRED' },
  },
  SUBMITTED: {
    // The venue acknowledged the order (IB orderStatus Submitted / PreSubmitted).
    OrderAccepted: { to: 'ACCEPTED' },
    // The venue refused the order (IB error on placeOrder, paper venue validation).
    OrderRejected: { to: 'REJECTED' },
    // Executions may arrive before the acknowledgement (IB often sends execDetails first).
    OrderFilled: { fill: true },
    // The trader cancels before the venue's acknowledgement arrives.
    OrderPendingCancel: { to: 'PENDING_CANCEL' },
    // A modify may be sent before the acknowledgement arrives.
    OrderPendingUpdate: { to: 'PENDING_UPDATE' },
    // An IOC/FOK order that found nothing is canceled by the venue without a separate ack.
    OrderCanceled: { to: 'CANCELED' },
    // A DAY order submitted at the close.
    OrderExpired: { to: 'EXPIRED' },
  },
  ACCEPTED: {
    // Executions against the working order.
    OrderFilled: { fill: true },
    // The trader asked to cancel.
    OrderPendingCancel: { to: 'PENDING_CANCEL' },
    // The trader asked to modify.
    OrderPendingUpdate: { to: 'PENDING_UPDATE' },
    // Unsolicited modification at the venue (e.g. changed in TWS directly).
    OrderUpdated: { stay: true },
    // Venue-initiated cancel (IOC remainder, venue risk, session end for some venues).
    OrderCanceled: { to: 'CANCELED' },
    // DAY order reached the session close.
    OrderExpired: { to: 'EXPIRED' },
  },
  PARTIALLY_FILLED: {
    // A late acknowledgement: the venue reported an execution before its ack (IB does). No status change.
    OrderAccepted: { stay: true },
    // Further executions; the last one completes the order.
    OrderFilled: { fill: true },
    // The trader asked to cancel the remainder.
    OrderPendingCancel: { to: 'PENDING_CANCEL' },
    // The trader asked to modify the remainder.
    OrderPendingUpdate: { to: 'PENDING_UPDATE' },
    // Unsolicited modification at the venue.
    OrderUpdated: { stay: true },
    // Venue canceled the remainder (IOC remainder, venue risk).
    OrderCanceled: { to: 'CANCELED' },
    // DAY remainder reached the session close.
    OrderExpired: { to: 'EXPIRED' },
  },
  PENDING_UPDATE: {
    // The venue applied the modification.
    OrderUpdated: { restore: true },
    // The venue refused the modification (unknown order, too late, a price it does not accept); the order keeps working as it was.
    OrderModifyRejected: { restore: true },
    // Executions continue while the modify is in flight.
    OrderFilled: { fill: true },
    // The acknowledgement of a modify sent before the order was accepted.
    OrderAccepted: { underlying: 'ACCEPTED' },
    // The trader cancels while the modify is in flight; the cancel supersedes it.
    OrderPendingCancel: { to: 'PENDING_CANCEL' },
    // The venue canceled the order (the modify was overtaken).
    OrderCanceled: { to: 'CANCELED' },
    // The session closed while the modify was in flight.
    OrderExpired: { to: 'EXPIRED' },
  },
  PENDING_CANCEL: {
    // The venue confirmed the cancel.
    OrderCanceled: { to: 'CANCELED' },
    // The venue refused the cancel (too late, unknown order); the order keeps working.
    OrderCancelRejected: { restore: true },
    // Executions race the cancel request; the last one completes the order.
    OrderFilled: { fill: true },
    // The acknowledgement of an order canceled before it was accepted.
    OrderAccepted: { underlying: 'ACCEPTED' },
    // The session closed before the cancel was confirmed.
    OrderExpired: { to: 'EXPIRED' },
  },
  DENIED: {},
  REJECTED: {},
  FILLED: {},
  CANCELED: {},
  EXPIRED: {},
};

/** Raised for an event that is not legal in the order's current status. */
export class InvalidOrderTransitionError extends Error {
  override readonly name = 'InvalidOrderTransitionError';
  constructor(
    readonly status: OrderStatus,
    readonly eventType: OrderEventType,
    readonly clientOrderId?: string,
  ) {
    super(
      `order${clientOrderId === undefined ? '' : ' ' + clientOrderId} in status ${status} cannot accept event ${eventType}` +
        (Object.keys(ORDER_TRANSITIONS[status]).length === 0
          ? ` (${status} is terminal)`
          : ` (legal in ${status}: ${Object.keys(ORDER_TRANSITIONS[status]).join(', ')})`),
    );
  }
}

/**
 * The outcome of `eventType` in `status`, from ORDER_TRANSITIONS.
 * @throws InvalidOrderTransitionError when the table has no entry.
 */
export function transitionFor(status: OrderStatus, eventType: OrderEventType, clientOrderId?: string): TransitionOutcome {
  const outcome = ORDER_TRANSITIONS[status][eventType];
  if (outcome === undefined) throw new InvalidOrderTransitionError(status, eventType, clientOrderId);
  return outcome;
}

/** True when `status` is PENDING_UPDATE or PENDING_CANCEL (a request awaits the venue's answer). */
export function isPendingStatus(status: OrderStatus): boolean {
  return status === 'PENDING_UPDATE' || status === 'PENDING_CANCEL';
}
