import { describe, expect, it } from 'vitest';
import type { VenueOrderEvent } from '../../../../src/main/venues';
import { orderFixture } from '../../../support/order-fixtures';
import { createCommissionModel, PaperVenue } from '../../../../src/main/venues/paper';
import { TestFeed } from '../../venues/lobster-test-feed';

const limit = (id: string, side: 'BUY' | 'SELL', price: number, orderType: 'LIMIT' | 'STOP_MARKET' = 'LIMIT') =>
  orderFixture({
    clientOrderId: id,
    side,
    quantity: 100,
    orderType,
    timeInForce: 'GTC',
    limitPrice: orderType === 'LIMIT' ? price : null,
    stopPrice: orderType === 'LIMIT' ? null : price,
    status: 'SUBMITTED',
  });

describe('PaperVenue.cancelAll', () => {
  it('cancels every working order, resting and stop alike, each reported as canceled', () => {
    const feed = new TestFeed(300);
    const venue = new PaperVenue({ feeds: [feed], commission: createCommissionModel('IBKR_FIXED') });
    const events: VenueOrderEvent[] = [];
    venue.onEvent((e) => events.push(e));
    venue.submit(limit('A', 'BUY', 570_000_000));
    venue.submit(limit('B', 'SELL', 590_000_000));
    venue.submit(limit('C', 'SELL', 560_000_000, 'STOP_MARKET'));
    events.length = 0;
    venue.cancelAll();
    expect(events.map((e) => `${e.type} ${e.clientOrderId}`)).toEqual(['OrderCanceled A', 'OrderCanceled B', 'OrderCanceled C']);
    expect(events.every((e) => e.type === 'OrderCanceled' && e.reason?.code === 'CANCELED_BY_REQUEST')).toBe(true);
    expect(venue.workingOrders()).toEqual([]);
    // A second cancel-all finds nothing and reports nothing; a later per-order cancel is refused.
    events.length = 0;
    venue.cancelAll();
    expect(events).toEqual([]);
    venue.cancel('A');
    expect(events[0]).toMatchObject({ type: 'OrderCancelRejected', clientOrderId: 'A', reason: { code: 'ORDER_NOT_OPEN' } });
    venue.dispose();
    feed.dispose();
  });
});
