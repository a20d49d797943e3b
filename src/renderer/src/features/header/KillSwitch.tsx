import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../../rpc';
import { useServices } from '../../state';
import { isKillSwitchHotkey, KILL_SWITCH_HOTKEY } from './kill-switch';

/**
 * The kill switch: a red button in the header and the Ctrl+Shift+K hotkey, both calling
 * `risk.killSwitch` (HALT trading and cancel every open order). No confirmation: it must be one
 * action. It stays enabled in every state, since pressing it again re-sends the cancels. The hotkey
 * is caught in the capture phase so it works whatever has focus.
 */
export function KillSwitch() {
  const { client, store } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);

  const kill = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    client
      .call('risk.killSwitch', {})
      .then((status) => {
        store.dispatch({ type: 'status', status });
        setError(null);
      })
      .catch((failure: unknown) => setError(`Kill switch failed: ${describeError(failure)}`))
      .finally(() => {
        inFlight.current = false;
        setBusy(false);
      });
  }, [client, store]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isKillSwitchHotkey(event)) return;
      event.preventDefault();
      event.stopPropagation();
      kill();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [kill]);

  return (
    <>
      {error && (
        <span className="header__error" role="alert" data-testid="kill-switch-error">
          {error}
        </span>
      )}
      <button
        type="button"
        className="kill-switch"
        onClick={kill}
        disabled={busy}
        data-testid="kill-switch"
        title={`Kill switch: halt trading and cancel every open order (${KILL_SWITCH_HOTKEY})`}
        aria-keyshortcuts="Control+Shift+K"
      >
        {busy ? 'HALTING…' : 'KILL'}
        <span className="kill-switch__key">{KILL_SWITCH_HOTKEY}</span>
      </button>
    </>
  );
}
