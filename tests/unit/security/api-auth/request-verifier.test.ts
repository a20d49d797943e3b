import { describe, expect, it } from 'vitest';
import {
  MAX_SIGNED_BODY_BYTES,
  NonceCache,
  RequestVerifier,
  newNonce,
  sha256Hex,
  signRequest,
  signedPayload,
  type IncomingSignedRequest,
} from '../../../../src/main/security/api-auth';
import { memoryKeys, testKey, type TestKey } from './signed-client';

const NOW = 1_750_000_000_000;
const PATH = '/api/v1/orders';
const BODY = Buffer.from('{"instrumentId":"GOOG","side":"BUY","quantity":100,"orderType":"LIMIT","timeInForce":"DAY","limitPrice":585000000}');

/** A request as node:http would hand it over: lower-case header names. */
function signed(key: TestKey, options: { body?: Buffer; timestampMs?: number; nonce?: string; path?: string; method?: string } = {}): IncomingSignedRequest {
  const body = options.body ?? BODY;
  const headers = signRequest({
    keyId: key.keyId,
    privateKey: key.privateKey,
    method: options.method ?? 'POST',
    path: options.path ?? PATH,
    body,
    timestampMs: options.timestampMs ?? NOW,
    ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
  });
  return {
    method: 'POST',
    path: PATH,
    body,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  };
}

function verifierFor(...keys: TestKey[]) {
  const registry = memoryKeys(...keys);
  let now = NOW;
  const verifier = new RequestVerifier({ keys: registry, clock: { now: () => now * 1000 } });
  return { verifier, registry, setNow: (ms: number) => void (now = ms) };
}

