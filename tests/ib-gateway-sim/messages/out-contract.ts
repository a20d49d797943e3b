import type { SimContract } from '../contract';
import type { Field } from '../framing';
import { MSG, SV } from '../protocol';

/** Order types IB lists for a SMART-routed US stock (a subset; clients display it, nothing parses it). */
const ORDER_TYPES = 'ACTIVETIM,AD,ALERT,ALLOC,AVGCOST,BASKET,DAY,GTC,IOC,FOK,LIT,LMT,MIT,MKT,MOC,STP,STPLMT,TRAIL,TRAILLIMIT';
const VALID_EXCHANGES = 'SMART,NASDAQ,ARCA,BATS,IEX';
/** IB trading-hours text for one regular session (09:30-16:00 New York, what LOBSTER files cover): "20120621:0930-20120621:1600". */
function regularHours(day: string): string {
  return `${day}:0930-${day}:1600`;
}

/**
 * contractDetails for our stock: `10, [version 8 below 164], reqId, symbol, secType, ltd,
 * [lastTradeDate >= 182], strike, right, exchange, currency, localSymbol, marketName, tradingClass,
 * conId, minTick, [mdSizeMultiplier 110..163], multiplier, orderTypes, validExchanges,
 * priceMagnifier, underConId, longName, primaryExch, contractMonth, industry, category,
 * subcategory, timeZoneId, tradingHours, liquidHours, evRule, evMultiplier, secIdList count,
 * [aggGroup >= 121], [underSymbol, underSecType >= 122], [marketRuleIds >= 126],
 * [realExpirationDate >= 134], [stockType >= 152], [sizeMinTick 163], [minSize, sizeIncrement,
 * suggestedSizeIncrement >= 164], [ineligibility reasons count >= 186]`. minTick dollars.
 */
export function contractDetails(reqId: number, c: SimContract, serverVersion: number): Field[] {
  const sv = serverVersion;
  const f: Field[] = [MSG.CONTRACT_DATA];
  if (sv < SV.SIZE_RULES) f.push(8);
  f.push(reqId, c.symbol, c.secType, c.lastTradeDateOrContractMonth);
  if (sv >= SV.LAST_TRADE_DATE) f.push('');
  f.push(c.strike, c.right, c.exchange, c.currency, c.localSymbol, c.tradingClass /* marketName */, c.tradingClass, c.conId, c.minTick);
  if (sv >= SV.MD_SIZE_MULTIPLIER && sv < SV.SIZE_RULES) f.push(1);
  f.push(c.multiplier, ORDER_TYPES, VALID_EXCHANGES, 1 /* priceMagnifier */, 0 /* underConId */, c.longName, c.primaryExch);
  f.push('' /* contractMonth */, 'Technology', 'Internet', 'Web Portals', 'US/Eastern');
  f.push(regularHours(c.sessionDate), regularHours(c.sessionDate)); // tradingHours, liquidHours
  f.push('' /* evRule */, '' /* evMultiplier */, 0 /* secIdList */);
  if (sv >= SV.AGG_GROUP) f.push(1);
  if (sv >= SV.UNDERLYING_INFO) f.push('', '');
  if (sv >= SV.MARKET_RULES) f.push('26');
  if (sv >= SV.REAL_EXPIRATION_DATE) f.push('');
  if (sv >= SV.STOCK_TYPE) f.push('COMMON');
  if (sv >= SV.FRACTIONAL_SIZE_SUPPORT && sv < SV.SIZE_RULES) f.push(1);
  if (sv >= SV.SIZE_RULES) f.push(1, 1, 100);
  if (sv >= SV.INELIGIBILITY_REASONS) f.push(0);
  return f;
}
