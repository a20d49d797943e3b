import { afterEach, describe, expect, it } from 'vitest';
import { EventName, SecType, type Contract } from '@stoqey/ib';
import { microsToDollars } from '../../../src/shared';
import { startStand, type RecordingClient, type SimStand } from './fixture';

/**
 * Market data from the replayed GOOG book (LOBSTER excerpt, ../shared/data) through the simulator to
 * the real @stoqey/ib client: reqMktDepth rows applied the way IB documents them (insert shifts
 * down, delete shifts up) must rebuild exactly the feed's top N levels; reqMktData ticks must track
 * the best bid/ask and the trade prints.
 */
const GOOG: Contract = { symbol: 'GOOG', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
type Row = { price: number; size: number };

/** A client-side depth book built from updateMktDepthL2 events of `reqId`. */
function clientBook(client: RecordingClient, reqId: number, fromIndex = 0): { bids: Row[]; asks: Row[] } {
  const book = { bids: [] as Row[], asks: [] as Row[] };
  for (const [id, position, , operation, side, price, size] of client.all(EventName.updateMktDepthL2).slice(fromIndex) as Array<[number, number, string, number, number, number, number]>) {
    if (id !== reqId) continue;
    const rows = side === 1 ? book.bids : book.asks;
    if (operation === 0) rows.splice(position, 0, { price, size });
    else if (operation === 1) rows[position] = { price, size };
    else rows.splice(position, 1);
  }
  return book;
}

function feedTop(stand: SimStand, depth: number): { bids: Row[]; asks: Row[] } {
  const rows = (side: 'BUY' | 'SELL'): Row[] => stand.feed.book.levels(side, depth).map((l) => ({ price: microsToDollars(l.price), size: l.size }));
  return { bids: rows('BUY'), asks: rows('SELL') };
}

/** The last value of tick `tickType` for `reqId`, from tickPrice or tickSize events. */
function lastTick(client: RecordingClient, event: EventName, reqId: number, tickType: number): number | undefined {
  const hits = client.all(event).filter(([id, type]) => id === reqId && type === tickType);
  return hits.at(-1)?.[2] as number | undefined;
}

for (const serverVersion of [193, 100]) {
  describe(`market data through the gateway simulator at server version ${serverVersion}`, () => {
    let stand: SimStand | undefined;
    afterEach(async () => {
      await stand?.close();
      stand = undefined;
    });

    it('streams depth rows that rebuild the replayed top 10 levels exactly, and 317 + snapshot on a reset', async () => {
      stand = await startStand({ serverVersion });
      await stand.advance(2);
      const client = stand.connect(2);
      await client.next(EventName.nextValidId);
      client.api.reqMktDepth(3001, GOOG, 10, false, []);
      await client.next(EventName.updateMktDepthL2);
      await stand.advance(10);
      await client.sync();
      expect(clientBook(client, 3001)).toEqual(feedTop(stand, 10));
      await stand.advance(60); // a minute of the replay
      await client.sync();
      expect(client.all(EventName.updateMktDepthL2).length).toBeGreaterThan(100);
      expect(clientBook(client, 3001)).toEqual(feedTop(stand, 10));

      const before = client.all(EventName.updateMktDepthL2).length;
      stand.sim.control.resetDepth();
      const [, code, id] = (await client.next(EventName.error, ([, c]) => c === 317)) as [string, number, number];
      expect([code, id]).toEqual([317, 3001]);
      await stand.advance(1);
      await client.sync();
      expect(clientBook(client, 3001, before)).toEqual(feedTop(stand, 10));

      client.api.cancelMktDepth(3001, false);
      await client.sync();
      const afterCancel = client.all(EventName.updateMktDepthL2).length;
      await stand.advance(30);
      await client.sync();
      expect(client.all(EventName.updateMktDepthL2).length).toBe(afterCancel);
      expect(client.decodeErrors()).toEqual([]);
    });

    it('streams bid/ask ticks that track the best levels, and last/volume on trade prints', async () => {
      stand = await startStand({ serverVersion });
      await stand.advance(2);
      const client = stand.connect(2);
      await client.next(EventName.nextValidId);
      client.api.reqMktData(4001, GOOG, '', false, false);
      await client.next(EventName.tickPrice);
      await stand.advance(90);
      await client.sync();
      const bid = stand.feed.book.bestBid()!;
      const ask = stand.feed.book.bestAsk()!;
      expect(lastTick(client, EventName.tickPrice, 4001, 1)).toBe(microsToDollars(bid.price));
      expect(lastTick(client, EventName.tickPrice, 4001, 2)).toBe(microsToDollars(ask.price));
      expect(lastTick(client, EventName.tickSize, 4001, 0)).toBe(bid.size);
      expect(lastTick(client, EventName.tickSize, 4001, 3)).toBe(ask.size);
      expect(lastTick(client, EventName.tickPrice, 4001, 4)).toBeGreaterThan(0);
      expect(lastTick(client, EventName.tickSize, 4001, 8)).toBeGreaterThan(0);

      client.api.reqMktData(4002, GOOG, '', true, false);
      await client.next(EventName.tickSnapshotEnd, ([id]) => id === 4002);
      client.api.reqMktData(4001, GOOG, '', false, false);
      const [, dup] = (await client.next(EventName.error, ([, c]) => c === 322)) as [string, number];
      expect(dup).toBe(322);
      expect(client.decodeErrors()).toEqual([]);
    });
  });
}
