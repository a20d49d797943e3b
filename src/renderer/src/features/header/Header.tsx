import { formatSessionNanos } from '../../format';
import { useTerminal } from '../../state';
import { KillSwitch } from './KillSwitch';
import { ReplayControls } from './ReplayControls';
import { TradingStateControl } from './TradingStateControl';

/** The replay clock text; a market time the clock cannot show (out of the day) reads as dashes rather than breaking the header. */
function replayClock(nanos: number): string {
  try {
    return formatSessionNanos(nanos);
  } catch {
    return '--:--:--.---';
  }
}

const CONNECTION_TEXT = { connected: 'Connected', connecting: 'Connecting…', disconnected: 'Disconnected' } as const;

/**
 * The header: trading mode (PAPER in its own colour; LIVE in red), the connection to the host, the
 * venue and its connection, the trading state (with Resume when not ACTIVE), instrument and market
 * source, the replay clock (US Eastern) and its controls, the Settings button (`onOpenSettings`) and,
 * rightmost, the red kill switch.
 */
export function Header(props: { readonly onOpenSettings: () => void }) {
  const connection = useTerminal((state) => state.connection);
  const status = useTerminal((state) => state.status);
  const instrument = useTerminal((state) => state.session?.instrument ?? null);
  const loadError = useTerminal((state) => state.loadError);
  const mode = status?.mode ?? null;
  const source = status?.replay.source;

  return (
    <header className="header">
      <span className="header__brand">FLOOR</span>
      <span className={`mode-badge mode-badge--${mode ? mode.toLowerCase() : 'unknown'}`} data-testid="header-mode" title="Trading mode">
        {mode ?? '—'}
      </span>
      <span className={`conn conn--${connection}`} data-testid="header-connection" data-state={connection} title="Connection to the Floor host">
        <span className="conn__dot" aria-hidden="true" />
        {CONNECTION_TEXT[connection]}
      </span>
      {status && (
        <span className="header__item" title="Venue and its connection state">
          <span className="header__label">Venue</span>
          <span data-testid="header-venue">{status.venue}</span>
          <span className={`venue-state venue-state--${status.connection.toLowerCase()}`} data-testid="header-venue-connection">
            {status.connection}
          </span>
        </span>
      )}
      <TradingStateControl />
      {instrument && (
        <span className="header__item">
          <span className="header__instrument" data-testid="header-instrument">
            {instrument.instrumentId}
          </span>
          {source && (
            <span className="header__label" data-testid="header-source">
              {source.kind === 'LOBSTER' ? `LOBSTER ${source.sessionDate}` : `Synthetic (${source.model})`}
            </span>
          )}
        </span>
      )}
      <span className="header__spacer" />
      {loadError && (
        <span className="header__error" role="alert" data-testid="header-load-error">
          {loadError}
        </span>
      )}
      {status && (
        <span className="replay-time" data-testid="header-replay-time" data-market-time={status.replay.marketTime} title="Replay market time (US Eastern)">
          {replayClock(status.replay.marketTime)} <span className="header__label">ET</span>
        </span>
      )}
      <ReplayControls />
      <button type="button" className="btn btn--small header__settings" onClick={props.onOpenSettings} data-testid="settings-open" title="Risk profile, approval and breaker settings">
        ⚙ Risk
      </button>
      <KillSwitch />
    </header>
  );
}
