import { useCallback, useEffect, useState } from 'react';
import type { LedgerHealth } from '../../../../shared';
import { describeError } from '../../rpc';
import { useServices, useTerminal } from '../../state';
import { ledgerBadgeText, ledgerBadgeTitle } from './ledger-health-text';

/** How often the badge asks for the chain's length (one indexed read on the host). */
const REFRESH_MS = 5_000;

/**
 * The signed ledger's health in the header: green with the entry count when the last full
 * verification passed, red naming the first bad seq when it failed. Clicking runs a full
 * verification now (`ledger.verify`). Shows `health` when given (tests, server rendering).
 */
export function LedgerBadge(props: { readonly health?: LedgerHealth | null }) {
  const { client } = useServices();
  // Asked again whenever the host connection comes (back): an ask made while it was down failed.
  const connection = useTerminal((state) => state.connection);
  const [health, setHealth] = useState<LedgerHealth | null>(props.health ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const refresh = () => {
      client
        .call('ledger.health', {})
        .then((answer) => {
          if (!live) return;
          setHealth(answer);
          setError(null);
        })
        .catch((failure: unknown) => {
          if (live) setError(describeError(failure));
        });
    };
    if (connection !== 'connected') return;
    refresh();
    const timer = window.setInterval(refresh, REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [client, connection]);

  const verify = useCallback(() => {
    setBusy(true);
    client
      .call('ledger.verify', {})
      .then((answer) => {
        setHealth(answer);
        setError(null);
      })
      .catch((failure: unknown) => setError(`Ledger verification failed: ${describeError(failure)}`))
      .finally(() => setBusy(false));
  }, [client]);

  const state = health === null ? 'unknown' : health.status.toLowerCase();
  return (
    <button
      type="button"
      className={`ledger-badge ledger-badge--${state}`}
      onClick={verify}
      disabled={busy}
      data-testid="ledger-badge"
      data-state={state}
      title={error ?? ledgerBadgeTitle(health)}
      {...(health?.status === 'BROKEN' ? { role: 'alert' } : {})}
    >
      {busy ? 'Verifying…' : ledgerBadgeText(health)}
    </button>
  );
}
