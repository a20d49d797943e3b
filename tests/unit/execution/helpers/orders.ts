import type { Order, OrderEvent, OrderEventType, OrderStatus } from '../../../../src/shared';
import { orderFixture } from '../../../support/order-fixtures';

/** A LIMIT BUY 100 GOOG @ $585.33 in `status`, for state machine tests. Money in micro-dollars. */
export function orderIn(status: OrderStatus, overrides: Partial<Order> = {}): Order {
  return {
    ...orderFixture({ status, createdAt: 1_000, updatedAt: 1_000 }),
    venue: 'PAPER',
    statusBeforePending: null,
    fillNotional: 0,
    ...overrides,
  };
}

let counter = 0;

/** A valid event of `type` for order FTEST-1; fills are 10 shares at $585.30 unless overridden. */
export function eventOf(type: OrderEventType, overrides: Record<string, unknown> = {}): OrderEvent {
  counter += 1;
  const base = { eventId: `ev-${counter}`, clientOrderId: 'FTEST-1', tsEvent: 2_000 + counter, tsInit: 3_000 + counter };
  const fields: Record<OrderEventType, Record<string, unknown>> = {
    OrderInitialized: {
      intent: { instrumentId: 'GOOG', side: 'BUY', quantity: 100, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: 585_330_000, source: 'TICKET' },
    },
    OrderDenied: { reason: { code: 'TEST_DENY', message: 'denied in a test' } },
    OrderStaged: {},
    OrderApproved: {},
    OrderSubmitted: { venue: 'PAPER' },
    OrderAccepted: { venueOrderId: 'P-1' },
    OrderRejected: { reason: { code: 'VENUE_REJECT', message: 'rejected in a test' } },
    OrderPendingUpdate: {},
    OrderPendingCancel: {},
    OrderUpdated: { quantity: 120, limitPrice: 585_320_000 },
    OrderFilled: {
      venueOrderId: 'P-1', tradeId: `T-${counter}`, lastQty: 10, lastPx: 585_300_000, commission: 350_000, liquiditySide: 'MAKER',
    },
    OrderCanceled: {},
    OrderCancelRejected: { reason: { code: 'TOO_LATE', message: 'cancel rejected in a test' } },
    OrderModifyRejected: { reason: { code: 'TOO_LATE', message: 'modification rejected in a test' } },
    OrderExpired: {},
  };
  return { ...base, type, ...fields[type], ...overrides } as OrderEvent;
}
