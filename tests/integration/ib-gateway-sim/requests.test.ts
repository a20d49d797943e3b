import { describe, expect, it } from 'vitest';
import { OrderAction, OrderType, SecType, type Contract, type Order } from '@stoqey/ib';
import {
  parseCancelOrder,
  parsePlaceOrder,
  parseReqAccountSummary,
  parseReqAccountUpdates,
  parseReqContractDetails,
  parseReqExecutions,
  parseReqMktData,
  parseReqMktDepth,
  parseStartApi,
} from '../../ib-gateway-sim/messages/in-requests';
import { encodeWithClient } from './client-encoder';

/**
 * The simulator's request parsers against the bytes @stoqey/ib's Encoder really writes, at the
 * server versions where those layouts change (placeOrder 145; cancelOrder 169, 187..189, 192;
 * reqMktDepth 146, 149; reqContractDetails 176).
 */
const VERSIONS = [100, 144, 145, 146, 148, 149, 150, 168, 169, 176, 187, 189, 190, 191, 192, 193];
const GOOG: Contract = { conId: 0, symbol: 'GOOG', secType: SecType.STK, exchange: 'SMART', primaryExch: 'NASDAQ', currency: 'USD' };

describe('simulator request parsers on the real client encoder output', () => {
  it('parses placeOrder', () => {
    for (const sv of VERSIONS) {
      const order: Order = { action: OrderAction.SELL, orderType: OrderType.STP_LMT, lmtPrice: 579.5, auxPrice: 580, totalQuantity: 250, tif: 'GTC', transmit: true, orderRef: 'floor:x', account: 'DU7' };
      const [fields] = encodeWithClient(sv, (e) => e.placeOrder(31, { ...GOOG }, order));
      expect(parsePlaceOrder(fields!, sv), `server version ${sv}`).toEqual({
        orderId: 31,
        contract: expect.objectContaining({ symbol: 'GOOG', secType: 'STK', exchange: 'SMART', primaryExch: 'NASDAQ', currency: 'USD' }),
        action: 'SELL',
        totalQuantity: 250,
        orderType: 'STP LMT',
        lmtPrice: 579.5,
        auxPrice: 580,
        tif: 'GTC',
        account: 'DU7',
        orderRef: 'floor:x',
        transmit: true,
      });
      const [market] = encodeWithClient(sv, (e) => e.placeOrder(32, { ...GOOG }, { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 5, transmit: true }));
      expect(parsePlaceOrder(market!, sv)).toMatchObject({ orderId: 32, orderType: 'MKT', lmtPrice: undefined, auxPrice: undefined, tif: '' });
    }
  });

  it('parses cancelOrder', () => {
    for (const sv of VERSIONS) {
      const [fields] = encodeWithClient(sv, (e) => e.cancelOrder(77, {}));
      expect(parseCancelOrder(fields!, sv), `server version ${sv}`).toEqual({ orderId: 77 });
    }
  });

  it('shows that the client refuses reqMktDepth with primaryExch below server version 149', () => {
    expect(() => encodeWithClient(148, (e) => e.reqMktDepth(12, { ...GOOG }, 7, false, []))).toThrow(/primaryExch/);
  });

  it('parses reqMktDepth and reqMktData', () => {
    for (const sv of VERSIONS) {
      // Below 149 the client refuses reqMktDepth for a contract with primaryExch (error 503, nothing sent).
      const depthContract = sv >= 149 ? { ...GOOG } : { ...GOOG, primaryExch: undefined };
      const [depth] = encodeWithClient(sv, (e) => e.reqMktDepth(12, depthContract, 7, sv >= 146, []));
      expect(parseReqMktDepth(depth!, sv), `server version ${sv}`).toMatchObject({ reqId: 12, numRows: 7, isSmartDepth: sv >= 146, contract: { symbol: 'GOOG', currency: 'USD' } });
      const [data] = encodeWithClient(sv, (e) => e.reqMktData(13, { ...GOOG }, '', true, false));
      expect(parseReqMktData(data!)).toMatchObject({ reqId: 13, snapshot: true, contract: { symbol: 'GOOG', currency: 'USD' } });
    }
  });

  it('parses reqContractDetails, reqExecutions, reqAccountSummary, reqAccountUpdates and START_API', () => {
    for (const sv of VERSIONS) {
      const [details] = encodeWithClient(sv, (e) => e.reqContractDetails(14, { ...GOOG }));
      expect(parseReqContractDetails(details!)).toMatchObject({ reqId: 14, contract: { symbol: 'GOOG', secType: 'STK', currency: 'USD' } });
      const [executions] = encodeWithClient(sv, (e) => e.reqExecutions(15, { clientId: '3', acctCode: 'DU7', time: '20120621-13:31:00', symbol: 'GOOG', side: 'BUY' }));
      expect(parseReqExecutions(executions!)).toEqual({ reqId: 15, clientId: 3, acctCode: 'DU7', time: '20120621-13:31:00', symbol: 'GOOG', side: 'BUY' });
      const [summary] = encodeWithClient(sv, (e) => e.reqAccountSummary(16, 'All', 'NetLiquidation,TotalCashValue'));
      expect(parseReqAccountSummary(summary!)).toEqual({ reqId: 16, group: 'All', tags: ['NetLiquidation', 'TotalCashValue'] });
      const [updates] = encodeWithClient(sv, (e) => e.reqAccountUpdates(true, 'DU7'));
      expect(parseReqAccountUpdates(updates!)).toEqual({ subscribe: true, account: 'DU7' });
    }
    expect(parseStartApi(['71', '2', '9', ''])).toEqual({ clientId: 9, optionalCapabilities: '' });
    expect(parseStartApi(['71', '2', ''])).toEqual({ clientId: undefined, optionalCapabilities: '' });
  });
});
