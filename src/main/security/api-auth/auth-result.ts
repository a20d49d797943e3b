/**
 * Why a signed API request was refused (signing-scheme.ts section 3). Each one is answered with
 * HTTP 403 and recorded as a CRITICAL_SECURITY_BREACH.
 * - UNSIGNED: a signature header is missing.
 * - MALFORMED: a header is not in its documented form or repeated, or the body exceeds 64 KiB.
 * - UNKNOWN_KEY: the key id is not registered, or its key was revoked.
 * - EXPIRED: the timestamp is more than 30 s away from the host's clock.
 * - BAD_SIGNATURE: the signature does not verify over the request as received.
 * - REPLAYED: the nonce was already used by this key within the window.
 */
export const API_AUTH_FAILURES = ['UNSIGNED', 'UNKNOWN_KEY', 'BAD_SIGNATURE', 'EXPIRED', 'REPLAYED', 'MALFORMED'] as const;
export type ApiAuthFailureReason = (typeof API_AUTH_FAILURES)[number];

/**
 * The outcome of verifying one request:
 * - ok: authentic, fresh, first use of its nonce; `keyId` names the key that signed it.
 * - failure: one of API_AUTH_FAILURES with a sentence for the client and the log.
 * - overloaded: authentic, but the nonce cache is full of live nonces; refused (HTTP 429) rather
 *   than growing memory. Not a breach: only a key holder can get this far.
 */
export type ApiAuthResult =
  | { readonly kind: 'ok'; readonly keyId: string }
  | { readonly kind: 'failure'; readonly reason: ApiAuthFailureReason; readonly message: string; readonly keyId: string | null }
  | { readonly kind: 'overloaded'; readonly keyId: string; readonly message: string };
