import type { FillView, Order, ReplayStatus, TradeTick } from '../../../src/shared';
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

/** A replay clock as the status push carries it: the synthetic market playing at 10:30 ET; override what a test cares about. */
export function replayStatus(overrides: Partial<ReplayStatus> = {}): ReplayStatus {
  return {
    source: { kind: 'SYNTHETIC', model: 'Cont-Stoikov-Talreja 2010', seed: 1 },
    instrumentId: 'GOOG',
    paused: false,
    speed: 1,
    marketTime: 37_800_000_000_000,
    sessionStart: 34_200_000_000_000,
    sessionEnd: 57_600_000_000_000,
    finished: false,
    state: 'PLAYING',
    failure: null,
    marketHalt: null,
    ...overrides,
  };
}
