import { afterEach, describe, expect, it } from 'vitest';
import { OrderAction, OrderType, SecType, type Contract, type Order, type TimeInForce } from '@stoqey/ib';
import { microsToDollars, type OrderSide } from '../../../src/shared';
import { OrderBook } from '../../../src/main/marketdata';
import { DepthRows, levelChangeEvent } from '../../../src/main/venues/ib/depth-rows';
import { startStand, type SimStand } from './fixture';
import { TableClient } from './table-client';

/**
 * The simulator at the server versions third-party clients were tried at, read by a client that
 * decodes every frame with the field table (IB's own decoder's gating): connect, orders, fills, a
 * gateway restart and the reconciliation a careful client does after it (open orders, completed
 * orders from 150 where they exist, executions, positions), and depth applied with IB's row
 * shifting, inserts and deletes inside the rows included. No frame may be misread.
 */
const VERSIONS = [100, 140, 160, 176, 177, 187, 193];
const GOOG: Contract = { symbol: 'GOOG', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const SIDES: readonly OrderSide[] = ['BUY', 'SELL'];
const round2 = (x: number): number => Math.round(x * 100) / 100;
const limit = (action: OrderAction, price: number, qty: number, tif: TimeInForce, orderRef: string): Order => ({ action, orderType: OrderType.LMT, lmtPrice: price, totalQuantity: qty, tif, transmit: true, orderRef });

describe('the simulator at every server version third-party clients were tried at', () => {
  let stand: SimStand | undefined;
  const clients: TableClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.end();
    await stand?.close();
    stand = undefined;
  });

  for (const sv of VERSIONS) {
    it(`at ${sv}: orders, fills, a restart with reconciliation, and depth with inserts and deletes, every frame read whole by IB's gating`, async () => {
      stand = await startStand({ serverVersion: sv, firstOrderId: 100 });
      await stand.advance(5);
      const c = await TableClient.connect(stand.sim.port, 11);
      clients.push(c);
      expect(c.serverVersion).toBe(sv);

      // Depth: the client's rows, shifted as IB means them, equal the replayed book as it moves.
      const rows = new DepthRows(10);
      const book = new OrderBook('GOOG');
      let applied = 0;
      const inside = { inserts: 0, deletes: 0 };
      const catchUp = async (): Promise<void> => {
        await c.sync();
        const depth = c.all('updateMktDepthL2');
        for (; applied < depth.length; applied++) {
          const { position, operation, side, price, size } = depth[applied] as { position: number; operation: number; side: number; price: number; size: number };
          const held = rows.count(side === 1 ? 'BUY' : 'SELL');
          if (operation === 0 && position < held) inside.inserts++;
          if (operation === 2 && position < held - 1) inside.deletes++;
          expect(rows.apply(position, operation, side, price, size, (s, p, d) => book.apply(levelChangeEvent(book, s, p, d, 0)))).toBe(true);
        }
        for (const s of SIDES) expect(book.levels(s, 11)).toEqual(stand!.feed.book.levels(s, 10));
      };
      c.request((e) => e.reqMktDepth(50, GOOG, 10, false, []));
      for (let step = 0; step < 12; step++) {
        await stand.advance(7);
        await catchUp();
      }
      expect(inside.inserts).toBeGreaterThan(0);
      expect(inside.deletes).toBeGreaterThan(0);

      // Orders: a marketable buy fills, a resting bid is canceled, another stays working.
      const ask = stand.feed.book.bestAsk()!;
      const qty = Math.min(ask.size, 100);
      const bid = microsToDollars(stand.feed.book.bestBid()!.price);
      c.request((e) => e.placeOrder(100, GOOG, limit(OrderAction.BUY, microsToDollars(ask.price), qty, 'IOC', 'floor:fill')));
      await c.next('orderStatus', (v) => v.orderId === 100 && v.status === 'Filled');
      const exec = await c.next('execDetails', (v) => v.orderId === 100);
      expect(exec.values).toMatchObject({ orderRef: 'floor:fill', side: 'BOT', shares: qty, price: microsToDollars(ask.price) });
      expect(String(exec.values.time)).toMatch(/^\d{8} \d{2}:\d{2}:\d{2} US\/Eastern$/);
      c.request((e) => e.placeOrder(101, GOOG, limit(OrderAction.BUY, round2(bid - 5), 10, 'DAY', 'floor:cancel')));
      const open = await c.next('openOrder', (v) => v.orderId === 101);
      expect(open.values).toMatchObject({ orderRef: 'floor:cancel', status: 'Submitted', clientId: 11 });
      c.request((e) => e.cancelOrder(101, { manualOrderCancelTime: '' } as never));
      await c.next('orderStatus', (v) => v.orderId === 101 && v.status === 'Cancelled');
      c.request((e) => e.placeOrder(102, GOOG, limit(OrderAction.BUY, round2(bid - 6), 10, 'GTC', 'floor:rest')));
      const resting = await c.next('openOrder', (v) => v.orderId === 102);
      const permIds = Object.fromEntries(c.all('openOrder').map((v) => [v.orderRef, v.permId]));

      // A gateway restart; then what a careful client asks on reconnect.
      await stand.sim.control.restart({ nextValidId: 1 });
      const again = await TableClient.connect(stand.sim.port, 11);
      clients.push(again);
      again.request((e) => e.reqAllOpenOrders());
      await again.next('openOrderEnd');
      expect(again.all('openOrder').map((v) => [v.orderRef, v.permId, v.status])).toEqual([['floor:rest', resting.values.permId, 'Submitted']]);
      if (sv >= 150) {
        again.request((e) => e.reqCompletedOrders(false));
        await again.next('completedOrdersEnd');
        expect(again.all('completedOrder').map((v) => [v.orderRef, v.permId, v.status, v.filledQuantity])).toEqual([
          ['floor:fill', permIds['floor:fill'], 'Filled', qty],
          ['floor:cancel', permIds['floor:cancel'], 'Cancelled', 0],
        ]);
      }
      again.request((e) => e.reqExecutions(7, {}));
      await again.next('execDetailsEnd');
      expect(again.all('execDetails').map((v) => [v.orderRef, v.shares])).toEqual([['floor:fill', qty]]);
      again.request((e) => e.reqPositions());
      await again.next('positionEnd');
      expect(again.all('position').map((v) => [v['contract.symbol'], v.position])).toEqual([['GOOG', qty]]);
      expect([...c.misreads, ...again.misreads]).toEqual([]);
    });
  }
});
