import { describe, expect, it } from 'vitest';
import { avgCostDollars, PositionBook } from '../../ib-gateway-sim/positions';

/** Average-cost positions of the simulator's account (micro-dollars: $1 = 1_000_000). */
const $ = (dollars: number): number => Math.round(dollars * 1_000_000);

describe('simulator position book', () => {
  it('opens a long with commission in the cost and realizes on a partial sale', () => {
    const book = new PositionBook($(10_000));
    expect(book.apply('DU1', 'BUY', 100, $(10), $(1)).realizedMicros).toBeUndefined();
    expect(book.position('DU1')).toEqual({ quantity: 100, costMicros: $(1001), realizedMicros: 0, cashMicros: $(10_000 - 1001) });
    expect(avgCostDollars(book.position('DU1'))).toBe(10.01);
    // Sell 60 @ 12 with $1 commission: 720 - 600.60 - 1 = 118.40.
    expect(book.apply('DU1', 'SELL', 60, $(12), $(1)).realizedMicros).toBe($(118.4));
    expect(book.position('DU1')).toMatchObject({ quantity: 40, costMicros: $(400.4), realizedMicros: $(118.4), cashMicros: $(10_000 - 1001 + 719) });
  });

  it('flips from long to short: closes at cost, opens the rest at the fill price', () => {
    const book = new PositionBook($(10_000));
    book.apply('DU1', 'BUY', 100, $(10), 0);
    // Sell 150 @ 9, $1.50 commission: 100 close (900 - 1000 - 1 = -101), 50 open short (450 - 0.50).
    expect(book.apply('DU1', 'SELL', 150, $(9), $(1.5)).realizedMicros).toBe($(-101));
    expect(book.position('DU1')).toMatchObject({ quantity: -50, costMicros: $(449.5) });
    // Cover 50 @ 8, $0.50: proceeds kept 449.50 - 400 - 0.50 = 49.
    expect(book.apply('DU1', 'BUY', 50, $(8), $(0.5)).realizedMicros).toBe($(49));
    expect(book.position('DU1')).toMatchObject({ quantity: 0, costMicros: 0, realizedMicros: $(-52) });
  });
});
