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
});
