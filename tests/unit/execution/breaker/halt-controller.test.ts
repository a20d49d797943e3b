import { describe, expect, it } from 'vitest';
import { HaltController, type HaltableEngine } from '../../../../src/main/execution/breaker';
import type { OrderStatus, Order, TradingState } from '../../../../src/shared';
import { orderFixture } from '../../../support/order-fixtures';

/** An engine whose venue answers nothing synchronously (like IB): cancels leave orders PENDING_CANCEL. */
class AsyncVenueEngine implements HaltableEngine {
  state: TradingState = 'ACTIVE';
  readonly calls: string[] = [];
  private readonly byId = new Map<string, Order>();
  readonly orders = {
    open: (): Order[] => [...this.byId.values()].filter((o) => ['ACCEPTED', 'PARTIALLY_FILLED', 'PENDING_CANCEL'].includes(o.status)),
    get: (id: string): Order | undefined => this.byId.get(id),
  };
  readonly risk = {
    tradingState: (): TradingState => this.state,
    setTradingState: (state: TradingState): void => {
      this.calls.push(`state ${state}`);
      this.state = state;
    },
    haltInMemory: (reason: string): void => {
      this.calls.push(`halt in memory: ${reason}`);
      this.state = 'HALTED';
    },
  };
  constructor(statuses: Record<string, OrderStatus>) {
    for (const [id, status] of Object.entries(statuses)) this.byId.set(id, orderFixture({ clientOrderId: id, status }));
  }
  cancel(id: string): Order {
    this.calls.push(`cancel ${id}`);
    if (id === 'REFUSED') throw new Error('the venue connection is down');
    const order = { ...this.byId.get(id)!, status: 'PENDING_CANCEL' as const };
    this.byId.set(id, order);
    return order;
  }
}

describe('HaltController', () => {
  it('halts first, sends the venue-wide cancel-all, then a per-order cancel for every order still working', () => {
    const engine = new AsyncVenueEngine({ A: 'ACCEPTED', B: 'PARTIALLY_FILLED', C: 'PENDING_CANCEL', REFUSED: 'ACCEPTED' });
    const batches: number[] = [];
    let clock = 100;
    const halt = new HaltController({
      engine,
      venue: { cancelAll: () => engine.calls.push('cancelAll') },
      batch: (work) => {
        batches.push(1);
        return work();
      },
      stopwatch: () => (clock += 0.5),
    });
    const report = halt.haltAndCancelAll({ cause: 'KILL_SWITCH', instrumentId: null, tsEvent: 7, receivedAt: 100 });
    expect(engine.calls).toEqual(['state HALTED', 'cancelAll', 'cancel A', 'cancel B', 'cancel REFUSED']);
    expect(batches).toEqual([1]);
    expect(report).toMatchObject({ cause: 'KILL_SWITCH', tradingState: 'HALTED', openOrders: 4, canceled: 0, pending: 3 });
    expect(report.failures).toEqual([{ clientOrderId: 'REFUSED', reason: 'the venue connection is down' }]);
    // Stopwatch reads: 100.5 before cancel-all, then one per per-order cancel (101, 101.5, 102), then 102.5 at the end.
    expect(report.tickToLastCancelMicros).toBe(2_000);
    expect(report.tickToAllAnsweredMicros).toBe(2_500);
  });

  it('reports a failing cancel-all and still cancels order by order', () => {
    const engine = new AsyncVenueEngine({ A: 'ACCEPTED' });
    const halt = new HaltController({
      engine,
      venue: {
        cancelAll: () => {
          throw new Error('not supported');
        },
      },
    });
    const report = halt.haltAndCancelAll({ cause: 'BREAKER', instrumentId: 'GOOG', tsEvent: 7, receivedAt: performance.now() });
    expect(engine.calls).toEqual(['state HALTED', 'cancel A']);
    expect(report.failures).toEqual([{ clientOrderId: '*', reason: 'venue-wide cancel-all failed: not supported' }]);
    expect(report.pending).toBe(1);
  });
});
