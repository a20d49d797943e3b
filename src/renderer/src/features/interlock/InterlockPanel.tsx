import { useState } from 'react';
import { CredentialsManager } from './CredentialsManager';
import { useInterlock, useInterlockStatus, useNowMicros } from './interlock-context';
import { describeCeremonyError, formatRemaining } from './interlock-controller';
import './interlock.css';

/**
 * The interlock strip above the ticket: locked (with the reason a new check is due) and an Unlock
 * button, or unlocked with the session's remaining time (and, after a HALT, that resuming needs a
 * new check: Extend makes one); plus the authenticators list.
 */
export function InterlockPanel() {
  const interlock = useInterlock();
  const status = useInterlockStatus();
  const live = status?.verified === true && status.expiresAt !== null;
  const now = useNowMicros(live);
  const verified = live && status.expiresAt !== null && status.expiresAt > now;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [managing, setManaging] = useState(false);

  const unlock = async () => {
    setBusy(true);
    setError(null);
    try {
      await interlock.unlock();
    } catch (failure) {
      setError(describeCeremonyError(failure));
    } finally {
      setBusy(false);
    }
  };

  const registered = status?.registered ?? 0;
  return (
    <div
      className={`interlock${verified ? ' interlock--unlocked' : ' interlock--locked'}`}
      data-testid="interlock-panel"
      data-verified={verified ? 'true' : 'false'}
      data-needs-check={status?.reason ? 'true' : 'false'}
    >
      <div className="interlock__row">
        <span className="interlock__state" data-testid="interlock-state">
          {verified ? 'Unlocked' : registered === 0 ? 'Not set up' : 'Locked'}
        </span>
        {verified && status.expiresAt !== null ? (
          <span className="interlock__remaining" data-testid="interlock-remaining" title="Time left before Floor asks you to verify again">
            {formatRemaining(status.expiresAt - now)} left
            {status.reason ? ` · verify again: ${status.reason}` : ''}
          </span>
        ) : (
          <span className="interlock__hint">
            {status?.reason ? `Verify again: ${status.reason}.` : registered === 0 ? 'Register an authenticator to trade.' : 'Verify to send orders.'}
          </span>
        )}
        {registered > 0 && (
          <button type="button" className="btn btn--small btn--primary" onClick={() => void unlock()} disabled={busy} data-testid="interlock-unlock">
            {busy ? 'Waiting…' : verified ? 'Extend' : 'Unlock'}
          </button>
        )}
        {registered > 0 && (
          <button type="button" className="btn btn--small" onClick={() => setManaging((open) => !open)} aria-expanded={managing} data-testid="interlock-manage">
            Authenticators ({registered})
          </button>
        )}
      </div>
      {error && <div className="field__error" role="alert" data-testid="interlock-error">{error}</div>}
      {managing && registered > 0 && <CredentialsManager />}
    </div>
  );
}
