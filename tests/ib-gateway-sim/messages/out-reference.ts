import type { SimContract } from '../contract';
import type { Field } from '../framing';
import { MSG, SV } from '../protocol';

/**
 * Answers to the reference-data requests (symbol search, depth exchanges, SMART components, market
 * rules, family codes, soft-dollar tiers, option chains, news providers and history, head
 * timestamp, scanner parameters, user info, display groups). Layouts as IB's decoder reads them
 * (layouts/message-layouts.ts). Most have no version field.
 */

/**
 * symbolSamples: `79, reqId, count, [conId, symbol, secType, primaryExch, currency,
 * derivativeSecTypes count, secTypes..., [description, issuerId >= 176]]...`.
 */
export function symbolSamples(reqId: number, matches: readonly SimContract[], serverVersion: number): Field[] {
  const f: Field[] = [MSG.SYMBOL_SAMPLES, reqId, matches.length];
  for (const c of matches) {
    f.push(c.conId, c.symbol, c.secType, c.primaryExch, c.currency, 0);
    if (serverVersion >= SV.BOND_ISSUERID) f.push(c.longName, '');
  }
  return f;
}

/** One exchange with depth, as mktDepthExchanges lists it. */
export interface DepthExchange {
  readonly exchange: string;
  readonly secType: string;
  readonly listingExch: string;
  /** "Deep" (L2) or "Deep2" (L2 with market makers). */
  readonly serviceDataType: string;
  /** IB's aggregation group (1 = US stocks' group here). */
  readonly aggGroup: number;
}

/** mktDepthExchanges: `80, count, [exchange, secType, listingExch, serviceDataType, aggGroup] (>= 120) | [exchange, secType, isL2] (below)`. */
export function mktDepthExchanges(exchanges: readonly DepthExchange[], serverVersion: number): Field[] {
  const f: Field[] = [MSG.MKT_DEPTH_EXCHANGES, exchanges.length];
  for (const e of exchanges) {
    if (serverVersion >= SV.SERVICE_DATA_TYPE) f.push(e.exchange, e.secType, e.listingExch, e.serviceDataType, e.aggGroup);
    else f.push(e.exchange, e.secType, e.serviceDataType === 'Deep2' ? 1 : 0);
  }
  return f;
}

/** One SMART component: IB's bit number, exchange and the letter it uses for it in tick data. */
export interface SmartComponent {
  readonly bitNumber: number;
  readonly exchange: string;
  readonly exchangeLetter: string;
}

/** smartComponents: `82, reqId, count, [bitNumber, exchange, exchangeLetter]...`. */
export function smartComponents(reqId: number, components: readonly SmartComponent[]): Field[] {
  return [MSG.SMART_COMPONENTS, reqId, components.length, ...components.flatMap((c) => [c.bitNumber, c.exchange, c.exchangeLetter])];
}

/** marketRule: `93, marketRuleId, count, [lowEdge, increment]...` (dollars). */
export function marketRule(marketRuleId: number, increments: ReadonlyArray<{ readonly lowEdge: number; readonly increment: number }>): Field[] {
  return [MSG.MARKET_RULE, marketRuleId, increments.length, ...increments.flatMap((i) => [i.lowEdge, i.increment])];
}

/** familyCodes: `78, count, [accountId, familyCode]...`. */
export function familyCodes(codes: ReadonlyArray<{ readonly accountId: string; readonly familyCode: string }>): Field[] {
  return [MSG.FAMILY_CODES, codes.length, ...codes.flatMap((c) => [c.accountId, c.familyCode])];
}

/** softDollarTiers: `77, reqId, count, [name, value, displayName]...` (an individual account has none). */
export function softDollarTiers(reqId: number): Field[] {
  return [MSG.SOFT_DOLLAR_TIERS, reqId, 0];
}

/** securityDefinitionOptionParameterEnd: `76, reqId` (the whole answer when the stock has no options listed). */
export function securityDefinitionOptionParameterEnd(reqId: number): Field[] {
  return [MSG.SECURITY_DEFINITION_OPTION_PARAMETER_END, reqId];
}

/** newsProviders: `85, count, [code, name]...` (no subscriptions: none). */
export function newsProviders(): Field[] {
  return [MSG.NEWS_PROVIDERS, 0];
}

/** historicalNewsEnd: `87, reqId, hasMore`. */
export function historicalNewsEnd(reqId: number, hasMore: boolean): Field[] {
  return [MSG.HISTORICAL_NEWS_END, reqId, hasMore];
}

/** headTimestamp: `88, reqId, "yyyyMMdd-HH:mm:ss"` (the earliest data there is, UTC). */
export function headTimestamp(reqId: number, timestamp: string): Field[] {
  return [MSG.HEAD_TIMESTAMP, reqId, timestamp];
}

/** scannerParameters: `19, 1, xml`. */
export function scannerParameters(xml: string): Field[] {
  return [MSG.SCANNER_PARAMETERS, 1, xml];
}

/** userInfo: `107, reqId, whiteBrandingId` ("" for IB's own accounts). */
export function userInfo(reqId: number, whiteBrandingId: string): Field[] {
  return [MSG.USER_INFO, reqId, whiteBrandingId];
}

/** displayGroupList: `67, 1, reqId, groups` ("1|2|3|4|5|6|7": TWS's colour groups). */
export function displayGroupList(reqId: number, groups: string): Field[] {
  return [MSG.DISPLAY_GROUP_LIST, 1, reqId, groups];
}

/** displayGroupUpdated: `68, 1, reqId, contractInfo` ("conId@exchange", or "none" for an empty group). */
export function displayGroupUpdated(reqId: number, contractInfo: string): Field[] {
  return [MSG.DISPLAY_GROUP_UPDATED, 1, reqId, contractInfo];
}
