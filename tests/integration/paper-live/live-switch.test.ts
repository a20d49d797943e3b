import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthenticationResponse, InterlockStatus, LedgerHealth, Order, PositionView } from '../../../src/shared';
import { startLiveRig, type LiveRig } from './live-rig';

// The switch to live and back (issue 9 points 2, 3 and 5) against the gateway simulator logged in
// live (U1234567 on a port in Floor's live port list): the signed mode.switch entry with who
// confirmed and the account, the ledger at synchronous=FULL, the live session length, an order
// through the live gateway, the books kept apart, back to paper cancelling nothing at the broker,
// the check again after a HALT, and a restart that comes back in paper and says so. Each test
// starts its own terminal and simulator.

let rig: LiveRig;

beforeEach(async () => {
  rig = await startLiveRig({ gateway: 'live', portIs: 'live' });
  await rig.until((s) => s.gateway?.phase === 'REFUSED' && s.gateway.handshake !== null, 'the live gateway refused in paper');
}, 30_000);

afterEach(async () => {
  await rig?.close();
});

const orders = async () => ((await rig.rpc.call('orders.list', {})) as { orders: Order[] }).orders;
const positions = async () => ((await rig.rpc.call('positions.list', {})) as { positions: PositionView[] }).positions;
const workingAtIb = () => [...rig.stand!.sim.broker.workingOrders()].map((o) => o.orderRef);
const durability = async () => ((await rig.rpc.call('ledger.health', {})) as LedgerHealth).durability;

/** Switches to live with a fresh check; resolves with the assertion it spent. */
async function goLive(): Promise<AuthenticationResponse> {
  const response = await rig.assertion();
  await rig.rpc.call('mode.switch', { to: 'LIVE', accountId: 'U1234567', response });
  await rig.until((s) => s.gateway?.phase === 'CONNECTED' && s.gateway.account?.netLiquidation != null, 'the gateway connected live with the account summary');
  return response;
}

/** BUY 10 GOOG 10 cents under IB's best bid: rests at the gateway, inside the price collar. */
async function restingBuy(): Promise<Order> {
  await rig.stand!.advance(5);
  await expect.poll(async () => ((await rig.rpc.call('market.book', {})) as { bids: unknown[] }).bids.length, { timeout: 5_000 }).toBeGreaterThan(0);
  const book = (await rig.rpc.call('market.book', {})) as { bids: { price: number }[] };
  const { order } = (await rig.rpc.call('orders.submit', { instrumentId: 'GOOG', side: 'BUY', quantity: 10, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: book.bids[0]!.price - 100_000 })) as { order: Order };
  await expect.poll(workingAtIb, { timeout: 5_000 }).toContain(order.clientOrderId);
  return order;
}

