import { messageOf, type ClientOrderId, type Order, type OrderEvent, type OrderModification } from '../../../shared';
import type { Venue } from '../../venues';
import type { ExecutionLogger } from './execution-logger';
import type { OrderStore } from './order-store';

/** The event fields an answer the engine records for a venue carries. */
type EventBase = (clientOrderId: ClientOrderId) => Pick<OrderEvent, 'eventId' | 'clientOrderId' | 'tsEvent' | 'tsInit'>;

/**
 * The engine's calls to its venue, each after the decision's transaction has committed. A venue
 * that throws gets its answer recorded for it, with reason VENUE_ERROR and the venue's sentence: an
 * order OrderRejected, a cancel OrderCancelRejected, a modification OrderModifyRejected (unless the
 * order moved on meanwhile, which is logged), so no order waits forever for an answer.
 */
export class VenueCalls {
  constructor(
    private readonly venue: Venue,
    private readonly orders: OrderStore,
    private readonly base: EventBase,
    private readonly logger: ExecutionLogger,
  ) {}

  /** Hands a SUBMITTED order to the venue. */
  submit(order: Order): void {
    this.call(order.clientOrderId, 'OrderRejected', 'order', () => this.venue.submit(order));
  }

  /** Asks the venue to cancel an order (recorded PENDING_CANCEL already). */
  cancel(clientOrderId: ClientOrderId): void {
    this.call(clientOrderId, 'OrderCancelRejected', 'cancel', () => this.venue.cancel(clientOrderId));
  }

  /** Asks the venue to modify an order (recorded PENDING_UPDATE already). */
  modify(clientOrderId: ClientOrderId, changes: OrderModification): void {
    this.call(clientOrderId, 'OrderModifyRejected', 'modification', () => this.venue.modify(clientOrderId, changes));
  }

  private call(clientOrderId: ClientOrderId, answer: 'OrderRejected' | 'OrderCancelRejected' | 'OrderModifyRejected', what: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.logger.error(`venue ${this.venue.venueId} threw on the ${what} of ${clientOrderId}`, error);
      try {
        this.orders.record([{ ...this.base(clientOrderId), type: answer, reason: { code: 'VENUE_ERROR', message: `the venue failed to take the ${what}: ${messageOf(error)}` } }]);
      } catch (recordError) {
        this.logger.warn(`did not record ${answer} for ${clientOrderId}: ${messageOf(recordError)}`);
      }
    }
  }
}
