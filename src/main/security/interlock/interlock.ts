import { Emitter, type Clock, type Disposable, type Event, type UnixMicros } from '../../../shared';
import {
  credentialLabelSchema,
  type AuthenticationOptions,
  type AuthenticationResponse,
  type InterlockCredential,
  type InterlockStatus,
  type RegistrationOptions,
  type RegistrationResponse,
} from '../../../shared';
import type { WebAuthnCredentialRecord, WebAuthnCredentialRepository } from '../../ledger';
import { InterlockError, type RelyingParty, type SecurityEventSink } from '../webauthn';
import { AutomationArm } from './automation-arm';
import { InterlockSession } from './interlock-session';
import { sessionMicros, type InterlockMode, type SessionDurations } from './session-durations';

/**
 * How recent a verification must be to remove an authenticator: 60 s. Long enough to click
 * "Remove" after the prompt, short enough that a session left open an hour ago does not do.
 */
export const FRESH_CHECK_MICROS = 60_000_000;

/** The status reason while a session is live but older than the last HALT. */
export const RESUME_NEEDS_CHECK = 'resuming after the HALT needs a check made after it';

/** Options of the interlock. */
export interface InterlockOptions {
  readonly relyingParty: RelyingParty;
  readonly credentials: WebAuthnCredentialRepository;
  readonly events: SecurityEventSink;
  /** Wall clock, Unix µs: sessions run on real time, never on a replay's market clock. */
  readonly clock: Clock;
  /** The terminal's trading mode now (sets the length of a session opened now). */
  readonly mode: () => InterlockMode;
  /** Session lengths, read at every unlock so a changed setting applies from the next one. */
  readonly durations: () => SessionDurations;
  /** Timer functions (injectable for tests); default the global ones. */
  readonly timers?: { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (handle: unknown) => void };
}

/** Longest single timer wait, ms: Node caps setTimeout at 2^31-1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

function view(record: WebAuthnCredentialRecord): InterlockCredential {
  return {
    credentialId: record.id,
    label: record.label,
    transports: [...record.transports],
    deviceType: record.deviceType,
    backedUp: record.backedUp,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
  };
}

/**
 * The WebAuthn interlock (issue 5 point 1): nothing that sends an order runs unless a trader passed
 * a user-verifying WebAuthn check recently.
 *
 * Rules:
 * - First run (no authenticator registered): anyone holding the host's session cookie may register
 *   the first authenticator. Once one exists, registering another needs a live session, otherwise
 *   whoever reached the host could enrol their own key and unlock with it.
 * - A verified assertion opens a session of `durations().paper` or `.live` minutes (mode at unlock).
 * - `verifyFreshCheck(response, mode)`: the check a switch to live needs (issue 9): an assertion
 *   made for it, whatever session is running; it opens a session of that mode's length.
 * - `requireReverification(reason)` ends the session at once.
 * - `recordHalt()` marks a HALT: resuming then needs a session opened after it (`needsCheckToResume`).
 * - Removing an authenticator needs a verification younger than FRESH_CHECK_MICROS, and the last
 *   one cannot be removed.
 * - `armAutomation(response, until)`: one verified assertion lets automated orders (API, algo) through
 *   without a live session until `until`, recorded as AUTOMATION_ARMED; `disarmAutomation(reason)`
 *   (the kill switch, or the trader) ends it, recorded as AUTOMATION_DISARMED. Not kept across restarts.
 * - `onDidChangeStatus` fires on every change, including the moment a session or an arming expires.
 */
export class Interlock implements Disposable {
  private readonly session = new InterlockSession();
  private readonly automation = new AutomationArm();
  private automationTimer: unknown;
  private readonly statusEmitter = new Emitter<InterlockStatus>();
  private expiryTimer: unknown;
  /** When trading was last HALTED (Unix µs), or null. */
  private haltedAt: UnixMicros | null = null;
  private readonly timers: NonNullable<InterlockOptions['timers']>;

  /** Fires the new status after every registration, unlock, revocation, removal and expiry. */
  readonly onDidChangeStatus: Event<InterlockStatus> = this.statusEmitter.event;

  constructor(private readonly options: InterlockOptions) {
    this.timers = options.timers ?? {
      // unref: a pending expiry must not keep a shutting-down terminal alive.
      setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    };
  }

  /** Registered count, whether a session is live, when it expires (Unix µs), and why a re-check is due. */
  status(): InterlockStatus {
    const live = this.session.live(this.options.clock.now());
    return {
      registered: this.options.credentials.count(),
      verified: live !== null,
      expiresAt: live?.expiresAt ?? null,
      reason: live === null ? this.session.reason : this.isOlderThanHalt(live.openedAt) ? RESUME_NEEDS_CHECK : null,
      automationArmedUntil: this.automation.armedUntil(this.options.clock.now()),
    };
  }

