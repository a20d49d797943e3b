import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../../src/main/host';
import { MAX_SIGNED_BODY_BYTES, newNonce } from '../../../src/main/security/api-auth';
import { GOOG_MARK, VALID_ORDER, breaches, snapshotExceptAlerts, startApiHost, type ApiHostFixture } from '../security/api-auth/api-host-fixture';
import { post, postSigned, testKey } from '../security/api-auth/signed-client';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

let api: ApiHostFixture;
beforeEach(async () => {
  api = await startApiHost();
});
afterEach(async () => {
  await api.close();
});

describe('POST /api/v1/orders and /api/v1/signals', () => {
  it('stages a signed API order for approval under the default profile (202 with the order), without a session cookie', async () => {
    const res = await postSigned(api.host.port, API_ROUTES.orders, VALID_ORDER, api.key);
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ order: { source: 'API', status: 'STAGED', instrumentId: 'GOOG', quantity: 10, limitPrice: GOOG_MARK } });
    expect(api.fixture.engine.orders.list()).toHaveLength(1);
    expect(breaches(api.ledger)).toEqual([]);
  });

  it('answers 200 with the order when the profile sends API orders without approval', async () => {
    const profile = api.fixture.profile.get();
    api.fixture.profile.set({ ...profile, approval: { ...profile.approval, API: 'AUTO' } });
    const res = await postSigned(api.host.port, API_ROUTES.orders, VALID_ORDER, api.key);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ order: { source: 'API', status: 'SUBMITTED' } });
  });

  it('sizes a RISK signal from the profile: the signal carries the stop, the quantity is left out', async () => {
    const { quantity: _q, ...ticket } = VALID_ORDER;
    const res = await postSigned(api.host.port, API_ROUTES.signals, { ...ticket, sizing: 'RISK', signal: { entry: GOOG_MARK, stop: GOOG_MARK - 2_000_000, score: 7 } }, api.key);
    expect(res.status).toBe(202);
    const order = (res.json as { order: { sizing: string; quantity: number; signal: { score: number } } }).order;
    expect(order.sizing).toBe('RISK');
    expect(order.quantity).toBeGreaterThan(0);
    expect(order.signal.score).toBe(7);
  });

  it('refuses a signal without its signal fields with 400 naming the field', async () => {
    const { signal: _s, ...ticket } = VALID_ORDER;
    const res = await postSigned(api.host.port, API_ROUTES.signals, ticket, api.key);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'BAD_REQUEST', issues: [{ path: 'signal' }] } });
  });

  it.each([
    ['unsigned', () => post(api.host.port, API_ROUTES.orders, { body: JSON.stringify(VALID_ORDER), headers: { 'Content-Type': 'application/json' } }), 'UNSIGNED'],
    ['signed by an unregistered key', () => postSigned(api.host.port, API_ROUTES.orders, VALID_ORDER, testKey()), 'UNKNOWN_KEY'],
    ['signed 31 s ago', () => postSigned(api.host.port, API_ROUTES.orders, VALID_ORDER, api.key, { timestampMs: Date.now() - 31_000 }), 'EXPIRED'],
    [
      'signed by another key under our key id',
      () => postSigned(api.host.port, API_ROUTES.orders, VALID_ORDER, { ...testKey(), keyId: api.key.keyId }),
      'BAD_SIGNATURE',
    ],
    ['carrying a garbage signature header', () => postSigned(api.host.port, API_ROUTES.orders, VALID_ORDER, api.key, { tweak: (h) => ({ ...h, 'X-Floor-Signature': 'x' }) }), 'MALFORMED'],
  ])('refuses a request %s with 403, one breach alert, and nothing else written', async (_what, send, reason) => {
    const before = snapshotExceptAlerts(rawDatabase(api.ledger));
    const res = await send();
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'FORBIDDEN', reason } });
    expect(snapshotExceptAlerts(rawDatabase(api.ledger))).toBe(before);
    expect(breaches(api.ledger)).toMatchObject([{ severity: 'CRITICAL', details: { reason, path: API_ROUTES.orders } }]);
  });

  it('refuses a replayed request with 403 REPLAYED after placing the original once', async () => {
    const nonce = newNonce();
    const timestampMs = Date.now();
    const first = await postSigned(api.host.port, API_ROUTES.orders, VALID_ORDER, api.key, { nonce, timestampMs });
    expect(first.status).toBe(202);
    const before = snapshotExceptAlerts(rawDatabase(api.ledger));
    const replay = await postSigned(api.host.port, API_ROUTES.orders, VALID_ORDER, api.key, { nonce, timestampMs });
    expect(replay.status).toBe(403);
    expect(replay.json).toMatchObject({ error: { reason: 'REPLAYED' } });
    expect(snapshotExceptAlerts(rawDatabase(api.ledger))).toBe(before);
    expect(api.fixture.engine.orders.list()).toHaveLength(1);
    expect(breaches(api.ledger)).toMatchObject([{ details: { reason: 'REPLAYED', keyId: api.key.keyId } }]);
  });

  it('refuses a browser cross-origin POST (Origin of another site) even when signed', async () => {
    const res = await postSigned(api.host.port, API_ROUTES.orders, VALID_ORDER, api.key, { extraHeaders: { Origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { reason: 'CROSS_ORIGIN' } });
    expect(api.fixture.engine.orders.list()).toEqual([]);
    expect(breaches(api.ledger)).toHaveLength(1);
  });

  it("accepts the app's own Origin", async () => {
    const res = await postSigned(api.host.port, API_ROUTES.orders, VALID_ORDER, api.key, { extraHeaders: { Origin: api.host.origin } });
    expect(res.status).toBe(202);
  });

  it('keeps the Host header check (DNS rebinding) in front of the API', async () => {
    const res = await post(api.host.port, API_ROUTES.orders, { host: `evil.example:${api.host.port}`, body: '{}' });
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/Host header/);
    expect(breaches(api.ledger)).toEqual([]);
  });

  it('refuses a body above 64 KiB with 403 MALFORMED without reading it whole', async () => {
    const res = await post(api.host.port, API_ROUTES.orders, { body: Buffer.alloc(MAX_SIGNED_BODY_BYTES + 1, 0x20), headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { reason: 'MALFORMED' } });
    expect(breaches(api.ledger)).toHaveLength(1);
  });

  it('answers 405 to other methods and 404 to unknown API paths, recording nothing', async () => {
    expect((await post(api.host.port, API_ROUTES.orders, { method: 'GET' })).status).toBe(405);
    expect((await post(api.host.port, '/api/v1/admin', {})).status).toBe(404);
    expect(breaches(api.ledger)).toEqual([]);
  });

  it('answers 400 with the field issues for a signed but invalid order, and 415 for a non-JSON content type', async () => {
    const res = await postSigned(api.host.port, API_ROUTES.orders, { ...VALID_ORDER, quantity: -5, limitPrice: 'abc' }, api.key);
    expect(res.status).toBe(400);
    const paths = (res.json as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['quantity', 'limitPrice']));
    const text = await postSigned(api.host.port, API_ROUTES.orders, VALID_ORDER, api.key, { extraHeaders: { 'Content-Type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(api.fixture.engine.orders.list()).toEqual([]);
  });

  it('returns a DENIED order with 200 and its reason when risk refuses it', async () => {
    const res = await postSigned(api.host.port, API_ROUTES.orders, { ...VALID_ORDER, instrumentId: 'AAPL' }, api.key);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ order: { status: 'DENIED', reason: { code: expect.any(String) } } });
  });
});
