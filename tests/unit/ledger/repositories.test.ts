import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger, LedgerRowError } from '../../../src/main/ledger';
import type { Order } from '../../../src/main/../shared';
import type { OrderEvent } from '../../../src/shared';
import { orderFixture } from '../../support/order-fixtures';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

let ledger: Ledger;
beforeEach(() => {
  ledger = Ledger.open(':memory:');
});
afterEach(() => ledger.close());

const order: Order = {
  ...orderFixture({ clientOrderId: 'FABCD-1', status: 'INITIALIZED', createdAt: 1_700_000_000_000_000, updatedAt: 1_700_000_000_000_000 }),
  venue: null,
  statusBeforePending: null,
  fillNotional: 0,
};

describe('OrderRepository', () => {
  it('round-trips an order with every column', () => {
    ledger.orders.insert(order);
    const filled: Order = {
      ...order,
      venueOrderId: 'P-7',
      venue: 'PAPER',
      status: 'PENDING_CANCEL',
      statusBeforePending: 'PARTIALLY_FILLED',
      filledQty: 30,
      fillNotional: 30 * 585_330_000,
      avgFillPrice: 585_330_000,
      commission: 1_000_000,
      reason: { code: 'X', message: 'why' },
      updatedAt: order.updatedAt + 5,
    };
    ledger.orders.update(filled);
    expect(ledger.orders.get(order.clientOrderId)).toEqual(filled);
    expect(ledger.orders.all()).toEqual([filled]);
    expect(ledger.orders.get('nope')).toBeUndefined();
  });

  it('lists orders in the order they were created', () => {
    for (const id of ['F-3', 'F-1', 'F-2']) ledger.orders.insert({ ...order, clientOrderId: id });
    expect(ledger.orders.all().map((o) => o.clientOrderId)).toEqual(['F-3', 'F-1', 'F-2']);
  });

  it('refuses to update an order that was never stored, naming it', () => {
    expect(() => ledger.orders.update(order)).toThrow(/table orders, row FABCD-1: cannot update/);
  });

  it('refuses an update that would change what the order was created as, leaving the row untouched', () => {
    ledger.orders.insert(order);
    const flipped: Order = { ...order, side: order.side === 'BUY' ? 'SELL' : 'BUY', status: 'SUBMITTED', venue: 'PAPER' };
    expect(() => ledger.orders.update(flipped)).toThrow(/table orders, row FABCD-1: .*change what it was created as/);
    expect(() => ledger.orders.update({ ...order, createdAt: order.createdAt + 1 })).toThrow(/change what it was created as/);
    expect(ledger.orders.get(order.clientOrderId)).toEqual(order);
  });

  it('finds the highest number used after a ClientOrderId prefix, ignoring other prefixes and non-numbers', () => {
    expect(ledger.orders.highestNumber('FABCD-')).toBe(0);
    for (const id of ['FABCD-2', 'FABCD-10', 'FABCD-9', 'FWXYZ-50', 'FABCD-x', 'fabcd-99']) ledger.orders.insert({ ...order, clientOrderId: id });
    expect(ledger.orders.highestNumber('FABCD-')).toBe(10);
    expect(ledger.orders.highestNumber('FWXYZ-')).toBe(50);
    expect(() => ledger.orders.highestNumber('F*-')).toThrow(RangeError);
  });

  it('reports a malformed row by table, id and field when reading it back', () => {
    ledger.orders.insert(order);
    // A row edited outside Floor: SQLite's CHECK only bounds the length, the reader wants a ticker.
    rawDatabase(ledger).prepare("UPDATE orders SET instrument_id = 'goog' WHERE client_order_id = 'FABCD-1'").run();
    expect(() => ledger.orders.get('FABCD-1')).toThrow(LedgerRowError);
    expect(() => ledger.orders.all()).toThrow(/ledger table orders, row FABCD-1: unexpected content \(instrument_id: instrument must be a ticker/);
  });
});

describe('OrderEventRepository', () => {
  it('appends events with increasing seq and reads them back identically', () => {
    ledger.orders.insert(order);
    const base = { clientOrderId: order.clientOrderId, tsEvent: 10, tsInit: 11 };
    const events: OrderEvent[] = [
      { ...base, eventId: 'e1', type: 'OrderInitialized', intent: { instrumentId: 'GOOG', side: 'BUY', quantity: 100, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: 585_330_000, source: 'TICKET' }, mode: 'PAPER' },
      { ...base, eventId: 'e2', type: 'OrderSubmitted', venue: 'PAPER' },
      { ...base, eventId: 'e3', type: 'OrderFilled', venueOrderId: 'P-1', tradeId: 'T-1', lastQty: 5, lastPx: 585_340_000, commission: 350_000, liquiditySide: 'TAKER' },
      { ...base, eventId: 'e4', type: 'OrderCanceled' },
    ];
    const seqs = events.map((e) => ledger.events.append(e));
    expect(seqs).toEqual([1, 2, 3, 4]);
    expect(ledger.events.forOrder(order.clientOrderId)).toEqual(events.map((event, i) => ({ seq: i + 1, event })));
    expect(ledger.events.after(2, 10).map((s) => s.event.eventId)).toEqual(['e3', 'e4']);
  });

  it('names the seq of an event whose payload does not fit its type', () => {
    ledger.orders.insert(order);
    rawDatabase(ledger)
      .prepare(
        "INSERT INTO order_events (event_id, client_order_id, type, ts_event, ts_init, payload) VALUES ('x', 'FABCD-1', 'OrderFilled', 1, 1, '{\"lastQty\":1}')",
      )
      .run();
    expect(() => ledger.events.forOrder('FABCD-1')).toThrow(/table order_events, row seq 1: payload of OrderFilled/);
  });
});

describe('FillRepository', () => {
  it('books a trade id once and lists fills oldest first', () => {
    ledger.orders.insert(order);
    const seq = ledger.events.append({
      eventId: 'e', clientOrderId: order.clientOrderId, tsEvent: 1, tsInit: 1, type: 'OrderFilled',
      venueOrderId: 'P-1', tradeId: 'T-1', lastQty: 5, lastPx: 100_000_000, commission: 0, liquiditySide: 'MAKER',
    });
    const fill = {
      tradeId: 'T-1', clientOrderId: order.clientOrderId, instrumentId: 'GOOG', side: 'BUY' as const, quantity: 5,
      price: 100_000_000, commission: 0, liquiditySide: 'MAKER' as const, tsEvent: 1,
    };
    ledger.fills.insert(fill, seq);
    expect(ledger.fills.has('T-1')).toBe(true);
    expect(ledger.fills.has('T-2')).toBe(false);
    const again = ledger.events.append({
      eventId: 'e-again', clientOrderId: order.clientOrderId, tsEvent: 2, tsInit: 2, type: 'OrderFilled',
      venueOrderId: 'P-1', tradeId: 'T-1', lastQty: 5, lastPx: 100_000_000, commission: 0, liquiditySide: 'MAKER',
    });
    expect(() => ledger.fills.insert(fill, again)).toThrow(/UNIQUE constraint failed: fills.trade_id/);
    expect(ledger.fills.all()).toEqual([{ ...fill, eventSeq: seq }]);
    expect(ledger.fills.forOrder(order.clientOrderId)).toEqual([{ ...fill, eventSeq: seq }]);
  });
});

describe('PositionRepository and AccountRepository', () => {
  it('upserts positions and reads them back', () => {
    const position = { instrumentId: 'GOOG', quantity: -10, costBasis: -5_853_300_000, realizedPnl: -1, commissions: 1, updatedAt: 5 };
    ledger.positions.upsert(position);
    ledger.positions.upsert({ ...position, quantity: -20, costBasis: -11_706_600_000 });
    expect(ledger.positions.all()).toEqual([{ ...position, quantity: -20, costBasis: -11_706_600_000 }]);
    expect(ledger.positions.get('AAPL')).toBeUndefined();
  });

  it('starts the account at $100,000 and stores cash changes', () => {
    expect(ledger.account.get()).toEqual({ startingCash: 100_000_000_000, cash: 100_000_000_000, updatedAt: 0 });
    ledger.account.setCash(99_000_000_000, 7);
    expect(ledger.account.get()).toEqual({ startingCash: 100_000_000_000, cash: 99_000_000_000, updatedAt: 7 });
    expect(() => ledger.account.setCash(1.5, 8)).toThrow(/cash must be a safe integer/);
  });
});

describe('SettingsRepository', () => {
  it('stores JSON values and validates them with the caller schema, naming the key', () => {
    const schema = z.object({ depth: z.number().int() });
    expect(ledger.settings.get('ui.ladder', schema)).toBeUndefined();
    ledger.settings.set('ui.ladder', { depth: 10 }, 1);
    expect(ledger.settings.get('ui.ladder', schema)).toEqual({ depth: 10 });
    ledger.settings.set('ui.ladder', { depth: 'ten' }, 2);
    expect(() => ledger.settings.get('ui.ladder', schema)).toThrow(/table settings, row key "ui.ladder": depth/);
    expect(() => ledger.settings.set('bad', undefined, 3)).toThrow(/JSON-serializable/);
  });
});

describe('Ledger.transaction', () => {
  it('rolls back every write when the work throws', () => {
    expect(() =>
      ledger.transaction(() => {
        ledger.orders.insert(order);
        ledger.account.setCash(1, 1);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(ledger.orders.all()).toEqual([]);
    expect(ledger.account.get().cash).toBe(100_000_000_000);
  });
});
