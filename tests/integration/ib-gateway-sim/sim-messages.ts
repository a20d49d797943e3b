import { simContract } from '../../ib-gateway-sim/contract';
import type { Field } from '../../ib-gateway-sim/framing';
import { accountDownloadEnd, accountSummary, accountSummaryEnd, accountTime, accountUpdateMulti, accountUpdateMultiEnd, accountValue, pnl, pnlSingle, portfolioValue, position, positionEnd, positionMulti, positionMultiEnd } from '../../ib-gateway-sim/messages/out-account';
import { contractDetailsEnd, currentTime, errorMessage, execDetailsEnd, managedAccounts, nextValidId, openOrderEnd } from '../../ib-gateway-sim/messages/out-basic';
import { completedOrder, completedOrdersEnd } from '../../ib-gateway-sim/messages/out-completed';
import { contractDetails } from '../../ib-gateway-sim/messages/out-contract';
import { commissionReport, execDetails, type SimExecution } from '../../ib-gateway-sim/messages/out-execution';
import { marketDataType, mktDepth, mktDepthL2, TICK, tickPrice, tickReqParams, tickSize, tickSnapshotEnd } from '../../ib-gateway-sim/messages/out-market';
import { openOrder, orderStatus } from '../../ib-gateway-sim/messages/out-order';
import * as ref from '../../ib-gateway-sim/messages/out-reference';
import { SV } from '../../ib-gateway-sim/protocol';
import type { SimOrder } from '../../ib-gateway-sim/sim-order';

/**
 * One sample of every message kind the simulator sends, with what a correct decoder must read
 * from it and where @stoqey/ib 1.6.10 puts each of those values (for the field-table test and the
 * decoder cross-check). Prices dollars, sizes shares.
 */

export const GOOG = simContract({ instrumentId: 'GOOG', venue: 'NASDAQ', tickSize: 10_000, currency: 'USD' }, '20120621');

export function sampleOrder(overrides: Partial<SimOrder> = {}): SimOrder {
  return {
    orderId: 17,
    clientId: 4,
    permId: 1_000_123,
    clientOrderId: 'IB-4-17-1',
    contract: GOOG,
    action: 'BUY',
    totalQuantity: 300,
    orderType: 'LMT',
    lmtPrice: 580.12,
    auxPrice: undefined,
    tif: 'DAY',
    account: 'DU1234567',
    orderRef: 'floor:abc-1',
    status: 'Submitted',
    filled: 100,
    filledNotionalMicros: 100 * 580_120_000,
    lastFillPrice: 580.12,
    ...overrides,
  };
}

export const SAMPLE_EXECUTION: SimExecution = {
  execId: '0000abcd.00000001.01.01',
  orderId: 17,
  clientId: 4,
  permId: 1_000_123,
  contract: GOOG,
  time: '20120621 09:31:05 US/Eastern',
  account: 'DU1234567',
  exchange: 'NASDAQ',
  side: 'BOT',
  shares: 100,
  price: 580.12,
  cumQty: 100,
  avgPrice: 580.12,
  orderRef: 'floor:abc-1',
  lastLiquidity: 2,
  commission: 1.0,
  epochMs: Date.UTC(2012, 5, 21, 13, 31, 5),
};

/** One sample message. */
export interface SampleMessage {
  /** IB's name (the field table's layout name). */
  readonly name: string;
  readonly fields: Field[];
  /** Table values the simulator meant to send (field name -> value). */
  readonly expected: Readonly<Record<string, unknown>>;
  /** The @stoqey/ib event carrying it and [argument path, table field] pairs to compare. */
  readonly client?: { readonly event: string; readonly pairs: ReadonlyArray<readonly [string, string]> };
  /** Floor's adapter reads this message (the server-version gate is decided on these). */
  readonly floorReads: boolean;
}

const CONTRACT_PAIRS = (at: string): Array<[string, string]> => [
  [`${at}.conId`, 'contract.conId'],
  [`${at}.symbol`, 'contract.symbol'],
  [`${at}.secType`, 'contract.secType'],
  [`${at}.currency`, 'contract.currency'],
];
const ORDER_PAIRS: Array<[string, string]> = ['action', 'totalQuantity', 'orderType', 'lmtPrice', 'auxPrice', 'tif', 'account', 'orderRef', 'permId'].map((k) => [`order.${k}`, k]);

