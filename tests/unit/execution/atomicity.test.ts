import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../src/main/ledger';
import { insertFault } from '../../support/ledger-faults';
import { engineOn, limitTicket, type EngineFixture } from './helpers/engine-fixture';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

let ledger: Ledger;
let f: EngineFixture;

beforeEach(() => {
  ledger = Ledger.open(':memory:');
  f = engineOn(ledger);
});
afterEach(() => {
  f.engine.dispose();
  ledger.close();
});

function snapshot() {
  return {
    orders: ledger.orders.all(),
    events: ledger.events.after(0, 1_000).length,
    fills: ledger.fills.all(),
    positions: ledger.positions.all(),
    account: ledger.account.get(),
  };
}

describe('ExecutionEngine atomicity', () => {
  it('a failure while writing a fill leaves neither the event, the fill, the order change, the position nor the cash', () => {
    const { clientOrderId } = f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET');
    f.venue.accept(clientOrderId);
    const before = snapshot();
    const memoryBefore = { order: f.engine.orders.get(clientOrderId), account: f.engine.portfolio.account(), fills: f.engine.orders.fills() };

    const upsert = ledger.positions.upsert.bind(ledger.positions);
    ledger.positions.upsert = () => {
      throw new Error('disk full');
    };
    const announced: unknown[] = [];
    f.engine.orders.onDidChange((o) => announced.push(o));
    f.engine.orders.onDidFill((x) => announced.push(x));
    f.venue.fill(clientOrderId, 40, 585_330_000, 100_000, 'T-1');

    expect(snapshot()).toEqual(before);
    expect(f.engine.orders.get(clientOrderId)).toEqual(memoryBefore.order);
    expect(f.engine.portfolio.account()).toEqual(memoryBefore.account);
    expect(f.engine.orders.fills()).toEqual(memoryBefore.fills);
    expect(announced).toEqual([]);
    expect(f.errors[0]).toMatch(/the ledger could not book fill T-1 of order .* \(40 shares\): disk full/);

    // The execution is kept, not lost: a retransmission of it is the same fill, and once the ledger
    // takes writes again it is booked exactly once.
    f.venue.fill(clientOrderId, 40, 585_330_000, 100_000, 'T-1');
    expect(f.engine.intake.unbooked()).toHaveLength(1);
    ledger.positions.upsert = upsert;
    expect(f.engine.intake.retry()).toBe(0);
    expect(f.engine.orders.get(clientOrderId)).toMatchObject({ status: 'PARTIALLY_FILLED', filledQty: 40 });
    expect(ledger.fills.all()).toHaveLength(1);
    expect(ledger.positions.get('GOOG')?.quantity).toBe(40);
  });

  it('a failure during submission leaves no order and no event behind', () => {
    insertFault(rawDatabase(ledger), 'order_events', 'the disk is full (injected)').arm();
    expect(() => f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET')).toThrow('the disk is full (injected)');
    expect(ledger.orders.all()).toEqual([]);
    expect(ledger.events.after(0, 10)).toEqual([]);
    expect(f.engine.orders.list()).toEqual([]);
    expect(f.venue.submitted).toEqual([]);
  });
});
