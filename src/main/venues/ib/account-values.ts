import type { IbAccount, IbAccountPosition, MoneyMicros } from '../../../shared';

/** The money figures of IbAccount, each integer micro-dollars or null. */
export type AccountFigures = Pick<IbAccount, 'netLiquidation' | 'cash' | 'buyingPower' | 'grossPositionValue' | 'unrealizedPnl' | 'realizedPnl' | 'availableFunds'>;

/** Which figure each account summary tag fills. */
const FIGURE_OF_TAG: Readonly<Record<string, keyof AccountFigures>> = {
  NetLiquidation: 'netLiquidation',
  TotalCashValue: 'cash',
  BuyingPower: 'buyingPower',
  GrossPositionValue: 'grossPositionValue',
  AvailableFunds: 'availableFunds',
  // Not account summary tags of their own: IB sends them among the cash balance tags of $LEDGER.
  UnrealizedPnL: 'unrealizedPnl',
  RealizedPnL: 'realizedPnl',
};

/**
 * The reqAccountSummary tags Floor asks for, comma-separated as IB wants them. The five figures are
 * IB's AccountSummaryTags (TWS API; @stoqey/ib 1.6 documents them on reqAccountSummary). IB has no
 * UnrealizedPnL / RealizedPnL summary tag (an unknown tag is answered with nothing): they come with
 * `$LEDGER`, the cash balance tags in the base currency.
 */
export const ACCOUNT_SUMMARY_TAGS = 'NetLiquidation,TotalCashValue,BuyingPower,GrossPositionValue,AvailableFunds,$LEDGER';

/** No figure reported yet. */
export const NO_FIGURES: AccountFigures = { netLiquidation: null, cash: null, buyingPower: null, grossPositionValue: null, unrealizedPnl: null, realizedPnl: null, availableFunds: null };

/** One accountSummary row: IB's tag, its value (a decimal string, dollars for money) and currency. */
export interface SummaryRow {
  readonly tag: string;
  readonly value: string;
  readonly currency: string;
}

/**
 * Dollars as IB sends them (a decimal string, or a float for average cost) to integer micro-dollars,
 * rounded to the nearest; undefined for an empty, non-numeric, non-finite or out-of-range value.
 */
export function dollarsToMicros(dollars: string | number): MoneyMicros | undefined {
  if (typeof dollars === 'string' && dollars.trim() === '') return undefined;
  const micros = Math.round(Number(dollars) * 1e6);
  return Number.isSafeInteger(micros) ? micros : undefined;
}

/**
 * The figures of one account summary answer. A figure whose value is not a number is logged and
 * skipped: it keeps its value from `previous` (the last good one, null if none); a figure the
 * answer leaves out keeps it too. Tags Floor does not show are ignored.
 */
export function figuresFrom(rows: readonly SummaryRow[], previous: AccountFigures, log: (line: string) => void): AccountFigures {
  const figures: { -readonly [K in keyof AccountFigures]: AccountFigures[K] } = { ...previous };
  for (const row of rows) {
    const figure = FIGURE_OF_TAG[row.tag];
    if (figure === undefined) continue;
    const micros = dollarsToMicros(row.value);
    if (micros === undefined) log(`IB account value ${row.tag} = ${JSON.stringify(row.value)} ${row.currency} is not a dollar amount; kept the last good value`);
    else figures[figure] = micros;
  }
  return figures;
}

/**
 * One reqPositions row as Floor shows it (average cost in micro-dollars per share), or undefined,
 * with a log line, when the quantity or the average cost is not a finite number.
 */
export function positionFrom(symbol: string, quantity: number, averageCost: number | undefined, log: (line: string) => void): IbAccountPosition | undefined {
  const cost = dollarsToMicros(averageCost ?? 0);
  if (!Number.isFinite(quantity) || cost === undefined) {
    log(`IB position ${symbol} ${String(quantity)} @ ${String(averageCost)} is not a number; skipped`);
    return undefined;
  }
  return { symbol, quantity, averageCost: cost };
}
