/**
 * Signed automation API authentication: the request signing scheme (signing-scheme.ts is its one
 * normative description), Ed25519 key handling, the replay cache, the verifier, and the security
 * event hook through which refusals are reported.
 */
export {
  SIGNATURE_HEADERS,
  SIGNATURE_WINDOW_MS,
  MAX_SIGNED_BODY_BYTES,
  MIN_NONCE_BYTES,
  MAX_NONCE_BYTES,
  KEY_ID_PATTERN,
  sha256Hex,
  signedPayload,
  newNonce,
  signRequest,
  type SignedRequestParts,
  type SignRequestInput,
} from './signing-scheme';
export { API_AUTH_FAILURES, type ApiAuthFailureReason, type ApiAuthResult } from './auth-result';
export { NonceCache, DEFAULT_NONCE_CAPACITY, type NonceAdmission } from './nonce-cache';
export { apiKeyId, publicKeyFingerprint, ed25519KeyObject, generateApiKey, parseEd25519PublicKey, InvalidPublicKeyError, type GeneratedApiKey } from './public-key';
export { RequestVerifier, type ApiKeyEntry, type ApiKeyLookup, type IncomingSignedRequest, type RequestVerifierOptions } from './request-verifier';
export {
  SECURITY_EVENT_TYPES,
  alertSecurityEvents,
  fanOutSecurityEvents,
  securityBreachAlert,
  type SecurityEventDetails,
  type SecurityEventSink,
  type SecurityEventType,
} from './security-events';
export { ledgerApiKeys } from './ledger-key-lookup';
