import { BarSizeSetting, FADataType, LogLevel, OptionExerciseAction, OrderAction, OrderType, SecType, TickByTickDataType, WhatToShow, type Contract } from '@stoqey/ib';
import type { Encoder } from '@stoqey/ib/dist/core/io/encoder.js';

/**
 * One call of every request method @stoqey/ib 1.6.10's Encoder has, about the simulator's stock,
 * each with its own request id (9001, 9002, ...) where the request carries one; a cancel carries
 * the id of the request it cancels, made before it. The tests encode them at a server version and
 * send the bytes to the simulator.
 */

export const STOCK: Contract = { symbol: 'GOOG', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

/** One request: the Encoder method, the request id it carries (if any), and the call. */
export interface RequestCall {
  readonly method: string;
  readonly reqId?: number;
  readonly call: (e: Encoder) => void;
}

const NO_CANCEL = { manualOrderCancelTime: '', extOperator: '', manualOrderIndicator: undefined } as never;
let next = 9000;
const id = (): number => (next += 1);

function calls(): RequestCall[] {
  next = 9000;
  const byMethod = new Map<string, number>();
  const r = (method: string, call: (e: Encoder, reqId: number) => void, withId = true): RequestCall => {
    const reqId = withId ? id() : undefined;
    if (reqId !== undefined) byMethod.set(method, reqId);
    return { method, ...(reqId === undefined ? {} : { reqId }), call: (e) => call(e, reqId ?? 0) };
  };
  /** A cancel of the request `of` made before it, with that request's id (a cancel of something running). */
  const c = (method: string, of: string, call: (e: Encoder, reqId: number) => void): RequestCall => {
    const reqId = byMethod.get(of)!;
    return { method, reqId, call: (e) => call(e, reqId) };
  };
  return [
    r('reqMktData', (e, i) => e.reqMktData(i, STOCK, '', false, false)),
    c('cancelMktData', 'reqMktData', (e, i) => e.cancelMktData(i)),
    r('placeOrder', (e, i) => e.placeOrder(i, STOCK, { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 1, totalQuantity: 1, transmit: true })),
    c('cancelOrder', 'placeOrder', (e, i) => e.cancelOrder(i, NO_CANCEL)),
    r('reqOpenOrders', (e) => e.reqOpenOrders(), false),
    r('reqAccountUpdates', (e) => e.reqAccountUpdates(true, ''), false),
    r('reqExecutions', (e, i) => e.reqExecutions(i, {})),
    r('reqIds', (e) => e.reqIds(1), false),
    r('reqContractDetails', (e, i) => e.reqContractDetails(i, STOCK)),
    r('reqMktDepth', (e, i) => e.reqMktDepth(i, STOCK, 5, true, [])),
    c('cancelMktDepth', 'reqMktDepth', (e, i) => e.cancelMktDepth(i, true)),
    r('reqNewsBulletins', (e) => e.reqNewsBulletins(true), false),
    r('cancelNewsBulletins', (e) => e.cancelNewsBulletins(), false),
    r('setServerLogLevel', (e) => e.setServerLogLevel(LogLevel.ERROR), false),
    r('reqAutoOpenOrders', (e) => e.reqAutoOpenOrders(false), false),
    r('reqAllOpenOrders', (e) => e.reqAllOpenOrders(), false),
    r('reqManagedAccts', (e) => e.reqManagedAccts(), false),
    r('requestFA', (e) => e.requestFA(FADataType.GROUPS), false),
    r('replaceFA', (e, i) => e.replaceFA(i, FADataType.GROUPS, '<ListOfGroups/>')),
    r('reqHistoricalData', (e, i) => e.reqHistoricalData(i, STOCK, '', '1 D', BarSizeSetting.MINUTES_ONE, WhatToShow.TRADES, 1, 1, false)),
    r('exerciseOptions', (e, i) => e.exerciseOptions(i, STOCK, OptionExerciseAction.EXERCISE, 1, 'DU1234567', 0)),
    r('reqScannerSubscription', (e, i) => e.reqScannerSubscription(i, { instrument: 'STK', locationCode: 'STK.US.MAJOR', scanCode: 'TOP_PERC_GAIN' } as never, [])),
    c('cancelScannerSubscription', 'reqScannerSubscription', (e, i) => e.cancelScannerSubscription(i)),
    r('reqScannerParameters', (e) => e.reqScannerParameters(), false),
    c('cancelHistoricalData', 'reqHistoricalData', (e, i) => e.cancelHistoricalData(i)),
    r('reqCurrentTime', (e) => e.reqCurrentTime(), false),
    r('reqRealTimeBars', (e, i) => e.reqRealTimeBars(i, STOCK, 5, WhatToShow.TRADES, true, [])),
    c('cancelRealTimeBars', 'reqRealTimeBars', (e, i) => e.cancelRealTimeBars(i)),
    r('reqFundamentalData', (e, i) => e.reqFundamentalData(i, STOCK, 'ReportSnapshot', [])),
    c('cancelFundamentalData', 'reqFundamentalData', (e, i) => e.cancelFundamentalData(i)),
    r('calculateImpliedVolatility', (e, i) => e.calculateImpliedVolatility(i, STOCK, 1, 580)),
    r('calculateOptionPrice', (e, i) => e.calculateOptionPrice(i, STOCK, 0.3, 580)),
    c('cancelCalculateImpliedVolatility', 'calculateImpliedVolatility', (e, i) => e.cancelCalculateImpliedVolatility(i)),
    c('cancelCalculateOptionPrice', 'calculateOptionPrice', (e, i) => e.cancelCalculateOptionPrice(i)),
    r('reqGlobalCancel', (e) => e.reqGlobalCancel(NO_CANCEL), false),
    r('reqMarketDataType', (e) => e.reqMarketDataType(3), false),
    r('reqPositions', (e) => e.reqPositions(), false),
    r('reqAccountSummary', (e, i) => e.reqAccountSummary(i, 'All', 'NetLiquidation')),
    c('cancelAccountSummary', 'reqAccountSummary', (e, i) => e.cancelAccountSummary(i)),
    r('cancelPositions', (e) => e.cancelPositions(), false),
    r('queryDisplayGroups', (e, i) => e.queryDisplayGroups(i)),
    r('subscribeToGroupEvents', (e, i) => e.subscribeToGroupEvents(i, 1)),
    c('updateDisplayGroup', 'subscribeToGroupEvents', (e, i) => e.updateDisplayGroup(i, '8314@SMART')),
    c('unsubscribeToGroupEvents', 'subscribeToGroupEvents', (e, i) => e.unsubscribeToGroupEvents(i)),
    r('reqPositionsMulti', (e, i) => e.reqPositionsMulti(i, 'DU1234567', '')),
    c('cancelPositionsMulti', 'reqPositionsMulti', (e, i) => e.cancelPositionsMulti(i)),
    r('reqAccountUpdatesMulti', (e, i) => e.reqAccountUpdatesMulti(i, 'DU1234567', '', false)),
    c('cancelAccountUpdatesMulti', 'reqAccountUpdatesMulti', (e, i) => e.cancelAccountUpdatesMulti(i)),
    r('reqSecDefOptParams', (e, i) => e.reqSecDefOptParams(i, 'GOOG', '', SecType.STK, 0)),
    r('reqSoftDollarTiers', (e, i) => e.reqSoftDollarTiers(i)),
    r('reqFamilyCodes', (e) => e.reqFamilyCodes(), false),
    r('reqMatchingSymbols', (e, i) => e.reqMatchingSymbols(i, 'GOO')),
    r('reqMktDepthExchanges', (e) => e.reqMktDepthExchanges(), false),
    r('reqSmartComponents', (e, i) => e.reqSmartComponents(i, '9c0001')),
    r('reqNewsArticle', (e, i) => e.reqNewsArticle(i, 'BRFG', 'BRFG$04fb9da2', [])),
    r('reqNewsProviders', (e) => e.reqNewsProviders(), false),
    r('reqHistoricalNews', (e, i) => e.reqHistoricalNews(i, 8314, 'BRFG', '', '', 10, [])),
    r('reqHeadTimestamp', (e, i) => e.reqHeadTimestamp(i, STOCK, WhatToShow.TRADES, true, 1)),
    r('reqHistogramData', (e, i) => e.reqHistogramData(i, STOCK, true, '1 day')),
    c('cancelHistogramData', 'reqHistogramData', (e, i) => e.cancelHistogramData(i)),
    c('cancelHeadTimestamp', 'reqHeadTimestamp', (e, i) => e.cancelHeadTimestamp(i)),
    r('reqMarketRule', (e) => e.reqMarketRule(26), false),
    r('reqPnL', (e, i) => e.reqPnL(i, 'DU1234567', '')),
    c('cancelPnL', 'reqPnL', (e, i) => e.cancelPnL(i)),
    r('reqPnLSingle', (e, i) => e.reqPnLSingle(i, 'DU1234567', '', 0)) /* conId 0: not the stock, error 200 */,
    c('cancelPnLSingle', 'reqPnLSingle', (e, i) => e.cancelPnLSingle(i)),
    r('reqHistoricalTicks', (e, i) => e.reqHistoricalTicks(i, STOCK, '20120621 09:30:00', '', 100, WhatToShow.TRADES, true, false)),
    r('reqTickByTickData', (e, i) => e.reqTickByTickData(i, STOCK, TickByTickDataType.Last, 0, false)),
    c('cancelTickByTickData', 'reqTickByTickData', (e, i) => e.cancelTickByTickData(i)),
    r('reqCompletedOrders', (e) => e.reqCompletedOrders(false), false),
    r('reqWshMetaData', (e, i) => e.reqWshMetaData(i)),
    c('reqCancelWshMetaData', 'reqWshMetaData', (e, i) => e.reqCancelWshMetaData(i)),
    r('reqWshEventData', (e, i) => e.reqWshEventData(i, { conId: 8314 } as never)),
    c('reqCancelWshEventData', 'reqWshEventData', (e, i) => e.reqCancelWshEventData(i)),
    r('reqUserInfo', (e, i) => e.reqUserInfo(i)),
  ];
}

/** Every request method of the Encoder, with fresh ids 9001.. (same ids on every call). */
export function everyRequest(): RequestCall[] {
  return calls();
}
