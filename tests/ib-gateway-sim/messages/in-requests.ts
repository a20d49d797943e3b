import { readContract, type IbContractFields } from '../contract';
import { FieldReader } from '../field-reader';
import { SV } from '../protocol';

/**
 * Parsers for the client requests the simulator serves. Layouts follow what @stoqey/ib 1.6.x's
 * encoder actually writes at the negotiated server version (checked by the tests against the real
 * client's bytes), not IB's documentation. Each takes the message's fields, id first.
 */

/** START_API: `71, 2, clientId, optionalCapabilities`. clientId is undefined when the client sent "". */
export interface StartApi {
  readonly clientId: number | undefined;
  readonly optionalCapabilities: string;
}

export function parseStartApi(fields: readonly string[]): StartApi {
  const r = new FieldReader(fields);
  r.skip(2);
  const idText = r.str();
  return { clientId: idText === '' ? undefined : Number.parseInt(idText, 10), optionalCapabilities: r.remaining > 0 ? r.str() : '' };
}

/** The order fields of placeOrder that the simulator uses (the client sends ~118; the rest are ignored). */
export interface PlaceOrder {
  readonly orderId: number;
  readonly contract: IbContractFields;
  /** "BUY" | "SELL" (also "SSHORT" in IB; rejected here). */
  readonly action: string;
  /** Shares (IB sends a decimal). */
  readonly totalQuantity: number;
  /** IB order type: "LMT", "MKT", "STP", "STP LMT", ... */
  readonly orderType: string;
  /** Limit price, dollars; undefined when unset. */
  readonly lmtPrice: number | undefined;
  /** Stop (aux) price, dollars; undefined when unset. */
  readonly auxPrice: number | undefined;
  /** "DAY" | "GTC" | "IOC" | "FOK" | ... ("" = DAY). */
  readonly tif: string;
  readonly account: string;
  readonly orderRef: string;
  readonly transmit: boolean;
}

/**
 * placeOrder: `3, [version 45 below server version 145], orderId, conId, symbol, secType, ltd,
 * strike, right, multiplier, exchange, primaryExch, currency, localSymbol, tradingClass, secIdType,
 * secId, action, totalQuantity, orderType, lmtPrice, auxPrice, tif, ocaGroup, account, openClose,
 * origin, orderRef, transmit, ...`.
 */
export function parsePlaceOrder(fields: readonly string[], serverVersion: number): PlaceOrder {
  const r = new FieldReader(fields);
  r.skip(1);
  if (serverVersion < SV.ORDER_CONTAINER) r.skip(1);
  const orderId = r.int();
  const contract = readContract(r);
  r.skip(2); // secIdType, secId
  const action = r.str();
  const totalQuantity = r.float() ?? 0;
  const orderType = r.str();
  const lmtPrice = r.float();
  const auxPrice = r.float();
  const tif = r.str();
  r.skip(1); // ocaGroup
  const account = r.str();
  r.skip(2); // openClose, origin
  const orderRef = r.str();
  const transmit = r.bool();
  return { orderId, contract, action, totalQuantity, orderType, lmtPrice, auxPrice, tif, account, orderRef, transmit };
}

/** cancelOrder: `4, [version 1 below 192], orderId, [manualOrderCancelTime >= 169], [RFQ filler 187..189], [extOperator, manualOrderIndicator >= 192]`. */
export function parseCancelOrder(fields: readonly string[], serverVersion: number): { readonly orderId: number } {
  const r = new FieldReader(fields);
  r.skip(1);
  if (serverVersion < SV.CME_TAGGING_FIELDS) r.skip(1);
  return { orderId: r.int() };
}

/** A request that carries only a request id after `id, version`: cancelMktData, cancelMktDepth, cancelAccountSummary. */
export function parseReqIdOnly(fields: readonly string[]): { readonly reqId: number } {
  const r = new FieldReader(fields);
  r.skip(2);
  return { reqId: r.int() };
}

