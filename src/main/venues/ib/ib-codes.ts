/**
 * IB's message codes (the `error` message's `code`, TWS API "Message Codes" page, and the client's
 * own codes from @stoqey/ib src/common/errorCode.ts), each with how Floor treats it. One versioned
 * table, because misreading an information code as a reject or a cancel is the most reported failure
 * of IB clients (ib_async #191, #217; backtrader2 #40): here only the codes listed as
 * ORDER_REJECTED / ORDER_CANCELED ever end an order, and an unknown code never touches one.
 */

/** Bump when an entry changes; recorded with every classified message so a ledger reader knows which table applied. */
export const IB_CODE_TABLE_VERSION = '2026-12-02/tws-api-10.30/stoqey-ib-1.6.10';

/**
 * What Floor does on a code.
 * - NONE: information; logged only.
 * - FARM_STATUS: a data / HMDS / sec-def farm went down or came back; shown in the status bar, orders unaffected.
 * - UPSTREAM_LOST: the gateway lost IB's servers (1100, 2110): stop sending orders until restored.
 * - UPSTREAM_RESTORED_DATA_LOST: restored but subscriptions were lost (1101): resubscribe depth, ticks, account.
 * - UPSTREAM_RESTORED: restored with data kept (1102): resume.
 * - RECONNECT: the gateway is dropping this socket (1300): reconnect.
 * - THROTTLE: pacing violation (100, > 50 messages/s): slow down (Floor's own throttle is below 45/s).
 * - CLIENT_ID_IN_USE: another API client holds our client id (326); the socket closes.
 * - COMPETING_SESSION: a competing live session took market data (10197).
 * - ORDER_REJECTED / ORDER_CANCELED: the order ended (201 / 202, 203, 110, 434...).
 * - DUPLICATE_ORDER_ID: the order id was used before (103): the order is rejected, and the id sequence must jump.
 * - CANCEL_REJECTED: a cancel was refused; the order keeps working (135, 161, 10147, 10148).
 * - MODIFY_REJECTED: a modification was refused; the order keeps its old terms (104, 105).
 * - ORDER_WARNING: a warning about an order that stays live (399, 404, 2109, 2137).
 * - DEPTH_LIMIT / DEPTH_HALTED / DEPTH_RESET: market depth subscription refused (309), halted (316), reset (317: clear the book).
 * - REQUEST_FAILED: a data request failed (200 on a contract request, 322, 354, 10090...).
 * - CONNECT_FAILED / NOT_CONNECTED / PROTOCOL_ERROR: client-side socket and protocol failures (502, 504, 505..507, 509).
 */
export type IbCodeAction =
  | 'NONE'
  | 'FARM_STATUS'
  | 'UPSTREAM_LOST'
  | 'UPSTREAM_RESTORED_DATA_LOST'
  | 'UPSTREAM_RESTORED'
  | 'RECONNECT'
  | 'THROTTLE'
  | 'CLIENT_ID_IN_USE'
  | 'COMPETING_SESSION'
  | 'ORDER_REJECTED'
  | 'ORDER_CANCELED'
  | 'DUPLICATE_ORDER_ID'
  | 'CANCEL_REJECTED'
  | 'MODIFY_REJECTED'
  | 'ORDER_WARNING'
  | 'DEPTH_LIMIT'
  | 'DEPTH_HALTED'
  | 'DEPTH_RESET'
  | 'REQUEST_FAILED'
  | 'CONNECT_FAILED'
  | 'NOT_CONNECTED'
  | 'PROTOCOL_ERROR';

/** How loudly the trader hears of it. */
export type IbCodeSeverity = 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

/** One entry of the table. */
export interface IbCodeInfo {
  readonly code: number;
  readonly severity: IbCodeSeverity;
  /** What IB means by it, in a sentence. */
  readonly meaning: string;
  readonly action: IbCodeAction;
  /** False for a code the table does not list (classified as NONE, or ORDER_WARNING for an order id). */
  readonly known: boolean;
}

type Entry = readonly [severity: IbCodeSeverity, action: IbCodeAction, meaning: string];

