import { afterEach, describe, expect, it } from 'vitest';
import type { OrderSide } from '../../../src/shared';
import { IbMarketFeed } from '../../../src/main/venues/ib/ib-market-feed';
import { MIN_IB_SERVER_VERSION } from '../../../src/main/venues/ib/server-version';
import { limitTicket } from '../../unit/execution/helpers/engine-fixture';
import { ask, bid, closeRigs, phase, rig, statusOf, until, type Rig } from './venue-rig';

/**
 * Floor's adapter (ExecutionEngine -> IbVenue and IbMarketFeed -> @stoqey/ib) against the
 * simulator at the server versions third-party clients were tried at. From 177 it trades: fills,
 * cancels, rides a gateway restart and reconciles (completed orders included: an order canceled
 * while Floor was away is reported canceled), and its ladder follows the replayed depth, inserts and
 * deletes inside the rows included, with no decode error (505) anywhere. Below 177 it refuses the
 * gateway, naming its version, and sends nothing.
 */
const SIDES: readonly OrderSide[] = ['BUY', 'SELL'];

afterEach(closeRigs);

async function withFeed(serverVersion: number): Promise<{ r: Rig; feed: IbMarketFeed; feedLog: string[] }> {
  const feedLog: string[] = [];
  let feed: IbMarketFeed | undefined;
  const r = await rig({
    stand: { serverVersion },
    beforeStart: (venue) => {
      feed = new IbMarketFeed({ connection: venue.connection, contracts: venue.contracts, instrumentId: 'GOOG', log: (line) => feedLog.push(line) });
      feed.start();
    },
  });
  return { r, feed: feed!, feedLog };
}

const matches = (r: Rig, feed: IbMarketFeed): boolean => SIDES.every((side) => JSON.stringify(feed.book.levels(side, 11)) === JSON.stringify(r.stand.feed.book.levels(side, 10)));

describe('Floor\'s IB adapter at each server version', () => {
  for (const sv of [177, 187, 193]) {
    it(`at ${sv}: fills, cancels, reconciles completed orders after a gateway restart, and follows depth with inserts and deletes; no 505`, async () => {
      const { r, feed, feedLog } = await withFeed(sv);
      try {
        const taker = r.engine.submit(limitTicket('BUY', 100, ask(r)), 'TICKET');
        await until(() => statusOf(r, taker.clientOrderId) === 'FILLED', 'the marketable buy to fill');
        const resting = r.engine.submit(limitTicket('BUY', 100, bid(r) - 500_000), 'TICKET');
        const away = r.engine.submit(limitTicket('BUY', 100, bid(r) - 600_000), 'TICKET');
        await until(() => statusOf(r, resting.clientOrderId) === 'ACCEPTED' && statusOf(r, away.clientOrderId) === 'ACCEPTED', 'both bids to be accepted');
        r.engine.cancel(resting.clientOrderId);
        await until(() => statusOf(r, resting.clientOrderId) === 'CANCELED', 'the cancel');

        // The gateway restarts; while Floor is away the other bid is canceled there (TWS, another client).
        const restarted = r.stand.sim.control.restart({ nextValidId: 1 });
        r.stand.sim.broker.globalCancel();
        await restarted;
        await phase(r.venue.connection, 'CONNECTED');
        await until(() => statusOf(r, away.clientOrderId) === 'CANCELED', 'reconciliation to report the bid canceled while away');
        expect(r.stand.sim.broker.completedOrders().map((o) => [o.orderRef, o.status])).toEqual(
          expect.arrayContaining([
            [taker.clientOrderId, 'Filled'],
            [away.clientOrderId, 'Cancelled'],
          ]),
        );
        const after = r.engine.submit(limitTicket('BUY', 50, ask(r)), 'TICKET');
        await until(() => statusOf(r, after.clientOrderId) === 'FILLED', 'an order after the restart to fill (no reused id)');
        expect(r.engine.portfolio.positions().find((p) => p.instrumentId === 'GOOG')?.quantity).toBe(r.stand.sim.broker.position('DU1234567').quantity);

        for (let step = 0; step < 10; step++) {
          await r.stand.advance(5);
          await until(() => feed.status().source.kind === 'IB' && matches(r, feed), `the ladder to equal the replayed book (step ${step})`);
        }
        const sent = r.stand.sim.sessions().find((s) => s.phase === 'ready')!.depthRowsSent()!;
        expect(sent.insertsInside).toBeGreaterThan(0);
        expect(sent.deletesInside).toBeGreaterThan(0);
        expect([...r.logs, ...feedLog].filter((line) => /\b505\b|ignored a depth row/.test(line))).toEqual([]);
      } finally {
        feed.dispose();
      }
    });
  }

  for (const sv of [100, 140, 160, 176]) {
    it(`at ${sv}: refuses the gateway, naming version ${sv}, and no order reaches it`, async () => {
      const r = await rig({ stand: { serverVersion: sv }, awaitPhase: 'REFUSED' });
      expect(r.venue.connectionStatus().reason).toContain(`server version ${sv}; Floor needs ${MIN_IB_SERVER_VERSION} or later`);
      const order = r.engine.submit(limitTicket('BUY', 100, ask(r)), 'TICKET');
      expect(r.venue.heldOrders()).toEqual([order.clientOrderId]);
      expect(r.stand.sim.broker.workingOrders()).toEqual([]);
      expect(r.stand.sim.broker.completedOrders()).toEqual([]);
    });
  }
});
