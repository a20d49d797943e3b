import type { Field } from '../framing';
import { MSG, SV } from '../protocol';

/** IB tick types the simulator sends (TWS TickType). */
export const TICK = {
  BID_SIZE: 0,
  BID: 1,
  ASK: 2,
  ASK_SIZE: 3,
  LAST: 4,
  LAST_SIZE: 5,
  VOLUME: 8,
} as const;

/**
 * tickPrice: `1, 6, reqId, tickType, price, size, attrMask`. Price dollars, size shares. The client
 * derives a tickSize from it for BID/ASK/LAST, but drops a BID_SIZE (tick type 0) as falsy, so send
 * an explicit tickSize for the bid as well.
 */
export function tickPrice(reqId: number, tickType: number, price: number, size: number): Field[] {
  return [MSG.TICK_PRICE, 6, reqId, tickType, price, size, 0];
}

/** tickSize: `2, 6, reqId, tickType, size` (shares). */
export function tickSize(reqId: number, tickType: number, size: number): Field[] {
  return [MSG.TICK_SIZE, 6, reqId, tickType, size];
}

/** tickSnapshotEnd: `57, 1, reqId` (ends a snapshot reqMktData). */
export function tickSnapshotEnd(reqId: number): Field[] {
  return [MSG.TICK_SNAPSHOT_END, 1, reqId];
}

/** Depth row operation (TWS updateMktDepth `operation`). */
export const DEPTH_OP = { INSERT: 0, UPDATE: 1, DELETE: 2 } as const;
/** Depth side (TWS: 0 = ask, 1 = bid). */
export const DEPTH_SIDE = { ASK: 0, BID: 1 } as const;

/**
 * updateMktDepthL2: `13, 1, reqId, position, marketMaker, operation, side, price, size,
 * [isSmartDepth >= 146]`. Price dollars, size shares; position 0 = best.
 */
export function mktDepthL2(
  reqId: number,
  position: number,
  marketMaker: string,
  operation: number,
  side: number,
  price: number,
  size: number,
  isSmartDepth: boolean,
  serverVersion: number,
): Field[] {
  const f: Field[] = [MSG.MARKET_DEPTH_L2, 1, reqId, position, marketMaker, operation, side, price, size];
  if (serverVersion >= SV.SMART_DEPTH) f.push(isSmartDepth);
  return f;
}

/** updateMktDepth (no market maker): `12, 1, reqId, position, operation, side, price, size`. */
export function mktDepth(reqId: number, position: number, operation: number, side: number, price: number, size: number): Field[] {
  return [MSG.MARKET_DEPTH, 1, reqId, position, operation, side, price, size];
}

/**
 * tickReqParams: `81, tickerId, minTick, bboExchange, snapshotPermissions` (no version field), sent
 * first on every reqMktData. minTick dollars; bboExchange names the SMART component map that
 * reqSmartComponents expands; snapshotPermissions a bit mask (IB: 3 = snapshots allowed).
 */
export function tickReqParams(reqId: number, minTick: number, bboExchange: string, snapshotPermissions: number): Field[] {
  return [MSG.TICK_REQ_PARAMS, reqId, minTick, bboExchange, snapshotPermissions];
}

/** IB market data types (reqMarketDataType / marketDataType). */
export const MARKET_DATA_TYPE = { REALTIME: 1, FROZEN: 2, DELAYED: 3, DELAYED_FROZEN: 4 } as const;

/** marketDataType: `58, 1, reqId, type` (1 real-time, 2 frozen, 3 delayed, 4 delayed frozen). */
export function marketDataType(reqId: number, type: number): Field[] {
  return [MSG.MARKET_DATA_TYPE, 1, reqId, type];
}
