import { afterEach, describe, expect, it } from 'vitest';
import { EventName, OrderAction, OrderType, SecType, type Contract, type Order } from '@stoqey/ib';
import { microsToDollars } from '../../../src/shared';
import { startStand, type SimStand } from './fixture';

/**
 * Positions and account data after fills against the replayed GOOG book, through the real
 * @stoqey/ib client: reqPositions (and its updates), commissionReport realized P&L on a closing
 * fill, reqAccountSummary, reqAccountUpdates.
 */
const GOOG: Contract = { symbol: 'GOOG', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const take = (action: OrderAction, price: number, qty: number): Order => ({ action, orderType: OrderType.LMT, lmtPrice: price, totalQuantity: qty, tif: 'IOC', transmit: true });

describe('gateway simulator positions and account', () => {
  let stand: SimStand | undefined;
  afterEach(async () => {
    await stand?.close();
    stand = undefined;
  });

  it('reports the position after fills, realized P&L on the closing fill, and the account', async () => {
    stand = await startStand({ firstOrderId: 1 });
    await stand.advance(5);
    const client = stand.connect(5);
    await client.next(EventName.nextValidId);
    client.api.reqPositions();
    await client.next(EventName.positionEnd);
    expect(client.all(EventName.position)).toEqual([]);

    const ask = stand.feed.book.bestAsk()!;
    const qty = Math.min(ask.size, 100);
    client.api.placeOrder(1, GOOG, take(OrderAction.BUY, microsToDollars(ask.price), qty));
    await client.next(EventName.orderStatus, ([id, s]) => id === 1 && s === 'Filled');
    const [account, contract, pos, avgCost] = (await client.next(EventName.position)) as [string, Contract, number, number];
    const [opening] = client.all(EventName.commissionReport)[0] as [{ commission: number; realizedPNL?: number }];
    expect([account, contract.symbol, pos]).toEqual(['DU1234567', 'GOOG', qty]);
    expect(avgCost).toBeCloseTo(microsToDollars(ask.price) + opening.commission / qty, 6);
    expect(opening.realizedPNL).toBeUndefined();

    const bid = stand.feed.book.bestBid()!;
    const sell = Math.min(bid.size, qty);
    client.api.placeOrder(2, GOOG, take(OrderAction.SELL, microsToDollars(bid.price), sell));
    await client.next(EventName.orderStatus, ([id, s]) => id === 2 && s === 'Filled');
    await client.next(EventName.commissionReport, () => client.all(EventName.commissionReport).length >= 2);
    const [closing] = client.all(EventName.commissionReport)[1] as [{ commission: number; realizedPNL: number }];
    // Sold below what was paid (the spread) and paid two commissions: a loss.
    const expected = sell * (microsToDollars(bid.price) - avgCost) - closing.commission;
    expect(closing.realizedPNL).toBeCloseTo(expected, 4);
    await client.next(EventName.position, ([, , p]) => p === qty - sell);

    client.api.reqAccountSummary(9001, 'All', 'NetLiquidation,TotalCashValue,RealizedPnL,AccountType');
    await client.next(EventName.accountSummaryEnd);
    const summary = Object.fromEntries(client.all(EventName.accountSummary).map(([, , tag, value]) => [tag, value]));
    expect(summary.AccountType).toBe('INDIVIDUAL');
    expect(Number(summary.RealizedPnL)).toBeCloseTo(closing.realizedPNL, 2);
    expect(Number(summary.TotalCashValue)).toBeLessThan(1_000_000);

    client.api.reqAccountUpdates(true, 'DU1234567');
    await client.next(EventName.accountDownloadEnd);
    const values = Object.fromEntries(client.all(EventName.updateAccountValue).map(([key, value]) => [key, value]));
    expect(Number(values.TotalCashValue)).toBeCloseTo(Number(summary.TotalCashValue), 2);
    if (qty - sell !== 0) {
      const [portfolioContract, portfolioPos] = client.all(EventName.updatePortfolio)[0] as [Contract, number];
      expect([portfolioContract.symbol, portfolioPos]).toEqual(['GOOG', qty - sell]);
    }
    expect(client.decodeErrors()).toEqual([]);
  });

  it('answers reqPositionsMulti, reqAccountUpdatesMulti, reqPnL and reqPnLSingle from the simulated account, and streams them after a fill', async () => {
    stand = await startStand({ firstOrderId: 1 });
    await stand.advance(5);
    const client = stand.connect(6);
    await client.next(EventName.nextValidId);
    const broker = stand.sim.broker;
    client.api.reqPositionsMulti(21, 'DU1234567', '');
    client.api.reqAccountUpdatesMulti(22, 'DU1234567', '', false);
    client.api.reqPnL(23, 'DU1234567', '');
    await client.next(EventName.positionMultiEnd);
    await client.next(EventName.accountUpdateMultiEnd);
    await client.next(EventName.pnl);
    expect(client.all(EventName.positionMulti)).toEqual([]);
    const flat = Object.fromEntries(client.all(EventName.accountUpdateMulti).map(([, , , key, value]) => [key, Number(value)]));
    expect(flat.NetLiquidation).toBeCloseTo(broker.accountValues('DU1234567').netLiquidation, 2);

    const ask = stand.feed.book.bestAsk()!;
    const qty = Math.min(ask.size, 100);
    client.api.placeOrder(1, GOOG, take(OrderAction.BUY, microsToDollars(ask.price), qty));
    await client.next(EventName.orderStatus, ([id, s]) => id === 1 && s === 'Filled');
    const [reqId, account, , contract, pos, avgCost] = (await client.next(EventName.positionMulti)) as [number, string, string, Contract, number, number];
    const v = broker.accountValues('DU1234567');
    expect([reqId, account, contract.symbol, pos]).toEqual([21, 'DU1234567', 'GOOG', qty]);
    expect(avgCost).toBeCloseTo(v.avgCost, 6);
    await client.next(EventName.pnl, () => client.all(EventName.pnl).length >= 2);
    const [, daily, unrealized, realized] = client.all(EventName.pnl).at(-1) as [number, number, number, number];
    expect([unrealized, realized]).toEqual([v.unrealizedPnl, v.realizedPnl]);
    expect(daily).toBeCloseTo(v.unrealizedPnl + v.realizedPnl, 6);

    client.api.reqPnLSingle(24, 'DU1234567', '', broker.contract.conId);
    const [, single, , , , value] = (await client.next(EventName.pnlSingle)) as [number, number, number, number, number, number];
    expect([single, value]).toEqual([qty, v.marketValue]);
    client.api.reqPnL(25, 'U999', '');
    const [message, code] = (await client.next(EventName.error, ([, , id]) => id === 25)) as [string, number];
    expect(code).toBe(321);
    expect(message).toMatch(/U999.*not managed/);
    expect(client.decodeErrors()).toEqual([]);
  });

  it('sends tickReqParams and marketDataType on reqMktData, answers reqMarketDataType and finds the stock by reqMatchingSymbols', async () => {
    stand = await startStand();
    await stand.advance(5);
    const client = stand.connect(7);
    await client.next(EventName.nextValidId);
    client.api.reqMktData(31, GOOG, '', false, false);
    const [tickerId, , bboExchange, permissions] = (await client.next(EventName.tickReqParams)) as [number, number, string, number];
    expect([tickerId, bboExchange, permissions]).toEqual([31, '9c0001', 3]);
    expect(await client.next(EventName.marketDataType)).toEqual([31, 1]);
    const names = client.events.map((e) => e.name);
    expect(names.indexOf(EventName.tickReqParams)).toBeLessThan(names.indexOf(EventName.tickPrice));
    client.api.reqMarketDataType(3);
    await client.next(EventName.marketDataType, () => client.all(EventName.marketDataType).length >= 2);
    expect(client.all(EventName.marketDataType)[1]).toEqual([31, 1]); // live data is there, so IB sends it whatever type was asked
    client.api.reqMatchingSymbols(32, 'goo');
    const [, descriptions] = (await client.next(EventName.symbolSamples)) as [number, Array<{ contract: Contract }>];
    expect(descriptions.map((d) => [d.contract.symbol, d.contract.conId])).toEqual([['GOOG', stand.sim.broker.contract.conId]]);
  });
});
