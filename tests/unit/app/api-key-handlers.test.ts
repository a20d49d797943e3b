import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createApiKeyHandlers } from '../../../src/main/app/api-key-handlers';
import { gateOrderSending } from '../../../src/main/app/order-gate';
import { API_ROUTES, createApiRoutes, createHost, type Host } from '../../../src/main/host';
import { Ledger } from '../../../src/main/ledger';
import { TerminalSigningKey } from '../../../src/main/security/terminal-key';
import { alertSecurityEvents, ledgerApiKeys, RequestVerifier } from '../../../src/main/security/api-auth';
import { InterlockGate } from '../../../src/main/security/interlock';
import { rpcMethods, type InterlockStatus, type RpcMethodName } from '../../../src/shared';
import { engineOn, type EngineFixture } from '../execution/helpers/engine-fixture';
import { connectWs, makeRendererBuild, rawCall, signIn, testHandlers } from '../host/helpers';
import { GOOG_MARK, VALID_ORDER } from '../security/api-auth/api-host-fixture';
import { postSigned, testKey, type TestKey } from '../security/api-auth/signed-client';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

const LOCKED: InterlockStatus = { registered: 1, verified: false, expiresAt: null, reason: null, automationArmedUntil: null };
const UNLOCKED: InterlockStatus = { registered: 1, verified: true, expiresAt: Number.MAX_SAFE_INTEGER, reason: null, automationArmedUntil: null };
const REGISTERED_AT = 1_760_000_000_000_000;

type Frame = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string; issues?: { path: string; message: string }[] } };

/**
 * A host as the terminal wires it for API keys: the apikeys.* handlers behind the order gate over
 * an in-memory ledger, and the signed /api/v1/ routes verifying against the same api_keys table.
 */
interface Rig {
  readonly host: Host;
  readonly ws: WebSocket;
  readonly ledger: Ledger;
  readonly fixture: EngineFixture;
  readonly key: TestKey;
  /** The interlock status the gate sees; tests lock and unlock by assigning it. */
  interlock: InterlockStatus;
  /** One RPC call over the signed-in WebSocket; the result is checked against the contract's response schema. */
  call(method: RpcMethodName, params: unknown): Promise<Frame>;
  close(): Promise<void>;
}

async function startRig(): Promise<Rig> {
  const build = makeRendererBuild();
  const ledger = Ledger.open(':memory:');
  ledger.signWith(TerminalSigningKey.generate());
  const fixture = engineOn(ledger, {}, undefined, { profile: null });
  fixture.marks.set('GOOG', GOOG_MARK);
  const keys = ledger.apiKeys;
  let clock = REGISTERED_AT;
  const rig = { interlock: LOCKED } as Rig;
  const rpc = gateOrderSending(
    testHandlers(createApiKeyHandlers(keys, { now: () => clock++ }, ledger)),
    new InterlockGate({ status: () => rig.interlock, needsCheckToResume: () => false }),
  );
  const api = createApiRoutes({
    verifier: new RequestVerifier({ keys: ledgerApiKeys(keys) }),
    security: alertSecurityEvents((alert) => ledger.alerts.append(alert), { now: () => Date.now() * 1_000 }),
    submit: (ticket) => fixture.engine.submit(ticket, 'API'),
    log: () => undefined,
  });
  const host = await createHost({ staticDir: build.staticDir, rpc, api, log: () => undefined });
  const handshake = await connectWs(host.port, { cookie: await signIn(host), origin: host.origin });
  if (!handshake.ok) throw new Error(`websocket refused with ${handshake.status}`);
  let id = 0;
  return Object.assign(rig, {
    host,
    ws: handshake.ws,
    ledger,
    fixture,
    key: testKey(),
    async call(method: RpcMethodName, params: unknown): Promise<Frame> {
      const { kind: _kind, id: _id, ...frame } = (await rawCall(handshake.ws, JSON.stringify({ id: ++id, method, params }))) as Frame & { kind: string; id: number };
      if (frame.ok) expect(rpcMethods[method].response.safeParse(frame.result).success, `${method} answers its contract`).toBe(true);
      return frame;
    },
    async close() {
      handshake.ws.close();
      await host.close();
      fixture.engine.dispose();
      ledger.close();
      build.cleanup();
    },
  });
}

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

