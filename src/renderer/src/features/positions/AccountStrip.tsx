import { formatMoney, addMicros, type MoneyMicros } from '../../../../shared';
import { signClass } from '../../format';
import { useTerminal } from '../../state';
import { IbAccountLine } from './IbAccountLine';

function Figure(props: { label: string; amount: MoneyMicros | null; signed?: boolean; wide?: boolean; testId: string }) {
  const tone = props.signed && props.amount !== null ? signClass(props.amount) : 'flat';
  return (
    <div className={props.wide ? 'figure figure--wide' : 'figure'}>
      <span className="figure__label">{props.label}</span>
      <span className={`figure__value figure__value--${tone}`} data-testid={props.testId} data-micros={props.amount ?? undefined}>
        {props.amount === null ? '—' : formatMoney(props.amount, props.signed)}
      </span>
    </div>
  );
}

/**
 * Account totals of the book of the mode in force (never paper and live together): in paper, cash,
 * equity, gross exposure, realized / unrealized / total P&L, starting cash and the change of equity
 * since the start (micro-dollars, summed exactly with addMicros, shown in dollars). In live, Floor's
 * book holds only the live fills, so only its gross exposure and P&L are shown; the live account's
 * cash and net liquidation are IB's (IbAccountLine). On the IB venue, IB's own view of the account below.
 */
export function AccountStrip() {
  const account = useTerminal((state) => state.account);
  const live = useTerminal((state) => state.status?.mode === 'LIVE');
  return (
    <div className="account-strip" aria-label="Account" data-mode={live ? 'LIVE' : 'PAPER'}>
      {!live && <Figure label="Cash" amount={account?.cash ?? null} testId="account-cash" />}
      {!live && <Figure label="Equity" amount={account?.equity ?? null} testId="account-equity" />}
      <Figure label={live ? 'Live gross exp.' : 'Gross exp.'} amount={account?.grossExposure ?? null} testId="account-gross-exposure" />
      <Figure label="Realized P&L" amount={account?.realizedPnl ?? null} signed testId="account-realized" />
      <Figure label="Unrealized P&L" amount={account?.unrealizedPnl ?? null} signed testId="account-unrealized" />
      <Figure label="Total P&L" amount={account ? addMicros(account.realizedPnl, account.unrealizedPnl) : null} signed testId="account-total-pnl" />
      {!live && <Figure label="Starting cash" amount={account?.startingCash ?? null} wide testId="account-starting-cash" />}
      {!live && <Figure label="Net since start" amount={account ? addMicros(account.equity, -account.startingCash) : null} signed wide testId="account-net-change" />}
      <IbAccountLine />
    </div>
  );
}
