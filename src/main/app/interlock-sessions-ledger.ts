import type { Clock, Disposable, InterlockStatus } from '../../shared';
import type { SignedFactRecorder } from '../security';

/** What the recorder watches: the interlock's status and its changes (Interlock satisfies this). */
export interface InterlockStatusSource {
  status(): InterlockStatus;
  onDidChangeStatus(listener: (status: InterlockStatus) => void): Disposable;
}

/**
 * Records in the signed chain when trading was unlocked and locked again, as `security.event`
 * entries: `INTERLOCK_VERIFIED` {expiresAt} when a user-verifying WebAuthn check opened a session,
 * `INTERLOCK_LOCKED` {reason} when the session ended (expiry, a HALT, a switch to live). Together with
 * the order entries they show that every order was sent inside a verified session. Only changes of
 * `verified` are recorded, not every status push. A failed write is reported to `onError`.
 * @param clock wall clock, Unix µs.
 */
export function recordInterlockSessions(
  interlock: InterlockStatusSource,
  ledger: SignedFactRecorder,
  clock: Clock,
  onError: (error: unknown) => void,
): Disposable {
  let verified = interlock.status().verified;
  return interlock.onDidChangeStatus((status) => {
    if (status.verified === verified) return;
    verified = status.verified;
    try {
      ledger.recordFact('security.event', {
        event: status.verified ? 'INTERLOCK_VERIFIED' : 'INTERLOCK_LOCKED',
        details: status.verified ? { expiresAt: status.expiresAt } : { reason: status.reason },
        tsEvent: clock.now(),
      });
    } catch (error) {
      onError(error);
    }
  });
}
