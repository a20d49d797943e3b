import { useState, type FormEvent } from 'react';
import { useInterlock, useInterlockStatus } from './interlock-context';
import { describeCeremonyError } from './interlock-controller';

/**
 * First run: nothing is registered, so nothing can execute. A modal walks the trader through
 * registering an authenticator (Windows Hello, Touch ID, or a security key) and unlocking with it.
 * It cannot be dismissed: the terminal stays readable behind it, but not tradable without it.
 */
export function FirstRunDialog() {
  const interlock = useInterlock();
  const status = useInterlockStatus();
  const [label, setLabel] = useState('This computer');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (status === null || status.registered > 0) return null;

  const register = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await interlock.register(label);
    } catch (failure) {
      setError(describeCeremonyError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="interlock-modal" role="dialog" aria-modal="true" aria-labelledby="interlock-first-run-title" data-testid="interlock-first-run">
      <form className="interlock-modal__card" onSubmit={(event) => void register(event)}>
        <h2 id="interlock-first-run-title">Set up the trading interlock</h2>
        <p>
          Floor sends no order until you pass a biometric or security-key check. Register the authenticator you will use:
          Windows Hello or Touch ID on this computer, or a USB/NFC security key. You can add more later.
        </p>
        <ol className="interlock-modal__steps">
          <li>Name it, then choose Register: your system asks you to verify (fingerprint, face or PIN).</li>
          <li>Floor then asks you to verify once more to unlock trading for this session.</li>
        </ol>
        <label className="field">
          <span>Authenticator name</span>
          <input value={label} maxLength={64} onChange={(event) => setLabel(event.target.value)} data-testid="interlock-label" />
        </label>
        {error && <div className="field__error" role="alert" data-testid="interlock-error">{error}</div>}
        <button type="submit" className="btn btn--primary" disabled={busy || label.trim() === ''} data-testid="interlock-register">
          {busy ? 'Waiting for your authenticator…' : 'Register authenticator'}
        </button>
      </form>
    </div>
  );
}
