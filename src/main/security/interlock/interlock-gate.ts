import { InterlockError } from '../webauthn';
import { RESUME_NEEDS_CHECK, type Interlock } from './interlock';

/**
 * The check every order-sending entry point makes before acting: is an interlock session live?
 * It lives beside the session (not in the host) so the signed automation API and any other entry
 * point can use the same rule; the host maps InterlockError's code FORBIDDEN to its RpcError.
 */
export class InterlockGate {
  constructor(private readonly interlock: Pick<Interlock, 'status' | 'needsCheckToResume'>) {}

  /**
   * Returns when a session is live; otherwise throws.
   * @param action what is being attempted, named in the error (e.g. the RPC method 'orders.submit').
   * @throws InterlockError FORBIDDEN with a sentence naming the action and what is needed
   *   (register an authenticator first, or unlock, and why a re-check is due when there is a reason).
   */
  assertLive(action: string): void {
    const status = this.interlock.status();
    if (status.verified) return;
    if (status.registered === 0) {
      throw new InterlockError(
        'FORBIDDEN',
        `${action} needs the interlock: register an authenticator (Windows Hello, Touch ID or a security key) and unlock with it first`,
      );
    }
    const why = status.reason === null ? 'no interlock session is live' : `the interlock session ended because ${status.reason}`;
    throw new InterlockError('FORBIDDEN', `${action} refused: ${why}; unlock with your authenticator to send orders`);
  }

  /**
   * For a resume after a HALT: a live session that opened after the halt.
   * @throws InterlockError FORBIDDEN as assertLive, or naming the halt when the session predates it.
   */
  assertMayResume(action: string): void {
    this.assertLive(action);
    if (this.interlock.needsCheckToResume()) {
      throw new InterlockError('FORBIDDEN', `${action} refused: ${RESUME_NEEDS_CHECK}; verify with your authenticator again, then resume`);
    }
  }
}
