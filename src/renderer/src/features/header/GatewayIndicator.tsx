import { useTerminal } from '../../state';
import { gatewayPhaseText, gatewayTitle, gatewayWarnings } from './gateway-text';

/**
 * The IB gateway connection in the header: its phase (connected, reconciling, reconnecting, IB
 * connection lost, refused), broken data farms and held orders; the tooltip names the gateway,
 * role, accounts and the reason. Renders nothing on the simulated exchange.
 */
export function GatewayIndicator() {
  const status = useTerminal((state) => state.status?.gateway ?? null);
  if (status === null) return null;
  const warnings = gatewayWarnings(status);
  return (
    <span className="gateway-state" data-testid="gateway-state" data-phase={status.phase} title={gatewayTitle(status)} role={status.phase === 'REFUSED' || status.phase === 'UPSTREAM_LOST' ? 'alert' : undefined}>
      <span className={`gateway-state__phase gateway-state__phase--${status.phase.toLowerCase()}`}>{gatewayPhaseText(status)}</span>
      {warnings.map((warning) => (
        <span key={warning} className="gateway-state__warning">
          ⚠ {warning}
        </span>
      ))}
    </span>
  );
}
