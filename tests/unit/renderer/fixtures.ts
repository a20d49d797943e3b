import type { FillView, Order, TradeTick } from '../../../src/shared';
import { orderFixture } from '../../support/order-fixtures';

/** An order as the host would send it; override what a test cares about. Prices micro-dollars, times Unix µs. */
export function orderView(overrides: Partial<Order> = {}): Order {
  return orderFixture({ clientOrderId: 'O-1', ...overrides });
}

/** A market trade; `tsEvent` Unix µs. */
export function trade(tsEvent: number, price: number, size = 100, aggressorSide: 'BUY' | 'SELL' = 'BUY'): TradeTick {
  return { instrumentId: 'GOOG', tsEvent, price, size, aggressorSide, hidden: false };
}

/** One of our fills. */
export function fill(tradeId: string, tsEvent: number, overrides: Partial<FillView> = {}): FillView {
  return {
    tradeId,
    clientOrderId: 'O-1',
    instrumentId: 'GOOG',
    side: 'BUY',
    quantity: 100,
    price: 585_330_000,
    commission: 1_000_000,
    liquiditySide: 'TAKER',
    tsEvent,
    ...overrides,
  };
}
