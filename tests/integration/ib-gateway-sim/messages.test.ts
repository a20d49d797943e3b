import { describe, expect, it } from 'vitest';
import type { Field } from '../../ib-gateway-sim/framing';
import { contractDetailsEnd, currentTime, errorMessage, execDetailsEnd, managedAccounts, nextValidId, openOrderEnd } from '../../ib-gateway-sim/messages/out-basic';
import { accountDownloadEnd, accountSummary, accountSummaryEnd, accountTime, accountValue, portfolioValue, position, positionEnd } from '../../ib-gateway-sim/messages/out-account';
import { completedOrder, completedOrdersEnd } from '../../ib-gateway-sim/messages/out-completed';
import { contractDetails } from '../../ib-gateway-sim/messages/out-contract';
import { commissionReport, execDetails } from '../../ib-gateway-sim/messages/out-execution';
import { mktDepth, mktDepthL2, tickPrice, tickSize, tickSnapshotEnd, TICK } from '../../ib-gateway-sim/messages/out-market';
import { openOrder, orderStatus } from '../../ib-gateway-sim/messages/out-order';
import { MIN_IB_SERVER_VERSION } from '../../../src/main/venues/ib/server-version';
import { decodeWithClient } from './client-decoder';
import { GOOG, SAMPLE_EXECUTION, sampleOrder } from './sim-messages';

/**
 * Every message kind the simulator sends, decoded by @stoqey/ib 1.6.10's own Decoder at server
 * versions where the layouts change: no 505 (underrun / unprocessed data) and the values come back.
 */
const VERSIONS = [100, 103, 131, 136, 145, 146, 153, 164, 166, 176, 177, 178, 186, 192, 193];
const order = sampleOrder;
const EXEC = SAMPLE_EXECUTION;
/** Where @stoqey/ib reads openOrder and completedOrder as IB does (field-table.test.ts finds the others). */
const OPEN_ORDER_RIGHT = (sv: number): boolean => sv < 103 || sv >= 145;
const COMPLETED_ORDER_RIGHT = (sv: number): boolean => sv >= MIN_IB_SERVER_VERSION;

function decodeClean(fields: Field[], sv: number): Array<{ name: string; args: unknown[] }> {
  const decoded = decodeWithClient(fields, sv);
  expect(decoded.errors, `server version ${sv}`).toEqual([]);
  return decoded.events;
}