const register = (publicKey: string, label = 'momentum bot') => rig.call('apikeys.register', { label, publicKey });
const keyRows = () => rawDatabase(rig.ledger).prepare('SELECT key_id, revoked_at FROM api_keys').all();

describe('apikeys.register behind the interlock', () => {
  it('is refused with FORBIDDEN without a live interlock session, and writes nothing', async () => {
    const frame = await register(rig.key.publicKeyBase64);
    expect(frame).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'apikeys.register refused: no interlock session is live; unlock with your authenticator to send orders' },
    });
    rig.interlock = { registered: 0, verified: false, expiresAt: null, reason: null, automationArmedUntil: null };
    expect(await register(rig.key.publicKeyBase64)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/register an authenticator/) } });
    expect(keyRows()).toEqual([]);
    // The key is not registered, so it signs nothing the terminal takes.
    const res = await postSigned(rig.host.port, API_ROUTES.orders, VALID_ORDER, rig.key);
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { reason: 'UNKNOWN_KEY' } });
  });

  it('registers a key while unlocked; requests signed with it are then accepted, and refused with 403 once it is revoked', async () => {
    rig.interlock = UNLOCKED;
    const registered = await register(rig.key.publicKeyBase64, '  momentum bot  ');
    expect(registered).toEqual({
      ok: true,
      result: {
        key: {
          keyId: rig.key.keyId,
          label: 'momentum bot',
          fingerprint: expect.stringMatching(/^SHA256:[A-Za-z0-9+/]{43}$/),
          registeredAt: REGISTERED_AT,
          revokedAt: null,
        },
      },
    });
    const accepted = await postSigned(rig.host.port, API_ROUTES.orders, VALID_ORDER, rig.key);
    expect(accepted.status).toBe(202);
    expect(accepted.json).toMatchObject({ order: { source: 'API', status: 'STAGED' } });

    // Revoking needs no session: it only takes a way to send orders away.
    rig.interlock = LOCKED;
    const revoked = await rig.call('apikeys.revoke', { keyId: rig.key.keyId });
    expect(revoked).toMatchObject({ ok: true, result: { key: { keyId: rig.key.keyId, revokedAt: REGISTERED_AT + 1 } } });
    const refused = await postSigned(rig.host.port, API_ROUTES.orders, VALID_ORDER, rig.key);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: { code: 'FORBIDDEN', reason: 'UNKNOWN_KEY', message: `API key ${rig.key.keyId} was revoked` } });
    expect(rig.fixture.engine.orders.list()).toHaveLength(1);

    expect(await rig.call('apikeys.list', {})).toEqual({ ok: true, result: { keys: [(revoked as { result: { key: unknown } }).result.key] } });
    // Both changes are signed security events in the ledger chain, naming the key.
    const keyEvents = (rawDatabase(rig.ledger).prepare("SELECT payload FROM ledger_chain WHERE type = 'security.event' ORDER BY seq").pluck().all() as string[])
      .map((payload) => JSON.parse(payload) as { event: string; details: { keyId: string; label: string } })
      .map((entry) => [entry.event, entry.details.keyId, entry.details.label]);
    expect(keyEvents).toEqual([
      ['API_KEY_REGISTERED', rig.key.keyId, 'momentum bot'],
      ['API_KEY_REVOKED', rig.key.keyId, 'momentum bot'],
    ]);
  });

  it('stores a key sent without its = padding in canonical base64, under the id derived from its bytes', async () => {
    rig.interlock = UNLOCKED;
    const frame = await register(rig.key.publicKeyBase64.replace(/=$/, ''));
    expect(frame).toMatchObject({ ok: true, result: { key: { keyId: rig.key.keyId } } });
    expect(rig.ledger.apiKeys.find(rig.key.keyId)?.publicKey).toBe(rig.key.publicKeyBase64);
    expect((await postSigned(rig.host.port, API_ROUTES.orders, VALID_ORDER, rig.key)).status).toBe(202);
  });

  it('refuses a key registered already with CONFLICT naming it, and a revoked key for good', async () => {
    rig.interlock = UNLOCKED;
    await register(rig.key.publicKeyBase64, 'first');
    expect(await register(rig.key.publicKeyBase64, 'second')).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: `this public key is registered already, as ${rig.key.keyId} ("first")` },
    });
    await rig.call('apikeys.revoke', { keyId: rig.key.keyId });
    expect(await register(rig.key.publicKeyBase64, 'again')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/was registered as fk_\S+ and revoked; a revoked key stays revoked: create a new one with `floor apikey create`/) },
    });
    expect(keyRows()).toHaveLength(1);
  });
});

