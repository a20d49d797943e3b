import { useMemo } from 'react';
import { formatUnixMicrosEt } from '../../format';
import { useServices, useTerminal } from '../../state';
import { alertFigures, bannerAlerts } from './alert-selection';

/**
 * The CRITICAL alert banner under the header (breaker trip, daily-loss breach, kill switch): the
 * newest unacknowledged CRITICAL alert with its figures, and how many more wait. It stays until the
 * trader acknowledges (locally; the alert itself stays in the Alerts tab and the host's record).
 */
export function AlertBanner() {
  const { store } = useServices();
  const alerts = useTerminal((state) => state.alerts);
  const acknowledged = useTerminal((state) => state.acknowledgedAlertIds);
  const pending = useMemo(() => bannerAlerts(alerts, acknowledged), [alerts, acknowledged]);
  const alert = pending[0];
  if (!alert) return null;
  const more = pending.length - 1;
  const acknowledge = (alertIds: string[]) => store.dispatch({ type: 'acknowledgeAlerts', alertIds });

  return (
    <div className="alert-banner" role="alert" data-testid="alert-banner" data-alert-id={alert.alertId} data-code={alert.code}>
      <span className="alert-banner__badge">{alert.code.replace(/_/g, ' ')}</span>
      <span className="alert-banner__time">{formatUnixMicrosEt(alert.tsEvent)} ET</span>
      {alert.instrumentId && <span className="alert-banner__instrument">{alert.instrumentId}</span>}
      <span className="alert-banner__message" data-testid="alert-banner-message">
        {alert.message}
      </span>
      <span className="alert-banner__figures">
        {alertFigures(alert).map((figure) => (
          <span key={figure.key} className="alert-banner__figure" data-detail={figure.key}>
            <span className="alert-banner__figure-label">{figure.label}</span> {figure.text}
          </span>
        ))}
      </span>
      {more > 0 && <span className="alert-banner__more">+{more} more critical</span>}
      <button type="button" className="btn btn--small alert-banner__ack" onClick={() => acknowledge([alert.alertId])} data-testid="alert-banner-ack">
        Acknowledge
      </button>
      {more > 0 && (
        <button
          type="button"
          className="btn btn--small alert-banner__ack"
          onClick={() => acknowledge(pending.map((item) => item.alertId))}
          data-testid="alert-banner-ack-all"
        >
          Acknowledge all
        </button>
      )}
    </div>
  );
}
