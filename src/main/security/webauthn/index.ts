/**
 * Floor's WebAuthn relying party: registration and authentication ceremonies, challenges,
 * the trader's user handle, and the security-event sink (issue 5 point 1).
 */
export { RelyingParty, RP_ID, RP_NAME, SUPPORTED_ALGORITHMS, USER_NAME, type RelyingPartyOptions, type VerifiedAssertion } from './relying-party';
export { ChallengeStore, CHALLENGE_TTL_MS, MAX_PENDING_CHALLENGES, type Ceremony } from './challenges';
export { InterlockError } from './errors';
export { AlertSecurityEventSink, SECURITY_EVENT_TYPES, type SecurityEventDetails, type SecurityEventSink, type SecurityEventType } from './security-events';
export { loadOrCreateUserHandle, USER_HANDLE_SETTING } from './user-handle';
