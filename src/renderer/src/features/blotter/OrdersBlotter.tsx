import { AgGridReact } from 'ag-grid-react';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { ClientOrderId, Order } from '../../../../shared';
import { isCancelable, isWorking } from '../../format';
import { floorGridTheme, useTransactionalRows } from '../../grid';
import { describeError } from '../../rpc';
import { useServices, useTerminal } from '../../state';
import { blotterColumns } from './blotter-columns';
import type { BlotterContext } from './CancelCell';

/** The grid starts empty; rows arrive as transactions (a constant so re-renders never reset the grid). */
const NO_ROWS: Order[] = [];

/**
 * The orders blotter (ag-grid): one row per ClientOrderId, updated by transactions as order pushes
 * arrive, newest first; Cancel on working orders, and Cancel all. `tabs`, when given, replaces the
 * panel title (the bottom panel's tab strip).
 */
export function OrdersBlotter(props: { readonly tabs?: ReactNode }) {
  const { client, store } = useServices();
  const orders = useTerminal((state) => state.orders);
  const [notice, setNotice] = useState<string | null>(null);
  const onGridReady = useTransactionalRows<ClientOrderId, Order>(orders);

  const cancel = useCallback(
    (clientOrderId: ClientOrderId): Promise<void> =>
      client
        .call('orders.cancel', { clientOrderId })
        .then(({ order }) => {
          store.dispatch({ type: 'orders', orders: [order] });
          setNotice(null);
        })
        .catch((error: unknown) => setNotice(`Cancel ${clientOrderId} failed: ${describeError(error)}`)),
    [client, store],
  );

  const context = useMemo<BlotterContext>(() => ({ cancel }), [cancel]);
  let working = 0;
  const cancelable: ClientOrderId[] = [];
  for (const order of orders.values()) {
    if (isWorking(order.status)) working += 1;
    if (isCancelable(order.status)) cancelable.push(order.clientOrderId);
  }

  return (
    <section className="panel blotter" aria-label="Orders">
      <header className="panel__header">
        {props.tabs ?? <h2 className="panel__title">Orders</h2>}
        <span className="panel__meta" data-testid="blotter-working-count">
          {orders.size} total · {working} working
        </span>
        {notice && <span className="panel__notice" role="alert">{notice}</span>}
        <button
          type="button"
          className="btn btn--small btn--danger panel__action"
          disabled={cancelable.length === 0}
          onClick={() => cancelable.forEach((id) => void cancel(id))}
          data-testid="orders-cancel-all"
        >
          Cancel all
        </button>
      </header>
      <div className="panel__body">
        <AgGridReact<Order>
          theme={floorGridTheme}
          columnDefs={blotterColumns}
          defaultColDef={{ sortable: true, resizable: true, suppressMovable: true }}
          getRowId={(params) => params.data.clientOrderId}
          onGridReady={(event) => onGridReady(event.api)}
          context={context}
          animateRows
          suppressColumnVirtualisation
          suppressCellFocus
          rowData={NO_ROWS}
          loading={false}
          overlayNoRowsTemplate='<span class="grid-empty">No orders yet. Use the ticket to place one.</span>'
        />
      </div>
    </section>
  );
}