/** reqContractDetails: `9, 8, reqId, <contract>, includeExpired, secIdType, secId, [issuerId >= 176]`. */
export function parseReqContractDetails(fields: readonly string[]): { readonly reqId: number; readonly contract: IbContractFields } {
  const r = new FieldReader(fields);
  r.skip(2);
  const reqId = r.int();
  return { reqId, contract: readContract(r) };
}

/** reqMktData: `1, 11, reqId, <contract>, [combo legs for BAG], deltaNeutral, genericTicks, snapshot, regulatorySnapshot, options`. */
export interface ReqMktData {
  readonly reqId: number;
  readonly contract: IbContractFields;
  readonly snapshot: boolean;
}

export function parseReqMktData(fields: readonly string[]): ReqMktData {
  const r = new FieldReader(fields);
  r.skip(2);
  const reqId = r.int();
  const contract = readContract(r);
  let snapshot = false;
  if (contract.secType.toUpperCase() !== 'BAG') {
    const deltaNeutral = r.bool();
    if (deltaNeutral) r.skip(3);
    r.skip(1); // genericTicks
    snapshot = r.bool();
  }
  return { reqId, contract, snapshot };
}

/** reqMktDepth: `10, 5, reqId, <contract, primaryExch only >= 149>, numRows, [isSmartDepth >= 146], options`. */
export interface ReqMktDepth {
  readonly reqId: number;
  readonly contract: IbContractFields;
  /** Levels per side the client wants. */
  readonly numRows: number;
  readonly isSmartDepth: boolean;
}

export function parseReqMktDepth(fields: readonly string[], serverVersion: number): ReqMktDepth {
  const r = new FieldReader(fields);
  r.skip(2);
  const reqId = r.int();
  const contract = readContract(r, serverVersion >= SV.MKT_DEPTH_PRIM_EXCHANGE);
  const numRows = r.int();
  const isSmartDepth = serverVersion >= SV.SMART_DEPTH ? r.bool() : false;
  return { reqId, contract, numRows, isSmartDepth };
}

/** reqExecutions: `7, 3, reqId, clientId, acctCode, time, symbol, secType, exchange, side` (filter fields may be empty). */
export interface ReqExecutions {
  readonly reqId: number;
  readonly clientId: number;
  readonly acctCode: string;
  /** "yyyyMMdd-HH:mm:ss" or "" (executions at or after it). */
  readonly time: string;
  readonly symbol: string;
  readonly side: string;
}

export function parseReqExecutions(fields: readonly string[]): ReqExecutions {
  const r = new FieldReader(fields);
  r.skip(2);
  const reqId = r.int();
  const clientId = r.int();
  const acctCode = r.str();
  const time = r.str();
  const symbol = r.str();
  r.skip(2);
  const side = r.str();
  return { reqId, clientId, acctCode, time, symbol, side };
}

/** The request id of a message, for dispatch. */
export function requestId(fields: readonly string[]): number {
  return Number.parseInt(fields[0] ?? '', 10);
}

/** reqAccountSummary: `62, 1, reqId, group, tags` (tags comma-separated, e.g. "NetLiquidation,TotalCashValue"). */
export function parseReqAccountSummary(fields: readonly string[]): { readonly reqId: number; readonly group: string; readonly tags: string[] } {
  const r = new FieldReader(fields);
  r.skip(2);
  const reqId = r.int();
  const group = r.str();
  const tags = r
    .str()
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return { reqId, group, tags };
}

/** reqAccountUpdates: `6, 2, subscribe, acctCode`. */
export function parseReqAccountUpdates(fields: readonly string[]): { readonly subscribe: boolean; readonly account: string } {
  const r = new FieldReader(fields);
  r.skip(2);
  const subscribe = r.bool();
  return { subscribe, account: r.remaining > 0 ? r.str() : '' };
}
