import { CODE, REQ, SV } from '../protocol';
import type { RequestHandler, SessionIo } from '../session-io';
import { intAt } from '../messages/in-more-requests';

/**
 * The requests the simulator does not carry out, each answered the way a gateway refuses it (IB's
 * message code, with the request's id where it has one) instead of silence; and the requests IB
 * itself answers with nothing (cancels and settings), acknowledged silently. Which code a real
 * gateway uses for each refusal is taken from IB's message-code list; not checked against one.
 */

interface Refusal {
  readonly name: string;
  readonly code: number;
  readonly message: string;
  /** Wire position of the request id at server version `sv`, or undefined when the request has none (the error goes to id -1). */
  readonly idAt?: (sv: number) => number | undefined;
}

const at = (index: number) => (): number => index;
const NOT_FA = "Error validating request.-'yd' : cause - FA data operations ignored for non FA customers.";
const HMDS = 'Historical Market Data Service error message:HMDS query returned no data: the gateway simulator has only the live replayed book';

const REFUSED: ReadonlyMap<number, Refusal> = new Map<number, Refusal>([
  [REQ.REQ_FA, { name: 'requestFA', code: CODE.VALIDATE_REQUEST, message: NOT_FA }],
  [REQ.REPLACE_FA, { name: 'replaceFA', code: CODE.VALIDATE_REQUEST, message: NOT_FA, idAt: (sv) => (sv >= SV.REPLACE_FA_END ? 4 : undefined) }],
  [REQ.REQ_HISTORICAL_DATA, { name: 'reqHistoricalData', code: CODE.HMDS_ERROR, message: HMDS, idAt: (sv) => (sv >= SV.SYNT_REALTIME_BARS ? 1 : 2) }],
  [REQ.EXERCISE_OPTIONS, { name: 'exerciseOptions', code: CODE.VALIDATE_REQUEST, message: "Error validating request.-'bA' : cause - only options can be exercised; the simulated instrument is a stock", idAt: at(2) }],
  [REQ.REQ_SCANNER_SUBSCRIPTION, { name: 'reqScannerSubscription', code: CODE.HMDS_ERROR, message: 'Historical Market Data Service error message:the gateway simulator runs no market scanners', idAt: (sv) => (sv >= SV.SCANNER_GENERIC_OPTS ? 1 : 2) }],
  [REQ.CANCEL_HISTORICAL_DATA, { name: 'cancelHistoricalData', code: CODE.NO_HISTORICAL_QUERY, message: 'No historical data query found for ticker id', idAt: at(2) }],
  [REQ.REQ_REAL_TIME_BARS, { name: 'reqRealTimeBars', code: CODE.REALTIME_QUERY, message: 'Invalid Real-time Query:the gateway simulator has no real-time bars', idAt: at(2) }],
  [REQ.REQ_FUNDAMENTAL_DATA, { name: 'reqFundamentalData', code: CODE.NO_FUNDAMENTALS, message: 'We are sorry, but fundamentals data for the security specified is not available.Not allowed', idAt: at(2) }],
  [REQ.REQ_CALC_IMPLIED_VOLAT, { name: 'calculateImpliedVolatility', code: CODE.VALIDATE_REQUEST, message: "Error validating request.-'bB' : cause - option calculations need an option contract; the simulated instrument is a stock", idAt: at(2) }],
  [REQ.REQ_CALC_OPTION_PRICE, { name: 'calculateOptionPrice', code: CODE.VALIDATE_REQUEST, message: "Error validating request.-'bC' : cause - option calculations need an option contract; the simulated instrument is a stock", idAt: at(2) }],
  [REQ.VERIFY_REQUEST, { name: 'verifyRequest', code: CODE.VALIDATE_REQUEST, message: "Error validating request.-'cu' : cause - API verification is not required by this gateway" }],
  [REQ.VERIFY_MESSAGE, { name: 'verifyMessage', code: CODE.VALIDATE_REQUEST, message: "Error validating request.-'cu' : cause - API verification is not required by this gateway" }],
  [REQ.VERIFY_AND_AUTH_REQUEST, { name: 'verifyAndAuthRequest', code: CODE.VALIDATE_REQUEST, message: "Error validating request.-'cu' : cause - API verification is not required by this gateway" }],
  [REQ.VERIFY_AND_AUTH_MESSAGE, { name: 'verifyAndAuthMessage', code: CODE.VALIDATE_REQUEST, message: "Error validating request.-'cu' : cause - API verification is not required by this gateway" }],
  [REQ.REQ_NEWS_ARTICLE, { name: 'reqNewsArticle', code: CODE.VALIDATE_REQUEST, message: "Error validating request.-'ca' : cause - no news subscription (reqNewsProviders lists none)", idAt: at(1) }],
  [REQ.REQ_HISTOGRAM_DATA, { name: 'reqHistogramData', code: CODE.HMDS_ERROR, message: HMDS, idAt: at(1) }],
  [REQ.REQ_HISTORICAL_TICKS, { name: 'reqHistoricalTicks', code: CODE.HMDS_ERROR, message: HMDS, idAt: at(1) }],
  [REQ.REQ_TICK_BY_TICK_DATA, { name: 'reqTickByTickData', code: CODE.TICK_BY_TICK_FAILED, message: 'Failed to request tick-by-tick data: the gateway simulator streams depth and trade ticks only', idAt: at(1) }],
  [REQ.REQ_WSH_META_DATA, { name: 'reqWshMetaData', code: CODE.VALIDATE_REQUEST, message: "Error validating request.-'cw' : cause - no Wall Street Horizon subscription", idAt: at(1) }],
  [REQ.REQ_WSH_EVENT_DATA, { name: 'reqWshEventData', code: CODE.VALIDATE_REQUEST, message: "Error validating request.-'cw' : cause - no Wall Street Horizon subscription", idAt: at(1) }],
]);

