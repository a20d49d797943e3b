import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyOrderEvent, initializeOrder } from '../../src/main/execution';
import { Ledger } from '../../src/main/ledger';
import type { Order, OrderInitialized } from '../../src/shared';
import { engineOn, limitTicket } from '../unit/execution/helpers/engine-fixture';

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempLedgerFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-restart-'));
  tempDirs.push(dir);
  return path.join(dir, 'floor.sqlite');
}

describe('restart', () => {
  it('restores every order, fill, position, the account and the trading state exactly', () => {
    const file = tempLedgerFile();
    let ledger = Ledger.open(file);
    let f = engineOn(ledger);
    f.venue.autoAccept = true;

    const filled = f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET').clientOrderId;
    f.venue.fill(filled, 60, 585_330_000, 300_000);
    f.venue.fill(filled, 40, 585_320_000, 200_000);
    const shortFlip = f.engine.submit(limitTicket('SELL', 150, 585_500_000), 'HOTKEY').clientOrderId;
    f.venue.fill(shortFlip, 150, 585_500_000, 750_000);
    const partly = f.engine.submit(limitTicket('BUY', 30, 585_000_000), 'API').clientOrderId;
    f.venue.fill(partly, 10, 585_000_000, 50_000);
    const pendingCancel = f.engine.submit(limitTicket('BUY', 5, 584_000_000), 'TICKET').clientOrderId;
    f.engine.cancel(pendingCancel);
    const canceled = f.engine.submit(limitTicket('SELL', 5, 590_000_000), 'TICKET').clientOrderId;
    f.engine.cancel(canceled);
    f.venue.canceled(canceled);
    f.engine.submit({ ...limitTicket('BUY', 1, 1_000_000), instrumentId: 'MSFT' }, 'TICKET');
    f.engine.risk.setTradingState('REDUCING', 'MANUAL');
    f.engine.portfolio.setMark('GOOG', 585_400_000);

    const before = {
      orders: f.engine.orders.list(),
      fills: f.engine.orders.fills(),
      positions: f.engine.portfolio.positions(),
      account: f.engine.portfolio.account(),
      open: f.engine.orders.open(),
      state: f.engine.risk.tradingState(),
    };
    f.engine.dispose();
    ledger.close();

    ledger = Ledger.open(file);
    f = engineOn(ledger);
    // Marks are live market data, not ledger state: the first book update after a restart sets them.
    f.engine.portfolio.setMark('GOOG', 585_400_000);

    expect(f.engine.orders.list()).toEqual(before.orders);
    expect(f.engine.orders.fills()).toEqual(before.fills);
    expect(f.engine.portfolio.positions()).toEqual(before.positions);
    expect(f.engine.portfolio.account()).toEqual(before.account);
    expect(f.engine.risk.tradingState()).toBe('REDUCING');
    expect(f.engine.orders.open()).toEqual(before.open);
    expect(before.open.map((o) => [o.clientOrderId, o.status])).toEqual([
      [partly, 'PARTIALLY_FILLED'],
      [pendingCancel, 'PENDING_CANCEL'],
    ]);
    expect(before.positions).toMatchObject([{ instrumentId: 'GOOG', quantity: -40 }]);

    // The venue lost the in-flight cancel with the restart; the engine asks again.
    f.engine.restoreAtVenue();
    expect(f.venue.restored.map((o) => [o.clientOrderId, o.filledQty])).toEqual([
      [partly, 10],
      [pendingCancel, 0],
    ]);
    expect(f.venue.cancelRequests).toEqual([pendingCancel]);
    // The order that was PENDING_CANCEL before the restart continues where it left off.
    f.venue.cancelRejected(pendingCancel);
    expect(f.engine.orders.get(pendingCancel)?.status).toBe('ACCEPTED');
    // ClientOrderIds continue after a restart instead of starting over.
    const next = f.engine.submit(limitTicket('SELL', 1, 585_330_000), 'TICKET').clientOrderId;
    expect(before.orders.map((o) => o.clientOrderId)).not.toContain(next);
    expect(next).toBe(filled.replace(/-\d+$/, '-7'));
    f.engine.dispose();
    ledger.close();
  });

  it('stores each order row exactly as its journal of events folds to', () => {
    const file = tempLedgerFile();
    const ledger = Ledger.open(file);
    const f = engineOn(ledger);
    const a = f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET').clientOrderId;
    f.venue.accept(a);
    f.venue.fill(a, 33, 585_330_000, 1);
    f.engine.cancel(a);
    f.venue.fill(a, 33, 585_340_000, 2);
    f.venue.cancelRejected(a);
    f.venue.fill(a, 34, 585_350_000, 3);
    f.engine.submit(limitTicket('BUY', 1, 585_335_000), 'TICKET');
    f.engine.dispose();
    ledger.close();

    const reopened = Ledger.open(file);
    for (const stored of reopened.orders.all()) {
      const [first, ...rest] = reopened.events.forOrder(stored.clientOrderId).map((e) => e.event);
      const folded = rest.reduce<Order>((state, event) => applyOrderEvent(state, event), initializeOrder(first as OrderInitialized));
      expect(folded).toEqual(stored);
    }
    expect(reopened.orders.get(a)).toMatchObject({ status: 'FILLED', filledQty: 100, commission: 6 });
    reopened.close();
  });
});
