import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createGatewaySettingsHandlers } from '../../../src/main/app/gateway-settings-handlers';
import { GatewaySettingsStore } from '../../../src/main/app/gateway-settings-store';
import { gateOrderSending } from '../../../src/main/app/order-gate';
import { createHost, type Host } from '../../../src/main/host';
import { Ledger } from '../../../src/main/ledger';
import { InterlockGate } from '../../../src/main/security/interlock';
import { DEFAULT_GATEWAY_SETTINGS, rpcMethods, type GatewaySettings, type InterlockStatus, type RpcMethodName } from '../../../src/shared';
import { connectWs, makeRendererBuild, rawCall, signIn, testHandlers } from '../host/helpers';

const LOCKED: InterlockStatus = { registered: 1, verified: false, expiresAt: null, reason: null, automationArmedUntil: null };
const UNLOCKED: InterlockStatus = { registered: 1, verified: true, expiresAt: Number.MAX_SAFE_INTEGER, reason: null, automationArmedUntil: null };

type Frame = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string; issues?: { path: string; message: string }[] } };

/** A host as the terminal wires the gateway settings: the gateway.settings.* handlers behind the order gate over an in-memory ledger. */
interface Rig {
  readonly store: GatewaySettingsStore;
  /** The interlock status the gate sees; tests lock and unlock by assigning it. */
  interlock: InterlockStatus;
  /** One RPC call over the signed-in WebSocket; a result is checked against the contract's response schema. */
  call(method: RpcMethodName, params: unknown): Promise<Frame>;
  close(): Promise<void>;
}

async function startRig(): Promise<Rig> {
  const build = makeRendererBuild();
  const ledger = Ledger.open(':memory:');
  const store = new GatewaySettingsStore(ledger.settings, { now: () => 1_760_000_000_000_000 });
  const rig = { interlock: LOCKED, store } as Rig;
  const rpc = gateOrderSending(
    testHandlers(createGatewaySettingsHandlers(store, async (settings) => store.set(settings))),
    new InterlockGate({ status: () => rig.interlock, needsCheckToResume: () => false }),
  );
  const host: Host = await createHost({ staticDir: build.staticDir, rpc, log: () => undefined });
  const handshake = await connectWs(host.port, { cookie: await signIn(host), origin: host.origin });
  if (!handshake.ok) throw new Error(`websocket refused with ${handshake.status}`);
  const ws: WebSocket = handshake.ws;
  let id = 0;
  return Object.assign(rig, {
    async call(method: RpcMethodName, params: unknown): Promise<Frame> {
      const { kind: _kind, id: _id, ...frame } = (await rawCall(ws, JSON.stringify({ id: ++id, method, params }))) as Frame & { kind: string; id: number };
      if (frame.ok) expect(rpcMethods[method].response.safeParse(frame.result).success, `${method} answers its contract`).toBe(true);
      return frame;
    },
    async close() {
      ws.close();
      await host.close();
      store.dispose();
      ledger.close();
      build.cleanup();
    },
  });
}

const IB_ON_THIS_MACHINE: GatewaySettings = { ...DEFAULT_GATEWAY_SETTINGS, venue: 'IB', primary: { host: '127.0.0.1', port: 7497, clientId: 5 } };

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

describe('gateway.settings.set behind the interlock', () => {
  it('is refused with FORBIDDEN without a live interlock session, and changes nothing', async () => {
    expect(await rig.call('gateway.settings.set', IB_ON_THIS_MACHINE)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'gateway.settings.set refused: no interlock session is live; unlock with your authenticator to send orders' },
    });
    expect(rig.store.get()).toEqual(DEFAULT_GATEWAY_SETTINGS);
  });

  it('stores the settings while unlocked; gateway.settings.get then answers them, also when locked again', async () => {
    rig.interlock = UNLOCKED;
    expect(await rig.call('gateway.settings.set', IB_ON_THIS_MACHINE)).toEqual({ ok: true, result: IB_ON_THIS_MACHINE });
    rig.interlock = LOCKED;
    expect(await rig.call('gateway.settings.get', {})).toEqual({ ok: true, result: IB_ON_THIS_MACHINE });
    expect(rig.store.get()).toEqual(IB_ON_THIS_MACHINE);
  });

  it('answers BAD_REQUEST naming each field for invalid settings, even while unlocked', async () => {
    rig.interlock = UNLOCKED;
    const frame = await rig.call('gateway.settings.set', { ...IB_ON_THIS_MACHINE, primary: { host: '10.0.0.5', port: 4002, clientId: 5 }, ports: { paper: [4002], live: [4002] } });
    expect(frame).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        issues: [
          { path: 'ports.live', message: 'port 4002 is listed as both a paper and a live port; list it under one only' },
          { path: 'primary.host', message: 'gateway host 10.0.0.5 is not loopback and not in allowed hosts; add its IP address to allowed hosts' },
        ],
      },
    });
    expect(rig.store.get()).toEqual(DEFAULT_GATEWAY_SETTINGS);
  });
});

describe('gateway.settings.get', () => {
  it('answers the defaults on a new data folder without needing a session', async () => {
    expect(await rig.call('gateway.settings.get', {})).toEqual({ ok: true, result: DEFAULT_GATEWAY_SETTINGS });
  });
});
