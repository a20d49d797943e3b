import { createHash, createPrivateKey, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * # Floor automation API: request signatures (the one normative description)
 *
 * ## 1. Headers
 * A request to `POST /api/v1/orders` or `POST /api/v1/signals` carries four headers:
 *
 * | Header              | Value                                                                    |
 * |---------------------|--------------------------------------------------------------------------|
 * | `X-Floor-Key-Id`    | id of a registered API key: `fk_` + 22 base64url characters (1.4)        |
 * | `X-Floor-Timestamp` | the client's clock, Unix epoch **milliseconds**, decimal digits only     |
 * | `X-Floor-Nonce`     | 16..64 random bytes, base64url without padding (22..86 characters)       |
 * | `X-Floor-Signature` | standard base64 of the 64-byte Ed25519 signature (RFC 8032) of 1.2       |
 *
 * ## 2. Signed string
 * The UTF-8 bytes of
 * `<METHOD>\n<path>\n<timestamp>\n<nonce>\n<hex SHA-256 of the raw body>`
 * where METHOD is upper case (`POST`), path is the request target exactly as sent, query included
 * (`/api/v1/orders`), timestamp and nonce are the header values byte for byte, and the digest is
 * the lower-case hex SHA-256 (FIPS 180-4) of the body bytes as sent (an empty body hashes to
 * `e3b0c442...b855`). Hashing the raw bytes, not a re-serialised JSON, means any change to the
 * body (whitespace included) breaks the signature; the host verifies before it parses.
 *
 * ## 3. Verification (in this order; the first failure decides the reason)
 * 1. Any of the four headers missing: UNSIGNED. A header present but not in the form of 1
 *    (or duplicated), or a body above 64 KiB: MALFORMED.
 * 2. Key id unknown or revoked: UNKNOWN_KEY.
 * 3. |host clock - timestamp| > 30 s: EXPIRED.
 * 4. Signature does not verify with the key's public key over 2: BAD_SIGNATURE.
 * 5. The (key id, nonce) pair was accepted before within its window: REPLAYED. Nonces are kept
 *    until their timestamp + 30 s (after that the timestamp alone refuses them), so the cache is
 *    bounded by the request rate times 60 s, and capped (nonce-cache.ts): when the cap is reached
 *    by live nonces, further authentic requests are refused with OVERLOADED (HTTP 429) instead of
 *    growing memory. Nonces are admitted only after 4, so unsigned traffic cannot fill the cache.
 *
 * ## 4. Keys
 * Ed25519 (RFC 8032) public keys are registered as SPKI PEM or as the raw 32-byte key in base64.
 * The key id is derived from the key: `fk_` + base64url of the first 16 bytes of SHA-256 of the raw
 * 32-byte public key, so a client and the host compute the same id and a key cannot be registered twice.
 *
 * Why Ed25519: deterministic signatures (no per-signature randomness to get wrong), 32-byte keys
 * that fit in a keychain entry, and verification in node:crypto without dependencies.
 */

/** Header names (lower case, as node:http exposes them). */
export const SIGNATURE_HEADERS = {
  keyId: 'x-floor-key-id',
  timestamp: 'x-floor-timestamp',
  nonce: 'x-floor-nonce',
  signature: 'x-floor-signature',
} as const;

/** Largest accepted |host clock - request timestamp|, ms. */
export const SIGNATURE_WINDOW_MS = 30_000;

/** Largest accepted request body, bytes (64 KiB). */
export const MAX_SIGNED_BODY_BYTES = 64 * 1024;

/** Fewest random bytes in a nonce (128 bits: collisions between honest requests never happen). */
export const MIN_NONCE_BYTES = 16;

/** Most bytes in a nonce, so the nonce cache's memory per entry is bounded. */
export const MAX_NONCE_BYTES = 64;

/** `fk_` + 22 base64url characters (16 bytes). */
export const KEY_ID_PATTERN = /^fk_[A-Za-z0-9_-]{22}$/;

/** Lower-case hex SHA-256 of `body`. */
export function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The parts of a request that are signed. */
export interface SignedRequestParts {
  /** HTTP method, e.g. POST (compared upper case). */
  readonly method: string;
  /** Request target as sent, e.g. /api/v1/orders. */
  readonly path: string;
  /** X-Floor-Timestamp exactly as sent (decimal Unix ms). */
  readonly timestamp: string;
  /** X-Floor-Nonce exactly as sent. */
  readonly nonce: string;
  /** The raw body bytes. */
  readonly body: Uint8Array;
}

/** The UTF-8 bytes the signature covers (section 2 above). */
export function signedPayload(parts: SignedRequestParts): Buffer {
  return Buffer.from(`${parts.method.toUpperCase()}\n${parts.path}\n${parts.timestamp}\n${parts.nonce}\n${sha256Hex(parts.body)}`, 'utf8');
}

/** A fresh nonce: `bytes` (16..64, default 16) random bytes, base64url. */
export function newNonce(bytes = MIN_NONCE_BYTES): string {
  if (!Number.isInteger(bytes) || bytes < MIN_NONCE_BYTES || bytes > MAX_NONCE_BYTES) {
    throw new RangeError(`a nonce must have ${MIN_NONCE_BYTES}..${MAX_NONCE_BYTES} random bytes, got ${bytes}`);
  }
  return randomBytes(bytes).toString('base64url');
}

/** What a client signs: method, path, raw body, and its key. */
export interface SignRequestInput {
  readonly keyId: string;
  /** Ed25519 private key: a KeyObject, or PKCS#8 PEM text. */
  readonly privateKey: KeyObject | string;
  readonly method: string;
  readonly path: string;
  readonly body: Uint8Array;
  /** Unix ms; default Date.now(). */
  readonly timestampMs?: number;
  /** Default: newNonce(). */
  readonly nonce?: string;
}

/**
 * The four signature headers for a request (section 1), keyed by their canonical names.
 * @throws TypeError when the private key is not an Ed25519 key.
 */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const key = typeof input.privateKey === 'string' ? createPrivateKey(input.privateKey) : input.privateKey;
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`the API signing key must be Ed25519, got ${String(key.asymmetricKeyType)}`);
  const timestamp = String(input.timestampMs ?? Date.now());
  const nonce = input.nonce ?? newNonce();
  const signature = sign(null, signedPayload({ method: input.method, path: input.path, timestamp, nonce, body: input.body }), key);
  return {
    'X-Floor-Key-Id': input.keyId,
    'X-Floor-Timestamp': timestamp,
    'X-Floor-Nonce': nonce,
    'X-Floor-Signature': signature.toString('base64'),
  };
}
