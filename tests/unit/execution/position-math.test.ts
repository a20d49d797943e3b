import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyFillToPosition,
  computeAccountView,
  flatPosition,
  toPositionView,
  type PositionFill,
} from '../../../src/main/execution';
import type { PositionRecord } from '../../../src/main/ledger';

const D = 1_000_000; // micro-dollars per dollar

function trade(side: 'BUY' | 'SELL', quantity: number, dollars: number, commissionDollars = 0): PositionFill {
  return { instrumentId: 'GOOG', side, quantity, price: Math.round(dollars * D), commission: Math.round(commissionDollars * D) };
}

function run(fills: PositionFill[]): PositionRecord {
  return fills.reduce((position, fill) => applyFillToPosition(position, fill, 1).position, flatPosition('GOOG', 0));
}

/** Books `fills` (any instruments) from `cash` micro-dollars: the positions by instrument and the cash after them. */
function book(cash: number, fills: PositionFill[]): { positions: Map<string, PositionRecord>; cash: number } {
  const positions = new Map<string, PositionRecord>();
  for (const fill of fills) {
    const change = applyFillToPosition(positions.get(fill.instrumentId) ?? flatPosition(fill.instrumentId, 0), fill, 1);
    positions.set(fill.instrumentId, change.position);
    cash += change.cashDelta;
  }
  return { positions, cash };
}

describe('average-cost positions', () => {
  it('a long realizes (exit - average) x closed shares on a partial close', () => {
    const position = run([trade('BUY', 100, 10), trade('BUY', 100, 12), trade('SELL', 50, 15)]);
    // average $11; 50 x (15 - 11) = $200
    expect(position.quantity).toBe(150);
    expect(position.realizedPnl).toBe(200 * D);
    expect(toPositionView(position, null).avgPrice).toBe(11 * D);
    expect(position.costBasis).toBe(150 * 11 * D);
  });

  it('a short realizes (average - exit) x closed shares', () => {
    const position = run([trade('SELL', 100, 50), trade('BUY', 40, 45)]);
    expect(position.quantity).toBe(-60);
    expect(position.realizedPnl).toBe(40 * 5 * D);
    expect(toPositionView(position, null).avgPrice).toBe(50 * D);
    const losing = run([trade('SELL', 100, 50), trade('BUY', 100, 52)]);
    expect(losing.quantity).toBe(0);
    expect(losing.realizedPnl).toBe(-200 * D);
    expect(losing.costBasis).toBe(0);
  });

  it('a fill larger than the position flips it: closes everything, opens the rest at the fill price', () => {
    const change = applyFillToPosition(run([trade('BUY', 100, 10)]), trade('SELL', 150, 12), 1);
    expect(change.position.quantity).toBe(-50);
    expect(change.position.realizedPnl).toBe(200 * D);
    expect(toPositionView(change.position, null).avgPrice).toBe(12 * D);
    expect(change.position.costBasis).toBe(-50 * 12 * D);
    const back = applyFillToPosition(change.position, trade('BUY', 80, 11), 2).position;
    expect(back.quantity).toBe(30);
    expect(back.realizedPnl).toBe(200 * D + 50 * D);
    expect(toPositionView(back, null).avgPrice).toBe(11 * D);
  });

  it('charges every commission, opening ones too, to realized P&L', () => {
    const position = run([trade('BUY', 100, 10, 1), trade('SELL', 100, 10.5, 1.25)]);
    expect(position.commissions).toBe(2.25 * D);
    expect(position.realizedPnl).toBe(50 * D - 2.25 * D);
  });

  it('allocates cost exactly when the average price is not a whole micro-dollar', () => {
    // 3 shares for $10.00 total: average $3.333333...
    const position = run([trade('BUY', 1, 3.33), trade('BUY', 1, 3.33), trade('BUY', 1, 3.34)]);
    expect(toPositionView(position, null).avgPrice).toBe(3_333_333);
    const afterOne = applyFillToPosition(position, trade('SELL', 1, 4), 1).position;
    const afterAll = applyFillToPosition(applyFillToPosition(afterOne, trade('SELL', 1, 4), 1).position, trade('SELL', 1, 4), 1).position;
    // Whatever the rounding of each partial close, the three closes realize exactly 12.00 - 10.00.
    expect(afterAll.realizedPnl).toBe(2 * D);
    expect(afterAll.costBasis).toBe(0);
  });

  it('marks unrealized P&L at the mid for longs and shorts', () => {
    const long = run([trade('BUY', 100, 10)]);
    expect(toPositionView(long, 10.5 * D)).toMatchObject({ markPrice: 10.5 * D, unrealizedPnl: 50 * D });
    const short = run([trade('SELL', 100, 10)]);
    expect(toPositionView(short, 10.5 * D).unrealizedPnl).toBe(-50 * D);
    expect(toPositionView(short, null)).toMatchObject({ markPrice: null, unrealizedPnl: 0 });
    expect(toPositionView(flatPosition('GOOG', 0), 10 * D)).toMatchObject({ avgPrice: null, unrealizedPnl: 0 });
  });

  it('refuses fills of another instrument or with impossible values', () => {
    const flat = flatPosition('GOOG', 0);
    expect(() => applyFillToPosition(flat, { ...trade('BUY', 1, 1), instrumentId: 'AAPL' }, 1)).toThrow(
      'a AAPL fill cannot change the GOOG position',
    );
    expect(() => applyFillToPosition(flat, trade('BUY', 0, 1), 1)).toThrow(/fill quantity must be a positive/);
    expect(() => applyFillToPosition(flat, { ...trade('BUY', 1, 1), price: 1.5 }, 1)).toThrow(/fill price/);
    expect(() => applyFillToPosition(flat, { ...trade('BUY', 1, 1), commission: -1 }, 1)).toThrow(/commission/);
  });
});

