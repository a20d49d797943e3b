import { epochMillis, wallClock, type Clock } from '../../../shared';
import { verify, type KeyObject } from 'node:crypto';
import type { ApiAuthResult, ApiAuthFailureReason } from './auth-result';
import { NonceCache } from './nonce-cache';
import { ed25519KeyObject } from './public-key';
import {
  KEY_ID_PATTERN,
  MAX_NONCE_BYTES,
  MAX_SIGNED_BODY_BYTES,
  MIN_NONCE_BYTES,
  SIGNATURE_HEADERS,
  SIGNATURE_WINDOW_MS,
  signedPayload,
} from './signing-scheme';

/** A registered API key as the verifier needs it. */
export interface ApiKeyEntry {
  readonly keyId: string;
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** True once revoked: its signatures are refused as UNKNOWN_KEY. */
  readonly revoked: boolean;
}

/** Where the verifier finds keys (the api_keys table through ApiKeyRepository, or a test map). */
export interface ApiKeyLookup {
  /** The key with `keyId`, or undefined. Called once per request; must be cheap. */
  find(keyId: string): ApiKeyEntry | undefined;
}

/** A request as received: headers as node:http gives them (lower-case names), the raw body. */
export interface IncomingSignedRequest {
  readonly method: string;
  /** Request target exactly as received (path and query). */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

/** What the verifier is built from. */
export interface RequestVerifierOptions {
  readonly keys: ApiKeyLookup;
  /** The host's wall clock; default wallClock. */
  readonly clock?: Clock;
  /** Default SIGNATURE_WINDOW_MS. */
  readonly windowMs?: number;
  /** Default: a NonceCache over the window with the default capacity. */
  readonly nonces?: NonceCache;
}

const TIMESTAMP_PATTERN = /^[0-9]{1,16}$/;
const NONCE_PATTERN = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_PATTERN = /^[A-Za-z0-9+/]{86}==$/;

/** Base64url characters for `bytes` bytes without padding. */
const base64urlLength = (bytes: number): number => Math.ceil((bytes * 4) / 3);

const fail = (reason: ApiAuthFailureReason, message: string, keyId: string | null = null): ApiAuthResult => ({
  kind: 'failure',
  reason,
  message,
  keyId,
});

/**
 * Verifies signed automation API requests exactly as signing-scheme.ts section 3 specifies, in its
 * order; the first failing step decides the typed reason. Holds the nonce cache, so one verifier
 * serves one host for its lifetime. Public keys are turned into KeyObjects once and cached by key id.
 * Never throws for anything in the request.
 */
export class RequestVerifier {
  private readonly keys: ApiKeyLookup;
  private readonly clock: Clock;
  private readonly windowMs: number;
  private readonly nonces: NonceCache;
  private readonly keyObjects = new Map<string, { raw: Uint8Array; key: KeyObject }>();

  constructor(options: RequestVerifierOptions) {
    this.keys = options.keys;
    this.clock = options.clock ?? wallClock;
    this.windowMs = options.windowMs ?? SIGNATURE_WINDOW_MS;
    this.nonces = options.nonces ?? new NonceCache(this.windowMs);
  }

  /** Decides whether `request` is authentic, fresh and unreplayed (see ApiAuthResult). */
  verify(request: IncomingSignedRequest): ApiAuthResult {
    const names = Object.values(SIGNATURE_HEADERS);
    const missing = names.filter((name) => request.headers[name] === undefined);
    if (missing.length > 0) return fail('UNSIGNED', `missing signature header(s): ${missing.join(', ')}`);
    const values: Record<string, string> = {};
    for (const name of names) {
      const value = request.headers[name];
      if (typeof value !== 'string') return fail('MALFORMED', `header ${name} must appear once`);
      values[name] = value;
    }
    const keyId = values[SIGNATURE_HEADERS.keyId] ?? '';
    const timestamp = values[SIGNATURE_HEADERS.timestamp] ?? '';
    const nonce = values[SIGNATURE_HEADERS.nonce] ?? '';
    const signature = values[SIGNATURE_HEADERS.signature] ?? '';
    if (request.body.length > MAX_SIGNED_BODY_BYTES) {
      return fail('MALFORMED', `body is ${request.body.length} bytes; at most ${MAX_SIGNED_BODY_BYTES} are accepted`);
    }
    if (!KEY_ID_PATTERN.test(keyId)) return fail('MALFORMED', `${SIGNATURE_HEADERS.keyId} must be fk_ followed by 22 base64url characters`);
    if (!TIMESTAMP_PATTERN.test(timestamp)) return fail('MALFORMED', `${SIGNATURE_HEADERS.timestamp} must be Unix epoch milliseconds (digits only)`, keyId);
    if (!NONCE_PATTERN.test(nonce) || nonce.length < base64urlLength(MIN_NONCE_BYTES) || nonce.length > base64urlLength(MAX_NONCE_BYTES)) {
      return fail('MALFORMED', `${SIGNATURE_HEADERS.nonce} must be ${MIN_NONCE_BYTES}..${MAX_NONCE_BYTES} random bytes in base64url without padding`, keyId);
    }
    if (!SIGNATURE_PATTERN.test(signature)) return fail('MALFORMED', `${SIGNATURE_HEADERS.signature} must be a 64-byte Ed25519 signature in base64`, keyId);

    const entry = this.keys.find(keyId);
    if (entry === undefined) return fail('UNKNOWN_KEY', `API key ${keyId} is not registered with this terminal`, keyId);
    if (entry.revoked) return fail('UNKNOWN_KEY', `API key ${keyId} was revoked`, keyId);

    const now = epochMillis(this.clock);
    const timestampMs = Number(timestamp);
    if (Math.abs(now - timestampMs) > this.windowMs) {
      return fail('EXPIRED', `timestamp is ${Math.round((timestampMs - now) / 1000)} s from the terminal's clock; at most ${this.windowMs / 1000} s is accepted`, keyId);
    }

    let key: KeyObject;
    try {
      key = this.publicKey(entry);
    } catch {
      return fail('UNKNOWN_KEY', `API key ${keyId} is stored in a form the terminal cannot read; register it again`, keyId);
    }
    const payload = signedPayload({ method: request.method, path: request.path, timestamp, nonce, body: request.body });
    if (!verify(null, payload, key, Buffer.from(signature, 'base64'))) {
      return fail('BAD_SIGNATURE', 'signature does not verify with the registered key over this request', keyId);
    }

    switch (this.nonces.admit(keyId, nonce, timestampMs, now)) {
      case 'ADMITTED':
        return { kind: 'ok', keyId };
      case 'REPLAYED':
        return fail('REPLAYED', 'this nonce was already used; sign every request with a fresh nonce', keyId);
      case 'FULL':
        return { kind: 'overloaded', keyId, message: 'too many signed requests in the last minute; retry shortly' };
    }
  }

  private publicKey(entry: ApiKeyEntry): KeyObject {
    const cached = this.keyObjects.get(entry.keyId);
    if (cached !== undefined && Buffer.compare(Buffer.from(cached.raw), Buffer.from(entry.publicKey)) === 0) return cached.key;
    const key = ed25519KeyObject(entry.publicKey);
    this.keyObjects.set(entry.keyId, { raw: entry.publicKey, key });
    return key;
  }
}