describe('paper and live', () => {
  it('goes live with a fresh check and the typed account: a signed mode.switch entry, synchronous=FULL, a 5-minute live session, the gateway connected live', async () => {
    expect(await rig.status()).toMatchObject({ mode: 'PAPER', liveAccount: null, modeNotice: null });
    expect(await durability()).toBe('NORMAL');
    const before = Date.now() * 1_000;
    const status = (await rig.rpc.call('mode.switch', { to: 'LIVE', accountId: 'U1234567', response: await rig.assertion() })) as { mode: string; liveAccount: string };
    expect(status).toMatchObject({ mode: 'LIVE', liveAccount: 'U1234567' });
    expect(await durability()).toBe('FULL');
    expect(rig.modeSwitches()).toEqual([
      expect.objectContaining({ tradingMode: 'LIVE', previous: 'PAPER', cause: 'TRADER', account: 'U1234567', confirmedBy: rig.authenticator.credentialId, gateway: expect.stringMatching(/^127\.0\.0\.1:\d+$/) }),
    ]);
    const interlock = (await rig.rpc.call('interlock.status', {})) as InterlockStatus;
    // The live default: 5 minutes from the check (the paper session was 15).
    expect(interlock.verified).toBe(true);
    expect(interlock.expiresAt! - before).toBeGreaterThan(4.9 * 60_000_000);
    expect(interlock.expiresAt! - before).toBeLessThanOrEqual(5 * 60_000_000 + 1_000_000);
    const connected = await rig.until((s) => s.gateway?.phase === 'CONNECTED', 'the gateway connected live');
    expect(connected.gateway?.accounts).toEqual(['U1234567']);
  });

  it('sends a live order through the live gateway; back to paper cancels nothing at the broker and shows the paper book only', async () => {
    await goLive();
    const order = await restingBuy();
    expect(order).toMatchObject({ mode: 'LIVE', venue: 'IB' });
    await expect.poll(async () => (await orders()).map((o) => [o.clientOrderId, o.mode, o.status]), { timeout: 5_000 }).toEqual([[order.clientOrderId, 'LIVE', 'ACCEPTED']]);

    const status = (await rig.rpc.call('mode.switch', { to: 'PAPER' })) as { mode: string; otherModeOrders: number; liveAccount: string | null };
    expect(status).toMatchObject({ mode: 'PAPER', liveAccount: null, otherModeOrders: 1 });
    expect(await orders(), 'the live order is counted, not listed').toEqual([]);
    expect(await positions()).toEqual([]);
    expect(rig.modeSwitches().at(-1)).toMatchObject({ tradingMode: 'PAPER', previous: 'LIVE', cause: 'TRADER', account: 'U1234567', liveOrdersWorking: [order.clientOrderId] });
    await rig.until((s) => s.gateway?.phase === 'REFUSED', 'the live gateway refused again in paper');
    expect(workingAtIb(), 'still working at IB').toEqual([order.clientOrderId]);
    expect(await durability(), 'live orders may still fill: FULL until Floor stops').toBe('FULL');
  });

  it('after a HALT, going live again needs a new check; the halt\'s cancels go out on the live connection', async () => {
    const firstCheck = await goLive();
    const order = await restingBuy();
    await rig.rpc.call('mode.switch', { to: 'PAPER' });
    expect(((await rig.rpc.call('risk.killSwitch', {})) as { tradingState: string }).tradingState).toBe('HALTED');
    // The session is still live and a check was made for the first switch: neither counts again.
    expect(((await rig.rpc.call('interlock.status', {})) as InterlockStatus).verified).toBe(true);
    const again = await rig.rpc.call('mode.switch', { to: 'LIVE', accountId: 'U1234567', response: firstCheck }).catch((e: unknown) => (e as Error).message);
    expect(again).toMatch(/^FORBIDDEN: the switch to live needs a fresh check made for it/);
    expect((await rig.status()).mode).toBe('PAPER');

    await goLive();
    // The kill switch's cancel of the live order waited in paper and went out once reconciled live.
    await expect.poll(workingAtIb, { timeout: 5_000 }).toEqual([]);
    await expect.poll(async () => (await orders()).map((o) => [o.clientOrderId, o.status]), { timeout: 5_000 }).toEqual([[order.clientOrderId, 'CANCELED']]);
    // The switch's check came after the halt, so it also lets the trader resume.
    expect(((await rig.rpc.call('risk.resume', {})) as { tradingState: string }).tradingState).toBe('ACTIVE');
    expect(rig.modeSwitches().map((e) => e.tradingMode)).toEqual(['LIVE', 'PAPER', 'LIVE']);
  });

  it('comes back in paper after a restart and says so', async () => {
    await goLive();
    await rig.restart();
    const status = await rig.status();
    expect(status.mode).toBe('PAPER');
    expect(status.modeNotice).toMatch(/^Started in paper: Floor always starts in paper, and its last run ended live on account U1234567/);
    expect(rig.modeSwitches().at(-1)).toMatchObject({ tradingMode: 'PAPER', previous: 'LIVE', cause: 'RESTART', account: 'U1234567' });
    expect(await durability()).toBe('NORMAL');
  });
});
