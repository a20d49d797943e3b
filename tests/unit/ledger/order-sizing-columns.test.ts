import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger, LedgerRowError } from '../../../src/main/ledger';
import type { Order } from '../../../src/main/../shared';
import { orderFixture } from '../../support/order-fixtures';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

/** The orders table's sizing, signal and staged-expiry columns (schema version 2) through OrderRepository. */

let ledger: Ledger;
beforeEach(() => {
  ledger = Ledger.open(':memory:');
});
afterEach(() => ledger.close());

function record(overrides: Partial<Order>): Order {
  return { ...orderFixture(), venue: null, statusBeforePending: null, fillNotional: 0, ...overrides };
}

describe('OrderRepository: sizing, signal and expiry', () => {
  it('stores and reads back the sizing method, the signal and the expiry exactly', () => {
    const staged = record({
      clientOrderId: 'F-1',
      status: 'STAGED',
      sizing: 'KELLY',
      signal: { signalId: 'alpha-7', entry: 585_330_000, stop: 580_000_000, winProbability: 0.55, payoffRatio: 1.8, score: 4.5 },
      expiresAt: 1_700_000_300_000_000,
    });
    ledger.orders.insert(staged);
    expect(ledger.orders.get('F-1')).toEqual(staged);
  });

  it('reports a stored signal that is not a valid signal, naming the order and the field', () => {
    ledger.orders.insert(record({ clientOrderId: 'F-2', status: 'SUBMITTED' }));
    rawDatabase(ledger).prepare(`UPDATE orders SET signal = '{"winProbability": 2}' WHERE client_order_id = 'F-2'`).run();
    expect(() => ledger.orders.get('F-2')).toThrow(LedgerRowError);
    expect(() => ledger.orders.get('F-2')).toThrow(/F-2.*signal\.winProbability/);
  });

  it('lists the signal ids risk let through with the first order that used each, not those denied outright', () => {
    ledger.orders.insert(record({ clientOrderId: 'F-1', status: 'FILLED', filledQty: 100, fillNotional: 58_533_000_000, avgFillPrice: 585_330_000, signal: { signalId: 'a' } }));
    ledger.orders.insert(record({ clientOrderId: 'F-2', status: 'DENIED', signal: { signalId: 'a' } }));
    ledger.orders.insert(record({ clientOrderId: 'F-3', status: 'DENIED', signal: { signalId: 'denied-at-once' } }));
    ledger.orders.insert(record({ clientOrderId: 'F-4', status: 'DENIED', expiresAt: 5, signal: { signalId: 'denied-on-approval' } }));
    ledger.orders.insert(record({ clientOrderId: 'F-5', status: 'STAGED', expiresAt: 9, signal: { signalId: 'waiting', score: 1 } }));
    ledger.orders.insert(record({ clientOrderId: 'F-6', status: 'SUBMITTED', signal: { score: 2 } }));
    expect(ledger.orders.knownSignals()).toEqual([
      { signalId: 'a', clientOrderId: 'F-1' },
      { signalId: 'denied-on-approval', clientOrderId: 'F-4' },
      { signalId: 'waiting', clientOrderId: 'F-5' },
    ]);
  });
});
