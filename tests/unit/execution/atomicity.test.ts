import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../src/main/ledger';
import { engineOn, limitTicket, type EngineFixture } from './helpers/engine-fixture';

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
    const memoryBefore = { order: f.engine.order(clientOrderId), account: f.engine.account(), fills: f.engine.listFills() };

    const upsert = ledger.positions.upsert.bind(ledger.positions);
    ledger.positions.upsert = () => {
      throw new Error('disk full');
    };
    const announced: unknown[] = [];
    f.engine.onDidChangeOrder((o) => announced.push(o));
    f.engine.onDidFill((x) => announced.push(x));
    f.venue.fill(clientOrderId, 40, 585_330_000, 100_000, 'T-1');

    expect(snapshot()).toEqual(before);
    expect(f.engine.order(clientOrderId)).toEqual(memoryBefore.order);
    expect(f.engine.account()).toEqual(memoryBefore.account);
    expect(f.engine.listFills()).toEqual(memoryBefore.fills);
    expect(announced).toEqual([]);
    expect(f.errors[0]).toMatch(/could not apply filled .* disk full/);

    // The execution was not booked, so the venue's retransmission of it is accepted.
    ledger.positions.upsert = upsert;
    f.venue.fill(clientOrderId, 40, 585_330_000, 100_000, 'T-1');
    expect(f.engine.order(clientOrderId)).toMatchObject({ status: 'PARTIALLY_FILLED', filledQty: 40 });
    expect(ledger.fills.all()).toHaveLength(1);
    expect(ledger.positions.get('GOOG')?.quantity).toBe(40);
  });

  it('a failure during submission leaves no order and no event behind', () => {
    f.engine.dispose();
    f = engineOn(ledger, {
      preTradeChecks: [
        {
          name: 'broken',
          check: () => {
            throw new Error('risk service crashed');
          },
        },
      ],
    });
    expect(() => f.engine.submit(limitTicket('BUY', 100, 585_330_000), 'TICKET')).toThrow('risk service crashed');
    expect(ledger.orders.all()).toEqual([]);
    expect(ledger.events.after(0, 10)).toEqual([]);
    expect(f.engine.listOrders()).toEqual([]);
    expect(f.venue.submitted).toEqual([]);
  });
});
