import { useMemo, useState, type ReactNode } from 'react';
import { formatMoney, formatPrice, formatShares, type ClientOrderId, type Order } from '../../../../shared';
import { formatSizing, formatUnixMicrosEt } from '../../format';
import { describeError } from '../../rpc';
import { useServices, useTerminal } from '../../state';
import { describeOrderOutcome, type TicketMessage } from '../ticket/order-outcome';
import { effectiveEntry, expiryCountdown, riskToStop, stagedOrders } from './approval-queue';
import { formatPayoff, formatScore, formatWinProbability } from './signal-format';
import { useInterlockVerified } from '../interlock';

type Decision = 'approve' | 'reject';

/** One staged order: what it is, the signal behind it, its countdown, and Approve / Reject. */
function ApprovalRow(props: {
  readonly order: Order;
  readonly nowMicros: number | null;
  readonly busy: Decision | null;
  readonly connected: boolean;
  /** A live interlock session: Approve sends the order, so the host requires one (Reject does not). */
  readonly unlocked: boolean;
  readonly decide: (order: Order, decision: Decision) => void;
}) {
  const { order } = props;
  const { signal, sizing, expiresAt } = order;
  const entry = effectiveEntry(order, signal);
  const risk = riskToStop(order.quantity, entry, signal?.stop);
  const countdown = expiryCountdown(expiresAt, props.nowMicros);
  const disabled = !props.connected || props.busy !== null;
  return (
    <tr className="approvals__row" data-testid="approval-row" data-client-order-id={order.clientOrderId} data-expiry={countdown.tone}>
      <td className="cell-mono approvals__score">{formatScore(signal?.score)}</td>
      <td className="cell-mono cell-dim">{formatUnixMicrosEt(order.createdAt)}</td>
      <td className="cell-dim">{order.source}</td>
      <td className={order.side === 'BUY' ? 'cell-buy' : 'cell-sell'}>{order.side}</td>
      <td className="cell-mono num">{formatShares(order.quantity)}</td>
      <td>{order.instrumentId}</td>
      <td className="cell-mono num">{order.orderType === 'MARKET' ? 'MKT' : formatPrice(order.limitPrice)}</td>
      <td>{formatSizing(sizing)}</td>
      <td className="cell-mono num">{formatPrice(entry)}</td>
      <td className="cell-mono num">{formatPrice(signal?.stop)}</td>
      <td className="cell-mono num">{formatPrice(signal?.target)}</td>
      <td className="cell-mono num">{formatWinProbability(signal?.winProbability)}</td>
      <td className="cell-mono num">{formatPayoff(signal?.payoffRatio)}</td>
      <td className="cell-mono num" title="|entry − stop| × shares">
        {risk === null ? '' : formatMoney(risk)}
      </td>
      <td className={`cell-mono num approvals__expiry approvals__expiry--${countdown.tone}`} data-testid="approval-expiry">
        {countdown.text}
      </td>
      <td className="approvals__actions">
        <button
          type="button"
          className="btn btn--small btn--approve"
          disabled={disabled || !props.unlocked}
          onClick={() => props.decide(order, 'approve')}
          data-testid="approval-approve"
          data-client-order-id={order.clientOrderId}
          title="Approve: checked against the risk profile again, then sent"
        >
          {props.busy === 'approve' ? '…' : 'Approve'}
        </button>
        <button
          type="button"
          className="btn btn--small btn--danger"
          disabled={disabled}
          onClick={() => props.decide(order, 'reject')}
          data-testid="approval-reject"
          data-client-order-id={order.clientOrderId}
          title="Reject: canceled without being sent"
        >
          {props.busy === 'reject' ? '…' : 'Reject'}
        </button>
      </td>
    </tr>
  );
}

/**
 * The approval queue: STAGED orders by signal score (highest first, then oldest), each with its
 * sizing, signal figures, dollar risk to the stop and an expiry countdown. The countdown runs on
 * market time, the tsEvent of the latest book update (see marketNowMicros), so it stands still while
 * the replay is paused, as the host's expiry does. Approve / Reject call `approvals.approve` /
 * `approvals.reject`; the outcome (sent, denied on the second risk check, rejected) or the error shows
 * in the header line. `tabs` is the bottom panel's tab strip, drawn in this panel's header.
 */
export function ApprovalQueue(props: { readonly tabs: ReactNode }) {
  const { client, store } = useServices();
  const orders = useTerminal((state) => state.orders);
  const connected = useTerminal((state) => state.connection === 'connected');
  const unlocked = useInterlockVerified();
  // Whole market seconds: the countdown shows seconds, so re-render once per market second, not per book frame.
  const marketSecond = useTerminal((state) => (state.book ? Math.floor(state.book.tsEvent / 1_000_000) : null));
  const [busy, setBusy] = useState<ReadonlyMap<ClientOrderId, Decision>>(new Map());
  const [result, setResult] = useState<TicketMessage | null>(null);
  const queue = useMemo(() => stagedOrders(orders.values()), [orders]);
  const nowMicros = marketSecond === null ? null : marketSecond * 1_000_000;

  const decide = (order: Order, decision: Decision) => {
    setBusy((current) => new Map(current).set(order.clientOrderId, decision));
    const method = decision === 'approve' ? 'approvals.approve' : 'approvals.reject';
    client
      .call(method, { clientOrderId: order.clientOrderId })
      .then(({ order: updated }) => {
        store.dispatch({ type: 'orders', orders: [updated] });
        const outcome = describeOrderOutcome(updated);
        setResult({ ...outcome, text: `${decision === 'approve' ? 'Approved' : 'Rejected'} ${updated.clientOrderId}: ${outcome.text}` });
      })
      .catch((error: unknown) =>
        setResult({ kind: 'error', text: `${decision === 'approve' ? 'Approve' : 'Reject'} ${order.clientOrderId} failed: ${describeError(error)}` }),
      )
      .finally(() =>
        setBusy((current) => {
          const next = new Map(current);
          next.delete(order.clientOrderId);
          return next;
        }),
      );
  };

  return (
    <section className="panel blotter" aria-label="Approval queue">
      <header className="panel__header">
        {props.tabs}
        <span className="panel__meta">by signal score · expiry in market time</span>
        {result && (
          <span className={`panel__result panel__result--${result.kind}`} role="status" data-testid="approvals-result" data-kind={result.kind} title={result.text}>
            {result.text}
          </span>
        )}
      </header>
      <div className="panel__body approvals__body">
        {queue.length === 0 ? (
          <div className="approvals__empty" data-testid="approvals-empty">
            No orders waiting for approval. Sources set to Manual in Settings stage their orders here.
          </div>
        ) : (
          <table className="approvals__table">
            <thead>
              <tr>
                <th>Score</th>
                <th>Staged</th>
                <th>Source</th>
                <th>Side</th>
                <th className="num">Qty</th>
                <th>Instr.</th>
                <th className="num">Price</th>
                <th>Sizing</th>
                <th className="num">Entry</th>
                <th className="num">Stop</th>
                <th className="num">Target</th>
                <th className="num">Win</th>
                <th className="num">Payoff</th>
                <th className="num">Risk</th>
                <th className="num">Expires</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {queue.map((order) => (
                <ApprovalRow
                  key={order.clientOrderId}
                  order={order}
                  nowMicros={nowMicros}
                  busy={busy.get(order.clientOrderId) ?? null}
                  connected={connected}
                  unlocked={unlocked}
                  decide={decide}
                />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
