import { useEffect, useState } from 'react';
import { describeError } from '../../rpc';
import { useServices, useTerminal } from '../../state';
import { tradingStateDisplay } from './kill-switch';

/**
 * The TradingState badge (ACTIVE / REDUCING / HALTED, from the status push; `data-state` carries the
 * value) and, when not ACTIVE, Resume: a first click asks "Resume trading?", only the explicit
 * "Yes, resume" calls `risk.resume` (the host records it as the trader's action).
 */
export function TradingStateControl() {
  const { client, store } = useServices();
  const tradingState = useTerminal((state) => state.status?.tradingState ?? null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Trading resumed (here or elsewhere): a pending question must not reappear at the next halt.
  useEffect(() => {
    if (tradingState === 'ACTIVE') setConfirming(false);
  }, [tradingState]);

  const resume = () => {
    setBusy(true);
    client
      .call('risk.resume', {})
      .then((status) => {
        store.dispatch({ type: 'status', status });
        setError(null);
        setConfirming(false);
      })
      .catch((failure: unknown) => setError(`Resume failed: ${describeError(failure)}`))
      .finally(() => setBusy(false));
  };

  const display = tradingState ? tradingStateDisplay(tradingState) : null;
  const stopped = tradingState !== null && tradingState !== 'ACTIVE';
  return (
    <span className="trading-controls">
      <span
        className={`trading-state trading-state--${display?.tone ?? 'unknown'}`}
        data-testid="header-trading-state"
        data-state={tradingState ?? 'UNKNOWN'}
        title={display?.description ?? 'Trading state unknown until the host answers'}
      >
        {display?.label ?? '—'}
      </span>
      {stopped && !confirming && (
        <button type="button" className="btn btn--small" onClick={() => setConfirming(true)} data-testid="resume-trading">
          Resume…
        </button>
      )}
      {stopped && confirming && (
        <span className="trading-controls__confirm" role="alertdialog" aria-label="Confirm resume">
          Resume trading? New orders will be sent again.
          <button type="button" className="btn btn--small btn--approve" onClick={resume} disabled={busy} data-testid="resume-trading-confirm">
            {busy ? 'Resuming…' : 'Yes, resume'}
          </button>
          <button type="button" className="btn btn--small" onClick={() => setConfirming(false)} disabled={busy} data-testid="resume-trading-cancel">
            Cancel
          </button>
        </span>
      )}
      {error && (
        <span className="header__error" role="alert" data-testid="resume-trading-error">
          {error}
        </span>
      )}
    </span>
  );
}
