import { useContext, useState } from 'react';
import { describeCeremonyError, InterlockContext, useInterlockStatus, useNowMicros } from '../interlock';

/** "3:59:12" (hours) or "4:07" from µs left, rounded up to the second. */
export function formatArmedSpan(micros: number): string {
  const seconds = Math.max(0, Math.ceil(micros / 1_000_000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * Arming automation from the header (issue 10): "Arm automation" makes one WebAuthn check
 * (`interlock.automation.arm`), after which orders from the signed API and algos go out without the
 * trader's own session until the span ends (the risk profile's minutes, or the session close);
 * while armed an amber "Automation armed" with the time left and Disarm (no check: it only reduces
 * risk). A HALT disarms it on the host.
 */
export function AutomationArm() {
  // Outside an InterlockProvider (view tests) there is nothing to arm.
  const interlock = useContext(InterlockContext);
  const status = useInterlockStatus();
  const until = status?.automationArmedUntil ?? null;
  const now = useNowMicros(until !== null);
  const armed = until !== null && until > now;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (interlock === null || status === null || status.registered === 0) return null;

  const run = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    work()
      .catch((failure: unknown) => setError(describeCeremonyError(failure)))
      .finally(() => setBusy(false));
  };

  return (
    <span className="automation-arm" data-testid="automation-arm" data-armed={armed ? 'true' : 'false'}>
      {armed ? (
        <>
          <span className="automation-arm__armed" data-testid="automation-armed" title="Orders from the signed API and algos are sent without your own session until then">
            Automation armed {formatArmedSpan(until - now)}
          </span>
          <button type="button" className="btn btn--small" onClick={() => run(() => interlock.disarmAutomation())} disabled={busy} data-testid="automation-disarm">
            Disarm
          </button>
        </>
      ) : (
        <button
          type="button"
          className="btn btn--small"
          onClick={() => run(() => interlock.armAutomation())}
          disabled={busy}
          title="One check with your authenticator lets signed API and algo orders through until the risk profile's span ends (the session close by default)"
          data-testid="automation-arm-button"
        >
          {busy ? 'Waiting…' : 'Arm automation'}
        </button>
      )}
      {error && (
        <span className="header__error" role="alert" data-testid="automation-error" title={error}>
          {error}
        </span>
      )}
    </span>
  );
}