/** Every message kind the simulator sends, encoded at `sv` (completedOrder only from 150, where it exists). */
export function sampleMessages(sv: number): SampleMessage[] {
  const o = sampleOrder();
  const done = sampleOrder({ status: 'Filled', filled: 300, filledNotionalMicros: 300 * 580_120_000, completedAtMs: Date.UTC(2012, 5, 21, 13, 40, 0) });
  const e = SAMPLE_EXECUTION;
  const samples: SampleMessage[] = [
    { name: 'nextValidId', fields: nextValidId(5), expected: { orderId: 5 }, client: { event: 'nextValidId', pairs: [['0', 'orderId']] }, floorReads: true },
    { name: 'managedAccounts', fields: managedAccounts(['DU1', 'DU2']), expected: { accountsList: 'DU1,DU2' }, client: { event: 'managedAccounts', pairs: [['0', 'accountsList']] }, floorReads: true },
    { name: 'currentTime', fields: currentTime(1_700_000_000.7), expected: { time: 1_700_000_000 }, client: { event: 'currentTime', pairs: [['0', 'time']] }, floorReads: true },
    {
      name: 'error',
      fields: errorMessage(17, 201, 'Order rejected - reason:too far', sv, '{"rejectReason":"cap"}'),
      expected: { id: 17, code: 201, message: 'Order rejected - reason:too far', ...(sv >= SV.ADVANCED_ORDER_REJECT ? { advancedOrderRejectJson: '{"rejectReason":"cap"}' } : {}) },
      client: { event: 'error', pairs: [['0', 'message'], ['1', 'code'], ['2', 'id']] },
      floorReads: true,
    },
    {
      name: 'orderStatus',
      fields: orderStatus(o, sv),
      expected: { orderId: 17, status: 'Submitted', filled: 100, remaining: 200, permId: 1_000_123, clientId: 4 },
      client: { event: 'orderStatus', pairs: ['orderId', 'status', 'filled', 'remaining', 'avgFillPrice', 'permId', 'parentId', 'lastFillPrice', 'clientId', 'whyHeld'].map((k, i) => [String(i), k] as const) },
      floorReads: true,
    },
    {
      name: 'openOrder',
      fields: openOrder(o, sv),
      expected: { orderId: 17, 'contract.symbol': 'GOOG', action: 'BUY', totalQuantity: 300, lmtPrice: 580.12, orderRef: 'floor:abc-1', clientId: 4, permId: 1_000_123, status: 'Submitted' },
      client: { event: 'openOrder', pairs: [['0', 'orderId'], ...CONTRACT_PAIRS('1'), ...ORDER_PAIRS.map(([p, k]) => [p.replace('order.', '2.'), k] as [string, string]), ['2.clientId', 'clientId'], ['2.parentId', 'parentId'], ['3.status', 'status']] },
      floorReads: true,
    },
    {
      name: 'execDetails',
      fields: execDetails(-1, e, sv),
      expected: { reqId: -1, orderId: 17, execId: e.execId, time: e.time, side: 'BOT', shares: 100, price: 580.12, permId: 1_000_123, orderRef: 'floor:abc-1', ...(sv >= SV.LAST_LIQUIDITY ? { lastLiquidity: 2 } : {}) },
      client: {
        event: 'execDetails',
        pairs: [['0', 'reqId'], ...CONTRACT_PAIRS('1'), ...['orderId', 'execId', 'time', 'acctNumber', 'exchange', 'side', 'shares', 'price', 'permId', 'clientId', 'cumQty', 'avgPrice', 'orderRef', 'lastLiquidity'].map((k) => [`2.${k}`, k] as const)],
      },
      floorReads: true,
    },
    {
      name: 'commissionReport',
      fields: commissionReport(e),
      expected: { execId: e.execId, commission: 1, currency: 'USD' },
      client: { event: 'commissionReport', pairs: ['execId', 'commission', 'currency', 'realizedPNL'].map((k) => [`0.${k}`, k] as const) },
      floorReads: true,
    },
    { name: 'execDetailsEnd', fields: execDetailsEnd(8), expected: { reqId: 8 }, client: { event: 'execDetailsEnd', pairs: [['0', 'reqId']] }, floorReads: true },
    { name: 'openOrderEnd', fields: openOrderEnd(), expected: {}, client: { event: 'openOrderEnd', pairs: [] }, floorReads: true },
    {
      name: 'contractDetails',
      fields: contractDetails(5, GOOG, sv),
      expected: { reqId: 5, 'contract.symbol': 'GOOG', 'contract.conId': GOOG.conId, 'contract.primaryExchange': 'NASDAQ', minTick: 0.01, tradingHours: '20120621:0930-20120621:1600' },
      client: {
        event: 'contractDetails',
        pairs: [['0', 'reqId'], ['1.contract.symbol', 'contract.symbol'], ['1.contract.conId', 'contract.conId'], ['1.contract.primaryExch', 'contract.primaryExchange'], ['1.contract.currency', 'contract.currency'], ['1.minTick', 'minTick'], ['1.tradingHours', 'tradingHours'], ['1.longName', 'longName']],
      },
      floorReads: true,
    },
    { name: 'contractDetailsEnd', fields: contractDetailsEnd(5), expected: { reqId: 5 }, client: { event: 'contractDetailsEnd', pairs: [['0', 'reqId']] }, floorReads: true },
    {
      name: 'tickPrice',
      fields: tickPrice(2, TICK.LAST, 580.5, 300),
      expected: { reqId: 2, tickType: TICK.LAST, price: 580.5, size: 300 },
      client: { event: 'tickPrice', pairs: [['0', 'reqId'], ['1', 'tickType'], ['2', 'price']] },
      floorReads: true,
    },
    { name: 'tickSize', fields: tickSize(2, TICK.LAST_SIZE, 200), expected: { reqId: 2, tickType: TICK.LAST_SIZE, size: 200 }, client: { event: 'tickSize', pairs: [['0', 'reqId'], ['1', 'tickType'], ['2', 'size']] }, floorReads: true },
    {
      name: 'updateMktDepthL2',
      fields: mktDepthL2(3, 1, 'NSDQ', 0, 1, 580.1, 100, true, sv),
      expected: { reqId: 3, position: 1, marketMaker: 'NSDQ', operation: 0, side: 1, price: 580.1, size: 100 },
      client: { event: 'updateMktDepthL2', pairs: ['reqId', 'position', 'marketMaker', 'operation', 'side', 'price', 'size'].map((k, i) => [String(i), k] as const) },
      floorReads: true,
    },
    {
      name: 'position',
      fields: position('DU1', GOOG, -40, 580.5),
      expected: { account: 'DU1', 'contract.symbol': 'GOOG', position: -40, avgCost: 580.5 },
      client: { event: 'position', pairs: [['0', 'account'], ...CONTRACT_PAIRS('1'), ['2', 'position'], ['3', 'avgCost']] },
      floorReads: true,
    },
    { name: 'positionEnd', fields: positionEnd(), expected: {}, client: { event: 'positionEnd', pairs: [] }, floorReads: true },
    {
      name: 'accountSummary',
      fields: accountSummary(9, 'DU1', 'NetLiquidation', '1000000.00', 'USD'),
      expected: { reqId: 9, account: 'DU1', tag: 'NetLiquidation', value: '1000000.00', currency: 'USD' },
      client: { event: 'accountSummary', pairs: ['reqId', 'account', 'tag', 'value', 'currency'].map((k, i) => [String(i), k] as const) },
      floorReads: true,
    },
    { name: 'accountSummaryEnd', fields: accountSummaryEnd(9), expected: { reqId: 9 }, client: { event: 'accountSummaryEnd', pairs: [['0', 'reqId']] }, floorReads: true },
    { name: 'updateMktDepth', fields: mktDepth(3, 0, 2, 0, 580.2, 0), expected: { reqId: 3, operation: 2, price: 580.2 }, client: { event: 'updateMktDepth', pairs: ['reqId', 'position', 'operation', 'side', 'price', 'size'].map((k, i) => [String(i), k] as const) }, floorReads: false },
    { name: 'tickSnapshotEnd', fields: tickSnapshotEnd(2), expected: { reqId: 2 }, client: { event: 'tickSnapshotEnd', pairs: [['0', 'reqId']] }, floorReads: false },
    { name: 'tickReqParams', fields: tickReqParams(2, 0.01, '9c0001', 3), expected: { tickerId: 2, minTick: 0.01, bboExchange: '9c0001', snapshotPermissions: 3 }, client: { event: 'tickReqParams', pairs: ['tickerId', 'minTick', 'bboExchange', 'snapshotPermissions'].map((k, i) => [String(i), k] as const) }, floorReads: false },
    { name: 'marketDataType', fields: marketDataType(2, 1), expected: { reqId: 2, marketDataType: 1 }, client: { event: 'marketDataType', pairs: [['0', 'reqId'], ['1', 'marketDataType']] }, floorReads: false },
    { name: 'updateAccountValue', fields: accountValue('TotalCashValue', '5.00', 'USD', 'DU1'), expected: { key: 'TotalCashValue', value: '5.00', accountName: 'DU1' }, client: { event: 'updateAccountValue', pairs: ['key', 'value', 'currency', 'accountName'].map((k, i) => [String(i), k] as const) }, floorReads: false },
    {
      name: 'updatePortfolio',
      fields: portfolioValue(GOOG, 40, 581, 23_240, 580.5, 20, -3, 'DU1'),
      expected: { position: 40, marketPrice: 581, accountName: 'DU1' },
      client: { event: 'updatePortfolio', pairs: [['0.conId', 'contract.conId'], ['0.symbol', 'contract.symbol'], ...['position', 'marketPrice', 'marketValue', 'averageCost', 'unrealizedPNL', 'realizedPNL', 'accountName'].map((k, i) => [String(i + 1), k] as [string, string])] },
      floorReads: false,
    },
    { name: 'updateAccountTime', fields: accountTime('13:45'), expected: { timeStamp: '13:45' }, client: { event: 'updateAccountTime', pairs: [['0', 'timeStamp']] }, floorReads: false },
    { name: 'accountDownloadEnd', fields: accountDownloadEnd('DU1'), expected: { accountName: 'DU1' }, client: { event: 'accountDownloadEnd', pairs: [['0', 'accountName']] }, floorReads: false },
    {
      name: 'positionMulti',
      fields: positionMulti(4, 'DU1', '', GOOG, 40, 580.5),
      expected: { reqId: 4, account: 'DU1', position: 40, avgCost: 580.5 },
      client: { event: 'positionMulti', pairs: [['0', 'reqId'], ['1', 'account'], ['2', 'modelCode'], ...CONTRACT_PAIRS('3'), ['4', 'position'], ['5', 'avgCost']] },
      floorReads: false,
    },
    { name: 'positionMultiEnd', fields: positionMultiEnd(4), expected: { reqId: 4 }, client: { event: 'positionMultiEnd', pairs: [['0', 'reqId']] }, floorReads: false },
    { name: 'accountUpdateMulti', fields: accountUpdateMulti(6, 'DU1', '', 'NetLiquidation', '1000.00', 'USD'), expected: { reqId: 6, key: 'NetLiquidation', value: '1000.00' }, client: { event: 'accountUpdateMulti', pairs: ['reqId', 'account', 'modelCode', 'key', 'value', 'currency'].map((k, i) => [String(i), k] as const) }, floorReads: false },
    { name: 'accountUpdateMultiEnd', fields: accountUpdateMultiEnd(6), expected: { reqId: 6 }, client: { event: 'accountUpdateMultiEnd', pairs: [['0', 'reqId']] }, floorReads: false },
    { name: 'pnl', fields: pnl(7, 12.5, 20, -3, sv), expected: { reqId: 7, dailyPnL: 12.5 }, client: { event: 'pnl', pairs: ['reqId', 'dailyPnL', 'unrealizedPnL', 'realizedPnL'].map((k, i) => [String(i), k] as const) }, floorReads: false },
    { name: 'pnlSingle', fields: pnlSingle(8, 40, 12.5, 20, -3, 23_240, sv), expected: { reqId: 8, pos: 40, value: 23_240 }, client: { event: 'pnlSingle', pairs: ['reqId', 'pos', 'dailyPnL', 'unrealizedPnL', 'realizedPnL', 'value'].map((k, i) => [String(i), k] as const) }, floorReads: false },
    { name: 'symbolSamples', fields: ref.symbolSamples(10, [GOOG], sv), expected: { reqId: 10, descriptionCount: 1 }, client: { event: 'symbolSamples', pairs: [['0', 'reqId'], ['1.0.contract.conId', 'descriptions.0.contract.conId'], ['1.0.contract.symbol', 'descriptions.0.contract.symbol']] }, floorReads: false },
    {
      name: 'mktDepthExchanges',
      fields: ref.mktDepthExchanges([{ exchange: 'NASDAQ', secType: 'STK', listingExch: 'NASDAQ', serviceDataType: 'Deep2', aggGroup: 1 }], sv),
      expected: { descriptionCount: 1 },
      client: { event: 'mktDepthExchanges', pairs: [['0.0.exchange', 'descriptions.0.exchange'], ['0.0.secType', 'descriptions.0.secType']] },
      floorReads: false,
    },
    { name: 'smartComponents', fields: ref.smartComponents(11, [{ bitNumber: 1, exchange: 'NASDAQ', exchangeLetter: 'Q' }]), expected: { reqId: 11, componentCount: 1 }, client: { event: 'smartComponents', pairs: [['0', 'reqId']] }, floorReads: false },
    { name: 'marketRule', fields: ref.marketRule(26, [{ lowEdge: 0, increment: 0.01 }]), expected: { marketRuleId: 26, incrementCount: 1 }, client: { event: 'marketRule', pairs: [['0', 'marketRuleId'], ['1.0.increment', 'increments.0.increment']] }, floorReads: false },
    { name: 'familyCodes', fields: ref.familyCodes([{ accountId: 'DU1', familyCode: '' }]), expected: { familyCodeCount: 1 }, client: { event: 'familyCodes', pairs: [['0.0.accountID', 'familyCodes.0.accountID']] }, floorReads: false },
    { name: 'softDollarTiers', fields: ref.softDollarTiers(12), expected: { reqId: 12, tierCount: 0 }, client: { event: 'softDollarTiers', pairs: [['0', 'reqId']] }, floorReads: false },
    { name: 'securityDefinitionOptionParameterEnd', fields: ref.securityDefinitionOptionParameterEnd(13), expected: { reqId: 13 }, client: { event: 'securityDefinitionOptionParameterEnd', pairs: [['0', 'reqId']] }, floorReads: false },
    { name: 'newsProviders', fields: ref.newsProviders(), expected: { providerCount: 0 }, client: { event: 'newsProviders', pairs: [] }, floorReads: false },
    { name: 'historicalNewsEnd', fields: ref.historicalNewsEnd(14, false), expected: { reqId: 14, hasMore: false }, client: { event: 'historicalNewsEnd', pairs: [['0', 'reqId'], ['1', 'hasMore']] }, floorReads: false },
    { name: 'headTimestamp', fields: ref.headTimestamp(15, '20120621-13:30:00'), expected: { reqId: 15, headTimestamp: '20120621-13:30:00' }, client: { event: 'headTimestamp', pairs: [['0', 'reqId'], ['1', 'headTimestamp']] }, floorReads: false },
    { name: 'scannerParameters', fields: ref.scannerParameters('<ScanParameterResponse/>'), expected: { xml: '<ScanParameterResponse/>' }, client: { event: 'scannerParameters', pairs: [['0', 'xml']] }, floorReads: false },
    { name: 'userInfo', fields: ref.userInfo(16, ''), expected: { reqId: 16, whiteBrandingId: '' }, client: { event: 'userInfo', pairs: [['0', 'reqId'], ['1', 'whiteBrandingId']] }, floorReads: false },
    { name: 'displayGroupList', fields: ref.displayGroupList(17, '1|2|3'), expected: { reqId: 17, groups: '1|2|3' }, client: { event: 'displayGroupList', pairs: [['0', 'reqId'], ['1', 'groups']] }, floorReads: false },
    { name: 'displayGroupUpdated', fields: ref.displayGroupUpdated(18, `${GOOG.conId}@SMART`), expected: { reqId: 18, contractInfo: `${GOOG.conId}@SMART` }, client: { event: 'displayGroupUpdated', pairs: [['0', 'reqId'], ['1', 'contractInfo']] }, floorReads: false },
  ];
  if (sv >= SV.REQ_COMPLETED_ORDERS) {
    samples.push(
      {
        name: 'completedOrder',
        fields: completedOrder(done, sv),
        expected: { 'contract.symbol': 'GOOG', action: 'BUY', totalQuantity: 300, permId: 1_000_123, orderRef: 'floor:abc-1', status: 'Filled', filledQuantity: 300, completedStatus: 'Filled' },
        client: { event: 'completedOrder', pairs: [...CONTRACT_PAIRS('0'), ...ORDER_PAIRS.map(([p, k]) => [p.replace('order.', '1.'), k] as [string, string]), ['1.filledQuantity', 'filledQuantity'], ['1.parentPermId', 'parentPermId'], ['2.status', 'status'], ['2.completedTime', 'completedTime'], ['2.completedStatus', 'completedStatus']] },
        floorReads: true,
      },
      { name: 'completedOrdersEnd', fields: completedOrdersEnd(), expected: {}, client: { event: 'completedOrdersEnd', pairs: [] }, floorReads: true },
    );
  }
  return samples;
}
