import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionState, IBApiNext, OrderAction, OrderStatus, OrderType, SecType, type Contract } from '@stoqey/ib';
import { firstValueFrom, filter } from 'rxjs';
import { microsToDollars } from '../../../src/shared';
import { startStand, type SimStand } from './fixture';

/**
 * @stoqey/ib's higher-level IBApiNext against the simulator: it keys open orders by permId and
 * drops orderStatus for unknown permIds, so this checks that the simulator's message order
 * (openOrder before orderStatus, unique non-zero permId) gives it a usable order book.
 */
const GOOG: Contract = { symbol: 'GOOG', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

describe('IBApiNext against the gateway simulator', () => {
  let stand: SimStand | undefined;
  let api: IBApiNext | undefined;
  afterEach(async () => {
    api?.disconnect();
    api = undefined;
    await stand?.close();
    stand = undefined;
  });

  it('connects, resolves contract details, and sees a placed order with its status and permId', async () => {
    stand = await startStand({ firstOrderId: 1000 });
    await stand.advance(5);
    api = new IBApiNext({ host: '127.0.0.1', port: stand.sim.port });
    const connected = firstValueFrom(api.connectionState.pipe(filter((s) => s === ConnectionState.Connected)));
    api.connect(21);
    await connected;

    const details = await api.getContractDetails(GOOG);
    expect(details.map((d) => d.contract.symbol)).toEqual(['GOOG']);

    const bid = microsToDollars(stand.feed.book.bestBid()!.price);
    const price = Math.round((bid - 3) * 100) / 100;
    const orderId = await api.placeNewOrder(GOOG, { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: price, totalQuantity: 50, tif: 'GTC', transmit: true, orderRef: 'floor:next-1' });
    expect(orderId).toBe(1000);

    // reqAllOpenOrders goes out after placeOrder on the same socket, so its answer includes the order.
    const open = await api.getAllOpenOrders();
    expect(open).toHaveLength(1);
    expect(open[0]!).toMatchObject({ orderId: 1000, order: { orderRef: 'floor:next-1', lmtPrice: price }, orderState: { status: OrderStatus.Submitted } });
    expect(open[0]!.order.permId).toBeGreaterThan(0);
    expect(open[0]!.orderStatus).toMatchObject({ status: OrderStatus.Submitted, filled: 0, remaining: 50 });
  });
});
