import type { CustomCellRendererProps } from 'ag-grid-react';
import type { OrderView } from '../../../../shared';
import { orderStatusDisplay } from '../../format';

/**
 * The status pill of one order. Carries the order's test hooks (data-testid="order-row", data-status,
 * data-client-order-id). Keyed by status and progress, so each change remounts the pill and its CSS
 * entry animation plays once: a subtle flash that shows what just changed.
 */
export function StatusCell(props: CustomCellRendererProps<OrderView>) {
  const order = props.data;
  if (!order) return null;
  const display = orderStatusDisplay(order);
  return (
    <span
      key={display.label}
      className={`status-pill status-pill--${display.tone}`}
      data-testid="order-row"
      data-status={order.status}
      data-client-order-id={order.clientOrderId}
    >
      {display.label}
    </span>
  );
}