const TABLE: Readonly<Record<number, Entry>> = {
  // Connectivity between the gateway and IB (TWS API "System Message Codes").
  1100: ['CRITICAL', 'UPSTREAM_LOST', 'Connectivity between IB and the gateway has been lost.'],
  1101: ['WARNING', 'UPSTREAM_RESTORED_DATA_LOST', 'Connectivity restored; market data and account subscriptions were lost and must be made again.'],
  1102: ['INFO', 'UPSTREAM_RESTORED', 'Connectivity restored; data was maintained.'],
  1300: ['WARNING', 'RECONNECT', 'The gateway reset its socket port; this connection is being dropped.'],
  2110: ['CRITICAL', 'UPSTREAM_LOST', 'Connectivity between the gateway and IB servers is broken; it will be restored automatically.'],
  // Data farms (warnings 2100..2169): status only, orders are unaffected.
  2100: ['WARNING', 'FARM_STATUS', 'The API client was unsubscribed from account data.'],
  2103: ['WARNING', 'FARM_STATUS', 'A market data farm connection is broken.'],
  2104: ['INFO', 'FARM_STATUS', 'A market data farm connection is OK.'],
  2105: ['WARNING', 'FARM_STATUS', 'A historical data (HMDS) farm connection is broken.'],
  2106: ['INFO', 'FARM_STATUS', 'A historical data (HMDS) farm connection is OK.'],
  2107: ['INFO', 'FARM_STATUS', 'A historical data farm connection is inactive but available on demand.'],
  2108: ['INFO', 'FARM_STATUS', 'A market data farm connection is inactive but available on demand.'],
  2119: ['INFO', 'FARM_STATUS', 'A market data farm is connecting.'],
  2157: ['WARNING', 'FARM_STATUS', 'The security definition farm connection is broken.'],
  2158: ['INFO', 'FARM_STATUS', 'The security definition farm connection is OK.'],
  2159: ['INFO', 'FARM_STATUS', 'A farm connection is inactive but available on demand.'],
  2150: ['INFO', 'NONE', 'Invalid position trade derived value.'],
  10167: ['INFO', 'NONE', 'Requested market data is not subscribed; displaying delayed market data.'],
  10197: ['WARNING', 'COMPETING_SESSION', 'No market data during a competing live session.'],
  // Pacing and client identity.
  100: ['ERROR', 'THROTTLE', 'Max rate of messages per second (50) has been exceeded.'],
  326: ['CRITICAL', 'CLIENT_ID_IN_USE', 'Unable to connect: the client id is already in use.'],
  // Orders that end.
  103: ['ERROR', 'DUPLICATE_ORDER_ID', 'Duplicate order id.'],
  110: ['ERROR', 'ORDER_REJECTED', 'The price does not conform to the minimum price variation for this contract.'],
  201: ['ERROR', 'ORDER_REJECTED', 'Order rejected.'],
  202: ['INFO', 'ORDER_CANCELED', 'Order cancelled.'],
  203: ['ERROR', 'ORDER_REJECTED', 'The security is not available or allowed for this account.'],
  434: ['ERROR', 'ORDER_REJECTED', 'The order size cannot be zero.'],
  // Cancels and modifications refused: the order keeps working.
  104: ['WARNING', 'MODIFY_REJECTED', 'Cannot modify a filled order.'],
  105: ['WARNING', 'MODIFY_REJECTED', 'The order being modified does not match the original order.'],
  135: ['WARNING', 'CANCEL_REJECTED', 'Cannot find the order with this id.'],
  161: ['WARNING', 'CANCEL_REJECTED', 'Cancel attempted when the order is not in a cancellable state.'],
  10147: ['WARNING', 'CANCEL_REJECTED', 'The order id to cancel is not found.'],
  10148: ['WARNING', 'CANCEL_REJECTED', 'The order id to cancel cannot be cancelled in its state.'],
  // Warnings about orders that stay live.
  399: ['WARNING', 'ORDER_WARNING', 'Order message (for example: held until the market opens).'],
  404: ['WARNING', 'ORDER_WARNING', 'Shares are not immediately available for short sale; the order is held.'],
  2109: ['WARNING', 'ORDER_WARNING', 'Order event warning: an attribute (such as outside regular trading hours) is ignored.'],
  2137: ['WARNING', 'ORDER_WARNING', 'The closing order quantity is greater than the current position.'],
  // Market depth.
  309: ['ERROR', 'DEPTH_LIMIT', 'Max number of market depth requests reached (3 minimum, 1 per 100 market data lines, 60 at most).'],
  316: ['WARNING', 'DEPTH_HALTED', 'Market depth data halted.'],
  317: ['WARNING', 'DEPTH_RESET', 'Market depth data reset: clear the book and rebuild it from the next updates.'],
  // Data requests.
  200: ['ERROR', 'REQUEST_FAILED', 'No security definition has been found for the request.'],
  300: ['WARNING', 'REQUEST_FAILED', 'Cannot find the subscription for this ticker id.'],
  322: ['ERROR', 'REQUEST_FAILED', 'Error processing the request (for example a duplicate ticker id).'],
  354: ['ERROR', 'REQUEST_FAILED', 'Requested market data is not subscribed.'],
  10090: ['WARNING', 'REQUEST_FAILED', 'Part of the requested market data is not subscribed.'],
  // Client-side (the client library's own codes).
  502: ['CRITICAL', 'CONNECT_FAILED', "Couldn't connect to the gateway: check that it runs, its API port and its trusted IPs."],
  504: ['ERROR', 'NOT_CONNECTED', 'Not connected.'],
  505: ['CRITICAL', 'PROTOCOL_ERROR', 'Fatal error: unknown message id or unprocessed data.'],
  506: ['CRITICAL', 'PROTOCOL_ERROR', 'Unsupported server version.'],
  507: ['CRITICAL', 'PROTOCOL_ERROR', 'Bad message length.'],
  509: ['CRITICAL', 'CONNECT_FAILED', 'Exception caught while sending: the socket is broken.'],
};

/**
 * Classifies one IB message code.
 * @param code the `error` message's code.
 * @param aboutOrder true when the message's id is one of Floor's order ids (not a request id, not -1):
 *   an unknown code about an order is an ORDER_WARNING, never a reject or a cancel.
 */
export function classifyIbCode(code: number, aboutOrder: boolean): IbCodeInfo {
  const entry = TABLE[code];
  if (entry !== undefined) return { code, severity: entry[0], action: entry[1], meaning: entry[2], known: true };
  return {
    code,
    severity: 'WARNING',
    action: aboutOrder ? 'ORDER_WARNING' : 'NONE',
    meaning: `IB code ${code} is not in Floor's table (${IB_CODE_TABLE_VERSION}); treated as information`,
    known: false,
  };
}

/** Every code the table lists, ascending (for documentation and tests). */
export function knownIbCodes(): number[] {
  return Object.keys(TABLE)
    .map(Number)
    .sort((a, b) => a - b);
}
