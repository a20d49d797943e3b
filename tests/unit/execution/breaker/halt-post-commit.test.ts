import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HaltController } from '../../../../src/main/execution/breaker';
import { Ledger } from '../../../../src/main/ledger';
import { engineOn, limitTicket, type EngineFixture } from '../helpers/engine-fixture';
import { rawDatabase } from '../../../../src/main/ledger/raw-database';

// Defect 3 of the order-core issue: the halt notified listeners (the UI, the bus) of each cancel
// inside its batch transaction, before the batch committed; a crash in between showed the trader a
// state the ledger never had. Listeners hear of a change only after its commit.

let ledger: Ledger;
let f: EngineFixture;
/** What listeners heard: the order's status, whether a transaction was open then, and the ledger's row status at that moment. */
let heard: { clientOrderId: string; status: string; inTransaction: boolean; ledgerStatus: string | undefined }[];

beforeEach(() => {
  ledger = Ledger.open(':memory:');
  f = engineOn(ledger);
  for (let i = 0; i < 3; i += 1) {
    const order = f.engine.submit(limitTicket('BUY', 10, 580_000_000 + i * 10_000), 'TICKET');
    f.venue.accept(order.clientOrderId);
  }
  // The venue answers a cancel-all synchronously, one `canceled` per working order, as the paper venue does.
  f.venue.cancelAll = () => {
    for (const order of f.engine.orders.open()) f.venue.canceled(order.clientOrderId);
  };
  heard = [];
  f.engine.orders.onDidChange((order) =>
    heard.push({ clientOrderId: order.clientOrderId, status: order.status, inTransaction: rawDatabase(ledger).inTransaction, ledgerStatus: ledger.orders.get(order.clientOrderId)?.status }),
  );
});
afterEach(() => {
  f.engine.dispose();
  ledger.close();
});

const trigger = () => ({ cause: 'KILL_SWITCH' as const, instrumentId: null, tsEvent: 1, receivedAt: performance.now() });

describe('a halt tells listeners only what the ledger committed', () => {
  it('announces each cancel after the halt batch commits, when the ledger already shows it', () => {
    const halt = new HaltController({ engine: f.engine, venue: f.venue, batch: (work) => ledger.transaction(work) });
    const report = halt.haltAndCancelAll(trigger());
    expect(report.canceled).toBe(3);
    expect(heard.map((h) => h.status)).toEqual(['CANCELED', 'CANCELED', 'CANCELED']);
    for (const h of heard) expect(h).toMatchObject({ inTransaction: false, ledgerStatus: 'CANCELED' });
  });

  it('announces nothing when the batch never commits (a crash before the commit), and memory agrees with the ledger', () => {
    const halt = new HaltController({
      engine: f.engine,
      venue: f.venue,
      batch: (work) =>
        ledger.transaction(() => {
          work();
          throw new Error('the process died before the commit (injected)');
        }),
    });
    halt.haltAndCancelAll(trigger());
    expect(heard).toEqual([]);
    for (const order of f.engine.orders.list()) expect(order.status).toBe(ledger.orders.get(order.clientOrderId)?.status);
  });
});