describe('simulator messages decoded by the real @stoqey/ib Decoder', () => {
  it('catches a layout off by one field either way (the check is not vacuous)', () => {
    const fields = openOrder(order(), 193);
    const extra = decodeWithClient([...fields, ''], 193);
    expect(extra.errors.map((e) => e.code)).toEqual([505]);
    expect(extra.errors[0]!.message).toMatch(/unprocessed data/);
    const short = decodeWithClient(fields.slice(0, -1), 193);
    expect(short.errors.map((e) => e.code)).toEqual([505]);
    expect(short.errors[0]!.message).toMatch(/Underrun/);
  });

  it('decodes the short messages at every server version', () => {
    for (const sv of VERSIONS) {
      expect(decodeClean(nextValidId(5), sv)).toEqual([{ name: 'nextValidId', args: [5] }]);
      expect(decodeClean(managedAccounts(['DU1', 'DU2']), sv)).toEqual([{ name: 'managedAccounts', args: ['DU1,DU2'] }]);
      expect(decodeClean(currentTime(1_700_000_000.7), sv)).toEqual([{ name: 'currentTime', args: [1_700_000_000] }]);
      expect(decodeClean(openOrderEnd(), sv)).toEqual([{ name: 'openOrderEnd', args: [] }]);
      expect(decodeClean(execDetailsEnd(8), sv)).toEqual([{ name: 'execDetailsEnd', args: [8] }]);
      expect(decodeClean(contractDetailsEnd(8), sv)).toEqual([{ name: 'contractDetailsEnd', args: [8] }]);
    }
  });

  it('routes errors by id (info for -1) and carries advancedOrderRejectJson from 166', () => {
    for (const sv of VERSIONS) {
      const json = '{"rejectReason":"price cap","code":"X"}';
      const rejected = decodeWithClient(errorMessage(17, 201, 'Order rejected - reason:too far', sv, json), sv);
      expect(rejected.errors).toHaveLength(1);
      expect(rejected.errors[0]).toMatchObject({ message: 'Order rejected - reason:too far', code: 201, reqId: 17 });
      expect(rejected.errors[0]!.advanced).toEqual(sv >= 166 ? JSON.parse(json) : undefined);
      const notice = decodeWithClient(errorMessage(-1, 2104, 'Market data farm connection is OK:usfarm', sv), sv);
      expect(notice.errors).toEqual([]);
      expect(notice.infos).toEqual([{ message: 'Market data farm connection is OK:usfarm', code: 2104 }]);
    }
  });

  it('escapes non-ASCII text from 153 so the client decodes it back', () => {
    const decoded = decodeWithClient(errorMessage(3, 201, 'Kurs für €', 193), 193);
    expect(decoded.errors[0]!.message).toBe('Kurs für €');
  });

  it('decodes orderStatus, and openOrder where the client reads it as IB does (below 103, from 145), with the order fields intact', () => {
    for (const sv of VERSIONS) {
      const [status] = decodeClean(orderStatus(order(), sv), sv);
      expect(status!.args.slice(0, 9)).toEqual([17, 'Submitted', 100, 200, 580.12, 1_000_123, 0, 580.12, 4]);
      if (!OPEN_ORDER_RIGHT(sv)) continue;
      const [open] = decodeClean(openOrder(order(), sv), sv);
      const [orderId, contract, o, state] = open!.args as [number, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
      expect(orderId).toBe(17);
      expect(contract).toMatchObject({ conId: GOOG.conId, symbol: 'GOOG', secType: 'STK', exchange: 'SMART', currency: 'USD' });
      expect(o).toMatchObject({ action: 'BUY', totalQuantity: 300, orderType: 'LMT', lmtPrice: 580.12, tif: 'DAY', account: 'DU1234567', orderRef: 'floor:abc-1', clientId: 4, permId: 1_000_123 });
      expect(state).toMatchObject({ status: 'Submitted' });
      const [market] = decodeClean(openOrder(order({ orderType: 'MKT', lmtPrice: undefined, status: 'Filled' }), sv), sv);
      expect((market!.args[2] as Record<string, unknown>).lmtPrice).toBeUndefined();
    }
  });

  it('decodes execDetails and commissionReport', () => {
    for (const sv of VERSIONS) {
      const [exec] = decodeClean(execDetails(-1, EXEC, sv), sv);
      const [reqId, contract, e] = exec!.args as [number, Record<string, unknown>, Record<string, unknown>];
      expect(reqId).toBe(-1);
      expect(contract).toMatchObject({ conId: GOOG.conId, symbol: 'GOOG' });
      expect(e).toMatchObject({ orderId: 17, execId: EXEC.execId, side: 'BOT', shares: 100, price: 580.12, permId: 1_000_123, clientId: 4, cumQty: 100, avgPrice: 580.12, orderRef: 'floor:abc-1' });
      if (sv >= 136) expect(e.lastLiquidity).toBe(2);
      const [commission] = decodeClean(commissionReport(EXEC), sv);
      expect(commission!.args[0]).toMatchObject({ execId: EXEC.execId, commission: 1, currency: 'USD', realizedPNL: undefined });
    }
  });

  it('decodes contractDetails', () => {
    for (const sv of VERSIONS) {
      const [details] = decodeClean(contractDetails(5, GOOG, sv), sv);
      const [reqId, d] = details!.args as [number, { contract: Record<string, unknown>; minTick: number; longName: string; tradingHours: string }];
      expect(reqId).toBe(5);
      expect(d.contract).toMatchObject({ symbol: 'GOOG', secType: 'STK', conId: GOOG.conId, exchange: 'SMART', primaryExch: 'NASDAQ', currency: 'USD' });
      expect(d.minTick).toBe(0.01);
      expect(d.tradingHours).toBe('20120621:0930-20120621:1600');
    }
  });

  it('decodes ticks and depth rows', () => {
    for (const sv of VERSIONS) {
      expect(decodeClean(tickPrice(2, TICK.ASK, 580.5, 300), sv)).toEqual([
        { name: 'tickPrice', args: [2, TICK.ASK, 580.5, false] },
        { name: 'tickSize', args: [2, TICK.ASK_SIZE, 300] },
      ]);
      expect(decodeClean(tickSize(2, TICK.BID_SIZE, 200), sv)).toEqual([{ name: 'tickSize', args: [2, TICK.BID_SIZE, 200] }]);
      const [l2] = decodeClean(mktDepthL2(3, 1, 'NSDQ', 0, 1, 580.1, 100, false, sv), sv);
      expect(l2!.args.slice(0, 7)).toEqual([3, 1, 'NSDQ', 0, 1, 580.1, 100]);
      expect(decodeClean(tickSnapshotEnd(2), sv)).toEqual([{ name: 'tickSnapshotEnd', args: [2] }]);
      expect(decodeClean(mktDepth(3, 0, 2, 0, 580.2, 0), sv)).toEqual([{ name: 'updateMktDepth', args: [3, 0, 2, 0, 580.2, 0] }]);
    }
  });

  it('decodes positions, account summary and account updates', () => {
    for (const sv of VERSIONS) {
      const [pos] = decodeClean(position('DU1', GOOG, -40, 580.5), sv);
      expect(pos!.name).toBe('position');
      expect(pos!.args[0]).toBe('DU1');
      expect(pos!.args[1]).toMatchObject({ conId: GOOG.conId, symbol: 'GOOG', secType: 'STK' });
      expect(pos!.args.slice(2)).toEqual([-40, 580.5]);
      expect(decodeClean(positionEnd(), sv)).toEqual([{ name: 'positionEnd', args: [] }]);
      expect(decodeClean(accountSummary(9, 'DU1', 'NetLiquidation', '1000000.00', 'USD'), sv)).toEqual([
        { name: 'accountSummary', args: [9, 'DU1', 'NetLiquidation', '1000000.00', 'USD'] },
      ]);
      expect(decodeClean(accountSummaryEnd(9), sv)).toEqual([{ name: 'accountSummaryEnd', args: [9] }]);
      expect(decodeClean(accountValue('TotalCashValue', '5.00', 'USD', 'DU1'), sv)).toEqual([{ name: 'updateAccountValue', args: ['TotalCashValue', '5.00', 'USD', 'DU1'] }]);
      const [portfolio] = decodeClean(portfolioValue(GOOG, 40, 581, 23_240, 580.5, 20, -3, 'DU1'), sv);
      expect(portfolio!.args.slice(1)).toEqual([40, 581, 23_240, 580.5, 20, -3, 'DU1']);
      expect(decodeClean(accountTime('13:45'), sv)).toEqual([{ name: 'updateAccountTime', args: ['13:45'] }]);
      expect(decodeClean(accountDownloadEnd('DU1'), sv)).toEqual([{ name: 'accountDownloadEnd', args: ['DU1'] }]);
    }
  });

  it(`decodes completedOrder and completedOrdersEnd (server version >= ${MIN_IB_SERVER_VERSION}, where the client reads it right)`, () => {
    for (const sv of VERSIONS.filter(COMPLETED_ORDER_RIGHT)) {
      const done = order({ status: 'Filled', filled: 300, filledNotionalMicros: 300 * 580_120_000, completedAtMs: Date.UTC(2012, 5, 21, 13, 40, 0) });
      const [completed] = decodeClean(completedOrder(done, sv), sv);
      const [contract, o, state] = completed!.args as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
      expect(contract).toMatchObject({ conId: GOOG.conId, symbol: 'GOOG' });
      expect(o).toMatchObject({ action: 'BUY', totalQuantity: 300, lmtPrice: 580.12, permId: 1_000_123, orderRef: 'floor:abc-1', filledQuantity: 300 });
      expect(state).toMatchObject({ status: 'Filled', completedStatus: 'Filled', completedTime: '20120621 09:40:00 US/Eastern' });
      expect(decodeClean(completedOrdersEnd(), sv)).toEqual([{ name: 'completedOrdersEnd', args: [] }]);
    }
  });
});
