import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../src/main/ledger';
import { insertFault } from '../../support/ledger-faults';
import { engineOn, limitTicket, type EngineFixture } from './helpers/engine-fixture';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

// Defect 2 of the order-core issue: the RiskEngine remembered an allowed signal id before the
// ledger transaction committed, so when that transaction failed, a retry of the same signal was
// DENIED as DUPLICATE_SIGNAL although nothing had been recorded. Risk state changes only after commit.

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

const signalTicket = () => ({ ...limitTicket('BUY', 10, 585_330_000), signal: { signalId: 'breakout-2026-12-08-001' } });

describe('risk state after a failed ledger write', () => {
  it('lets a signal be retried when the transaction that would have recorded it failed', () => {
    const fault = insertFault(rawDatabase(ledger), 'order_events');
    fault.arm();
    expect(() => f.engine.submit(signalTicket(), 'API')).toThrow(/disk I\/O error \(injected\)/);
    expect(f.engine.orders.list()).toEqual([]);
    fault.disarm();
    const retry = f.engine.submit(signalTicket(), 'API');
    expect(retry.status).toBe('SUBMITTED');
    expect(f.venue.submitted.map((o) => o.clientOrderId)).toEqual([retry.clientOrderId]);
  });

  it('still refuses the same signal once it was recorded', () => {
    f.engine.submit(signalTicket(), 'API');
    const second = f.engine.submit(signalTicket(), 'API');
    expect(second).toMatchObject({ status: 'DENIED', reason: { code: 'DUPLICATE_SIGNAL' } });
  });

  it('does not count an order the ledger failed to record against the order rate', () => {
    f.profile.set({ ...f.profile.get(), maxOrdersPerSecond: 1 });
    const fault = insertFault(rawDatabase(ledger), 'order_events');
    fault.arm();
    expect(() => f.engine.submit(limitTicket('BUY', 1, 585_330_000), 'TICKET')).toThrow(/injected/);
    fault.disarm();
    expect(f.engine.submit(limitTicket('BUY', 1, 585_330_000), 'TICKET').status).toBe('SUBMITTED');
  });
});
