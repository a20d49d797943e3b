import { afterEach, describe, expect, it } from 'vitest';
import { EventName, OrderAction, OrderType, SecType, type Contract, type Order } from '@stoqey/ib';
import { microsToDollars } from '../../../src/shared';
import { startStand, type SimStand } from './fixture';

/** Fault injection (GatewayControl) and IB's pacing rule, seen from the real @stoqey/ib client. */
const GOOG: Contract = { symbol: 'GOOG', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const restingBuy = (price: number): Order => ({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: price, totalQuantity: 10, tif: 'GTC', transmit: true });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('gateway simulator faults', () => {
  let stand: SimStand | undefined;
  afterEach(async () => {
    await stand?.close();
    stand = undefined;
  });

  it('answers requests beyond the pacing limit with error 100 and drops them', async () => {
    stand = await startStand({ pacingLimitPerSecond: 5 });
    const client = stand.connect(1);
    await client.next(EventName.nextValidId);
    for (let i = 0; i < 10; i++) client.api.reqCurrentTime();
    await client.next(EventName.info, () => client.all(EventName.info).filter(([, c]) => c === 100).length >= 5);
    await sleep(100);
    expect(client.all(EventName.currentTime)).toHaveLength(5);
    const [message] = client.all(EventName.info).find(([, c]) => c === 100)! as [string];
    expect(message).toMatch(/Max rate of messages per second has been exceeded:max=5/);
  });

  it('raises 1100, 1101, 1102 and 2110 notices on every connection', async () => {
    stand = await startStand();
    const a = stand.connect(1);
    const b = stand.connect(2);
    await Promise.all([a.next(EventName.nextValidId), b.next(EventName.nextValidId)]);
    for (const name of ['connectivityLost', 'restoredDataLost', 'restoredDataKept', 'serverBroken'] as const) stand.sim.control.notice(name);
    for (const client of [a, b]) {
      await client.next(EventName.info, ([, c]) => c === 2110);
      expect(client.all(EventName.info).map(([, c]) => c).filter((c) => (c as number) < 2104 || c === 2110)).toEqual([1100, 1101, 1102, 2110]);
    }
  });

  it('hangs without closing the socket, then serves the held requests', async () => {
    stand = await startStand();
    const client = stand.connect(1);
    await client.next(EventName.nextValidId);
    stand.sim.control.hang(true);
    client.api.reqCurrentTime();
    await sleep(200);
    expect(client.all(EventName.currentTime)).toEqual([]);
    expect(client.all(EventName.disconnected)).toEqual([]);
    stand.sim.control.hang(false);
    await client.next(EventName.currentTime);
  });

  it('restarts with nextValidId rolled back: working orders survive by permId, finished order ids can be reused', async () => {
    stand = await startStand({ firstOrderId: 100 });
    await stand.advance(5);
    const client = stand.connect(4);
    expect(await client.next(EventName.nextValidId)).toEqual([100]);
    const bid = microsToDollars(stand.feed.book.bestBid()!.price);
    client.api.placeOrder(100, GOOG, restingBuy(Math.round((bid - 5) * 100) / 100));
    client.api.placeOrder(101, GOOG, restingBuy(Math.round((bid - 6) * 100) / 100));
    await client.next(EventName.orderStatus, ([id]) => id === 101);
    client.api.cancelOrder(100);
    await client.next(EventName.orderStatus, ([id, s]) => id === 100 && s === 'Cancelled');
    const permIdOf = (id: number): number => (client.all(EventName.openOrder).find(([oid]) => oid === id)![2] as Order).permId!;
    const oldPermId100 = permIdOf(100);
    const permId101 = permIdOf(101);

    await stand.sim.control.restart({ nextValidId: 100 });
    await client.next(EventName.disconnected);
    const again = stand.connect(4);
    expect(await again.next(EventName.nextValidId)).toEqual([100]);
    again.api.reqAllOpenOrders();
    await again.next(EventName.openOrderEnd);
    expect(again.all(EventName.openOrder).map(([id, , o]) => [id, (o as Order).permId])).toEqual([[101, permId101]]);

    // The careless client reuses id 100: after the restart the gateway takes it as a new order.
    again.api.placeOrder(100, GOOG, restingBuy(Math.round((bid - 7) * 100) / 100));
    await again.next(EventName.orderStatus, ([id, s]) => id === 100 && s === 'Submitted');
    const [, , reused] = again.all(EventName.openOrder).find(([id]) => id === 100)! as [number, Contract, Order];
    expect(reused.permId).not.toBe(oldPermId100);
    expect(again.decodeErrors()).toEqual([]);
  });

  it('stops depth on 1100, resumes it on 1102, and cancels the subscription on 1101 until the client asks again', async () => {
    stand = await startStand();
    await stand.advance(2);
    const client = stand.connect(1);
    await client.next(EventName.nextValidId);
    const rows = (): number => client.all(EventName.updateMktDepthL2).length;
    client.api.reqMktDepth(61, GOOG, 5, false, []);
    await client.next(EventName.updateMktDepthL2);
    await stand.advance(20);
    await client.sync();
    expect(rows()).toBeGreaterThan(10);

    stand.sim.control.notice('connectivityLost');
    await client.sync();
    const paused = rows();
    await stand.advance(30);
    await client.sync();
    expect(rows()).toBe(paused);
    stand.sim.control.notice('restoredDataKept');
    await stand.advance(20);
    await client.sync();
    expect(rows()).toBeGreaterThan(paused);

    stand.sim.control.notice('restoredDataLost');
    await client.sync();
    const lost = rows();
    await stand.advance(30);
    await client.sync();
    expect(rows()).toBe(lost);
    client.api.reqMktDepth(62, GOOG, 5, false, []);
    await client.next(EventName.updateMktDepthL2, ([id]) => id === 62);
    expect(client.decodeErrors()).toEqual([]);
  });

  it('refuses connections while restarting, then accepts them on the same port', async () => {
    stand = await startStand();
    const client = stand.connect(1);
    await client.next(EventName.nextValidId);
    const port = stand.sim.port;
    const restarted = stand.sim.control.restart({ nextValidId: 1, downMs: 300 });
    await client.next(EventName.disconnected);
    const early = stand.connect(2);
    const [message, code] = (await early.next(EventName.error, ([, c]) => c === 502)) as [string, number];
    expect(code).toBe(502);
    expect(message).toMatch(/ECONNREFUSED/);
    await restarted;
    expect(stand.sim.port).toBe(port);
    const late = stand.connect(3);
    expect(await late.next(EventName.nextValidId)).toEqual([1]);
  });
});
