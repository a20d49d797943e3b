import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { LiveCheck } from '../../../../shared';
import { describeError } from '../../rpc';
import { useServices } from '../../state';
import { describeCeremonyError, useInterlock } from '../interlock';
import { cancelOrders, orderLine } from './mode-orders';

/**
 * The switch to live (issue 9 point 2): what the host's guards say now (`mode.liveCheck`: keys in a
 * file, venue, gateway port and accounts, paper orders), the paper orders with a button to cancel
 * them, the live account id to type, and "Verify and go live", which makes a fresh WebAuthn check
 * for this switch and sends it with the typed id (`mode.switch`). The host decides; a refusal is
 * shown with its sentence.
 */
export function LiveSwitchDialog(props: { readonly onClose: () => void }) {
  const { client, store } = useServices();
  const interlock = useInterlock();
  const [check, setCheck] = useState<LiveCheck | null>(null);
  const [accountId, setAccountId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    client
      .call('mode.liveCheck', {})
      .then(setCheck)
      .catch((failure: unknown) => setError(`Could not check the switch: ${describeError(failure)}`));
  }, [client]);
  useEffect(refresh, [refresh]);

  const cancelPaperOrders = async () => {
    setBusy(true);
    setError(null);
    try {
      await cancelOrders(client, check?.paperOrders ?? []);
    } catch (failure) {
      setError(`Cancel failed: ${describeError(failure)}`);
    } finally {
      setBusy(false);
      refresh();
    }
  };

  const goLive = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await interlock.freshAssertion();
      const status = await client.call('mode.switch', { to: 'LIVE', accountId: accountId.trim(), response });
      store.dispatch({ type: 'status', status });
      props.onClose();
    } catch (failure) {
      setError(describeCeremonyError(failure));
      refresh();
    } finally {
      setBusy(false);
    }
  };

  // The account id is judged on submit; every other problem blocks the button before any prompt.
  const blocking = check?.problems ?? [];
  const paperOrders = check?.paperOrders ?? [];
  return (
    <div className="interlock-modal" role="dialog" aria-modal="true" aria-labelledby="mode-live-title" data-testid="mode-live-dialog">
      <form className="interlock-modal__card mode-modal__card mode-modal__card--live" onSubmit={(event) => void goLive(event)}>
        <h2 id="mode-live-title">Switch to LIVE trading</h2>
        <p>
          Orders will go to your live Interactive Brokers account: real money. Floor checks the gateway again, asks for a fresh check with your
          authenticator (the running session does not count) and records the switch in the signed ledger. Floor starts in paper again at every start.
        </p>
        {check === null ? (
          <p data-testid="mode-live-checking">Checking…</p>
        ) : blocking.length > 0 ? (
          <ul className="mode-modal__problems" data-testid="mode-live-problems">
            {blocking.map((problem) => (
              <li key={problem.code} data-code={problem.code}>
                {problem.message}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mode-modal__ok" data-testid="mode-live-ready">
            The gateway is a live gateway{check.account === null ? '' : `, logged in to account ${check.account}`}.
          </p>
        )}
        {paperOrders.length > 0 && (
          <div className="mode-modal__orders" data-testid="mode-live-paper-orders">
            <span>Paper orders still working or staged:</span>
            <ul>
              {paperOrders.map((order) => (
                <li key={order.clientOrderId}>{orderLine(order)}</li>
              ))}
            </ul>
            <button type="button" className="btn btn--small btn--danger" onClick={() => void cancelPaperOrders()} disabled={busy} data-testid="mode-live-cancel-paper">
              Cancel {paperOrders.length === 1 ? 'it' : `all ${paperOrders.length}`}
            </button>
          </div>
        )}
        <label className="field">
          <span className="field__label">Type the live account id to confirm{check?.account ? ` (${check.account})` : ''}</span>
          <input
            className="field__input"
            value={accountId}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setAccountId(event.target.value)}
            data-testid="mode-live-account"
          />
        </label>
        {error && (
          <div className="field__error" role="alert" data-testid="mode-live-error">
            {error}
          </div>
        )}
        <div className="mode-modal__actions">
          <button type="button" className="btn" onClick={props.onClose} disabled={busy} data-testid="mode-live-cancel">
            Stay in paper
          </button>
          <button type="submit" className="btn btn--live" disabled={busy || check === null || blocking.length > 0 || accountId.trim() === ''} data-testid="mode-live-confirm">
            {busy ? 'Waiting for your authenticator…' : 'Verify and go live'}
          </button>
        </div>
      </form>
    </div>
  );
}
