import type { SimContract } from '../contract';
import type { Field } from '../framing';
import { MSG, SV } from '../protocol';

/** One execution as the simulator reports it (IB units: dollars as floats, shares). */
export interface SimExecution {
  /** IB execId, e.g. "0000f1a2.00000001.01.01"; unique per fill. */
  readonly execId: string;
  readonly orderId: number;
  readonly clientId: number;
  readonly permId: number;
  readonly contract: SimContract;
  /** "yyyyMMdd HH:mm:ss US/Eastern": the gateway's clock, zone named (formatGatewayTime). */
  readonly time: string;
  readonly account: string;
  /** Where it executed ("NASDAQ": the replayed book). */
  readonly exchange: string;
  /** "BOT" | "SLD". */
  readonly side: 'BOT' | 'SLD';
  /** Shares of this fill. */
  readonly shares: number;
  /** Fill price, dollars. */
  readonly price: number;
  /** Shares filled on the order so far, including this fill. */
  readonly cumQty: number;
  /** Order's average fill price so far, dollars. */
  readonly avgPrice: number;
  readonly orderRef: string;
  /** IB lastLiquidity: 1 added (maker), 2 removed (taker). */
  readonly lastLiquidity: 1 | 2;
  /** Commission of this fill, dollars. */
  readonly commission: number;
  /** Realized P&L of the part of the fill that reduced a position, dollars, net of commission (absent for opening fills). */
  readonly realizedPnl?: number;
  /** Unix epoch ms of the fill on the gateway's clock (the same instant as `time`), for reqExecutions time filters. */
  readonly epochMs: number;
}

/** Below server version 136 execDetails carries a message version; TWS sends 10 (all version-gated fields present). */
const EXEC_DETAILS_LEGACY_VERSION = 10;

/**
 * execDetails: `11, [version 10 below 136], reqId (-1 for a live fill), orderId, conId, symbol,
 * secType, ltd, strike, right, multiplier, exchange, currency, localSymbol, tradingClass, execId,
 * time, acctNumber, exchange, side, shares, price, permId, clientId, liquidation, cumQty, avgPrice,
 * orderRef, evRule, evMultiplier, [modelCode >= 103], [lastLiquidity >= 136], [pendingPriceRevision >= 178]`.
 */
export function execDetails(reqId: number, e: SimExecution, serverVersion: number): Field[] {
  const c = e.contract;
  const f: Field[] = [MSG.EXECUTION_DATA];
  if (serverVersion < SV.LAST_LIQUIDITY) f.push(EXEC_DETAILS_LEGACY_VERSION);
  f.push(reqId, e.orderId, c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, c.strike, c.right, c.multiplier, c.exchange, c.currency, c.localSymbol, c.tradingClass);
  f.push(e.execId, e.time, e.account, e.exchange, e.side, e.shares, e.price, e.permId, e.clientId, 0, e.cumQty, e.avgPrice, e.orderRef, '', '');
  if (serverVersion >= SV.MODELS_SUPPORT) f.push('');
  if (serverVersion >= SV.LAST_LIQUIDITY) f.push(e.lastLiquidity);
  if (serverVersion >= SV.PENDING_PRICE_REVISION) f.push(0);
  return f;
}

/** IB's "unset" double (Java Double.MAX_VALUE): the client reads it as undefined. */
export const UNSET_DOUBLE = Number.MAX_VALUE;

/**
 * commissionReport: `59, 1, execId, commission, currency, realizedPNL, yield, yieldRedemptionDate`.
 * Commission dollars; realized P&L dollars or unset (IB leaves it unset on opening fills).
 */
export function commissionReport(e: SimExecution): Field[] {
  return [MSG.COMMISSION_REPORT, 1, e.execId, e.commission, e.contract.currency, e.realizedPnl ?? UNSET_DOUBLE, UNSET_DOUBLE, 0];
}
