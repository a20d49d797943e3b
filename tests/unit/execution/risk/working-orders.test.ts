import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingOrders, grossExposureCheck, maxOpenPositionsCheck } from '../../../../src/main/execution/risk';
import type { OrderSide, Order } from '../../../../src/shared';
import { orderFixture } from '../../../support/order-fixtures';
import { OPEN_PROFILE, USD, position, riskContext, riskOrder } from './risk-fixtures';

const INSTRUMENTS = ['GOOG', 'AAPL', 'SPY'] as const;

/** A working order as the engine may hold it: any side, partly filled, with a limit, a stop, or neither. */
const orderArb = (clientOrderId: string): fc.Arbitrary<Order> =>
  fc
    .record({
      instrumentId: fc.constantFrom(...INSTRUMENTS),
      side: fc.constantFrom<OrderSide>('BUY', 'SELL'),
      quantity: fc.integer({ min: 1, max: 5_000 }),
      filledFraction: fc.double({ min: 0, max: 0.99, noNaN: true }),
      pricing: fc.constantFrom('limit', 'stop', 'none'),
      price: fc.integer({ min: 1, max: 2_000_000 }).map((cents) => cents * 10_000),
    })
    .map(({ instrumentId, side, quantity, filledFraction, pricing, price }) =>
      orderFixture({
        clientOrderId,
        instrumentId,
        side,
        quantity,
        filledQty: Math.floor(quantity * filledFraction),
        orderType: pricing === 'limit' ? 'LIMIT' : pricing === 'stop' ? 'STOP_MARKET' : 'MARKET',
        limitPrice: pricing === 'limit' ? price : null,
        stopPrice: pricing === 'stop' ? price : null,
      }),
    );

/** A sequence of changes: an order (re)starts working with new numbers, or stops working. */
const changesArb = fc.array(
  fc.oneof(
    fc.integer({ min: 1, max: 12 }).chain((n) => orderArb(`F-${n}`).map((order) => ({ kind: 'set' as const, order }))),
    fc.integer({ min: 1, max: 12 }).map((n) => ({ kind: 'delete' as const, clientOrderId: `F-${n}` })),
  ),
  { maxLength: 60 },
);

/** The totals by walking every order, as the checks computed them before WorkingOrders. */
function walk(orders: readonly Order[]) {
  const totals = new Map<string, { buy: number; sell: number; priced: number; unpriced: number }>();
  for (const o of orders) {
    const t = totals.get(o.instrumentId) ?? { buy: 0, sell: 0, priced: 0, unpriced: 0 };
    const remaining = o.quantity - o.filledQty;
    if (o.side === 'BUY') t.buy += remaining;
    else t.sell += remaining;
    const price = o.limitPrice ?? o.stopPrice;
    if (price === null) t.unpriced += remaining;
    else t.priced += remaining * price;
    totals.set(o.instrumentId, t);
  }
  return totals;
}

describe('WorkingOrders', () => {
  it('keeps the same totals as a walk over the working orders, whatever sequence of changes built them', () => {
    fc.assert(
      fc.property(changesArb, (changes) => {
        const working = new WorkingOrders();
        const current = new Map<string, Order>();
        for (const change of changes) {
          if (change.kind === 'set') {
            working.set(change.order);
            current.set(change.order.clientOrderId, change.order);
          } else {
            working.delete(change.clientOrderId);
            current.delete(change.clientOrderId);
          }
        }
        const expected = walk([...current.values()]);
        expect(new Set(working.instruments())).toEqual(new Set(expected.keys()));
        for (const instrumentId of INSTRUMENTS) {
          const t = expected.get(instrumentId) ?? { buy: 0, sell: 0, priced: 0, unpriced: 0 };
          expect(working.remaining(instrumentId, 'BUY')).toBe(t.buy);
          expect(working.remaining(instrumentId, 'SELL')).toBe(t.sell);
          expect(working.pricedNotional(instrumentId)).toBe(t.priced);
          expect(working.unpricedRemaining(instrumentId)).toBe(t.unpriced);
        }
      }),
    );
  });

  it('values a working market order in another instrument at that position\'s mark in the gross exposure', () => {
    // 10 AAPL still to buy at market, AAPL marked at $200: $2,000 of exposure before GOOG's own order.
    const marketOrder = orderFixture({ clientOrderId: 'F-1', instrumentId: 'AAPL', orderType: 'MARKET', limitPrice: null, quantity: 10 });
    const profile = { ...OPEN_PROFILE, maxGrossExposure: 12_000 * USD, reduceToFit: true };
    const context = riskContext({ profile, positions: [position('AAPL', 0, 200 * USD)], openOrders: [marketOrder], order: riskOrder({ quantity: 150 }) });
    // GOOG at the $100 mid: room for ($12,000 - $2,000) / $100 = 100 shares.
    expect(grossExposureCheck.evaluate(context)).toMatchObject({ kind: 'REDUCE', quantity: 100 });
  });

  it('counts an instrument with a working order as open for the open-positions cap', () => {
    const profile = { ...OPEN_PROFILE, maxOpenPositions: 1 };
    const openOrders = [orderFixture({ clientOrderId: 'F-1', instrumentId: 'SPY' })];
    expect(maxOpenPositionsCheck.evaluate(riskContext({ profile, openOrders }))).toMatchObject({ kind: 'DENY', reason: { code: 'MAX_OPEN_POSITIONS' } });
    // A second order in the instrument that already has one working does not open anything new.
    expect(maxOpenPositionsCheck.evaluate(riskContext({ profile, openOrders, order: riskOrder({ instrumentId: 'SPY' }) }))).toEqual({ kind: 'ALLOW' });
  });
});
