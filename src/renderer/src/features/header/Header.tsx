import { sessionClockText } from '../../format';
import { useTerminal, type TerminalState } from '../../state';
import { ModeControl } from '../mode';
import { AutomationArm } from './AutomationArm';
import { GatewayIndicator } from './GatewayIndicator';
import { KeyStoreBadge } from './KeyStoreBadge';
import { KillSwitch } from './KillSwitch';
import { LedgerBadge } from './LedgerBadge';
import { ReplayControls } from './ReplayControls';
import { TradingStateControl } from './TradingStateControl';

const CONNECTION_TEXT = { connected: 'Connected', connecting: 'Connecting…', disconnected: 'Disconnected' } as const;

const IB_DEPTH_STATE_TEXT = { WAITING: 'waiting', LIVE: 'live', STALE: 'stale', HALTED: 'halted', REFUSED: 'refused', DISCONNECTED: 'disconnected' } as const;

/**
 * The market source as the header names it, e.g. "LOBSTER 2012-06-21", "Synthetic (cont-stoikov-talreja)",
 * "IB GOOG depth" or, when IB's depth is not live, "IB GOOG depth (refused: IB 309: ...)".
 */
function sourceLabel(state: TerminalState): string | null {
  const replay = state.status?.replay;
  if (!replay) return null;
  const { source } = replay;
  if (source.kind === 'LOBSTER') return `LOBSTER ${source.sessionDate}`;
  if (source.kind === 'SYNTHETIC') return `Synthetic (${source.model})`;
  const label = `IB ${replay.instrumentId} depth`;
  if (source.state === 'LIVE' && source.reason === null) return label;
  return `${label} (${IB_DEPTH_STATE_TEXT[source.state]}${source.reason === null ? '' : `: ${source.reason}`})`;
}

/**
 * The replay clock (US Eastern; `data-market-time` carries the raw SessionNanos). Its own component
 * because it is the one header item that changes with every status push (~28/s at 10x replay): the
 * rest of the header selects slices that stay equal between pushes and does not re-render.
 */
function ReplayClock() {
  const marketTime = useTerminal((state) => state.status?.replay.marketTime ?? null);
  if (marketTime === null) return null;
  return (
    <span className="replay-time" data-testid="header-replay-time" data-market-time={marketTime} title="Replay market time (US Eastern)">
      {sessionClockText(marketTime)} <span className="header__label">ET</span>
    </span>
  );
}

/**
 * The header: the trading mode and its switch (PAPER in its own colour; LIVE in red with the
 * account), the connection to the host, the venue and its connection, the trading state (with
 * Resume when not ACTIVE), the signed ledger's health, the key store, instrument and market source,
 * automation arming, the replay clock (US Eastern) and its controls, the Settings button
 * (`onOpenSettings`) and, rightmost, the red kill switch.
 */
export function Header(props: { readonly onOpenSettings: () => void }) {
  const connection = useTerminal((state) => state.connection);
  const venue = useTerminal((state) => state.status?.venue ?? null);
  const venueConnection = useTerminal((state) => state.status?.connection ?? null);
  const source = useTerminal(sourceLabel);
  // A live market (IB) has no replay controls: it cannot pause, change speed or seek.
  const live = useTerminal((state) => state.status?.replay.source.kind === 'IB');
  const instrument = useTerminal((state) => state.session?.instrument ?? null);
  const loadError = useTerminal((state) => state.loadError);

  return (
    <header className="header">
      <span className="header__brand">FLOOR</span>
      <ModeControl />
      <span className={`conn conn--${connection}`} data-testid="header-connection" data-state={connection} title="Connection to the Floor host">
        <span className="conn__dot" aria-hidden="true" />
        {CONNECTION_TEXT[connection]}
      </span>
      {venue !== null && venueConnection !== null && (
        <span className="header__item" title="Venue and its connection state">
          <span className="header__label">Venue</span>
          <span data-testid="header-venue">{venue}</span>
          <span className={`venue-state venue-state--${venueConnection.toLowerCase()}`} data-testid="header-venue-connection">
            {venueConnection}
          </span>
          <GatewayIndicator />
        </span>
      )}
      <TradingStateControl />
      <LedgerBadge />
      <KeyStoreBadge />
      {instrument && (
        <span className="header__item">
          <span className="header__instrument" data-testid="header-instrument">
            {instrument.instrumentId}
          </span>
          {source && (
            <span className="header__label header__source" data-testid="header-source" title={source}>
              {source}
            </span>
          )}
        </span>
      )}
      <span className="header__spacer" />
      <AutomationArm />
      {loadError && (
        <span className="header__error" role="alert" data-testid="header-load-error">
          {loadError}
        </span>
      )}
      <ReplayClock />
      {!live && <ReplayControls />}
      <button type="button" className="btn btn--small header__settings" onClick={props.onOpenSettings} data-testid="settings-open" title="Risk profile, approval and breaker settings">
        ⚙ Risk
      </button>
      <KillSwitch />
    </header>
  );
}
