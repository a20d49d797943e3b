import { formatMoney, formatShares, type IbAccount, type InstrumentId, type MoneyMicros } from '../../../../shared';
import { formatUnixMicrosEt } from '../../format';

const money = (amount: MoneyMicros | null): string => (amount === null ? '—' : formatMoney(amount));

/** The compact line: "IB DU1234567: Net liq $x · Cash $y · Buying power $z · as of hh:mm:ss" (New York time of IB's last report). */
export function ibAccountLine(account: IbAccount): string {
  return `IB ${account.accountId}: Net liq ${money(account.netLiquidation)} · Cash ${money(account.cash)} · Buying power ${money(account.buyingPower)} · as of ${formatUnixMicrosEt(account.asOf)}`;
}

/** The tooltip: the rest of IB's figures (gross position value, P&L, available funds) and every position IB lists. */
export function ibAccountTitle(account: IbAccount): string {
  const positions = account.positions.map((p) => `${formatShares(p.quantity)} ${p.symbol} @ ${money(p.averageCost)}`);
  return [
    `Gross position value ${money(account.grossPositionValue)}`,
    `Unrealized P&L ${money(account.unrealizedPnl)}`,
    `Realized P&L ${money(account.realizedPnl)}`,
    `Available funds ${money(account.availableFunds)}`,
    `IB positions: ${positions.length === 0 ? 'none' : positions.join(', ')}`,
  ].join('\n');
}

/**
 * The reconciliation hint, "IB shows 300 GOOG, Floor 200", when IB's signed shares of the traded
 * stock differ from Floor's (a stock missing from a list counts as 0); null when they agree.
 */
export function positionMismatch(account: IbAccount, instrumentId: InstrumentId, floorQuantity: number): string | null {
  const ibQuantity = account.positions.filter((p) => p.symbol === instrumentId).reduce((sum, p) => sum + p.quantity, 0);
  if (ibQuantity === floorQuantity) return null;
  return `IB shows ${formatShares(ibQuantity)} ${instrumentId}, Floor ${formatShares(floorQuantity)}`;
}
