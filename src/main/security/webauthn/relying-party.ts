import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { messageOf, type Clock, type UnixMicros } from '../../../shared';
import type { AuthenticationOptions, AuthenticationResponse, RegistrationOptions, RegistrationResponse } from '../../../shared';
import type { WebAuthnCredentialRecord, WebAuthnCredentialRepository } from '../../ledger';
import { ChallengeStore } from './challenges';
import { InterlockError } from './errors';
import type { SecurityEventSink } from './security-events';

/** The relying party id: the host always serves the renderer from http://localhost:<port> (DESIGN.md). */
export const RP_ID = 'localhost';
/** The name authenticators show in their prompt. */
export const RP_NAME = 'Floor';
/** The account name under which authenticators store Floor's credential (one trader per terminal). */
export const USER_NAME = 'trader';

/**
 * COSE algorithms offered and accepted: EdDSA (-8), ES256 (-7), RS256 (-257), in preference order
 * (RFC 9053; WebAuthn §5.8.3 recommends ES256 and RS256 for reach; Windows Hello uses RS256).
 */
export const SUPPORTED_ALGORITHMS: readonly number[] = [-8, -7, -257];

/** How long the browser prompt waits, ms (the challenge itself lives CHALLENGE_TTL_MS). */
const CEREMONY_TIMEOUT_MS = 60_000;

/** Options of the relying party. */
export interface RelyingPartyOptions {
  /** The host's origin with its port, e.g. http://localhost:51234: the only origin a response may come from. */
  readonly origin: string;
  readonly credentials: WebAuthnCredentialRepository;
  /** Stable user handle of this terminal's trader (WebAuthn user.id, 16..64 random bytes). */
  readonly userId: Uint8Array;
  readonly events: SecurityEventSink;
  /** Wall clock, Unix µs (created / last-used times). */
  readonly clock: Clock;
  /** Challenge store; default a fresh one on Date.now with a 2-minute TTL. */
  readonly challenges?: ChallengeStore;
}

/** What a verified assertion proves: which credential, and when the check passed (Unix µs). */
export interface VerifiedAssertion {
  readonly credential: WebAuthnCredentialRecord;
  readonly verifiedAt: UnixMicros;
}

/**
 * The library base64url-encodes a challenge given as a string's UTF-8 bytes; handing it the decoded
 * bytes makes the options carry exactly the base64url text the ChallengeStore issued and will consume.
 */
function challengeBytes(challenge: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(challenge, 'base64url'));
}

/**
 * Floor's WebAuthn relying party (W3C WebAuthn Level 3, through @simplewebauthn/server 14).
 *
 * - Registration: attestation 'none' (Floor trusts the trader's own device; attestation would only
 *   restrict which models work), resident key preferred, user verification REQUIRED, no
 *   authenticator attachment forced (hints prefer the platform authenticator, then a security key), so Windows Hello / Touch ID and USB/NFC security keys all
 *   work. excludeCredentials lists the registered ones so one authenticator is not added twice.
 * - Authentication: user verification REQUIRED (a biometric or PIN, not just a touch); the
 *   response must come from `origin` and rpID `localhost`; the credential must be registered.
 * - Challenges: random, single-use, expiring (ChallengeStore).
 * - Signature counter: an assertion whose counter is at or below the stored one (either non-zero)
 *   is refused and reported as WEBAUTHN_COUNTER_REGRESSION (WebAuthn §7.2 step 21: a possible clone).
 *
 * Who may call what (first registration open, further ones only while verified, removal with a
 * fresh check) is the interlock's business (src/main/security/interlock), not this class's.
 */
export class RelyingParty {
  readonly origin: string;
  private readonly challenges: ChallengeStore;

  constructor(private readonly options: RelyingPartyOptions) {
    if (!/^http:\/\/localhost:\d{1,5}$/.test(options.origin)) {
      throw new RangeError(`the relying party origin must be http://localhost:<port>, got ${JSON.stringify(options.origin)}`);
    }
    if (options.userId.length < 16 || options.userId.length > 64) {
      throw new RangeError(`the WebAuthn user handle must be 16..64 bytes, got ${options.userId.length}`);
    }
    this.origin = options.origin;
    this.challenges = options.challenges ?? new ChallengeStore();
  }

