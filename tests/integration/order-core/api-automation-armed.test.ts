import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, startTerminal, type RunningTerminal } from '../../../src/main/app';
import { RiskProfileStore } from '../../../src/main/execution';
import { API_ROUTES } from '../../../src/main/host';
import { Ledger } from '../../../src/main/ledger';
import { DEFAULT_RISK_PROFILE, type InterlockStatus, type Order } from '../../../src/shared';
import { SoftAuthenticator } from '../../support/soft-authenticator';
import { connectRpc, type TerminalRpc } from '../../support/terminal-rpc';
import { makeRendererBuild } from '../../unit/host/helpers';
import { postSigned, testKey } from '../../unit/security/api-auth/signed-client';
import { GOOG_MESSAGE_FILE } from '../../unit/venues/lobster-test-feed';
import { bidTicketWithStop, journaledEventTypes } from './api-orders';

// Armed automation (issue 10) at the terminal: with an authenticator registered but no interlock
// session, a signed `POST /api/v1/orders` (approval AUTO for API) is sent while automation is armed
// and staged with INTERLOCK_LOCKED once it is disarmed, by the trader or by a HALT. Market data: the
// GOOG 2012-06-21 LOBSTER excerpt in ../shared/data. Each test gets its own terminal.

const key = testKey();
let dataDir: string;
let build: ReturnType<typeof makeRendererBuild>;
let terminal: RunningTerminal;
let rpc: TerminalRpc;
let authenticator: SoftAuthenticator;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'floor-api-armed-'));
  build = makeRendererBuild();
  const ledger = Ledger.open(path.join(dataDir, DATABASE_FILE));
  ledger.apiKeys.insert({ keyId: key.keyId, label: 'bot', publicKey: key.publicKeyBase64, createdAt: Date.now() * 1_000, revokedAt: null });
  // API orders auto-execute; one arming lasts an hour (whatever the time of day the test runs at).
  new RiskProfileStore(ledger.settings, { now: () => Date.now() * 1_000 }).set({ ...DEFAULT_RISK_PROFILE, automationArmMinutes: 60, approval: { ...DEFAULT_RISK_PROFILE.approval, API: 'AUTO' } });
  ledger.close();
  terminal = await startTerminal({ dataDir, rendererDir: build.staticDir, replay: GOOG_MESSAGE_FILE, speed: 1 });
  terminal.feed.pause();
  rpc = await connectRpc(terminal.host);
  // Registered (first run) but never unlocked: no interlock session is live.
  authenticator = new SoftAuthenticator(terminal.host.origin);
  const options = (await rpc.call('interlock.registration.options', {})) as { challenge: string };
  await rpc.call('interlock.registration.verify', { response: authenticator.register(options.challenge), label: 'bot desk' });
});

afterEach(async () => {
  rpc?.close();
  await terminal?.close();
  build.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

const ticket = () => bidTicketWithStop(terminal.feed);

async function apiOrder(): Promise<{ status: number; order: Order }> {
  const res = await postSigned(terminal.host.port, API_ROUTES.orders, ticket(), key);
  return { status: res.status, order: (res.json as { order: Order }).order };
}

async function arm(): Promise<InterlockStatus> {
  const options = (await rpc.call('interlock.authentication.options', {})) as { challenge: string };
  return (await rpc.call('interlock.automation.arm', { response: authenticator.assert(options.challenge) })) as InterlockStatus;
}

const submitted = (clientOrderId: string): boolean => journaledEventTypes(dataDir, clientOrderId).includes('OrderSubmitted');

describe('signed API orders and armed automation (no interlock session)', () => {
  it('sends an API order while automation is armed, for the armed span', async () => {
    const before = Date.now() * 1_000;
    const status = await arm();
    expect(status.verified, 'arming opens no session').toBe(false);
    expect(status.automationArmedUntil! - before).toBeGreaterThan(59 * 60_000_000);
    const { status: http, order } = await apiOrder();
    expect(http).toBe(200);
    expect(order.status).toMatch(/^(SUBMITTED|ACCEPTED|FILLED|PARTIALLY_FILLED)$/);
    expect(submitted(order.clientOrderId)).toBe(true);
  });

  it('stages an API order with INTERLOCK_LOCKED once the trader disarmed, sending nothing', async () => {
    await arm();
    expect(((await rpc.call('interlock.automation.disarm', {})) as InterlockStatus).automationArmedUntil).toBeNull();
    const { status, order } = await apiOrder();
    expect(status).toBe(202);
    expect(order).toMatchObject({ status: 'STAGED', reason: { code: 'INTERLOCK_LOCKED' } });
    expect(order.reason?.message).toMatch(/no interlock session is live and automation is not armed/);
    expect(submitted(order.clientOrderId)).toBe(false);
  });

  it('is disarmed by a HALT: armed again, the kill switch ends it', async () => {
    expect((await arm()).automationArmedUntil).not.toBeNull();
    await rpc.call('risk.killSwitch', {});
    expect(((await rpc.call('interlock.status', {})) as InterlockStatus).automationArmedUntil).toBeNull();
  });
});
