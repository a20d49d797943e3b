import { afterEach, describe, expect, it } from 'vitest';
import type { ClientOrderId, Order, OrderEvent, OrderModification } from '../../src/shared';
import type { Venue, VenueOrderEvent } from '../../src/main/venues';
import { orderFixture } from '../support/order-fixtures';

/**
 * One venue under test, as its harness drives it: the Venue port itself, every event it reported,
 * the market it trades (to price orders), and the venue-specific ways to provoke a rejection and to
 * restart. Prices micro-dollars, quantities shares.
 */
export interface VenueUnderTest {
  readonly venue: Venue;
  readonly events: VenueOrderEvent[];
  /** Best bid and ask now, and the size at the best ask. */
  market(): { readonly bid: number; readonly ask: number; readonly askSize: number; readonly tick: number };
  /** Hands `order` to the venue as the engine does: prepareSubmit inside a ledger transaction, then submit. */
  submit(order: Order): void;
  /** An order this venue will reject (and its expected reason code). */
  rejectable(order: Order): { readonly order: Order; readonly code: string };
  /** Replaces the venue by a new instance over the same market and bookkeeping (a restart of Floor). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Builds a fresh venue under test per test. */
export type VenueHarness = () => Promise<VenueUnderTest>;

let sequence = 0;

/** A new order of ours, as the engine hands it over (status SUBMITTED). */
function order(fields: Partial<Order> & Pick<Order, 'side' | 'quantity'>): Order {
  sequence += 1;
  return orderFixture({ clientOrderId: `FCTR-${sequence}`, status: 'SUBMITTED', venueOrderId: null, venue: null, timeInForce: 'GTC', ...fields });
}

/** Resolves once `events` holds an event matching `accept` (polled on the event loop), or fails naming what arrived. */
export async function eventually(t: VenueUnderTest, accept: (event: VenueOrderEvent) => boolean, what: string, timeoutMs = 5_000): Promise<VenueOrderEvent> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const hit = t.events.find(accept);
    if (hit !== undefined) return hit;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the venue reported: ${t.events.map((e) => `${e.type} ${e.clientOrderId}`).join(', ') || 'nothing'}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const of = (t: VenueUnderTest, id: ClientOrderId): VenueOrderEvent[] => t.events.filter((e) => e.clientOrderId === id);
const is = (type: OrderEvent['type'], id: ClientOrderId) => (e: VenueOrderEvent) => e.type === type && e.clientOrderId === id;
const filledShares = (t: VenueUnderTest, id: ClientOrderId): number => of(t, id).reduce((n, e) => n + (e.type === 'OrderFilled' ? e.lastQty : 0), 0);

/**
 * The behaviour every venue must have (DESIGN.md: "Venues pass one contract suite"), run against the
 * paper venue and against IbVenue on the gateway simulator: submit, accept, partial and full fill,
 * cancel, cancel of an unknown and of a finished order, reject, modify (and modify refused), restore
 * after a restart, cancel-all. Events are the engine's own order events.
 */
export function venueContract(name: string, harness: VenueHarness): void {
  describe(`${name}: the venue contract`, () => {
    let t: VenueUnderTest | undefined;
    afterEach(async () => {
      await t?.close();
      t = undefined;
    });

    it('accepts a resting order with its venue order id', async () => {
      t = await harness();
      const rest = order({ side: 'BUY', quantity: 10, limitPrice: t.market().bid - 50 * t.market().tick });
      t.submit(rest);
      const accepted = await eventually(t, is('OrderAccepted', rest.clientOrderId), 'OrderAccepted');
      expect(accepted).toMatchObject({ type: 'OrderAccepted', venueOrderId: expect.any(String) });
      expect(accepted.eventId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('fills a marketable order across levels: a partial fill first, the full quantity at the end, each execution once', async () => {
      t = await harness();
      const { ask, askSize, tick } = t.market();
      const take = order({ side: 'BUY', quantity: askSize + 1, limitPrice: ask + 500 * tick });
      t.submit(take);
      await eventually(t, () => filledShares(t!, take.clientOrderId) === take.quantity, 'the full quantity filled');
      const fills = of(t, take.clientOrderId).filter((e) => e.type === 'OrderFilled');
      expect(fills.length).toBeGreaterThanOrEqual(2);
      expect(fills[0]).toMatchObject({ lastQty: askSize, lastPx: ask });
      expect(new Set(fills.map((f) => (f.type === 'OrderFilled' ? f.tradeId : ''))).size).toBe(fills.length);
    });

    it('cancels a working order', async () => {
      t = await harness();
      const rest = order({ side: 'BUY', quantity: 10, limitPrice: t.market().bid - 50 * t.market().tick });
      t.submit(rest);
      await eventually(t, is('OrderAccepted', rest.clientOrderId), 'OrderAccepted');
      t.venue.cancel(rest.clientOrderId);
      await eventually(t, is('OrderCanceled', rest.clientOrderId), 'OrderCanceled');
    });

    it('answers a cancel of an order it never received with OrderCancelRejected UNKNOWN_ORDER', async () => {
      t = await harness();
      t.venue.cancel('FNEVER-1');
      expect(await eventually(t, is('OrderCancelRejected', 'FNEVER-1'), 'OrderCancelRejected')).toMatchObject({ reason: { code: 'UNKNOWN_ORDER' } });
    });

    it('answers a cancel of a filled order with OrderCancelRejected ORDER_NOT_OPEN, and the order stays filled', async () => {
      t = await harness();
      const { ask, tick } = t.market();
      const take = order({ side: 'BUY', quantity: 5, limitPrice: ask + tick });
      t.submit(take);
      await eventually(t, () => filledShares(t!, take.clientOrderId) === 5, 'the fill');
      t.venue.cancel(take.clientOrderId);
      expect(await eventually(t, is('OrderCancelRejected', take.clientOrderId), 'OrderCancelRejected')).toMatchObject({ reason: { code: 'ORDER_NOT_OPEN' } });
      expect(of(t, take.clientOrderId).some((e) => e.type === 'OrderCanceled')).toBe(false);
    });

    it('rejects an order it will not take, with a reason', async () => {
      t = await harness();
      const { order: bad, code } = t.rejectable(order({ side: 'BUY', quantity: 10, limitPrice: t.market().bid - 50 * t.market().tick }));
      t.submit(bad);
      expect(await eventually(t, is('OrderRejected', bad.clientOrderId), 'OrderRejected')).toMatchObject({ reason: { code } });
    });

    it('modifies a working order: OrderUpdated with its new price; a modify of an unknown order is refused', async () => {
      t = await harness();
      const { bid, tick } = t.market();
      const rest = order({ side: 'BUY', quantity: 10, limitPrice: bid - 50 * tick });
      t.submit(rest);
      await eventually(t, is('OrderAccepted', rest.clientOrderId), 'OrderAccepted');
      const changes: OrderModification = { limitPrice: bid - 60 * tick, quantity: 12 };
      t.venue.modify(rest.clientOrderId, changes);
      expect(await eventually(t, is('OrderUpdated', rest.clientOrderId), 'OrderUpdated')).toMatchObject({ quantity: 12, limitPrice: bid - 60 * tick });
      t.venue.modify('FNEVER-2', { quantity: 5 });
      expect(await eventually(t, is('OrderModifyRejected', 'FNEVER-2'), 'OrderModifyRejected')).toMatchObject({ reason: { code: 'UNKNOWN_ORDER' } });
    });

    it('takes a working order back after a restart and can still cancel it', async () => {
      t = await harness();
      const rest = order({ side: 'BUY', quantity: 10, limitPrice: t.market().bid - 50 * t.market().tick });
      t.submit(rest);
      const accepted = await eventually(t, is('OrderAccepted', rest.clientOrderId), 'OrderAccepted');
      await t.restart();
      t.venue.restore([{ ...rest, status: 'ACCEPTED', venueOrderId: accepted.type === 'OrderAccepted' ? accepted.venueOrderId : null }]);
      t.venue.start();
      t.venue.cancel(rest.clientOrderId);
      await eventually(t, is('OrderCanceled', rest.clientOrderId), 'OrderCanceled after the restart');
    });

    it('cancels every working order on cancelAll', async () => {
      t = await harness();
      const { bid, tick } = t.market();
      const orders = [1, 2, 3].map((i) => order({ side: 'BUY', quantity: 10, limitPrice: bid - (40 + i) * tick }));
      for (const o of orders) t.submit(o);
      for (const o of orders) await eventually(t, is('OrderAccepted', o.clientOrderId), `OrderAccepted ${o.clientOrderId}`);
      t.venue.cancelAll();
      for (const o of orders) await eventually(t, is('OrderCanceled', o.clientOrderId), `OrderCanceled ${o.clientOrderId}`);
    });
  });
}
