import type { ReactNode } from 'react';
import { formatUnixMicrosEt } from '../../format';
import { useServices, useTerminal } from '../../state';
import { alertFigures, unacknowledgedCount } from './alert-selection';

/**
 * Every alert the host raised (loaded with `alerts.list` on connect, then the `alerts` push), newest
 * first, with severity, code, instrument, message and the figures behind it; unacknowledged ones are
 * marked and can be acknowledged here too. `tabs` is the bottom panel's tab strip.
 */
export function AlertsList(props: { readonly tabs: ReactNode }) {
  const { store } = useServices();
  const alerts = useTerminal((state) => state.alerts);
  const acknowledged = useTerminal((state) => state.acknowledgedAlertIds);
  const open = unacknowledgedCount(alerts, acknowledged);
  const acknowledge = (alertIds: string[]) => store.dispatch({ type: 'acknowledgeAlerts', alertIds });

  return (
    <section className="panel blotter" aria-label="Alerts">
      <header className="panel__header">
        {props.tabs}
        <span className="panel__meta">
          {alerts.length} total · {open} unacknowledged
        </span>
        <button
          type="button"
          className="btn btn--small panel__action"
          disabled={open === 0}
          onClick={() => acknowledge(alerts.map((alert) => alert.alertId))}
          data-testid="alerts-ack-all"
        >
          Acknowledge all
        </button>
      </header>
      <div className="panel__body alerts__body">
        {alerts.length === 0 ? (
          <div className="approvals__empty">No alerts. Breaker trips, daily-loss breaches and the kill switch appear here.</div>
        ) : (
          <table className="approvals__table alerts__table">
            <thead>
              <tr>
                <th>Time</th>
                <th>Severity</th>
                <th>Alert</th>
                <th>Instr.</th>
                <th>Message</th>
                <th>Figures</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {alerts.map((alert) => {
                const isAcknowledged = acknowledged.has(alert.alertId);
                return (
                  <tr
                    key={alert.alertId}
                    className={`alerts__row alerts__row--${alert.severity.toLowerCase()}${isAcknowledged ? '' : ' is-open'}`}
                    data-testid="alert-row"
                    data-alert-id={alert.alertId}
                    data-severity={alert.severity}
                    data-acknowledged={isAcknowledged}
                  >
                    <td className="cell-mono cell-dim">{formatUnixMicrosEt(alert.tsEvent)}</td>
                    <td>
                      <span className={`severity severity--${alert.severity.toLowerCase()}`}>{alert.severity}</span>
                    </td>
                    <td className="cell-mono">{alert.code}</td>
                    <td>{alert.instrumentId ?? ''}</td>
                    <td className="alerts__message">{alert.message}</td>
                    <td className="alerts__figures">
                      {alertFigures(alert)
                        .map((figure) => `${figure.label} ${figure.text}`)
                        .join(' · ')}
                    </td>
                    <td className="approvals__actions">
                      {!isAcknowledged && (
                        <button type="button" className="btn btn--small" onClick={() => acknowledge([alert.alertId])} data-testid="alert-ack">
                          Ack
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
