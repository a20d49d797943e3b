import type { ClientOrderId, Order, OrderFilled, PriceMicros, VenueOrderId } from '../../../src/shared';
import { parseDollars } from '../../../src/shared';
import type { VenueOrderEvent } from '../../../src/main/venues/venue';
import { orderFixture } from '../../support/order-fixtures';
import { FixedCommissionModel, PaperVenue, type CommissionModel } from '../../../src/main/venues/paper';
import { TestFeed } from './lobster-test-feed';

/** "$580.23" style dollars to micro-dollars, exactly. */
export function usd(text: string): PriceMicros {
  return parseDollars(text);
}

let counter = 0;

/** A GOOG order (the one Order model, as the engine hands it over) with a fresh clientOrderId; DAY LIMIT unless overridden. */
export function goog(partial: Partial<Order> & Pick<Order, 'side' | 'quantity'>): Order {
  return orderFixture({
    clientOrderId: `C${++counter}`,
    instrumentId: 'GOOG',
    orderType: 'LIMIT',
    timeInForce: 'DAY',
    limitPrice: null,
    status: 'SUBMITTED',
    ...partial,
  });
}

/** The same order as it stood before a restart: acknowledged as `venueOrderId`, `filledQty` shares filled. */
export function restored(order: Order, venueOrderId: VenueOrderId, filledQty = 0): Order {
  return { ...order, venueOrderId, filledQty, status: filledQty > 0 ? 'PARTIALLY_FILLED' : 'ACCEPTED' };
}

type Filled = OrderFilled;

/** A PaperVenue over a TestFeed that starts after GOOG message row `row`, recording every event. */
export function paperMarket(row = 1, commission: CommissionModel = new FixedCommissionModel()) {
  const feed = new TestFeed(row);
  const venue = new PaperVenue({ feeds: [feed], commission, runId: 'test' });
  const events: VenueOrderEvent[] = [];
  venue.onEvent((e) => events.push(e));
  return {
    feed,
    venue,
    events,
    /** Events of one order, in delivery order. */
    of(id: ClientOrderId): VenueOrderEvent[] {
      return events.filter((e) => e.clientOrderId === id);
    },
    /** Fills of one order as [shares, price, liquidity]. */
    fills(id: ClientOrderId): [number, PriceMicros, string][] {
      return events.filter((e): e is Filled => e.type === 'OrderFilled' && e.clientOrderId === id).map((f) => [f.lastQty, f.lastPx, f.liquiditySide]);
    },
    fillEvents(id: ClientOrderId): Filled[] {
      return events.filter((e): e is Filled => e.type === 'OrderFilled' && e.clientOrderId === id);
    },
    types(id: ClientOrderId): string[] {
      return events.filter((e) => e.clientOrderId === id).map((e) => e.type);
    },
    venueOrderId(id: ClientOrderId): VenueOrderId | undefined {
      const accepted = events.find((e) => e.type === 'OrderAccepted' && e.clientOrderId === id);
      return accepted?.type === 'OrderAccepted' ? accepted.venueOrderId : undefined;
    },
  };
}
