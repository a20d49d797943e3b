import type { UnixMicros } from '../../../shared';

/** A live interlock session: opened by a verified assertion at `openedAt`, good until `expiresAt` (Unix µs, wall clock). */
export interface LiveSession {
  readonly openedAt: UnixMicros;
  readonly expiresAt: UnixMicros;
  /** The credential whose assertion opened it. */
  readonly credentialId: string;
}

/**
 * The terminal's one interlock session (one trader per terminal): at most one live at a time;
 * a new verification replaces it; `revoke` ends it and remembers why, so the UI can say
 * "verify again: trading was HALTED". Pure state over an injected time; no timers.
 */
export class InterlockSession {
  private session: LiveSession | null = null;
  private revokedBecause: string | null = null;

  /** Opens (or replaces) the session for `lengthMicros` from `openedAt`. @throws RangeError for a non-positive length. */
  open(openedAt: UnixMicros, lengthMicros: number, credentialId: string): LiveSession {
    if (!Number.isSafeInteger(lengthMicros) || lengthMicros <= 0) throw new RangeError(`interlock session length must be a positive whole number of µs, got ${lengthMicros}`);
    this.session = { openedAt, expiresAt: openedAt + lengthMicros, credentialId };
    this.revokedBecause = null;
    return this.session;
  }

  /** The session if it is live at `now` (openedAt <= now < expiresAt), else null. */
  live(now: UnixMicros): LiveSession | null {
    const session = this.session;
    if (session === null || now >= session.expiresAt || now < session.openedAt) return null;
    return session;
  }

  /** Ends the live session (if any); `reason` is kept until the next verification. */
  revoke(reason: string): void {
    this.session = null;
    this.revokedBecause = reason;
  }

  /** Why the last session was revoked, or null when it was not (never opened, expired, or verified since). */
  get reason(): string | null {
    return this.revokedBecause;
  }
}
