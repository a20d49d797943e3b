import { useState } from 'react';
import type { Order } from '../../../../shared';
import { describeError } from '../../rpc';
import { useServices } from '../../state';
import { cancelOrders, orderLine, untilFinished } from './mode-orders';

/** How long the cancels of the live orders may take to be confirmed by IB before the switch waits for the trader, ms. */
const CANCEL_CONFIRM_MS = 5_000;

/**
 * Back to paper while live orders are working (issue 9: going back is always allowed and cancels
 * nothing at the broker without asking). It asks: keep them working at IB (they stay there; Floor
 * books their fills when it is live again) or cancel them first (while the live connection still
 * carries the cancels), then switch.
 */
export function PaperSwitchDialog(props: { readonly liveOrders: readonly Order[]; readonly onClose: () => void }) {
  const { client, store } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const switchToPaper = async (cancelFirst: boolean) => {
    setBusy(true);
    setError(null);
    try {
      if (cancelFirst) {
        await cancelOrders(client, props.liveOrders);
        // Switching closes the live connection: IB's confirmations must have arrived first.
        if (!(await untilFinished(store, props.liveOrders.map((o) => o.clientOrderId), CANCEL_CONFIRM_MS))) {
          setError('IB has not confirmed every cancel yet: wait a moment and try again, or keep them working and switch.');
          return;
        }
      }
      store.dispatch({ type: 'status', status: await client.call('mode.switch', { to: 'PAPER' }) });
      props.onClose();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="interlock-modal" role="dialog" aria-modal="true" aria-labelledby="mode-paper-title" data-testid="mode-paper-dialog">
      <div className="interlock-modal__card mode-modal__card">
        <h2 id="mode-paper-title">Back to paper</h2>
        <p>
          {props.liveOrders.length === 1 ? 'This live order is' : `These ${props.liveOrders.length} live orders are`} still working at Interactive
          Brokers. Switching to paper cancels nothing by itself: orders you keep stay at IB, and Floor books their fills when it is live again.
        </p>
        <ul className="mode-modal__orders" data-testid="mode-paper-live-orders">
          {props.liveOrders.map((order) => (
            <li key={order.clientOrderId}>{orderLine(order)}</li>
          ))}
        </ul>
        {error && (
          <div className="field__error" role="alert" data-testid="mode-paper-error">
            {error}
          </div>
        )}
        <div className="mode-modal__actions">
          <button type="button" className="btn" onClick={props.onClose} disabled={busy} data-testid="mode-paper-stay">
            Stay live
          </button>
          <button type="button" className="btn btn--danger" onClick={() => void switchToPaper(true)} disabled={busy} data-testid="mode-paper-cancel-orders">
            Cancel them, then switch
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void switchToPaper(false)} disabled={busy} data-testid="mode-paper-keep-orders">
            Keep them working, switch
          </button>
        </div>
      </div>
    </div>
  );
}
