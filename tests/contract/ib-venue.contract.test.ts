import { Ledger } from '../../src/main/ledger';
import type { VenueOrderEvent } from '../../src/main/venues';
import { IbVenue } from '../../src/main/venues/ib/ib-venue';
import { realIbTimers } from '../../src/main/venues/ib/timers';
import { startStand } from '../integration/ib-gateway-sim/fixture';
import { venueContract, type VenueUnderTest } from './venue.contract';

// IbVenue under the venue contract: the real @stoqey/ib client against the TWS-protocol gateway
// simulator (tests/ib-gateway-sim) over the GOOG 2012-06-21 LOBSTER excerpt (../shared/data).

venueContract('IbVenue on the gateway simulator', async () => {
  const stand = await startStand({ firstOrderId: 100 });
  await stand.advance(5);
  const ledger = Ledger.open(':memory:');
  const events: VenueOrderEvent[] = [];
  const open = async (): Promise<IbVenue> => {
    const venue = new IbVenue({
      primary: { host: '127.0.0.1', port: stand.sim.port, clientId: 17 },
      standby: null,
      mode: () => 'PAPER',
      ports: { paper: [stand.sim.port], live: [4001] },
      heartbeat: { intervalMs: 100, timeoutMs: 300 },
      whileDisconnected: () => 'HOLD',
      orderMap: ledger.ibOrders,
      instruments: ['GOOG'],
      clock: { now: () => Date.now() * 1_000 },
      timers: realIbTimers,
      random: () => 0,
    });
    venue.onEvent((event) => events.push(event));
    return venue;
  };
  const connected = (venue: IbVenue): Promise<void> =>
    new Promise((resolve) => {
      if (venue.connectionState() === 'CONNECTED') return resolve();
      const subscription = venue.onDidChangeConnection((state) => {
        if (state !== 'CONNECTED') return;
        subscription.dispose();
        resolve();
      });
    });
  let venue = await open();
  venue.start();
  await connected(venue);
  const t: VenueUnderTest = {
    get venue() {
      return venue;
    },
    events,
    market: () => ({ bid: stand.feed.book.bestBid()!.price, ask: stand.feed.book.bestAsk()!.price, askSize: stand.feed.book.bestAsk()!.size, tick: stand.feed.instrument.tickSize }),
    submit: (order) => {
      // As the engine does: the order row and the IB id mapping in one transaction, then placeOrder.
      ledger.transaction(() => {
        ledger.orders.insert(order);
        venue.prepareSubmit(order);
      });
      venue.submit(order);
    },
    rejectable: (order) => {
      stand.sim.control.rejectNextOrder({ reason: 'contract test' });
      return { order, code: 'IB_201' };
    },
    // The caller restores and starts the new instance; a cancel asked before it is reconciled waits for it.
    restart: async () => {
      venue.dispose();
      venue = await open();
    },
    close: async () => {
      venue.dispose();
      ledger.close();
      await stand.close();
    },
  };
  return t;
});
