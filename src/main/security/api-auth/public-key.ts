import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { messageOf } from '../../../shared';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 section 4): the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The public key could not be read as an Ed25519 key; the message says what was expected. */
export class InvalidPublicKeyError extends Error {
  override readonly name = 'InvalidPublicKeyError';
  readonly code = 'BAD_REQUEST';
}

/**
 * Reads an Ed25519 public key given as SPKI PEM (`-----BEGIN PUBLIC KEY-----`) or as the raw
 * 32-byte key in standard or url-safe base64.
 * @returns the raw 32 bytes.
 * @throws InvalidPublicKeyError naming what was wrong (not PEM/base64, wrong length, not Ed25519).
 */
export function parseEd25519PublicKey(text: string): Buffer {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: trimmed, format: 'pem' });
    } catch (error) {
      throw new InvalidPublicKeyError(`public key is not a readable PEM public key: ${messageOf(error)}`);
    }
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new InvalidPublicKeyError(`public key must be Ed25519, got ${String(key.asymmetricKeyType)}`);
    }
    return Buffer.from(key.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length));
  }
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    throw new InvalidPublicKeyError('public key must be SPKI PEM or the raw 32-byte Ed25519 key in base64 (43 or 44 characters)');
  }
  const raw = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (raw.length !== 32) throw new InvalidPublicKeyError(`a raw Ed25519 public key has 32 bytes, got ${raw.length}`);
  return raw;
}

/** A KeyObject for the raw 32-byte Ed25519 public key `raw`. @throws InvalidPublicKeyError when it is not 32 bytes. */
export function ed25519KeyObject(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new InvalidPublicKeyError(`a raw Ed25519 public key has 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** The key id of a raw Ed25519 public key: `fk_` + base64url(SHA-256(raw)[0..16]) (signing-scheme.ts section 4). */
export function apiKeyId(raw: Uint8Array): string {
  return `fk_${createHash('sha256').update(raw).digest().subarray(0, 16).toString('base64url')}`;
}

/**
 * The fingerprint shown beside a registered key: `SHA256:` + unpadded base64 of SHA-256 of the raw
 * 32-byte public key (the style of OpenSSH's fingerprints, over the raw key rather than an SSH blob).
 */
export function publicKeyFingerprint(raw: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(raw).digest('base64').replace(/=+$/, '')}`;
}

/** A new API key pair. */
export interface GeneratedApiKey {
  readonly keyId: string;
  /** Raw 32-byte public key, standard base64 (what `apikeys.register` takes). */
  readonly publicKey: string;
  /** PKCS#8 PEM of the private key: a secret, for the OS keychain only. */
  readonly privateKeyPem: string;
}

/** Generates an Ed25519 key pair for the automation API (node:crypto, the OS's CSPRNG). */
export function generateApiKey(): GeneratedApiKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length);
  return {
    keyId: apiKeyId(raw),
    publicKey: Buffer.from(raw).toString('base64'),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}
