import { afterEach, describe, expect, it } from 'vitest';
import { limitTicket } from '../../unit/execution/helpers/engine-fixture';
import { startStand, type SimStand } from '../ib-gateway-sim/fixture';
import { ask, bid, CLIENT_ID, closeRigs, phase, rig, statusOf, until } from './venue-rig';

// Floor's ExecutionEngine trading through IbVenue -> real @stoqey/ib client -> the TWS-protocol
// gateway simulator (venue-rig.ts). Prices micro-dollars.

const extraStands: SimStand[] = [];
afterEach(async () => {
  await closeRigs();
  for (const s of extraStands.splice(0)) await s.close();
});

describe('IbVenue: trading through the gateway simulator', () => {
  it('runs the full lifecycle: a marketable limit fills with its commission, a resting bid is accepted and canceled', async () => {
    const r = await rig();
    const taker = r.engine.submit(limitTicket('BUY', 100, ask(r)), 'TICKET');
    await until(() => statusOf(r, taker.clientOrderId) === 'FILLED', 'the marketable buy to fill');
    const fills = r.engine.orders.fills();
    expect(fills.reduce((n, f) => n + f.quantity, 0)).toBe(100);
    expect(fills.every((f) => f.commission > 0 && f.liquiditySide === 'TAKER')).toBe(true);
    const mapping = r.ledger.ibOrders.byOrderRef(taker.clientOrderId);
    expect(mapping).toMatchObject({ clientId: CLIENT_ID, orderId: 100, gateway: `127.0.0.1:${r.stand.sim.port}` });
    expect(mapping?.permId).toBeGreaterThan(0);
    expect(r.engine.orders.get(taker.clientOrderId)?.venueOrderId).toBe(String(mapping?.permId));

    const resting = r.engine.submit(limitTicket('BUY', 100, bid(r) - 500_000), 'TICKET');
    await until(() => statusOf(r, resting.clientOrderId) === 'ACCEPTED', 'the resting bid to be accepted');
    r.engine.cancel(resting.clientOrderId);
    await until(() => statusOf(r, resting.clientOrderId) === 'CANCELED', 'the cancel');
    expect(r.engine.portfolio.positions().find((p) => p.instrumentId === 'GOOG')?.quantity).toBe(100);
  });

  for (const executionTimes of ['zoned', 'classic'] as const) {
    it(`books a fill at IB's execution time, written ${executionTimes === 'zoned' ? 'with its zone (current gateways)' : 'without a zone (older gateways: read in the zone of the gateway\'s connection time)'}`, async () => {
      // The gateway's clock runs 2 minutes behind Floor's, so IB's time and Floor's cannot be confused.
      const r = await rig({ stand: { executionTimes, now: () => Date.now() - 120_000 } });
      const taker = r.engine.submit(limitTicket('BUY', 100, ask(r)), 'TICKET');
      await until(() => statusOf(r, taker.clientOrderId) === 'FILLED', 'the marketable buy to fill');
      const executions = r.stand.sim.broker.executions();
      expect(executions[0]!.time).toMatch(executionTimes === 'zoned' ? /^\d{8} \d{2}:\d{2}:\d{2} US\/Eastern$/ : /^\d{8} {2}\d{2}:\d{2}:\d{2}$/);
      const bySim = new Map(executions.map((e) => [e.execId, Math.floor(e.epochMs / 1000) * 1_000_000]));
      const fills = r.engine.orders.fills();
      expect(fills.length).toBeGreaterThan(0);
      for (const fill of fills) expect(fill.tsEvent).toBe(bySim.get(fill.tradeId));
    });
  }

  it('answers a cancel of an unknown or finished order with a cancel rejection, as the paper venue does (order-core defect 4)', async () => {
    const r = await rig();
    const answers: { type: string; clientOrderId: string; code?: string }[] = [];
    r.venue.onEvent((e) => {
      if (e.type === 'OrderCancelRejected') answers.push({ type: e.type, clientOrderId: e.clientOrderId, code: e.reason.code });
    });
    const taker = r.engine.submit(limitTicket('BUY', 10, ask(r)), 'TICKET');
    await until(() => statusOf(r, taker.clientOrderId) === 'FILLED', 'the marketable buy to fill');
    r.venue.cancel(taker.clientOrderId);
    r.venue.cancel('FNOPE-1');
    expect(answers).toEqual([
      { type: 'OrderCancelRejected', clientOrderId: taker.clientOrderId, code: 'ORDER_NOT_OPEN' },
      { type: 'OrderCancelRejected', clientOrderId: 'FNOPE-1', code: 'UNKNOWN_ORDER' },
    ]);
  });

  it('connects and trades even when one configured contract is unknown to IB (200), saying so instead of reconnecting forever', async () => {
    const r = await rig({ venue: { instruments: ['GOOG', 'ZZZZ'] } });
    expect(r.venue.connectionStatus().phase).toBe('CONNECTED');
    expect(r.logs.some((line) => /contract ZZZZ: IB could not resolve ZZZZ/.test(line))).toBe(true);
    const order = r.engine.submit(limitTicket('BUY', 10, bid(r) - 500_000), 'TICKET');
    await until(() => statusOf(r, order.clientOrderId) === 'ACCEPTED', 'a GOOG order on the same connection');
  });

  it('reports a gateway reject (201) as REJECTED with IB\'s reason', async () => {
    const r = await rig();
    r.stand.sim.control.rejectNextOrder({ reason: 'price cap' });
    const order = r.engine.submit(limitTicket('BUY', 10, bid(r)), 'TICKET');
    await until(() => statusOf(r, order.clientOrderId) === 'REJECTED', 'the reject');
    expect(r.engine.orders.get(order.clientOrderId)?.reason).toMatchObject({ code: 'IB_201', message: expect.stringMatching(/price cap/) });
  });

  it('loses no fill and duplicates no order when the gateway hangs while a resting order fills; positions equal the gateway\'s', async () => {
    const r = await rig();
    const price = bid(r) + 10_000;
    const order = r.engine.submit({ ...limitTicket('BUY', 300, price), timeInForce: 'GTC' }, 'TICKET');
    await until(() => statusOf(r, order.clientOrderId) === 'ACCEPTED', 'the resting order to be accepted');
    // The gateway goes silent (socket open); 10 s of market time pass and the replay trades into the bid.
    r.stand.sim.control.hang(true);
    await r.stand.advance(300);
    const executedAtGateway = r.stand.sim.broker.executions().filter((e) => e.orderRef === order.clientOrderId);
    expect(executedAtGateway.length).toBeGreaterThan(0);
    await phase(r.venue.connection, 'RECONNECTING');
    r.stand.sim.control.hang(false);
    await phase(r.venue.connection, 'CONNECTED');
    const shares = executedAtGateway.reduce((n, e) => n + e.shares, 0);
    await until(() => (r.engine.orders.get(order.clientOrderId)?.filledQty ?? 0) === shares, 'the outage fills to be booked');
    expect(r.engine.orders.fills().map((f) => f.tradeId).sort()).toEqual(executedAtGateway.map((e) => e.execId).sort());
    const { broker } = r.stand.sim;
    const atGateway = [...broker.workingOrders(), ...broker.completedOrders()].filter((o) => o.orderRef === order.clientOrderId);
    expect(atGateway).toHaveLength(1);
    const account = r.venue.connectionStatus().accounts[0]!;
    expect(r.engine.portfolio.positions().find((p) => p.instrumentId === 'GOOG')?.quantity).toBe(r.stand.sim.broker.position(account).quantity);
  });

  it('books every fill of a 10 s gateway outage after reconnecting, sends nothing twice, and ends with the gateway\'s position', async () => {
    const r = await rig();
    const order = r.engine.submit({ ...limitTicket('BUY', 300, bid(r) + 10_000), timeInForce: 'GTC' }, 'TICKET');
    await until(() => statusOf(r, order.clientOrderId) === 'ACCEPTED', 'the resting order');
    const down = r.stand.sim.control.restart({ nextValidId: 1, downMs: 10_000 });
    await phase(r.venue.connection, 'RECONNECTING');
    await r.stand.advance(300); // the replay trades into the bid while Floor cannot reach the gateway
    const executed = r.stand.sim.broker.executions().filter((e) => e.orderRef === order.clientOrderId);
    expect(executed.length).toBeGreaterThan(0);
    expect(r.engine.orders.get(order.clientOrderId)?.filledQty).toBe(0);
    await down;
    const backAt = performance.now();
    await phase(r.venue.connection, 'CONNECTED', 5_000);
    expect(performance.now() - backAt).toBeLessThan(2_500);
    await until(() => r.engine.orders.get(order.clientOrderId)?.filledQty === executed.reduce((n, e) => n + e.shares, 0), 'the outage fills');
    expect(r.engine.orders.fills().map((f) => f.tradeId).sort()).toEqual(executed.map((e) => e.execId).sort());
    const { broker } = r.stand.sim;
    expect([...broker.workingOrders(), ...broker.completedOrders()].filter((o) => o.orderRef === order.clientOrderId)).toHaveLength(1);
    const account = r.venue.connectionStatus().accounts[0]!;
    expect(r.engine.portfolio.positions().find((p) => p.instrumentId === 'GOOG')?.quantity).toBe(broker.position(account).quantity);
  }, 20_000);

  it('sends a cancel asked for while the gateway is away as soon as it is reconciled', async () => {
    const r = await rig();
    const order = r.engine.submit(limitTicket('BUY', 10, bid(r) - 500_000), 'TICKET');
    await until(() => statusOf(r, order.clientOrderId) === 'ACCEPTED', 'the working order');
    r.stand.sim.control.hang(true);
    await phase(r.venue.connection, 'RECONNECTING');
    r.engine.cancel(order.clientOrderId);
    expect(statusOf(r, order.clientOrderId)).toBe('PENDING_CANCEL');
    r.stand.sim.control.hang(false);
    await until(() => statusOf(r, order.clientOrderId) === 'CANCELED', 'the cancel after reconnecting');
  });

  it('sends the kill switch\'s global cancel as soon as a gateway that was away is reconciled', async () => {
    const r = await rig();
    const order = r.engine.submit(limitTicket('BUY', 10, bid(r) - 500_000), 'TICKET');
    await until(() => statusOf(r, order.clientOrderId) === 'ACCEPTED', 'the working order');
    r.stand.sim.control.hang(true);
    await phase(r.venue.connection, 'RECONNECTING');
    r.venue.cancelAll();
    r.stand.sim.control.hang(false);
    await until(() => statusOf(r, order.clientOrderId) === 'CANCELED', 'the global cancel after reconnecting');
    expect(r.stand.sim.broker.workingOrders()).toEqual([]);
  });

  it('never reuses an order id after a gateway restart rolls nextValidId back (no 103)', async () => {
    const r = await rig();
    const first = r.engine.submit(limitTicket('BUY', 10, bid(r) - 500_000), 'TICKET');
    await until(() => statusOf(r, first.clientOrderId) === 'ACCEPTED', 'the first order');
    await r.stand.sim.control.restart({ nextValidId: 1 });
    await phase(r.venue.connection, 'RECONNECTING');
    await phase(r.venue.connection, 'CONNECTED');
    const second = r.engine.submit(limitTicket('BUY', 10, bid(r) - 600_000), 'TICKET');
    await until(() => statusOf(r, second.clientOrderId) === 'ACCEPTED', 'the second order');
    const repo = r.ledger.ibOrders;
    expect(repo.byOrderRef(second.clientOrderId)!.orderId).toBeGreaterThan(repo.byOrderRef(first.clientOrderId)!.orderId);
    expect(r.logs.filter((l) => /IB 103/.test(l))).toEqual([]);
    expect(statusOf(r, first.clientOrderId)).toBe('ACCEPTED');
  });

  it('holds an order entered while the gateway is away and sends it once reconciled; DENY rejects it', async () => {
    const r = await rig();
    r.stand.sim.control.hang(true);
    await phase(r.venue.connection, 'RECONNECTING');
    const held = r.engine.submit(limitTicket('BUY', 10, bid(r) - 500_000), 'TICKET');
    expect(r.venue.heldOrders()).toEqual([held.clientOrderId]);
    expect(statusOf(r, held.clientOrderId)).toBe('SUBMITTED');
    r.stand.sim.control.hang(false);
    await until(() => statusOf(r, held.clientOrderId) === 'ACCEPTED', 'the held order to go out');
    expect(r.venue.heldOrders()).toEqual([]);

    const denying = await rig({ venue: { whileDisconnected: () => 'DENY' } });
    denying.stand.sim.control.hang(true);
    await phase(denying.venue.connection, 'RECONNECTING');
    const denied = denying.engine.submit(limitTicket('BUY', 10, bid(denying) - 500_000), 'TICKET');
    expect(statusOf(denying, denied.clientOrderId)).toBe('REJECTED');
    expect(denying.engine.orders.get(denied.clientOrderId)?.reason?.code).toBe('GATEWAY_NOT_CONNECTED');
  });

  it('leaves working orders untouched through 1100 -> 1102 and refuses new ones meanwhile', async () => {
    const r = await rig();
    const working = r.engine.submit(limitTicket('BUY', 10, bid(r) - 500_000), 'TICKET');
    await until(() => statusOf(r, working.clientOrderId) === 'ACCEPTED', 'the working order');
    r.stand.sim.control.notice('connectivityLost');
    await phase(r.venue.connection, 'UPSTREAM_LOST');
    const held = r.engine.submit(limitTicket('BUY', 10, bid(r) - 600_000), 'TICKET');
    expect(r.venue.heldOrders()).toEqual([held.clientOrderId]);
    r.stand.sim.control.notice('restoredDataKept');
    await phase(r.venue.connection, 'CONNECTED');
    expect(statusOf(r, working.clientOrderId)).toBe('ACCEPTED');
  });

  it('fails over to a standby gateway when the primary is killed, then trades there', async () => {
    const standby = await startStand({ firstOrderId: 500 });
    extraStands.push(standby);
    await standby.advance(5);
    const r = await rig({ standby });
    const droppedAt = performance.now();
    r.stand.sim.control.dropConnections();
    await phase(r.venue.connection, 'CONNECTED', 5_000, () => r.venue.connectionStatus().role === 'STANDBY');
    expect(performance.now() - droppedAt).toBeLessThan(2_000);
    const order = r.engine.submit(limitTicket('BUY', 10, standby.feed.book.bestBid()!.price - 500_000), 'TICKET');
    await until(() => statusOf(r, order.clientOrderId) === 'ACCEPTED', 'the order on the standby');
    expect(r.ledger.ibOrders.byOrderRef(order.clientOrderId)?.gateway).toBe(`127.0.0.1:${standby.sim.port}`);
  });
});