describe('signed request verification', () => {
  it('accepts a request signed by a registered key within the window', () => {
    const key = testKey();
    expect(verifierFor(key).verifier.verify(signed(key))).toEqual({ kind: 'ok', keyId: key.keyId });
  });

  it('signs exactly METHOD, path, timestamp, nonce and the hex SHA-256 of the raw body, one per line', () => {
    const payload = signedPayload({ method: 'post', path: PATH, timestamp: '1750000000000', nonce: 'n', body: Buffer.alloc(0) });
    expect(payload.toString('utf8')).toBe(`POST\n${PATH}\n1750000000000\nn\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`);
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('refuses a request without signature headers as UNSIGNED, naming the missing ones', () => {
    const key = testKey();
    const result = verifierFor(key).verifier.verify({ method: 'POST', path: PATH, body: BODY, headers: {} });
    expect(result).toMatchObject({ kind: 'failure', reason: 'UNSIGNED' });
    expect(result.kind === 'failure' && result.message).toMatch(/x-floor-key-id.*x-floor-signature/);
  });

  it('refuses a request with one header missing as UNSIGNED', () => {
    const key = testKey();
    const request = signed(key);
    const { 'x-floor-nonce': _dropped, ...headers } = request.headers;
    expect(verifierFor(key).verifier.verify({ ...request, headers })).toMatchObject({ kind: 'failure', reason: 'UNSIGNED' });
  });

  it('refuses a key id nobody registered as UNKNOWN_KEY', () => {
    const registered = testKey();
    const stranger = testKey();
    expect(verifierFor(registered).verifier.verify(signed(stranger))).toMatchObject({ kind: 'failure', reason: 'UNKNOWN_KEY', keyId: stranger.keyId });
  });

  it('refuses a revoked key as UNKNOWN_KEY from the next request on', () => {
    const key = testKey();
    const { verifier, registry } = verifierFor(key);
    expect(verifier.verify(signed(key)).kind).toBe('ok');
    registry.revoke(key.keyId);
    expect(verifier.verify(signed(key))).toMatchObject({ kind: 'failure', reason: 'UNKNOWN_KEY', message: expect.stringMatching(/revoked/) });
  });

  it('refuses a request signed by another key under a registered key id as BAD_SIGNATURE', () => {
    const key = testKey();
    const impostor = { ...testKey(), keyId: key.keyId };
    expect(verifierFor(key).verifier.verify(signed(impostor))).toMatchObject({ kind: 'failure', reason: 'BAD_SIGNATURE' });
  });

  it('refuses a body changed after signing (one byte, or whitespace) as BAD_SIGNATURE', () => {
    const key = testKey();
    const { verifier } = verifierFor(key);
    const request = signed(key);
    const tampered = Buffer.from(BODY.toString().replace('100', '900'));
    expect(verifier.verify({ ...request, body: tampered })).toMatchObject({ reason: 'BAD_SIGNATURE' });
    expect(verifier.verify({ ...signed(key), body: Buffer.concat([BODY, Buffer.from(' ')]) })).toMatchObject({ reason: 'BAD_SIGNATURE' });
  });

  it('refuses a signature made for another path or method as BAD_SIGNATURE', () => {
    const key = testKey();
    const { verifier } = verifierFor(key);
    expect(verifier.verify(signed(key, { path: '/api/v1/signals' }))).toMatchObject({ reason: 'BAD_SIGNATURE' });
    expect(verifier.verify(signed(key, { method: 'PUT' }))).toMatchObject({ reason: 'BAD_SIGNATURE' });
  });

  it('accepts timestamps up to 30 s either side of the clock and refuses beyond as EXPIRED', () => {
    const key = testKey();
    const { verifier } = verifierFor(key);
    expect(verifier.verify(signed(key, { timestampMs: NOW - 30_000 })).kind).toBe('ok');
    expect(verifier.verify(signed(key, { timestampMs: NOW + 30_000 })).kind).toBe('ok');
    expect(verifier.verify(signed(key, { timestampMs: NOW - 30_001 }))).toMatchObject({ reason: 'EXPIRED' });
    expect(verifier.verify(signed(key, { timestampMs: NOW + 30_001 }))).toMatchObject({ reason: 'EXPIRED' });
  });

  it('refuses the same signed request twice as REPLAYED, and a replay after the window as EXPIRED', () => {
    const key = testKey();
    const { verifier, setNow } = verifierFor(key);
    const request = signed(key);
    expect(verifier.verify(request).kind).toBe('ok');
    expect(verifier.verify(request)).toMatchObject({ kind: 'failure', reason: 'REPLAYED' });
    setNow(NOW + 29_999);
    expect(verifier.verify(request)).toMatchObject({ reason: 'REPLAYED' });
    setNow(NOW + 30_001);
    expect(verifier.verify(request)).toMatchObject({ reason: 'EXPIRED' });
  });

  it('keeps nonces per key: two keys may use the same nonce', () => {
    const a = testKey();
    const b = testKey();
    const { verifier } = verifierFor(a, b);
    const nonce = newNonce();
    expect(verifier.verify(signed(a, { nonce })).kind).toBe('ok');
    expect(verifier.verify(signed(b, { nonce })).kind).toBe('ok');
  });

  it('does not let a failed signature consume the nonce of the genuine request', () => {
    const key = testKey();
    const { verifier } = verifierFor(key);
    const genuine = signed(key);
    const forged = { ...genuine, body: Buffer.from('{"quantity":1}') };
    expect(verifier.verify(forged)).toMatchObject({ reason: 'BAD_SIGNATURE' });
    expect(verifier.verify(genuine).kind).toBe('ok');
  });

  it.each([
    ['a key id of the wrong form', { 'x-floor-key-id': 'admin' }],
    ['a timestamp in seconds with a fraction', { 'x-floor-timestamp': '1750000000.5' }],
    ['a negative timestamp', { 'x-floor-timestamp': '-1' }],
    ['a short nonce (8 bytes)', { 'x-floor-nonce': 'AAAAAAAAAAA' }],
    ['a nonce with padding', { 'x-floor-nonce': 'AAAAAAAAAAAAAAAAAAAAAA==' }],
    ['a signature that is not 64 bytes of base64', { 'x-floor-signature': 'c2lnbmF0dXJl' }],
  ])('refuses %s as MALFORMED', (_what, override) => {
    const key = testKey();
    const request = signed(key);
    expect(verifierFor(key).verifier.verify({ ...request, headers: { ...request.headers, ...override } })).toMatchObject({ reason: 'MALFORMED' });
  });

  it('refuses a repeated signature header as MALFORMED', () => {
    const key = testKey();
    const request = signed(key);
    const headers = { ...request.headers, 'x-floor-nonce': [newNonce(), newNonce()] };
    expect(verifierFor(key).verifier.verify({ ...request, headers })).toMatchObject({ reason: 'MALFORMED' });
  });

  it('refuses a body above 64 KiB as MALFORMED even when it is correctly signed', () => {
    const key = testKey();
    const body = Buffer.alloc(MAX_SIGNED_BODY_BYTES + 1, 0x20);
    expect(verifierFor(key).verifier.verify(signed(key, { body }))).toMatchObject({ reason: 'MALFORMED', message: expect.stringMatching(/65537 bytes/) });
    expect(verifierFor(key).verifier.verify(signed(key, { body: Buffer.alloc(MAX_SIGNED_BODY_BYTES, 0x20) })).kind).toBe('ok');
  });

  it('answers overloaded, not a breach, when the nonce cache is full of live nonces', () => {
    const key = testKey();
    const verifier = new RequestVerifier({ keys: memoryKeys(key), clock: { now: () => NOW * 1000 }, nonces: new NonceCache(30_000, 2) });
    expect(verifier.verify(signed(key)).kind).toBe('ok');
    expect(verifier.verify(signed(key)).kind).toBe('ok');
    expect(verifier.verify(signed(key))).toMatchObject({ kind: 'overloaded', keyId: key.keyId });
  });
});

describe('NonceCache', () => {
  it('forgets a nonce once its timestamp is outside the window, making room again', () => {
    const cache = new NonceCache(30_000, 2);
    expect(cache.admit('k', 'a', NOW, NOW)).toBe('ADMITTED');
    expect(cache.admit('k', 'b', NOW + 1_000, NOW + 1_000)).toBe('ADMITTED');
    expect(cache.admit('k', 'c', NOW + 2_000, NOW + 2_000)).toBe('FULL');
    expect(cache.size).toBe(2);
    expect(cache.admit('k', 'c', NOW + 30_001, NOW + 30_001)).toBe('ADMITTED');
    expect(cache.admit('k', 'b', NOW + 1_000, NOW + 30_002)).toBe('REPLAYED');
    expect(cache.size).toBe(2);
  });

  it('never holds more than its capacity under a flood', () => {
    const cache = new NonceCache(30_000, 1_000);
    let full = 0;
    for (let i = 0; i < 5_000; i += 1) if (cache.admit('k', `n${i}`, NOW, NOW) === 'FULL') full += 1;
    expect(cache.size).toBe(1_000);
    expect(full).toBe(4_000);
  });

  it('refuses a non-positive window or capacity', () => {
    expect(() => new NonceCache(0)).toThrow(/window/);
    expect(() => new NonceCache(30_000, 0)).toThrow(/capacity/);
  });
});