  /** True while automation is armed. */
  automationArmed(): boolean {
    return this.automation.armedUntil(this.options.clock.now()) !== null;
  }

  /**
   * Verifies an assertion made to arm automation and arms it until `until` (Unix µs, wall clock).
   * The trader's own session is not opened by it.
   * @throws InterlockError FORBIDDEN when the assertion does not verify; CONFLICT when `until` is not in the future.
   */
  async armAutomation(response: AuthenticationResponse, until: UnixMicros): Promise<InterlockStatus> {
    const now = this.options.clock.now();
    if (!(until > now)) throw new InterlockError('CONFLICT', 'the span to arm automation for is already over (the session has closed): set a span in minutes in the risk profile to arm outside the session');
    const { credential } = await this.options.relyingParty.verifyAuthentication(response);
    this.automation.arm(this.options.clock.now(), until);
    this.options.events.record('AUTOMATION_ARMED', { until, credentialId: credential.id });
    this.scheduleAutomationEnd();
    return this.changed();
  }

  /** Disarms automation at once (`reason` is recorded, e.g. "kill switch"); a no-op when not armed. */
  disarmAutomation(reason: string): InterlockStatus {
    if (this.automation.disarm(this.options.clock.now(), reason)) {
      this.options.events.record('AUTOMATION_DISARMED', { reason });
      this.cancelTimer(this.automationTimer);
      this.automationTimer = undefined;
    }
    return this.changed();
  }

  /** True when a session is live now. */
  isVerified(): boolean {
    return this.session.live(this.options.clock.now()) !== null;
  }

  /** The live session's opening time (Unix µs), or null. */
  verifiedSince(): UnixMicros | null {
    return this.session.live(this.options.clock.now())?.openedAt ?? null;
  }

  /**
   * Notes that trading was HALTED now. The live session keeps working for everything but a resume:
   * `needsCheckToResume()` is true until a session opens after this moment (issue 5: a resume after
   * a HALT needs a session younger than the HALT).
   */
  recordHalt(): void {
    this.haltedAt = this.options.clock.now();
    this.changed();
  }

  /** True when a resume must wait for a new check: trading was halted and no session opened since. */
  needsCheckToResume(): boolean {
    const live = this.session.live(this.options.clock.now());
    return live === null || this.isOlderThanHalt(live.openedAt);
  }

  /**
   * Registration options (first run, or while verified).
   * @throws InterlockError FORBIDDEN when an authenticator exists and no session is live.
   */
  async registrationOptions(): Promise<RegistrationOptions> {
    this.assertMayRegister();
    return this.options.relyingParty.registrationOptions();
  }

  /**
   * Verifies and stores a new authenticator named `label` (trimmed, 1..64 characters).
   * @throws InterlockError FORBIDDEN (not allowed now, or the response does not verify), CONFLICT (already registered);
   *   TypeError for a bad label.
   */
  async verifyRegistration(response: RegistrationResponse, label: string): Promise<InterlockCredential> {
    const name = credentialLabelSchema.safeParse(label);
    if (!name.success) throw new TypeError(name.error.issues.map((i) => i.message).join('; '));
    this.assertMayRegister();
    const record = await this.options.relyingParty.verifyRegistration(response, name.data);
    this.changed();
    return view(record);
  }

  /**
   * Authentication options for an unlock.
   * @throws InterlockError CONFLICT when no authenticator is registered yet.
   */
  async authenticationOptions(): Promise<AuthenticationOptions> {
    if (this.options.credentials.count() === 0) {
      throw new InterlockError('CONFLICT', 'no authenticator is registered yet: register one (Windows Hello, Touch ID or a security key) first');
    }
    return this.options.relyingParty.authenticationOptions();
  }

  /**
   * Verifies an assertion and opens a session (replacing any live one).
   * @throws InterlockError FORBIDDEN when the assertion does not verify or its counter went backwards.
   */
  async verifyAuthentication(response: AuthenticationResponse): Promise<InterlockStatus> {
    const { credential, verifiedAt } = await this.options.relyingParty.verifyAuthentication(response);
    this.session.open(verifiedAt, sessionMicros(this.options.durations(), this.options.mode()), credential.id);
    this.scheduleExpiry();
    return this.changed();
  }

