import type { Field } from '../framing';
import { MSG, SV } from '../protocol';

/**
 * Server -> client messages with short fixed layouts. Each returns the fields of one message (id
 * first) for the negotiated `serverVersion` where the layout depends on it.
 */

/** nextValidId: `9, 1, orderId`. The client holds every request until it has seen this. */
export function nextValidId(orderId: number): Field[] {
  return [MSG.NEXT_VALID_ID, 1, orderId];
}

/** managedAccounts: `15, 1, "DU1234567,DU7654321"` (comma-separated account ids). */
export function managedAccounts(accounts: readonly string[]): Field[] {
  return [MSG.MANAGED_ACCTS, 1, accounts.join(',')];
}

/** currentTime: `49, 1, epochSeconds`. */
export function currentTime(epochSeconds: number): Field[] {
  return [MSG.CURRENT_TIME, 1, Math.floor(epochSeconds)];
}

/**
 * From server version 153 (ENCODE_MSG_ASCII7) the client decodes "\uXXXX" escapes in error texts and
 * JSON, so non-ASCII characters must be sent escaped.
 */
export function escapeAscii7(text: string, serverVersion: number): string {
  if (serverVersion < SV.ENCODE_MSG_ASCII7) return text;
  return text.replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * error: `4, 2, id, code, message, [advancedOrderRejectJson from 166]`. id -1 makes the client emit
 * `info` instead of `error` (notices such as 2104 or 1102); an order or request id routes it.
 */
export function errorMessage(id: number, code: number, message: string, serverVersion: number, advancedOrderRejectJson = ''): Field[] {
  const fields: Field[] = [MSG.ERR_MSG, 2, id, code, escapeAscii7(message, serverVersion)];
  if (serverVersion >= SV.ADVANCED_ORDER_REJECT) fields.push(escapeAscii7(advancedOrderRejectJson, serverVersion));
  return fields;
}

/** openOrderEnd: `53, 1`. */
export function openOrderEnd(): Field[] {
  return [MSG.OPEN_ORDER_END, 1];
}

/** execDetailsEnd: `55, 1, reqId`. */
export function execDetailsEnd(reqId: number): Field[] {
  return [MSG.EXECUTION_DATA_END, 1, reqId];
}

/** contractDetailsEnd: `52, 1, reqId`. */
export function contractDetailsEnd(reqId: number): Field[] {
  return [MSG.CONTRACT_DATA_END, 1, reqId];
}
