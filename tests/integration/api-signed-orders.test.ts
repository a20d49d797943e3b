import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTerminal, DATABASE_FILE, type RunningTerminal } from '../../src/main/app';
import { API_ROUTES, ENDPOINT_FILE, readEndpointFile } from '../../src/main/host';
import { Ledger } from '../../src/main/ledger';
import { readChainIdentity, verifyChain } from '../../src/main/ledger/chain';
import { newNonce } from '../../src/main/security/api-auth';
import { makeRendererBuild } from '../unit/host/helpers';
import { post, postSigned, testKey } from '../unit/security/api-auth/signed-client';
import { GOOG_MESSAGE_FILE } from '../unit/venues/lobster-test-feed';
import { rawDatabase } from '../../src/main/ledger/raw-database';

// Market data: the GOOG 2012-06-21 LOBSTER excerpt under ../shared/data (GOOG_MESSAGE_FILE), replayed by the real terminal.

const key = testKey();
let dataDir: string;
let build: ReturnType<typeof makeRendererBuild>;
let terminal: RunningTerminal;

beforeAll(() => {
  build = makeRendererBuild();
});

afterAll(() => {
  build.cleanup();
});

// Each test runs its own terminal on a fresh data folder, so each sees only the orders and alerts it caused.
beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'floor-api-'));
  // Register the key as `apikeys.register` would: one row in api_keys.
  const ledger = Ledger.open(path.join(dataDir, DATABASE_FILE));
  ledger.apiKeys.insert({ keyId: key.keyId, label: 'integration test', publicKey: key.publicKeyBase64, createdAt: Date.now() * 1_000, revokedAt: null });
  ledger.close();
  terminal = await startTerminal({ dataDir, rendererDir: build.staticDir, replay: GOOG_MESSAGE_FILE, speed: 1 });
  terminal.feed.pause();
});

afterEach(async () => {
  await terminal?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A BUY 10 GOOG LIMIT at the best bid with a stop $5 below: passes every default risk check. */
function order() {
  const bid = terminal.feed.book.bestBid();
  if (bid === null || bid === undefined) throw new Error('the GOOG replay has no bid');
  return { instrumentId: 'GOOG', side: 'BUY', quantity: 10, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: bid.price, signal: { stop: bid.price - 5_000_000 } };
}

/**
 * Sends an unsigned order, one signed with an unregistered key, one with an expired timestamp, and a
 * signal twice with the same nonce (the first is taken). Returns each refusal's [status, reason] and
 * the engine's orders before, and after the one taken.
 */
async function sendRefusedRequests() {
  const port = terminal.host.port;
  const ordersBefore = terminal.engine.orders.list();
  const unsigned = await post(port, API_ROUTES.orders, { body: JSON.stringify(order()), headers: { 'Content-Type': 'application/json' } });
  const wrongKey = await postSigned(port, API_ROUTES.orders, order(), { ...testKey(), keyId: key.keyId });
  const expired = await postSigned(port, API_ROUTES.orders, order(), key, { timestampMs: Date.now() - 60_000 });
  const nonce = newNonce();
  const timestampMs = Date.now();
  const signal = { ...order(), quantity: undefined, sizing: 'RISK', signal: { stop: order().limitPrice - 2_000_000, score: 7 } };
  const original = await postSigned(port, API_ROUTES.signals, signal, key, { nonce, timestampMs });
  expect(original.status, 'the signal, first sent').toBe(202);
  const ordersAfterOriginal = terminal.engine.orders.list();
  const replayed = await postSigned(port, API_ROUTES.signals, signal, key, { nonce, timestampMs });
  const refusals = [unsigned, wrongKey, expired, replayed].map((r) => [r.status, (r.json as { error: { reason: string } }).error.reason]);
  return { refusals, ordersBefore, ordersAfterOriginal };
}

describe('signed automation API on a running terminal (GOOG replay, default risk profile)', () => {
  it('publishes its endpoint in the data folder, mode 0600, naming this process and port', () => {
    const endpoint = readEndpointFile(dataDir);
    expect(endpoint).toMatchObject({ port: terminal.host.port, pid: process.pid, origin: terminal.host.origin });
    if (process.platform !== 'win32') expect(statSync(path.join(dataDir, ENDPOINT_FILE)).mode & 0o777).toBe(0o600);
  });

  it('stages a signed API order for the trader (API approval is MANUAL by default)', async () => {
    const res = await postSigned(terminal.host.port, API_ROUTES.orders, order(), key);
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ order: { source: 'API', status: 'STAGED', quantity: 10 } });
    expect(terminal.engine.orders.list().map((o) => o.status)).toEqual(['STAGED']);
  });

  it('refuses unsigned, wrong-key, expired and replayed requests with 403 and places nothing', async () => {
    const { refusals, ordersBefore, ordersAfterOriginal } = await sendRefusedRequests();
    expect(refusals).toEqual([
      [403, 'UNSIGNED'],
      [403, 'BAD_SIGNATURE'],
      [403, 'EXPIRED'],
      [403, 'REPLAYED'],
    ]);
    expect(ordersAfterOriginal).toHaveLength(ordersBefore.length + 1);
    expect(terminal.engine.orders.list()).toEqual(ordersAfterOriginal);
  });

  it('records each refusal as a CRITICAL_SECURITY_BREACH alert and a signed ledger entry, and removes the endpoint file on a clean shutdown', async () => {
    await sendRefusedRequests();
    await terminal.close();
    expect(existsSync(path.join(dataDir, ENDPOINT_FILE))).toBe(false);
    expect(() => readEndpointFile(dataDir)).toThrow(/not running/);
    const ledger = Ledger.open(path.join(dataDir, DATABASE_FILE));
    try {
      const breaches = ledger.alerts.list().filter((a) => a.code === 'CRITICAL_SECURITY_BREACH').reverse();
      expect(breaches.map((a) => [a.severity, a.details.reason])).toEqual([
        ['CRITICAL', 'UNSIGNED'],
        ['CRITICAL', 'BAD_SIGNATURE'],
        ['CRITICAL', 'EXPIRED'],
        ['CRITICAL', 'REPLAYED'],
      ]);
      const signedBreaches = (rawDatabase(ledger).prepare("SELECT payload FROM ledger_chain WHERE type = 'security.event' ORDER BY seq").pluck().all() as string[])
        .map((payload) => JSON.parse(payload) as { event: string; details: { reason: string } })
        .filter((entry) => entry.event === 'CRITICAL_SECURITY_BREACH')
        .map((entry) => [entry.event, entry.details.reason]);
      expect(signedBreaches).toEqual([
        ['CRITICAL_SECURITY_BREACH', 'UNSIGNED'],
        ['CRITICAL_SECURITY_BREACH', 'BAD_SIGNATURE'],
        ['CRITICAL_SECURITY_BREACH', 'EXPIRED'],
        ['CRITICAL_SECURITY_BREACH', 'REPLAYED'],
      ]);
      const publicKey = readChainIdentity(rawDatabase(ledger)).publicKeyPem;
      expect(publicKey).not.toBeNull();
      expect(verifyChain(rawDatabase(ledger), publicKey ?? '')).toMatchObject({ ok: true });
    } finally {
      ledger.close();
    }
  });
});