  /**
   * A fresh check (issue 9: the switch to live): verifies an assertion made now for this purpose
   * (options from `authenticationOptions`, a single-use challenge at most 2 minutes old, user
   * verification required), regardless of any running session, and opens a session of `mode`'s
   * length from it (replacing the running one: live sessions last `durations().live`).
   * @returns the credential whose assertion verified, and the status after.
   * @throws InterlockError FORBIDDEN when the assertion does not verify (a replayed or stale
   *   challenge, an unknown authenticator, no user verification, a counter that went backwards).
   */
  async verifyFreshCheck(response: AuthenticationResponse, mode: InterlockMode): Promise<{ readonly credentialId: string; readonly status: InterlockStatus }> {
    const { credential, verifiedAt } = await this.options.relyingParty.verifyAuthentication(response);
    this.session.open(verifiedAt, sessionMicros(this.options.durations(), mode), credential.id);
    this.scheduleExpiry();
    return { credentialId: credential.id, status: this.changed() };
  }

  /** Registered authenticators, oldest first. */
  listCredentials(): InterlockCredential[] {
    return this.options.credentials.list().map(view);
  }

  /**
   * Removes authenticator `credentialId`.
   * @throws InterlockError FORBIDDEN without a verification in the last 60 s, NOT_FOUND for an
   *   unknown id, CONFLICT when it is the last one.
   */
  removeCredential(credentialId: string): InterlockCredential[] {
    const now = this.options.clock.now();
    const live = this.session.live(now);
    if (live === null || now - live.openedAt > FRESH_CHECK_MICROS) {
      throw new InterlockError(
        'FORBIDDEN',
        `removing an authenticator needs a fresh check: verify with an authenticator, then remove within ${FRESH_CHECK_MICROS / 1_000_000} seconds`,
      );
    }
    const outcome = this.options.credentials.removeUnlessLast(credentialId);
    if (outcome === 'not-found') throw new InterlockError('NOT_FOUND', `no registered authenticator has id ${credentialId}`);
    if (outcome === 'last-credential') {
      throw new InterlockError('CONFLICT', 'the last authenticator cannot be removed: register another one first, or trading could never be unlocked');
    }
    this.options.events.record('WEBAUTHN_CREDENTIAL_REMOVED', { credentialId });
    if (live.credentialId === credentialId) this.session.revoke('the authenticator that unlocked this session was removed');
    this.changed();
    return this.listCredentials();
  }

  /**
   * Ends the live session at once; the trader must verify again before anything is sent. (The switch
   * to live does not need it: its own fresh check replaces the session, see `verifyFreshCheck`.)
   * @param reason shown to the trader, e.g. "the terminal switched to LIVE".
   */
  requireReverification(reason: string): void {
    this.session.revoke(reason);
    this.cancelExpiry();
    this.changed();
  }

  /** Stops the expiry timers and drops listeners. */
  dispose(): void {
    this.cancelExpiry();
    this.cancelTimer(this.automationTimer);
    this.statusEmitter.dispose();
  }

  private isOlderThanHalt(openedAt: UnixMicros): boolean {
    return this.haltedAt !== null && openedAt <= this.haltedAt;
  }

  private assertMayRegister(): void {
    if (this.options.credentials.count() > 0 && !this.isVerified()) {
      throw new InterlockError('FORBIDDEN', 'adding another authenticator needs a live interlock session: unlock with a registered authenticator first');
    }
  }

  private changed(): InterlockStatus {
    const status = this.status();
    this.statusEmitter.fire(status);
    return status;
  }

  private scheduleExpiry(): void {
    this.cancelExpiry();
    const live = this.session.live(this.options.clock.now());
    if (live === null) return;
    const waitMs = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil((live.expiresAt - this.options.clock.now()) / 1000)));
    this.expiryTimer = this.timers.setTimeout(() => {
      this.expiryTimer = undefined;
      if (this.session.live(this.options.clock.now()) === null) this.changed();
      else this.scheduleExpiry();
    }, waitMs);
  }

  private cancelExpiry(): void {
    this.cancelTimer(this.expiryTimer);
    this.expiryTimer = undefined;
  }

  /** Announces the end of an arming when it comes (a timer per arming, in steps of at most MAX_TIMER_MS). */
  private scheduleAutomationEnd(): void {
    this.cancelTimer(this.automationTimer);
    const until = this.automation.armedUntil(this.options.clock.now());
    if (until === null) return;
    const waitMs = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil((until - this.options.clock.now()) / 1000)));
    this.automationTimer = this.timers.setTimeout(() => {
      this.automationTimer = undefined;
      if (this.automation.armedUntil(this.options.clock.now()) === null) this.changed();
      else this.scheduleAutomationEnd();
    }, waitMs);
  }

  private cancelTimer(handle: unknown): void {
    if (handle !== undefined) this.timers.clearTimeout(handle);
  }
}
