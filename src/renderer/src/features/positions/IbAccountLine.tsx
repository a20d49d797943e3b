import { useTerminal } from '../../state';
import { ibAccountLine, ibAccountTitle, positionMismatch } from './ib-account-text';

/**
 * IB's own view of the account (TerminalStatus.gateway.account) as one line of the account strip,
 * with a reconciliation hint when IB's position in the traded stock differs from Floor's. Renders
 * nothing on the simulated exchange or before IB first answered.
 */
export function IbAccountLine() {
  const account = useTerminal((state) => state.status?.gateway?.account ?? null);
  const instrumentId = useTerminal((state) => state.status?.replay.instrumentId ?? null);
  const floorQuantity = useTerminal((state) => state.positions.find((p) => p.instrumentId === instrumentId)?.quantity ?? 0);
  if (account === null) return null;
  const mismatch = instrumentId === null ? null : positionMismatch(account, instrumentId, floorQuantity);
  return (
    <div className="ib-account" data-testid="ib-account" data-account={account.accountId} data-as-of={account.asOf} title={ibAccountTitle(account)}>
      <span className="ib-account__line">{ibAccountLine(account)}</span>
      {mismatch === null ? null : (
        <span className="ib-account__mismatch" role="status" data-testid="ib-position-mismatch">
          ⚠ {mismatch}
        </span>
      )}
    </div>
  );
}
