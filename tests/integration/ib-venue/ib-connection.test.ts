import { afterEach, describe, expect, it } from 'vitest';
import { IbConnection, type IbConnectionOptions, type IbConnectionPhase, type IbConnectionStatus } from '../../../src/main/venues/ib/ib-connection';
import { MIN_IB_SERVER_VERSION } from '../../../src/main/venues/ib/server-version';
import { realIbTimers } from '../../../src/main/venues/ib/timers';
import { startStand, type SimStand } from '../ib-gateway-sim/fixture';

// The connection manager against the TWS-protocol gateway simulator (tests/ib-gateway-sim) replaying
// the GOOG 2012-06-21 LOBSTER excerpt (../shared/data/lobster/excerpts), through the real @stoqey/ib client.

const HEARTBEAT = { intervalMs: 100, timeoutMs: 300 };
const stands: SimStand[] = [];
const connections: IbConnection[] = [];

afterEach(async () => {
  for (const c of connections.splice(0)) c.stop();
  for (const s of stands.splice(0)) await s.close();
});

async function stand(options: Parameters<typeof startStand>[0] = {}): Promise<SimStand> {
  const s = await startStand(options);
  stands.push(s);
  return s;
}

function connection(primary: SimStand, overrides: Partial<IbConnectionOptions> = {}): { connection: IbConnection; phases: IbConnectionPhase[]; statuses: IbConnectionStatus[] } {
  const statuses: IbConnectionStatus[] = [];
  const c = new IbConnection({
    primary: { host: '127.0.0.1', port: primary.sim.port, clientId: 17 },
    standby: null,
    mode: () => 'PAPER',
    ports: { paper: stands.map((s) => s.sim.port), live: [4001] },
    heartbeat: HEARTBEAT,
    timers: realIbTimers,
    isOrderId: () => false,
    reconcile: () => Promise.resolve(),
    random: () => 0,
    ...overrides,
  });
  c.onDidChangeStatus((s) => statuses.push(s));
  connections.push(c);
  return { connection: c, statuses, phases: statuses.map((s) => s.phase) as never };
}

function reaches(c: IbConnection, phase: IbConnectionPhase, timeoutMs = 5_000, accept: (s: IbConnectionStatus) => boolean = () => true): Promise<IbConnectionStatus> {
  return new Promise((resolve, reject) => {
    const now = c.connectionStatus();
    if (now.phase === phase && accept(now)) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`connection did not reach ${phase} within ${timeoutMs} ms (now ${JSON.stringify(c.connectionStatus())})`));
    }, timeoutMs);
    const sub = c.onDidChangeStatus((s) => {
      if (s.phase === phase && accept(s)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(s);
      }
    });
  });
}

