import { createCommissionModel, PaperVenue } from '../../src/main/venues/paper';
import type { VenueOrderEvent } from '../../src/main/venues';
import { TestFeed } from '../unit/venues/lobster-test-feed';
import { venueContract, type VenueUnderTest } from './venue.contract';

// The paper venue under the venue contract, over the GOOG 2012-06-21 LOBSTER excerpt
// (../shared/data/lobster/excerpts) from row 300.

venueContract('PaperVenue', async () => {
  const feed = new TestFeed(300);
  const events: VenueOrderEvent[] = [];
  let run = 0;
  const open = (): PaperVenue => {
    const venue = new PaperVenue({ feeds: [feed], commission: createCommissionModel('IBKR_FIXED'), runId: `contract${++run}`.padEnd(12, '0').slice(0, 12) });
    venue.onEvent((event) => events.push(event));
    return venue;
  };
  let venue = open();
  const t: VenueUnderTest = {
    get venue() {
      return venue;
    },
    events,
    market: () => ({ bid: feed.book.bestBid()!.price, ask: feed.book.bestAsk()!.price, askSize: feed.book.bestAsk()!.size, tick: feed.instrument.tickSize }),
    submit: (order) => {
      venue.prepareSubmit(order);
      venue.submit(order);
    },
    rejectable: (order) => ({ order: { ...order, limitPrice: order.limitPrice! + 1 }, code: 'PRICE_OFF_TICK' }),
    restart: async () => {
      venue.dispose();
      venue = open();
    },
    close: async () => {
      venue.dispose();
      feed.dispose();
    },
  };
  return t;
});