describe('account totals', () => {
  it('computes cash, equity and gross exposure at the marks', () => {
    const booked = book(100_000 * D, [trade('BUY', 100, 10, 1), { ...trade('SELL', 50, 20, 1), instrumentId: 'AAPL' }]);
    const marks: Record<string, number> = { GOOG: 11 * D, AAPL: 19 * D };
    const account = computeAccountView(100_000 * D, booked.cash, booked.positions.values(), (id) => marks[id] ?? null);
    expect(account.cash).toBe(100_000 * D - 1_000 * D - 1 * D + 1_000 * D - 1 * D);
    expect(account.grossExposure).toBe(1_100 * D + 950 * D);
    expect(account.equity).toBe(account.cash + 1_100 * D - 950 * D);
    expect(account.unrealizedPnl).toBe(100 * D + 50 * D);
    expect(account.realizedPnl).toBe(-2 * D);
    expect(account.equity).toBe(account.startingCash + account.realizedPnl + account.unrealizedPnl);
  });

  it('values an unmarked position at its cost basis', () => {
    const position = run([trade('BUY', 10, 10)]);
    const account = computeAccountView(100_000 * D, 99_900 * D, [position], () => null);
    expect(account).toMatchObject({ equity: 100_000 * D, unrealizedPnl: 0, grossExposure: 100 * D });
  });

  it('equity always equals starting cash + realized + unrealized, to the micro-dollar (property)', () => {
    const fillArb = fc.record({
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      quantity: fc.integer({ min: 1, max: 5_000 }),
      price: fc.integer({ min: 1, max: 2_000_000_000 }),
      commission: fc.integer({ min: 0, max: 5_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(fillArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 2_000_000_000 }), (fills, mark) => {
        const booked = book(100_000 * D, fills.map((f) => ({ instrumentId: 'GOOG', ...f })));
        const account = computeAccountView(100_000 * D, booked.cash, booked.positions.values(), () => mark);
        expect(account.equity).toBe(account.startingCash + account.realizedPnl + account.unrealizedPnl);
        const net = fills.reduce((q, f) => q + (f.side === 'BUY' ? f.quantity : -f.quantity), 0);
        expect(booked.positions.get('GOOG')!.quantity).toBe(net);
      }),
      { numRuns: 300 },
    );
  });
});
