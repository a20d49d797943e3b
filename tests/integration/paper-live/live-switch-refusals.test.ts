import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../unit/security/memory-credential-store';
import { startLiveRig, type LiveRig } from './live-rig';

// Every refusal of the switch to live (issue 9 points 2 and 5), through a running terminal's RPC
// against the gateway simulator, each with the sentence the trader reads; after each the terminal
// is still in paper and the chain records no switch.

const rigs: LiveRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

async function rig(options: Parameters<typeof startLiveRig>[0]): Promise<LiveRig> {
  const started = await startLiveRig(options);
  rigs.push(started);
  return started;
}

/** mode.switch to LIVE with a fresh assertion; resolves with the error text ("CODE: sentence"). */
async function refusal(r: LiveRig, accountId = 'U1234567'): Promise<string> {
  const error = await r.rpc.call('mode.switch', { to: 'LIVE', accountId, response: await r.assertion() }).then(
    () => 'switched',
    (e: unknown) => (e as Error).message,
  );
  expect((await r.status()).mode).toBe('PAPER');
  expect(r.modeSwitches()).toEqual([]);
  return error;
}

const handshakeSeen = (r: LiveRig) => r.until((s) => s.gateway?.phase === 'REFUSED' && s.gateway.handshake !== null, 'the gateway refused in paper after its handshake');

describe('the switch to live refuses', () => {
  it('with no gateway answering at the configured port', async () => {
    const r = await rig({ gateway: null, portIs: 'live' });
    await r.until((s) => s.gateway?.phase === 'RECONNECTING', 'reconnecting');
    expect(await refusal(r)).toMatch(/^CONFLICT: the switch to live was refused: no gateway is connected: Floor has no answer from 127\.0\.0\.1:\d+ .*start IB Gateway or TWS logged in to your live account/);
  });

  it('a gateway logged in to a paper account (on a live port)', async () => {
    const r = await rig({ gateway: 'paper', portIs: 'live' });
    await handshakeSeen(r);
    expect(await refusal(r, 'DU1234567')).toMatch(/^CONFLICT: .*is not a live gateway: Floor is in live mode but the gateway manages paper account DU1234567/);
  });

  it('a live account behind a paper port', async () => {
    const r = await rig({ gateway: 'live', portIs: 'paper' });
    await handshakeSeen(r);
    expect(await refusal(r)).toMatch(/^CONFLICT: .*Floor is in live mode but port \d+ is a paper gateway port/);
  });

  it('a stale interlock: the running session, a replayed assertion, an assertion over a challenge Floor never issued, none at all', async () => {
    const r = await rig({ gateway: 'live', portIs: 'live' });
    await handshakeSeen(r);
    expect(((await r.rpc.call('interlock.status', {})) as { verified: boolean }).verified, 'a session is running').toBe(true);
    // The assertion that unlocked the session is spent: the switch wants one made for it.
    const used = await r.assertion();
    await r.rpc.call('interlock.authentication.verify', { response: used });
    const replayed = await r.rpc.call('mode.switch', { to: 'LIVE', accountId: 'U1234567', response: used }).catch((e: unknown) => (e as Error).message);
    expect(replayed).toMatch(/^FORBIDDEN: the switch to live needs a fresh check made for it \(the running session does not count\): authentication refused/);
    const forged = await r.rpc.call('mode.switch', { to: 'LIVE', accountId: 'U1234567', response: r.authenticator.assert('bm90LWEtY2hhbGxlbmdlLWZsb29yLWlzc3VlZA') }).catch((e: unknown) => (e as Error).message);
    expect(forged).toMatch(/^FORBIDDEN: the switch to live needs a fresh check/);
    const none = await r.rpc.call('mode.switch', { to: 'LIVE', accountId: 'U1234567' }).catch((e: unknown) => (e as Error).message);
    expect(none).toMatch(/^BAD_REQUEST/);
    expect((await r.status()).mode).toBe('PAPER');
    expect(r.modeSwitches()).toEqual([]);
  });

  it('an account id typed otherwise than the gateway names it', async () => {
    const r = await rig({ gateway: 'live', portIs: 'live' });
    await handshakeSeen(r);
    expect(await refusal(r, 'U7654321')).toBe('CONFLICT: the switch to live was refused: the account id typed ("U7654321") is not the gateway\'s live account U1234567: type it exactly as IB shows it to confirm');
  });

  it('while a paper order is working, naming it, and lets the switch through once it is canceled', async () => {
    const r = await rig({ gateway: 'live', portIs: 'live' });
    await handshakeSeen(r);
    // The gateway refuses paper mode, so a paper order is held (working, never sent).
    const { order } = (await r.rpc.call('orders.submit', { instrumentId: 'GOOG', side: 'BUY', quantity: 10, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: 580_000_000 })) as { order: { clientOrderId: string; status: string; mode: string } };
    expect(order).toMatchObject({ status: 'SUBMITTED', mode: 'PAPER' });
    const check = (await r.rpc.call('mode.liveCheck', {})) as { problems: { code: string }[]; paperOrders: { clientOrderId: string }[] };
    expect(check.problems.map((p) => p.code)).toEqual(['PAPER_ORDERS_WORKING']);
    expect(check.paperOrders.map((o) => o.clientOrderId)).toEqual([order.clientOrderId]);
    expect(await refusal(r)).toBe(`CONFLICT: the switch to live was refused: 1 paper order is still working or staged (${order.clientOrderId} BUY 10 GOOG (working)): cancel them before going live`);
    await r.rpc.call('orders.cancel', { clientOrderId: order.clientOrderId });
    expect(((await r.rpc.call('mode.liveCheck', { accountId: 'U1234567' })) as { problems: unknown[] }).problems).toEqual([]);
  });

  it('while the signing key is in a file, with how to get a keychain', async () => {
    const keychain = new MemoryCredentialStore();
    keychain.unavailable = new Error('no D-Bus session bus (test)');
    const r = await rig({ gateway: 'live', portIs: 'live', keychain });
    await handshakeSeen(r);
    expect((await r.status()).keyStore).toBe('FILE');
    expect(await refusal(r)).toMatch(/^CONFLICT: the switch to live was refused: live trading needs the signing key in an OS keychain, and this terminal keeps it in a file \(floor\.keys\.json\).*install and unlock an OS keychain.*floor keys migrate/);
  });
});
