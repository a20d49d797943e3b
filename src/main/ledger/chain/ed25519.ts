import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * The Ed25519 (RFC 8032) primitives the chain's verification needs without any private key:
 * reading a public key, checking a signature, naming a key for people. The terminal's signing key
 * (security/terminal-key.ts) uses the same ones.
 */

/**
 * Short, stable name of a public key for people to compare: the first 16 hex characters of the
 * SHA-256 of its DER SubjectPublicKeyInfo (the OpenSSH/GPG habit of showing a digest, not the key).
 */
export function publicKeyFingerprint(publicKey: string | KeyObject): string {
  const key = typeof publicKey === 'string' ? parsePublicKey(publicKey) : publicKey;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/**
 * Parses an Ed25519 public key in SPKI PEM.
 * @throws TypeError when `pem` is not an Ed25519 public key.
 */
export function parsePublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (cause) {
    throw new TypeError('public key is not a PEM SubjectPublicKeyInfo', { cause });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`public key must be Ed25519, got ${key.asymmetricKeyType ?? 'unknown'}`);
  }
  return key;
}

/**
 * True when `signatureBase64` is a valid Ed25519 signature (RFC 8032, pure Ed25519) of `message`
 * under `publicKey`. Never throws on a malformed signature: that is simply not valid.
 */
export function verifyEd25519(publicKey: KeyObject, message: Uint8Array, signatureBase64: string): boolean {
  const signature = Buffer.from(signatureBase64, 'base64');
  // Buffer.from silently skips non-base64 characters; the round trip rejects any altered text.
  if (signature.length !== 64 || signature.toString('base64') !== signatureBase64) return false;
  try {
    return verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}