  /** Options for navigator.credentials.create (through @simplewebauthn/browser startRegistration). */
  async registrationOptions(): Promise<RegistrationOptions> {
    const options = await generateRegistrationOptions({
      rpName: RP_NAME,
      rpID: RP_ID,
      userName: USER_NAME,
      userDisplayName: 'Floor trader',
      userID: new Uint8Array(this.options.userId),
      challenge: challengeBytes(this.challenges.issue('registration')),
      timeout: CEREMONY_TIMEOUT_MS,
      attestationType: 'none',
      excludeCredentials: this.options.credentials.list().map((c) => ({ id: c.id, transports: [...c.transports] })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      supportedAlgorithmIDs: [...SUPPORTED_ALGORITHMS],
    });
    // Platform first, security key second, as WebAuthn L3 hints (§5.4.8): a preference the browser
    // orders its UI by. authenticatorAttachment stays unset, since setting it would refuse the other kind
    // (the library's preferredAuthenticatorType sets it, hence the hints are added here).
    return { ...(options as RegistrationOptions), hints: ['client-device', 'security-key'] };
  }

  /**
   * Verifies a registration response and stores the new credential under `label`.
   * @throws InterlockError FORBIDDEN when the response does not verify (unknown or reused
   *   challenge, wrong origin or rpID, user not verified, bad attestation), CONFLICT when the
   *   authenticator is already registered.
   */
  async verifyRegistration(response: RegistrationResponse, label: string): Promise<WebAuthnCredentialRecord> {
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        response: response as RegistrationResponseJSON,
        expectedChallenge: (challenge) => this.challenges.consume('registration', challenge),
        expectedOrigin: this.origin,
        expectedRPID: RP_ID,
        requireUserVerification: true,
        supportedAlgorithmIDs: [...SUPPORTED_ALGORITHMS],
      });
    } catch (error) {
      throw new InterlockError('FORBIDDEN', `registration refused: ${messageOf(error)}`);
    }
    if (!verification.verified) throw new InterlockError('FORBIDDEN', 'registration refused: the attestation did not verify');
    const info = verification.registrationInfo;
    if (this.options.credentials.get(info.credential.id) !== undefined) {
      throw new InterlockError('CONFLICT', 'this authenticator is already registered with Floor');
    }
    const record: WebAuthnCredentialRecord = {
      id: info.credential.id,
      publicKey: info.credential.publicKey,
      counter: info.credential.counter,
      transports: response.response.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      label,
      aaguid: info.aaguid,
      createdAt: this.options.clock.now(),
      lastUsedAt: null,
    };
    this.options.credentials.add(record);
    this.options.events.record('WEBAUTHN_CREDENTIAL_ADDED', { credentialId: record.id, label, aaguid: record.aaguid });
    return record;
  }

  /** Options for navigator.credentials.get: user verification required, any registered credential allowed. */
  async authenticationOptions(): Promise<AuthenticationOptions> {
    const options = await generateAuthenticationOptions({
      rpID: RP_ID,
      challenge: challengeBytes(this.challenges.issue('authentication')),
      timeout: CEREMONY_TIMEOUT_MS,
      userVerification: 'required',
      allowCredentials: this.options.credentials.list().map((c) => ({ id: c.id, transports: [...c.transports] })),
    });
    return options as AuthenticationOptions;
  }

  /**
   * Verifies an assertion against the registered credential it names, then stores its counter
   * and the time of use.
   * @throws InterlockError FORBIDDEN when the credential is not registered, the response does not
   *   verify (challenge unknown, reused or expired; wrong origin or rpID; user not verified; bad
   *   signature), or its counter went backwards (also recorded as a security event).
   */
  async verifyAuthentication(response: AuthenticationResponse): Promise<VerifiedAssertion> {
    if (response.id !== response.rawId) throw new InterlockError('FORBIDDEN', 'authentication refused: id and rawId differ');
    const stored = this.options.credentials.get(response.id);
    if (stored === undefined) {
      // Burn the challenge anyway: every challenge is answered at most once, whatever the outcome.
      this.consumeChallengeOf(response);
      throw new InterlockError('FORBIDDEN', 'authentication refused: this authenticator is not registered with Floor');
    }
    let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      verification = await verifyAuthenticationResponse({
        response: response as AuthenticationResponseJSON,
        expectedChallenge: (challenge) => this.challenges.consume('authentication', challenge),
        expectedOrigin: this.origin,
        expectedRPID: RP_ID,
        // Counter 0 here: the library's own counter check would throw a generic Error; Floor
        // checks the counter itself below so a regression is recorded as a security event.
        credential: { id: stored.id, publicKey: new Uint8Array(stored.publicKey), counter: 0, transports: [...stored.transports] },
        requireUserVerification: true,
      });
    } catch (error) {
      throw new InterlockError('FORBIDDEN', `authentication refused: ${messageOf(error)}`);
    }
    if (!verification.verified) throw new InterlockError('FORBIDDEN', 'authentication refused: the signature did not verify');
    const presented = verification.authenticationInfo.newCounter;
    if ((presented > 0 || stored.counter > 0) && presented <= stored.counter) {
      this.options.events.record('WEBAUTHN_COUNTER_REGRESSION', {
        credentialId: stored.id,
        label: stored.label,
        storedCounter: stored.counter,
        presentedCounter: presented,
      });
      throw new InterlockError(
        'FORBIDDEN',
        `authentication refused: authenticator "${stored.label}" presented signature counter ${presented}, not above the stored ${stored.counter}; it may have been cloned`,
      );
    }
    const verifiedAt = this.options.clock.now();
    this.options.credentials.recordUse(stored.id, presented, verifiedAt);
    return { credential: { ...stored, counter: presented, lastUsedAt: verifiedAt }, verifiedAt };
  }

  /** Consumes the challenge a response's clientDataJSON carries, if it can be read at all. */
  private consumeChallengeOf(response: AuthenticationResponse): void {
    try {
      const clientData = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
      if (typeof clientData.challenge === 'string') this.challenges.consume('authentication', clientData.challenge);
    } catch {
      // Unreadable client data names no challenge; nothing to burn.
    }
  }
}
