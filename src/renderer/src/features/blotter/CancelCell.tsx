import type { CustomCellRendererProps } from 'ag-grid-react';
import { useState } from 'react';
import type { ClientOrderId, Order } from '../../../../shared';
import { isCancelable } from '../../format';

/** What the blotter hands its cells through ag-grid's `context`. */
export interface BlotterContext {
  /** Requests cancellation of a working order; settles when the host answered (never rejects). */
  readonly cancel: (clientOrderId: ClientOrderId) => Promise<void>;
}

/** A Cancel button on working orders that are not already being canceled; disabled while its request is in flight. */
export function CancelCell(props: CustomCellRendererProps<Order, string, BlotterContext>) {
  const [busy, setBusy] = useState(false);
  const order = props.data;
  if (!order || !isCancelable(order.status)) return null;
  const onClick = () => {
    setBusy(true);
    void props.context.cancel(order.clientOrderId).finally(() => setBusy(false));
  };
  return (
    <button
      type="button"
      className="btn btn--small btn--danger"
      disabled={busy}
      onClick={onClick}
      data-testid="order-cancel"
      data-client-order-id={order.clientOrderId}
    >
      {busy ? '…' : 'Cancel'}
    </button>
  );
}