describe('IB connection manager against the gateway simulator', () => {
  it('connects, checks the paper account, reconciles, then accepts orders', async () => {
    const sim = await stand();
    const { connection: c, statuses } = connection(sim);
    c.start();
    const connected = await reaches(c, 'CONNECTED');
    expect(connected.accounts.every((a) => a.startsWith('DU'))).toBe(true);
    expect(statuses.map((s) => s.phase)).toEqual(expect.arrayContaining(['CONNECTING', 'RECONCILING', 'CONNECTED']));
    expect(c.acceptsOrders()).toBe(true);
  });

  it('refuses a live gateway (U accounts) in paper mode, and never accepts orders', async () => {
    const sim = await stand({ mode: 'live' });
    const { connection: c } = connection(sim);
    c.start();
    const refused = await reaches(c, 'REFUSED');
    expect(refused.reason).toMatch(/paper mode but the gateway manages live account/);
    expect(c.acceptsOrders()).toBe(false);
  });

  for (const serverVersion of [100, 140, 160, 176]) {
    it(`refuses a gateway at server version ${serverVersion} (below ${MIN_IB_SERVER_VERSION}, where the IB client misreads what reconciliation reads), naming the version, before reconciling`, async () => {
      const sim = await stand({ serverVersion });
      let reconciled = 0;
      const { connection: c } = connection(sim, { reconcile: () => Promise.resolve(void (reconciled += 1)) });
      c.start();
      const refused = await reaches(c, 'REFUSED');
      expect(refused.reason).toContain(`server version ${serverVersion}; Floor needs ${MIN_IB_SERVER_VERSION} or later`);
      expect(refused.reason).toMatch(/Update IB Gateway or TWS/);
      expect(reconciled).toBe(0);
      expect(c.acceptsOrders()).toBe(false);
      expect(c.session).toBeUndefined();
    });
  }

  it(`connects to a gateway at server version ${MIN_IB_SERVER_VERSION}`, async () => {
    const sim = await stand({ serverVersion: MIN_IB_SERVER_VERSION });
    const { connection: c } = connection(sim);
    c.start();
    await reaches(c, 'CONNECTED');
    expect(c.acceptsOrders()).toBe(true);
  });

  it('refuses a paper port when Floor is in live mode', async () => {
    const sim = await stand();
    const { connection: c } = connection(sim, { mode: () => 'LIVE' });
    c.start();
    expect((await reaches(c, 'REFUSED')).reason).toMatch(/live mode but port \d+ is a paper gateway port/);
  });

  it('detects a gateway that hangs without closing the socket within the heartbeat timeout, then reconnects', async () => {
    const sim = await stand();
    const { connection: c } = connection(sim);
    c.start();
    await reaches(c, 'CONNECTED');
    const hungAt = performance.now();
    sim.sim.control.hang(true);
    const lost = await reaches(c, 'RECONNECTING');
    const detectedMs = performance.now() - hungAt;
    expect(lost.reason).toMatch(/sent nothing for/);
    expect(c.acceptsOrders()).toBe(false);
    expect(detectedMs).toBeLessThan(HEARTBEAT.timeoutMs + HEARTBEAT.intervalMs + 200);
    sim.sim.control.hang(false);
    await reaches(c, 'CONNECTED');
  });

  it('stops orders on 1100, resumes on 1102, and reconciles again on 1101', async () => {
    const sim = await stand();
    let reconciliations = 0;
    const { connection: c } = connection(sim, {
      reconcile: () => {
        reconciliations += 1;
        return Promise.resolve();
      },
    });
    c.start();
    await reaches(c, 'CONNECTED');
    sim.sim.control.notice('connectivityLost');
    await reaches(c, 'UPSTREAM_LOST');
    expect(c.acceptsOrders()).toBe(false);
    sim.sim.control.notice('restoredDataKept');
    await reaches(c, 'CONNECTED');
    sim.sim.control.notice('serverBroken');
    await reaches(c, 'UPSTREAM_LOST');
    sim.sim.control.notice('restoredDataLost');
    await reaches(c, 'CONNECTED', 5_000, () => reconciliations === 2);
    expect(reconciliations).toBe(2);
  });

  it('fails over to the standby gateway when the primary is dropped, and stays there', async () => {
    const primary = await stand();
    const standby = await stand();
    const { connection: c } = connection(primary, { standby: { host: '127.0.0.1', port: standby.sim.port, clientId: 17 } });
    c.start();
    await reaches(c, 'CONNECTED', 5_000, (s) => s.role === 'PRIMARY');
    const droppedAt = performance.now();
    primary.sim.control.dropConnections();
    const onStandby = await reaches(c, 'CONNECTED', 5_000, (s) => s.role === 'STANDBY');
    expect(performance.now() - droppedAt).toBeLessThan(2_000);
    expect(onStandby.gateway).toBe(`127.0.0.1:${standby.sim.port}`);
  });

  it('refuses a gateway host that is neither loopback nor allowed before opening anything', async () => {
    const sim = await stand();
    expect(() => connection(sim, { primary: { host: '192.0.2.10', port: sim.sim.port, clientId: 17 } })).toThrow(/refused: Floor connects only to loopback/);
  });
});
