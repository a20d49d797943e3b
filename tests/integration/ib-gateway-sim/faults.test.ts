import { afterEach, describe, expect, it } from 'vitest';
import { EventName, OrderAction, OrderType, SecType, type Contract, type Order } from '@stoqey/ib';
import { microsToDollars } from '../../../src/shared';
import { startStand, type SimStand } from './fixture';

/** Fault injection (GatewayControl) and IB's pacing rule, seen from the real @stoqey/ib client. */
const GOOG: Contract = { symbol: 'GOOG', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const restingBuy = (price: number): Order => ({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: price, totalQuantity: 10, tif: 'GTC', transmit: true });

/** Resolves when the hung simulator holds a request (it reached the gateway, which sits on it); rejects after 5 s. */
function requestHeld(stand: SimStand): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('the hung gateway held no request within 5 s'));
    }, 5_000);
    const sub = stand.sim.control.onDidHoldRequest(() => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

describe('gateway simulator faults', () => {
  let stand: SimStand | undefined;
  afterEach(async () => {
    await stand?.close();
    stand = undefined;
  });

  it('answers requests beyond the pacing limit with error 100 and drops them', async () => {
    // The gateway's clock moves only by hand, so "within one second" holds however slow the machine is.
    let now = Date.UTC(2012, 5, 21, 13, 30);
    stand = await startStand({ pacingLimitPerSecond: 5, now: () => now });
    const client = stand.connect(1);
    await client.next(EventName.nextValidId);
    const refusals = (): unknown[][] => client.all(EventName.info).filter(([, c]) => c === 100);
    for (let i = 0; i < 10; i++) client.api.reqCurrentTime();
    // The tenth request's refusal is the burst's last answer (one TCP stream, in order).
    await client.next(EventName.info, () => refusals().length === 5);
    expect(client.all(EventName.currentTime)).toHaveLength(5);
    const [message] = refusals()[0] as [string];
    expect(message).toMatch(/Max rate of messages per second has been exceeded:max=5/);
    // A second later the window has room: the next request is answered, and it is the only new answer,
    // so none of the five refused requests was kept and served late.
    now += 1_000;
    await client.sync();
    expect(client.all(EventName.currentTime)).toHaveLength(6);
    expect(refusals()).toHaveLength(5);
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
    await client.sync();
    const [session] = stand.sim.sessions();
    stand.sim.control.hang(true);
    const held = requestHeld(stand);
    client.api.reqCurrentTime();
    await held;
    stand.sim.control.hang(false);
    await client.next(EventName.currentTime, () => client.all(EventName.currentTime).length === 2);
    await client.sync();
    // Three requests, three answers: the held one was answered once, on resume, not while hung.
    expect(client.all(EventName.currentTime)).toHaveLength(3);
    expect(client.all(EventName.disconnected)).toEqual([]);
    expect(stand.sim.sessions()).toEqual([session]);
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
    let backUp!: () => void;
    const restarted = stand.sim.control.restart({ nextValidId: 1, downUntil: new Promise((resolve) => (backUp = resolve)) });
    await client.next(EventName.disconnected);
    const early = stand.connect(2);
    const [message, code] = (await early.next(EventName.error, ([, c]) => c === 502)) as [string, number];
    expect(code).toBe(502);
    expect(message).toMatch(/ECONNREFUSED/);
    backUp();
    await restarted;
    expect(stand.sim.port).toBe(port);
    const late = stand.connect(3);
    expect(await late.next(EventName.nextValidId)).toEqual([1]);
  });
});
