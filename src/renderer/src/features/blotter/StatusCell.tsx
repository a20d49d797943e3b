import type { CustomCellRendererProps } from 'ag-grid-react';
import type { Order } from '../../../../shared';
import { orderStatusDisplay } from '../../format';
import { useTerminal } from '../../state';

/**
 * The status pill of one order. Carries the order's test hooks (data-testid="order-row", data-status,
 * data-client-order-id). Keyed by status and progress, so each change remounts the pill and its CSS
 * entry animation plays once: a subtle flash that shows what just changed. An order the IB venue
 * holds while its gateway is away reads "Held" (data-held="true").
 */
export function StatusCell(props: CustomCellRendererProps<Order>) {
  const order = props.data;
  const held = useTerminal((state) => order !== undefined && (state.status?.gateway?.heldOrders.includes(order.clientOrderId) ?? false));
  if (!order) return null;
  const display = orderStatusDisplay(order, held);
  return (
    <span
      key={display.label}
      className={`status-pill status-pill--${display.tone}`}
      data-testid="order-row"
      data-status={order.status}
      data-client-order-id={order.clientOrderId}
      data-held={held ? 'true' : undefined}
    >
      {display.label}
    </span>
  );
}
