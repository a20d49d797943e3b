import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, startTerminal, type RunningTerminal } from '../../../src/main/app';
import { RiskProfileStore } from '../../../src/main/execution';
import { API_ROUTES } from '../../../src/main/host';
import { Ledger } from '../../../src/main/ledger';
import { DEFAULT_RISK_PROFILE, type Order } from '../../../src/shared';
import { connectRpc, unlockTerminal, type TerminalRpc } from '../../support/terminal-rpc';
import { makeRendererBuild } from '../../unit/host/helpers';
import { postSigned, testKey } from '../../unit/security/api-auth/signed-client';
import { GOOG_MESSAGE_FILE } from '../../unit/venues/lobster-test-feed';
import { bidTicketWithStop, journaledEventTypes } from './api-orders';

// Defect 1 of the order-core issue: with approval AUTO for the API source, a signed
// `POST /api/v1/orders` reached the venue with no interlock session, because the interlock wrapped
// RPC methods rather than the order path. Market data: the GOOG 2012-06-21 LOBSTER excerpt in ../shared/data.

const key = testKey();
let dataDir: string;
let build: ReturnType<typeof makeRendererBuild>;
let terminal: RunningTerminal;
let rpc: TerminalRpc;

beforeAll(() => {
  build = makeRendererBuild();
});

afterAll(() => {
  build.cleanup();
});

// Each test runs its own terminal on a fresh data folder: one needs no interlock session ever opened.
beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'floor-api-interlock-'));
  const ledger = Ledger.open(path.join(dataDir, DATABASE_FILE));
  ledger.apiKeys.insert({ keyId: key.keyId, label: 'bot', publicKey: key.publicKeyBase64, createdAt: Date.now() * 1_000, revokedAt: null });
  // The trader let API orders auto-execute (approval AUTO for API): the interlock is the last guard.
  new RiskProfileStore(ledger.settings, { now: () => Date.now() * 1_000 }).set({ ...DEFAULT_RISK_PROFILE, approval: { ...DEFAULT_RISK_PROFILE.approval, API: 'AUTO' } });
  ledger.close();
  terminal = await startTerminal({ dataDir, rendererDir: build.staticDir, replay: GOOG_MESSAGE_FILE, speed: 1 });
  terminal.feed.pause();
  rpc = await connectRpc(terminal.host);
});

afterEach(async () => {
  rpc?.close();
  await terminal?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const ticket = () => bidTicketWithStop(terminal.feed);

const eventTypes = (clientOrderId: string) => journaledEventTypes(dataDir, clientOrderId);

describe('the signed API behind the interlock (approval AUTO for API)', () => {
  it('stages an API order while no interlock session is live, with a reason the caller reads, and sends nothing', async () => {
    const res = await postSigned(terminal.host.port, API_ROUTES.orders, ticket(), key);
    const order = (res.json as { order: Order }).order;
    expect(res.status).toBe(202);
    expect(order).toMatchObject({ source: 'API', status: 'STAGED', reason: { code: 'INTERLOCK_LOCKED' } });
    expect(order.reason?.message).toMatch(/no interlock session is live.*approve it in Floor/);
    expect(eventTypes(order.clientOrderId)).not.toContain('OrderSubmitted');
  });

  it('sends an API order at once while a session is live', async () => {
    await unlockTerminal(rpc, terminal.host);
    const res = await postSigned(terminal.host.port, API_ROUTES.orders, ticket(), key);
    const order = (res.json as { order: Order }).order;
    expect(res.status).toBe(200);
    expect(order.status).toMatch(/^(ACCEPTED|FILLED|PARTIALLY_FILLED)$/);
    expect(eventTypes(order.clientOrderId)).toContain('OrderSubmitted');
  });
});
