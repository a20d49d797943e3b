import { afterEach, describe, expect, it } from 'vitest';
import { EventName, OrderAction, OrderType, SecType, type Contract, type Order } from '@stoqey/ib';
import { microsToDollars } from '../../../src/shared';
import { startStand, type RecordingClient, type SimStand } from './fixture';

/**
 * Orders through the simulator with the real @stoqey/ib client: contract details, placeOrder ->
 * openOrder + orderStatus, fills from the paper exchange over the replayed GOOG book -> execDetails +
 * commissionReport, cancels, open-order and execution queries. At server versions 193 (no version
 * fields) and 100 (placeOrder and openOrder carry versions) since the layouts differ.
 */
const GOOG: Contract = { symbol: 'GOOG', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

function limit(action: OrderAction, price: number, quantity: number, extra: Partial<Order> = {}): Order {
  return { action, orderType: OrderType.LMT, lmtPrice: price, totalQuantity: quantity, tif: 'DAY', transmit: true, ...extra };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

for (const serverVersion of [193, 100]) {
  describe(`orders through the gateway simulator at server version ${serverVersion}`, () => {
    let stand: SimStand | undefined;
    afterEach(async () => {
      await stand?.close();
      stand = undefined;
    });

    async function ready(): Promise<{ stand: SimStand; client: RecordingClient; firstId: number }> {
      stand = await startStand({ serverVersion, firstOrderId: 100 });
      await stand.advance(5); // 5 s of market time: a live book
      const client = stand.connect(11);
      const [firstId] = (await client.next(EventName.nextValidId)) as [number];
      return { stand, client, firstId };
    }

    it('answers reqContractDetails for the replayed stock and error 200 for others', async () => {
      const { client } = await ready();
      client.api.reqContractDetails(5001, GOOG);
      const [reqId, details] = (await client.next(EventName.contractDetails)) as [number, { contract: Contract; minTick: number }];
      await client.next(EventName.contractDetailsEnd);
      expect(reqId).toBe(5001);
      expect(details.contract).toMatchObject({ symbol: 'GOOG', secType: 'STK', currency: 'USD', primaryExch: 'NASDAQ' });
      expect(details.contract.conId).toBeGreaterThan(0);
      expect(details.minTick).toBe(0.01);
      expect((details as { tradingHours?: string }).tradingHours).toBe('20120621:0930-20120621:1600'); // the replayed day
      client.api.reqContractDetails(5002, { ...GOOG, symbol: 'XYZ' });
      const [, code, id] = (await client.next(EventName.error, ([, c]) => c === 200)) as [string, number, number];
      expect([code, id]).toEqual([200, 5002]);
      expect(client.decodeErrors()).toEqual([]);
    });

    it('rests a limit order (openOrder before orderStatus Submitted), lists it, and cancels it', async () => {
      const { stand, client, firstId } = await ready();
      const bid = microsToDollars(stand.feed.book.bestBid()!.price);
      client.api.placeOrder(firstId, GOOG, limit(OrderAction.BUY, round2(bid - 5), 100, { orderRef: 'floor:rest-1' }));
      const [, status] = (await client.next(EventName.orderStatus)) as [number, string];
      expect(status).toBe('Submitted');
      const kinds = client.events.filter((e) => e.name === EventName.openOrder || e.name === EventName.orderStatus).map((e) => e.name);
      expect(kinds.slice(0, 2)).toEqual([EventName.openOrder, EventName.orderStatus]);
      const [orderId, contract, order, state] = client.all(EventName.openOrder)[0] as [number, Contract, Order, { status: string }];
      expect(orderId).toBe(firstId);
      expect(contract.symbol).toBe('GOOG');
      expect(order).toMatchObject({ action: 'BUY', totalQuantity: 100, orderType: 'LMT', lmtPrice: round2(bid - 5), orderRef: 'floor:rest-1', clientId: 11, account: 'DU1234567' });
      expect(order.permId).toBeGreaterThan(0);
      expect(state.status).toBe('Submitted');

      client.api.reqOpenOrders();
      await client.next(EventName.openOrderEnd);
      expect(client.all(EventName.openOrder)).toHaveLength(2);

      client.api.cancelOrder(firstId);
      await client.next(EventName.orderStatus, ([id, s]) => id === firstId && s === 'Cancelled');
      const [, code] = (await client.next(EventName.error, ([, c]) => c === 202)) as [string, number, number];
      expect(code).toBe(202);
      client.api.cancelOrder(firstId);
      await client.next(EventName.error, ([, c]) => c === 161);
      client.api.cancelOrder(firstId + 50);
      const [, notFound, notFoundId] = (await client.next(EventName.error, ([, c]) => c === 10147)) as [string, number, number];
      expect(notFoundId).toBe(firstId + 50);
      expect(notFound).toBe(10147);
      expect(client.decodeErrors()).toEqual([]);
    });

    it('fills a marketable limit order against the replayed book: execDetails, commissionReport, Filled', async () => {
      const { stand, client, firstId } = await ready();
      const ask = stand.feed.book.bestAsk()!;
      const qty = Math.min(ask.size, 100);
      client.api.placeOrder(firstId, GOOG, limit(OrderAction.BUY, microsToDollars(ask.price), qty, { orderRef: 'floor:take-1' }));
      const [reqId, , exec] = (await client.next(EventName.execDetails)) as [number, Contract, Record<string, unknown>];
      expect(reqId).toBe(-1);
      expect(exec).toMatchObject({ orderId: firstId, side: 'BOT', shares: qty, price: microsToDollars(ask.price), cumQty: qty, orderRef: 'floor:take-1', clientId: 11, acctNumber: 'DU1234567' });
      const [report] = (await client.next(EventName.commissionReport)) as [{ execId: string; commission: number; currency: string }];
      expect(report.execId).toBe(exec.execId);
      expect(report.commission).toBeGreaterThan(0);
      expect(report.currency).toBe('USD');
      const filled = (await client.next(EventName.orderStatus, ([, s]) => s === 'Filled')) as [number, string, number, number, number];
      expect(filled.slice(0, 5)).toEqual([firstId, 'Filled', qty, 0, microsToDollars(ask.price)]);

      if (serverVersion >= 150) {
        client.api.reqCompletedOrders(false);
        await client.next(EventName.completedOrdersEnd);
        const completed = client.all(EventName.completedOrder).map(([, o, state]) => [(o as Order).permId, (state as { status: string }).status]);
        expect(completed).toEqual([[(client.all(EventName.openOrder)[0]![2] as Order).permId, 'Filled']]);
      }

      client.api.reqExecutions(7001, {});
      await client.next(EventName.execDetailsEnd);
      const replayed = client.all(EventName.execDetails).filter(([id]) => id === 7001);
      expect(replayed).toHaveLength(1);
      expect((replayed[0]![2] as { execId: string }).execId).toBe(exec.execId);
      client.api.reqExecutions(7002, { side: 'SELL' });
      await client.next(EventName.execDetailsEnd, ([id]) => id === 7002);
      expect(client.all(EventName.execDetails).filter(([id]) => id === 7002)).toEqual([]);
      expect(client.decodeErrors()).toEqual([]);
    });

    it('fills a resting bid inside the spread as the replay trades on the bid side (maker fills, lastLiquidity 1)', async () => {
      const { stand, client, firstId } = await ready();
      const bid = stand.feed.book.bestBid()!.price;
      const ask = stand.feed.book.bestAsk()!.price;
      expect(ask - bid).toBeGreaterThan(10_000); // GOOG's spread is wider than a cent here
      const price = microsToDollars(bid + 10_000);
      client.api.placeOrder(firstId, GOOG, limit(OrderAction.BUY, price, 300, { tif: 'GTC' }));
      await client.next(EventName.orderStatus, ([, s]) => s === 'Submitted');
      await stand.advance(300);
      await client.sync();
      const fills = client.all(EventName.execDetails).map(([, , e]) => e as { price: number; shares: number; lastLiquidity: number; cumQty: number });
      expect(fills.length).toBeGreaterThan(0);
      for (const fill of fills) expect(fill.price).toBe(price);
      if (serverVersion >= 136) for (const fill of fills) expect(fill.lastLiquidity).toBe(1);
      const statuses = client.all(EventName.orderStatus).filter(([id]) => id === firstId);
      const [, , filled, remaining, avg] = statuses.at(-1) as [number, string, number, number, number];
      expect(filled).toBe(fills.at(-1)!.cumQty);
      expect(filled + remaining).toBe(300);
      expect(avg).toBe(price);
      expect(client.all(EventName.commissionReport)).toHaveLength(fills.length);
      expect(client.decodeErrors()).toEqual([]);
    });

    it('rejects with error 201 (advancedOrderRejectJson from 166) and refuses untransmitted orders', async () => {
      const { stand, client, firstId } = await ready();
      const json = '{"rejectReason":"simulated price cap"}';
      stand.sim.control.rejectNextOrder({ reason: 'price cap', advancedOrderRejectJson: json });
      client.api.placeOrder(firstId, GOOG, limit(OrderAction.SELL, 1000, 10));
      const [message, code, id, advanced] = (await client.next(EventName.error, ([, c]) => c === 201)) as [string, number, number, unknown];
      expect([code, id]).toEqual([201, firstId]);
      expect(message).toMatch(/price cap/);
      expect(advanced).toEqual(serverVersion >= 166 ? JSON.parse(json) : undefined);
      client.api.placeOrder(firstId + 1, GOOG, { ...limit(OrderAction.SELL, 1000, 10), transmit: undefined });
      const [untransmitted] = (await client.next(EventName.error, ([, , i]) => i === firstId + 1)) as [string];
      expect(untransmitted).toMatch(/transmit/);
      expect(client.all(EventName.openOrder)).toEqual([]);
    });

    it('modifies a working order (placeOrder on its id): same orderId and permId, new price, fills when marketable', async () => {
      const { stand, client, firstId } = await ready();
      const bid = microsToDollars(stand.feed.book.bestBid()!.price);
      client.api.placeOrder(firstId, GOOG, limit(OrderAction.BUY, round2(bid - 5), 100, { orderRef: 'floor:mod-1' }));
      await client.next(EventName.orderStatus, ([, s]) => s === 'Submitted');
      const permId = (client.all(EventName.openOrder)[0]![2] as Order).permId;

      client.api.placeOrder(firstId, GOOG, limit(OrderAction.SELL, round2(bid - 5), 100));
      const [sideMessage] = (await client.next(EventName.error, ([, c, id]) => c === 201 && id === firstId)) as [string];
      expect(sideMessage).toMatch(/cannot change the side/);

      client.api.placeOrder(firstId, GOOG, limit(OrderAction.BUY, round2(bid - 4), 200, { orderRef: 'floor:mod-1' }));
      await client.next(EventName.openOrder, ([id, , o]) => id === firstId && (o as Order).lmtPrice === round2(bid - 4));
      const modified = client.all(EventName.openOrder).at(-1)![2] as Order;
      expect(modified).toMatchObject({ permId, totalQuantity: 200, lmtPrice: round2(bid - 4), orderRef: 'floor:mod-1' });
      expect(stand.sim.broker.workingOrders()).toHaveLength(1);
      expect(client.all(EventName.orderStatus).filter(([, s]) => s === 'Cancelled')).toEqual([]);

      const ask = stand.feed.book.bestAsk()!;
      const qty = Math.min(ask.size, 200);
      client.api.placeOrder(firstId, GOOG, limit(OrderAction.BUY, microsToDollars(ask.price), qty));
      await client.next(EventName.orderStatus, ([id, s]) => id === firstId && s === 'Filled');
      const [, , exec] = client.all(EventName.execDetails)[0] as [number, Contract, { orderId: number; permId: number }];
      expect([exec.orderId, exec.permId]).toEqual([firstId, permId]);
      expect(client.decodeErrors()).toEqual([]);
    });

    it('holds a stop order as PreSubmitted until it triggers', async () => {
      const { stand, client, firstId } = await ready();
      const bid = microsToDollars(stand.feed.book.bestBid()!.price);
      client.api.placeOrder(firstId, GOOG, { action: OrderAction.SELL, orderType: OrderType.STP, auxPrice: round2(bid - 20), totalQuantity: 10, tif: 'GTC', transmit: true });
      const [, status] = (await client.next(EventName.orderStatus)) as [number, string];
      expect(status).toBe('PreSubmitted');
      const [, , order, state] = client.all(EventName.openOrder)[0] as [number, Contract, Order, { status: string }];
      expect(order).toMatchObject({ orderType: 'STP', auxPrice: round2(bid - 20) });
      expect(state.status).toBe('PreSubmitted');
    });

    it('cancels every working order on reqGlobalCancel', async () => {
      const { stand, client, firstId } = await ready();
      const bid = microsToDollars(stand.feed.book.bestBid()!.price);
      for (let k = 0; k < 3; k++) client.api.placeOrder(firstId + k, GOOG, limit(OrderAction.BUY, round2(bid - 5 - k), 10));
      await client.next(EventName.orderStatus, ([id]) => id === firstId + 2);
      client.api.reqGlobalCancel();
      for (let k = 0; k < 3; k++) await client.next(EventName.orderStatus, ([id, s]) => id === firstId + k && s === 'Cancelled');
      expect(stand.sim.broker.workingOrders()).toEqual([]);
    });
  });
}
