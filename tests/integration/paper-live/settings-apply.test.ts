import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GatewaySettings, Order } from '../../../src/shared';
import { startStand, type SimStand } from '../ib-gateway-sim/fixture';
import { startLiveRig, type LiveRig } from './live-rig';

// Settings take effect at once (issue 9 point 4): saving Settings > Gateway reconnects without a
// restart, orders entered meanwhile are held by the disconnected policy and sent once on the new
// connection after its reconciliation, and a venue change with working orders is refused naming
// them. Two gateway simulators (paper, over the GOOG excerpt in ../shared/data): A, then B. Each
// test starts its own terminal and simulators.

let rig: LiveRig;
let b: SimStand;

beforeEach(async () => {
  b = await startStand({ mode: 'paper', firstOrderId: 500 });
  await b.advance(5);
  rig = await startLiveRig({ gateway: 'paper', portIs: 'paper' });
  await rig.until((s) => s.gateway?.phase === 'CONNECTED', 'connected to gateway A');
  await expect.poll(async () => ((await rig.rpc.call('market.book', {})) as { bids: unknown[] }).bids.length, { timeout: 5_000 }).toBeGreaterThan(0);
}, 30_000);

afterEach(async () => {
  await rig?.close();
  await b?.close();
});

const settings = async () => (await rig.rpc.call('gateway.settings.get', {})) as GatewaySettings;
const refsAt = (stand: SimStand) => [...stand.sim.broker.workingOrders(), ...stand.sim.broker.completedOrders()].map((o) => o.orderRef);

/** BUY 10 GOOG 10 cents under the best bid (rests; inside the price collar), or at `price` (micro-dollars). */
async function restingBuy(price?: number): Promise<Order> {
  const limitPrice = price ?? (((await rig.rpc.call('market.book', {})) as { bids: { price: number }[] }).bids[0]!.price - 100_000);
  return ((await rig.rpc.call('orders.submit', { instrumentId: 'GOOG', side: 'BUY', quantity: 10, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice })) as { order: Order }).order;
}

describe('saving Settings > Gateway applies at once', () => {
  it('reconnects to the new gateway without a restart; orders held during the change are sent there once', async () => {
    const price = ((await rig.rpc.call('market.book', {})) as { bids: { price: number }[] }).bids[0]!.price - 100_000;
    // Gateway A goes away (and stays away): an order now is held, visibly.
    await rig.stopGateway();
    await rig.until((s) => s.gateway?.phase === 'RECONNECTING', 'gateway A lost');
    const heldBefore = await restingBuy(price);
    expect(heldBefore.status).toBe('SUBMITTED');
    expect((await rig.status()).gateway?.heldOrders).toEqual([heldBefore.clientOrderId]);

    const saved = (await rig.rpc.call('gateway.settings.set', { ...(await settings()), primary: { host: '127.0.0.1', port: b.sim.port, clientId: 17 }, ports: { paper: [rig.stand!.sim.port, b.sim.port], live: [4001] } })) as GatewaySettings;
    expect(saved.primary.port).toBe(b.sim.port);
    // Entered while the new connection is being made and reconciled: held by the same rule.
    const heldDuring = await restingBuy(price);
    expect(heldDuring.status).toBe('SUBMITTED');
    const connected = await rig.until((s) => s.gateway?.phase === 'CONNECTED', 'connected to gateway B');
    expect(connected.gateway?.gateway).toBe(`127.0.0.1:${b.sim.port}`);
    await expect.poll(() => refsAt(b).filter((ref) => ref === heldBefore.clientOrderId || ref === heldDuring.clientOrderId).sort(), { timeout: 5_000 }).toEqual(
      [heldBefore.clientOrderId, heldDuring.clientOrderId].sort(),
    );
    const statuses = ((await rig.rpc.call('orders.list', {})) as { orders: Order[] }).orders.map((o) => o.status);
    expect(statuses.every((s) => s === 'ACCEPTED'), statuses.join()).toBe(true);
    expect(refsAt(rig.stand!), 'gateway A never got them').toEqual([]);
    expect((await settings()).primary.port, 'persisted').toBe(b.sim.port);
  });

  it('refuses a venue change while orders are working, naming them, and changes the venue once they are canceled', async () => {
    const working = [await restingBuy(), await restingBuy()];
    await expect.poll(async () => ((await rig.rpc.call('orders.list', {})) as { orders: Order[] }).orders.map((o) => o.status), { timeout: 5_000 }).toEqual(['ACCEPTED', 'ACCEPTED']);
    const refused = await rig.rpc.call('gateway.settings.set', { ...(await settings()), venue: 'SIMULATED' }).catch((e: unknown) => (e as Error).message);
    const ids = working.map((o) => `${o.clientOrderId} BUY 10 GOOG \\(working\\)`);
    expect(refused).toMatch(new RegExp(`^CONFLICT: the venue cannot change to the simulated exchange while orders are working at IB \\((${ids.join('|')}), (${ids.join('|')})\\): cancel them first; nothing was saved$`));
    expect((await settings()).venue).toBe('IB');
    expect((await rig.status()).venue).toBe('IB');

    for (const order of working) await rig.rpc.call('orders.cancel', { clientOrderId: order.clientOrderId });
    await expect.poll(async () => ((await rig.rpc.call('orders.list', {})) as { orders: Order[] }).orders.map((o) => o.status), { timeout: 5_000 }).toEqual(['CANCELED', 'CANCELED']);
    await rig.rpc.call('gateway.settings.set', { ...(await settings()), venue: 'SIMULATED' });
    const status = await rig.status();
    expect(status).toMatchObject({ venue: 'PAPER', gateway: null });
    expect(status.replay.source.kind).toBe('SYNTHETIC');
    // The IB connection is gone: gateway A sees no session of Floor's any more.
    await expect.poll(() => rig.stand!.sim.sessions().length, { timeout: 5_000 }).toBe(0);
  });
});