/**
 * Every request a gateway carries out without answering: cancels and unsubscriptions (of something
 * running; a market-data cancel of an unknown id draws error 300), settings, reqGlobalCancel when no
 * order is working, reqMarketDataType when no market data runs, and reqNewsBulletins, whose
 * bulletins arrive only when IB publishes one. The simulator answers these with nothing, as IB
 * does; every other request gets an answer or an error.
 */
export const SILENT_BY_DESIGN: ReadonlySet<number> = new Set([
  REQ.REQ_NEWS_BULLETINS,
  REQ.CANCEL_NEWS_BULLETINS,
  REQ.SET_SERVER_LOGLEVEL,
  REQ.CANCEL_MKT_DATA,
  REQ.CANCEL_MKT_DEPTH,
  REQ.CANCEL_SCANNER_SUBSCRIPTION,
  REQ.CANCEL_REAL_TIME_BARS,
  REQ.CANCEL_FUNDAMENTAL_DATA,
  REQ.CANCEL_CALC_IMPLIED_VOLAT,
  REQ.CANCEL_CALC_OPTION_PRICE,
  REQ.REQ_GLOBAL_CANCEL,
  REQ.REQ_MARKET_DATA_TYPE,
  REQ.CANCEL_ACCOUNT_SUMMARY,
  REQ.CANCEL_POSITIONS,
  REQ.UNSUBSCRIBE_FROM_GROUP_EVENTS,
  REQ.CANCEL_POSITIONS_MULTI,
  REQ.CANCEL_ACCOUNT_UPDATES_MULTI,
  REQ.CANCEL_HISTOGRAM_DATA,
  REQ.CANCEL_HEAD_TIMESTAMP,
  REQ.CANCEL_PNL,
  REQ.CANCEL_PNL_SINGLE,
  REQ.CANCEL_TICK_BY_TICK_DATA,
  REQ.CANCEL_WSH_META_DATA,
  REQ.CANCEL_WSH_EVENT_DATA,
]);

/** The refusals above, the silent requests no other group took, and error 321 for a message id the simulator does not know. */
export class UnservedRequests implements RequestHandler {
  constructor(
    private readonly io: SessionIo,
    private readonly log: (line: string) => void,
  ) {}

  handle(id: number, fields: string[]): boolean {
    if (SILENT_BY_DESIGN.has(id as never)) return true;
    const refusal = REFUSED.get(id);
    if (refusal === undefined) {
      this.log(`message id ${id} is not a request the simulator knows; answered with error ${CODE.VALIDATE_REQUEST}`);
      this.io.sendError(-1, CODE.VALIDATE_REQUEST, `Error validating request.-'??' : cause - unknown message id ${id}`);
      return true;
    }
    const index = refusal.idAt?.(this.io.serverVersion);
    const reqId = index === undefined ? -1 : intAt(fields, index);
    this.io.sendError(reqId, refusal.code, refusal.code === CODE.NO_HISTORICAL_QUERY ? `${refusal.message}:${reqId}` : refusal.message);
    return true;
  }
}
