import { readContract, type IbContractFields } from '../contract';
import { FieldReader } from '../field-reader';

/**
 * Parsers for the account, P&L, market-data-type and reference-data requests (in-requests.ts has
 * the order, market-data and account-summary ones). Layouts as @stoqey/ib 1.6.x's Encoder writes
 * them (checked by the tests against its bytes). Each takes the message's fields, id first.
 */

/** The int at wire position `index` (0 = message id), for requests whose only use here is their id. */
export function intAt(fields: readonly string[], index: number): number {
  const r = new FieldReader(fields);
  r.skip(index);
  return r.int();
}

/** reqPositionsMulti: `74, 1, reqId, account, modelCode`. */
export function parseReqPositionsMulti(fields: readonly string[]): { readonly reqId: number; readonly account: string; readonly modelCode: string } {
  const r = new FieldReader(fields);
  r.skip(2);
  return { reqId: r.int(), account: r.str(), modelCode: r.str() };
}

/** reqAccountUpdatesMulti: `76, 2, reqId, account, modelCode, ledgerAndNLV`. */
export function parseReqAccountUpdatesMulti(fields: readonly string[]): { readonly reqId: number; readonly account: string; readonly modelCode: string; readonly ledgerAndNLV: boolean } {
  const r = new FieldReader(fields);
  r.skip(2);
  return { reqId: r.int(), account: r.str(), modelCode: r.str(), ledgerAndNLV: r.bool() };
}

/** reqPnL: `92, reqId, account, modelCode` (no version field). */
export function parseReqPnL(fields: readonly string[]): { readonly reqId: number; readonly account: string } {
  const r = new FieldReader(fields);
  r.skip(1);
  return { reqId: r.int(), account: r.str() };
}

/** reqPnLSingle: `94, reqId, account, modelCode, conId` (no version field). */
export function parseReqPnLSingle(fields: readonly string[]): { readonly reqId: number; readonly account: string; readonly conId: number } {
  const r = new FieldReader(fields);
  r.skip(1);
  const reqId = r.int();
  const account = r.str();
  r.skip(1);
  return { reqId, account, conId: r.int() };
}

/** reqMarketDataType: `59, 1, marketDataType` (1 real-time, 2 frozen, 3 delayed, 4 delayed frozen). */
export function parseReqMarketDataType(fields: readonly string[]): { readonly marketDataType: number } {
  return { marketDataType: intAt(fields, 2) };
}

/** reqMatchingSymbols: `81, reqId, pattern`. */
export function parseReqMatchingSymbols(fields: readonly string[]): { readonly reqId: number; readonly pattern: string } {
  const r = new FieldReader(fields);
  r.skip(1);
  return { reqId: r.int(), pattern: r.str() };
}

/** reqSmartComponents: `83, reqId, bboExchange`. */
export function parseReqSmartComponents(fields: readonly string[]): { readonly reqId: number; readonly bboExchange: string } {
  const r = new FieldReader(fields);
  r.skip(1);
  return { reqId: r.int(), bboExchange: r.str() };
}

/** reqHeadTimestamp: `87, reqId, <contract>, includeExpired, useRTH, whatToShow, formatDate`. */
export function parseReqHeadTimestamp(fields: readonly string[]): { readonly reqId: number; readonly contract: IbContractFields; readonly formatDate: number } {
  const r = new FieldReader(fields);
  r.skip(1);
  const reqId = r.int();
  const contract = readContract(r);
  r.skip(3); // includeExpired, useRTH, whatToShow
  return { reqId, contract, formatDate: r.int() };
}

/** A display-group request: `67|68|69|70, 1, reqId, [groupId | contractInfo]`. */
export function parseDisplayGroupRequest(fields: readonly string[]): { readonly reqId: number; readonly argument: string } {
  const r = new FieldReader(fields);
  r.skip(2);
  return { reqId: r.int(), argument: r.remaining > 0 ? r.str() : '' };
}
