import { useMemo, useState } from 'react';
import { ApprovalQueue, countStaged } from '../features/approvals';
import { AlertsList, unacknowledgedCount } from '../features/alerts';
import { OrdersBlotter } from '../features/blotter';
import { useTerminal } from '../state';

/** The bottom panel's views. */
export type BottomTab = 'orders' | 'approvals' | 'alerts';

/**
 * The panel under the chart: a tab strip (Orders | Approvals (n) | Alerts (n)) drawn in the panel's
 * header, and the chosen view. Orders is shown first. The Approvals badge counts STAGED orders, the
 * Alerts badge unacknowledged alerts; neither switches the tab by itself, so the view never changes
 * under the trader's pointer. Positions stay in their own panel below, always visible.
 */
export function BottomPanel() {
  const [tab, setTab] = useState<BottomTab>('orders');
  const staged = useTerminal((state) => countStaged(state.orders));
  const alerts = useTerminal((state) => state.alerts);
  const acknowledged = useTerminal((state) => state.acknowledgedAlertIds);
  const openAlerts = useMemo(() => unacknowledgedCount(alerts, acknowledged), [alerts, acknowledged]);
  const criticalOpen = useMemo(() => alerts.some((alert) => alert.severity === 'CRITICAL' && !acknowledged.has(alert.alertId)), [alerts, acknowledged]);

  const tabButton = (id: BottomTab, label: string, badge: { count: number; tone: string; testId: string } | null) => (
    <button
      type="button"
      role="tab"
      className={`tabs__tab${tab === id ? ' is-active' : ''}`}
      aria-selected={tab === id}
      onClick={() => setTab(id)}
      data-testid={`${id}-tab`}
      data-active={tab === id}
    >
      {label}
      {badge && (
        <span className={`tabs__badge tabs__badge--${badge.tone}${badge.count === 0 ? ' is-zero' : ''}`} data-testid={badge.testId} data-count={badge.count}>
          {badge.count}
        </span>
      )}
    </button>
  );

  const tabs = (
    <div className="tabs" role="tablist" aria-label="Orders, approvals and alerts">
      {tabButton('orders', 'Orders', null)}
      {tabButton('approvals', 'Approvals', { count: staged, tone: 'staged', testId: 'approvals-count' })}
      {tabButton('alerts', 'Alerts', { count: openAlerts, tone: criticalOpen ? 'critical' : 'info', testId: 'alerts-count' })}
    </div>
  );

  switch (tab) {
    case 'orders':
      return <OrdersBlotter tabs={tabs} />;
    case 'approvals':
      return <ApprovalQueue tabs={tabs} />;
    case 'alerts':
      return <AlertsList tabs={tabs} />;
  }
}
