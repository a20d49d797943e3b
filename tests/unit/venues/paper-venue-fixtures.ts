import type { ClientOrderId, PriceMicros, VenueOrderId } from '../../../src/shared';
import { parseDollars } from '../../../src/shared';
import type { VenueEvent, VenueOrder } from '../../../src/main/venues/venue';
import { FixedCommissionModel, PaperVenue, type CommissionModel } from '../../../src/main/venues/paper';
import { TestFeed } from './lobster-test-feed';

/** "$580.23" style dollars to micro-dollars, exactly. */
export function usd(text: string): PriceMicros {
  return parseDollars(text);
}

let counter = 0;

/** A GOOG order with a fresh clientOrderId; DAY LIMIT unless overridden. */
export function goog(partial: Partial<VenueOrder> & Pick<VenueOrder, 'side' | 'quantity'>): VenueOrder {
  return {
    clientOrderId: `C${++counter}`,
    instrumentId: 'GOOG',
    orderType: 'LIMIT',
    timeInForce: 'DAY',
    ...partial,
  };
}

type Filled = Extract<VenueEvent, { type: 'filled' }>;

/** A PaperVenue over a TestFeed that starts after GOOG message row `row`, recording every event. */
export function paperMarket(row = 1, commission: CommissionModel = new FixedCommissionModel()) {
  const feed = new TestFeed(row);
  const venue = new PaperVenue({ feeds: [feed], commission, runId: 'test' });
  const events: VenueEvent[] = [];
  venue.onEvent((e) => events.push(e));
  return {
    feed,
    venue,
    events,
    /** Events of one order, in delivery order. */
    of(id: ClientOrderId): VenueEvent[] {
      return events.filter((e) => e.clientOrderId === id);
    },
    /** Fills of one order as [shares, price, liquidity]. */
    fills(id: ClientOrderId): [number, PriceMicros, string][] {
      return events.filter((e): e is Filled => e.type === 'filled' && e.clientOrderId === id).map((f) => [f.lastQty, f.lastPx, f.liquiditySide]);
    },
    fillEvents(id: ClientOrderId): Filled[] {
      return events.filter((e): e is Filled => e.type === 'filled' && e.clientOrderId === id);
    },
    types(id: ClientOrderId): string[] {
      return events.filter((e) => e.clientOrderId === id).map((e) => e.type);
    },
    venueOrderId(id: ClientOrderId): VenueOrderId | undefined {
      const accepted = events.find((e) => e.type === 'accepted' && e.clientOrderId === id);
      return accepted?.type === 'accepted' ? accepted.venueOrderId : undefined;
    },
  };
}
