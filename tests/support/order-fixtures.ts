import type { Order } from '../../src/shared';

/**
 * The order most tests start from: a LIMIT DAY BUY of 100 GOOG at $585.33 from the ticket, ACCEPTED,
 * nothing filled, FIXED sizing without a signal. Override what a test cares about. Prices and money micro-dollars, times Unix µs.
 */
export function orderFixture(overrides: Partial<Order> = {}): Order {
  return {
    clientOrderId: 'FTEST-1',
    venueOrderId: null,
    venue: 'PAPER',
    mode: 'PAPER',
    instrumentId: 'GOOG',
    side: 'BUY',
    orderType: 'LIMIT',
    timeInForce: 'DAY',
    quantity: 100,
    limitPrice: 585_330_000,
    stopPrice: null,
    source: 'TICKET',
    status: 'ACCEPTED',
    statusBeforePending: null,
    filledQty: 0,
    fillNotional: 0,
    avgFillPrice: null,
    commission: 0,
    reason: null,
    sizing: 'FIXED',
    signal: null,
    expiresAt: null,
    createdAt: 1_340_280_000_000_000,
    updatedAt: 1_340_280_000_000_000,
    ...overrides,
  };
}