describe('apikeys.register validation (before the handler runs)', () => {
  it.each([
    ['text outside base64', 'not base64 at all!', 'publicKey', /^the public key is not standard base64 \(A-Z a-z 0-9 \+ \/, = padding at the end\): paste the public key `floor apikey create` printed/],
    ['url-safe base64', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_8=', 'publicKey', /^the public key is not standard base64/],
    ['31 bytes', Buffer.alloc(31, 7).toString('base64'), 'publicKey', /^the public key decodes to 31 bytes; an Ed25519 public key has 32/],
    ['33 bytes', Buffer.alloc(33, 7).toString('base64'), 'publicKey', /^the public key decodes to 33 bytes; an Ed25519 public key has 32/],
    ['a PEM block', '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----', 'publicKey', /^a PEM block is not accepted here/],
    ['an empty key', '   ', 'publicKey', /^the public key is empty/],
  ])('answers BAD_REQUEST for %s, naming publicKey and what to paste', async (_what, publicKey, path, message) => {
    rig.interlock = UNLOCKED;
    const frame = await register(publicKey);
    expect(frame).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', issues: [{ path, message: expect.stringMatching(message) }] } });
    expect(keyRows()).toEqual([]);
  });

  it.each([
    ['an empty label', '', /^the key label is empty: name the program that will sign with this key$/],
    ['a label of spaces', '    ', /^the key label is empty/],
    ['a label of 101 characters', 'x'.repeat(101), /^the key label is longer than 100 characters$/],
  ])('answers BAD_REQUEST for %s', async (_what, label, message) => {
    rig.interlock = UNLOCKED;
    expect(await register(rig.key.publicKeyBase64, label)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'label', message: expect.stringMatching(message) }] },
    });
  });

  it('answers BAD_REQUEST for an unexpected field and for a missing one', async () => {
    rig.interlock = UNLOCKED;
    expect(await rig.call('apikeys.register', { label: 'x', publicKey: rig.key.publicKeyBase64, revokedAt: null })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await rig.call('apikeys.register', { label: 'x' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', issues: [{ path: 'publicKey' }] } });
  });
});

describe('apikeys.revoke and apikeys.list', () => {
  it('answers NOT_FOUND for an unknown key and BAD_REQUEST for a malformed id', async () => {
    expect(await rig.call('apikeys.revoke', { keyId: rig.key.keyId })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: `no API key ${rig.key.keyId} is registered with this terminal` },
    });
    expect(await rig.call('apikeys.revoke', { keyId: 'my-bot' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'keyId', message: 'the key id must be fk_ followed by 22 base64url characters' }] },
    });
  });

  it('answers a second revocation with the key as first revoked', async () => {
    rig.interlock = UNLOCKED;
    await register(rig.key.publicKeyBase64);
    const first = await rig.call('apikeys.revoke', { keyId: rig.key.keyId });
    expect(await rig.call('apikeys.revoke', { keyId: rig.key.keyId })).toEqual(first);
  });

  it('lists keys oldest first, revoked ones included, without needing a session', async () => {
    rig.interlock = UNLOCKED;
    const second = testKey();
    await register(rig.key.publicKeyBase64, 'first');
    await register(second.publicKeyBase64, 'second');
    await rig.call('apikeys.revoke', { keyId: rig.key.keyId });
    rig.interlock = LOCKED;
    const frame = await rig.call('apikeys.list', {});
    expect(frame.ok && (frame.result as { keys: { label: string; revokedAt: number | null }[] }).keys.map((k) => [k.label, k.revokedAt !== null])).toEqual([
      ['first', true],
      ['second', false],
    ]);
  });
});
