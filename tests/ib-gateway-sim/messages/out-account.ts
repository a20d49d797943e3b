import type { SimContract } from '../contract';
import type { Field } from '../framing';
import { MSG, SV } from '../protocol';

/** position: `61, 3, account, conId, symbol, secType, ltd, strike, right, multiplier, exchange, currency, localSymbol, tradingClass, position, avgCost`. Shares; avgCost dollars per share. */
export function position(account: string, c: SimContract, quantity: number, avgCost: number): Field[] {
  return [MSG.POSITION, 3, account, c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, c.strike, c.right, c.multiplier, c.exchange, c.currency, c.localSymbol, c.tradingClass, quantity, avgCost];
}

/** positionEnd: `62, 1`. */
export function positionEnd(): Field[] {
  return [MSG.POSITION_END, 1];
}

/** accountSummary: `63, 1, reqId, account, tag, value, currency`. */
export function accountSummary(reqId: number, account: string, tag: string, value: string, currency: string): Field[] {
  return [MSG.ACCOUNT_SUMMARY, 1, reqId, account, tag, value, currency];
}

/** accountSummaryEnd: `64, 1, reqId`. */
export function accountSummaryEnd(reqId: number): Field[] {
  return [MSG.ACCOUNT_SUMMARY_END, 1, reqId];
}

/** updateAccountValue: `6, 2, key, value, currency, accountName`. */
export function accountValue(key: string, value: string, currency: string, account: string): Field[] {
  return [MSG.ACCT_VALUE, 2, key, value, currency, account];
}

/**
 * updatePortfolio (version 8): `7, 8, conId, symbol, secType, ltd, strike, right, multiplier,
 * primaryExch, currency, localSymbol, tradingClass, position, marketPrice, marketValue, averageCost,
 * unrealizedPNL, realizedPNL, accountName`. Shares; money dollars.
 */
export function portfolioValue(
  c: SimContract,
  quantity: number,
  marketPrice: number,
  marketValue: number,
  averageCost: number,
  unrealizedPnl: number,
  realizedPnl: number,
  account: string,
): Field[] {
  return [MSG.PORTFOLIO_VALUE, 8, c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, c.strike, c.right, c.multiplier, c.primaryExch, c.currency, c.localSymbol, c.tradingClass, quantity, marketPrice, marketValue, averageCost, unrealizedPnl, realizedPnl, account];
}

/** updateAccountTime: `8, 1, "HH:mm"`. */
export function accountTime(hhmm: string): Field[] {
  return [MSG.ACCT_UPDATE_TIME, 1, hhmm];
}

/** accountDownloadEnd: `54, 1, account`. */
export function accountDownloadEnd(account: string): Field[] {
  return [MSG.ACCT_DOWNLOAD_END, 1, account];
}

/**
 * positionMulti: `71, 1, reqId, account, conId, symbol, secType, ltd, strike, right, multiplier,
 * exchange, currency, localSymbol, tradingClass, position, avgCost, modelCode`. Shares; avgCost dollars per share.
 */
export function positionMulti(reqId: number, account: string, modelCode: string, c: SimContract, quantity: number, avgCost: number): Field[] {
  return [MSG.POSITION_MULTI, 1, reqId, account, c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, c.strike, c.right, c.multiplier, c.exchange, c.currency, c.localSymbol, c.tradingClass, quantity, avgCost, modelCode];
}

/** positionMultiEnd: `72, 1, reqId`. */
export function positionMultiEnd(reqId: number): Field[] {
  return [MSG.POSITION_MULTI_END, 1, reqId];
}

/** accountUpdateMulti: `73, 1, reqId, account, modelCode, key, value, currency`. */
export function accountUpdateMulti(reqId: number, account: string, modelCode: string, key: string, value: string, currency: string): Field[] {
  return [MSG.ACCOUNT_UPDATE_MULTI, 1, reqId, account, modelCode, key, value, currency];
}

/** accountUpdateMultiEnd: `74, 1, reqId`. */
export function accountUpdateMultiEnd(reqId: number): Field[] {
  return [MSG.ACCOUNT_UPDATE_MULTI_END, 1, reqId];
}

/** pnl: `94, reqId, dailyPnL, [unrealizedPnL >= 129], [realizedPnL >= 135]` (no version field). Dollars. */
export function pnl(reqId: number, daily: number, unrealized: number, realized: number, serverVersion: number): Field[] {
  const f: Field[] = [MSG.PNL, reqId, daily];
  if (serverVersion >= SV.UNREALIZED_PNL) f.push(unrealized);
  if (serverVersion >= SV.REALIZED_PNL) f.push(realized);
  return f;
}

/** pnlSingle: `95, reqId, position, dailyPnL, [unrealizedPnL >= 129], [realizedPnL >= 135], value` (no version field). Shares; dollars. */
export function pnlSingle(reqId: number, quantity: number, daily: number, unrealized: number, realized: number, value: number, serverVersion: number): Field[] {
  const f: Field[] = [MSG.PNL_SINGLE, reqId, quantity, daily];
  if (serverVersion >= SV.UNREALIZED_PNL) f.push(unrealized);
  if (serverVersion >= SV.REALIZED_PNL) f.push(realized);
  f.push(value);
  return f;
}
