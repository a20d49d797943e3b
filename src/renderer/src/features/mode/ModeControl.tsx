import { useState } from 'react';
import { describeError } from '../../rpc';
import { useServices, useTerminal } from '../../state';
import { LiveSwitchDialog } from './LiveSwitchDialog';
import { workingOrStaged } from './mode-orders';
import { PaperSwitchDialog } from './PaperSwitchDialog';
import '../interlock/interlock.css';
import './mode.css';

const MODE_TOOLTIP = {
  PAPER: 'Paper trading: the simulated exchange or an IB paper account. Floor always starts in paper.',
  LIVE: 'LIVE trading: orders go to your live Interactive Brokers account (real money).',
} as const;

/**
 * The PAPER / LIVE control in the header (issue 9): the mode badge (LIVE in red with the account
 * id), the button that opens the switch to live (its guards and fresh check in LiveSwitchDialog) or
 * goes back to paper (at once, or asking about live orders still working: PaperSwitchDialog), a
 * note after a restart that came back in paper, and how many orders of the other mode are left
 * working (never listed or summed here).
 */
export function ModeControl() {
  const { client, store } = useServices();
  const mode = useTerminal((state) => state.status?.mode ?? null);
  const account = useTerminal((state) => state.status?.liveAccount ?? null);
  const notice = useTerminal((state) => state.status?.modeNotice ?? null);
  const otherOrders = useTerminal((state) => state.status?.otherModeOrders ?? 0);
  const [dialog, setDialog] = useState<'LIVE' | 'PAPER' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const liveOrders = dialog === 'PAPER' ? workingOrStaged(store.getState().orders) : [];

  const backToPaper = () => {
    setError(null);
    if (workingOrStaged(store.getState().orders).length > 0) {
      setDialog('PAPER');
      return;
    }
    client
      .call('mode.switch', { to: 'PAPER' })
      .then((status) => store.dispatch({ type: 'status', status }))
      .catch((failure: unknown) => setError(`Back to paper failed: ${describeError(failure)}`));
  };

  return (
    <span className="mode-control">
      <span className={`mode-badge mode-badge--${mode ? mode.toLowerCase() : 'unknown'}`} data-testid="header-mode" title={mode ? MODE_TOOLTIP[mode] : 'Trading mode'}>
        {mode ?? '—'}
      </span>
      {mode === 'LIVE' && (
        <span className="mode-control__account" data-testid="header-live-account" title="The live IB account Floor trades">
          {account}
        </span>
      )}
      {mode === 'PAPER' && (
        <button type="button" className="btn btn--small mode-control__switch" onClick={() => setDialog('LIVE')} data-testid="mode-go-live">
          Go live…
        </button>
      )}
      {mode === 'LIVE' && (
        <button type="button" className="btn btn--small mode-control__switch" onClick={backToPaper} data-testid="mode-back-to-paper">
          Back to paper
        </button>
      )}
      {notice && (
        <span className="mode-control__notice" data-testid="header-mode-notice" title={notice}>
          restarted in paper
        </span>
      )}
      {otherOrders > 0 && (
        <span
          className="mode-control__other"
          data-testid="header-other-mode-orders"
          title={`Orders of the ${mode === 'LIVE' ? 'paper' : 'live'} mode still working or staged; they are shown in that mode only`}
        >
          {otherOrders} {mode === 'LIVE' ? 'paper' : 'live'} order{otherOrders === 1 ? '' : 's'} open
        </span>
      )}
      {error && (
        <span className="header__error" role="alert" data-testid="mode-error">
          {error}
        </span>
      )}
      {dialog === 'LIVE' && <LiveSwitchDialog onClose={() => setDialog(null)} />}
      {dialog === 'PAPER' && <PaperSwitchDialog liveOrders={liveOrders} onClose={() => setDialog(null)} />}
    </span>
  );
}
