import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../src/shared';
import {
  InvalidPublicKeyError,
  alertSecurityEvents,
  apiKeyId,
  fanOutSecurityEvents,
  generateApiKey,
  parseEd25519PublicKey,
  signRequest,
  KEY_ID_PATTERN,
} from '../../../../src/main/security/api-auth';
import { testKey } from './signed-client';

describe('Ed25519 API keys', () => {
  it('reads the same raw key from SPKI PEM, standard base64 and base64url', () => {
    const key = testKey();
    expect(parseEd25519PublicKey(key.publicKeyPem)).toEqual(key.raw);
    expect(parseEd25519PublicKey(key.publicKeyBase64)).toEqual(key.raw);
    expect(parseEd25519PublicKey(key.raw.toString('base64url'))).toEqual(key.raw);
  });

  it('refuses an RSA key, a wrong-length key and text that is not a key, saying what is expected', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(() => parseEd25519PublicKey(rsa)).toThrow(/must be Ed25519, got rsa/);
    expect(() => parseEd25519PublicKey(Buffer.alloc(31).toString('base64'))).toThrow(InvalidPublicKeyError);
    expect(() => parseEd25519PublicKey('hello')).toThrow(/SPKI PEM or the raw 32-byte/);
  });

  it('derives the key id from the public key, so client and terminal agree on it', () => {
    const generated = generateApiKey();
    expect(generated.keyId).toMatch(KEY_ID_PATTERN);
    expect(apiKeyId(Buffer.from(generated.publicKey, 'base64'))).toBe(generated.keyId);
    expect(generated.privateKeyPem).toMatch(/BEGIN PRIVATE KEY/);
  });

  it('signs with a PKCS#8 PEM private key and refuses a non-Ed25519 signing key', () => {
    const generated = generateApiKey();
    const headers = signRequest({ keyId: generated.keyId, privateKey: generated.privateKeyPem, method: 'POST', path: '/api/v1/orders', body: Buffer.from('{}'), timestampMs: 1 });
    expect(headers['X-Floor-Signature']).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(() => signRequest({ keyId: generated.keyId, privateKey: ec, method: 'POST', path: '/', body: Buffer.alloc(0) })).toThrow(/must be Ed25519/);
  });
});

describe('security events', () => {
  it('raises a CRITICAL_SECURITY_BREACH alert naming the reason and the route', () => {
    const alerts: Alert[] = [];
    const sink = alertSecurityEvents((a) => alerts.push(a), { now: () => 1_000 });
    sink.record('CRITICAL_SECURITY_BREACH', { reason: 'REPLAYED', message: 'nonce reused', method: 'POST', path: '/api/v1/orders', keyId: null });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'CRITICAL', code: 'CRITICAL_SECURITY_BREACH', instrumentId: null, tsEvent: 1_000 });
    expect(alerts[0]?.message).toMatch(/POST \/api\/v1\/orders \(REPLAYED: nonce reused\)/);
    expect(alerts[0]?.details).toMatchObject({ reason: 'REPLAYED', keyId: null });
  });

  it('caps alerts per window and reports how many it held back in the next one', () => {
    const alerts: Alert[] = [];
    let now = 0;
    const sink = alertSecurityEvents((a) => alerts.push(a), { now: () => now }, { maxPerWindow: 2, windowMs: 1_000 });
    for (let i = 0; i < 5; i += 1) sink.record('CRITICAL_SECURITY_BREACH', { reason: 'UNSIGNED' });
    expect(alerts).toHaveLength(2);
    now = 1_000_000;
    sink.record('CRITICAL_SECURITY_BREACH', { reason: 'UNSIGNED' });
    expect(alerts).toHaveLength(3);
    expect(alerts[2]?.details.suppressed).toBe(3);
    expect(alerts[2]?.message).toMatch(/3 similar refusal/);
  });

  it('fans out to every sink even when one throws', () => {
    const seen: string[] = [];
    const errors: unknown[] = [];
    const sink = fanOutSecurityEvents(
      [
        { record: () => { throw new Error('chain unavailable'); } },
        { record: (type) => void seen.push(type) },
      ],
      (e) => errors.push(e),
    );
    sink.record('CRITICAL_SECURITY_BREACH', { reason: 'UNSIGNED' });
    expect(seen).toEqual(['CRITICAL_SECURITY_BREACH']);
    expect(errors).toHaveLength(1);
  });
});
