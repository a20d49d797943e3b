import { describe, expect, it, vi } from 'vitest';
import { CorrelationCheck, returnCorrelation } from '../../../../src/main/execution/risk';
import type { DailyCloseSeries } from '../../../../src/main/marketdata/bars';
import { CsvBarsProvider, OPEN_PROFILE, USD, position, riskContext, riskOrder } from './risk-fixtures';

/** Real Yahoo daily bars from ../shared/data/bars; "SPYX" is a tracker with SPY's own bars. */
const bars = new CsvBarsProvider({
  GOOG: 'GOOG_daily.csv',
  AAPL: 'AAPL_daily.csv',
  SPY: 'SPY_daily.csv',
  SPYX: 'SPY_daily.csv',
  INTC: 'INTC_daily.csv',
});

/** Textbook Pearson on date-aligned simple returns, written independently of the product code. */
function referenceCorrelation(a: DailyCloseSeries, b: DailyCloseSeries, lookbackDays: number): number {
  const byDate = new Map(b.dates.map((d, i) => [d, b.closes[i]!]));
  const common = a.dates.map((d, i) => [a.closes[i]!, byDate.get(d)] as const).filter((p): p is readonly [number, number] => p[1] !== undefined);
  const tail = common.slice(-(lookbackDays + 1));
  const x = tail.slice(1).map((p, i) => p[0] / tail[i]![0] - 1);
  const y = tail.slice(1).map((p, i) => p[1] / tail[i]![1] - 1);
  const mean = (v: number[]) => v.reduce((s, t) => s + t, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  const cov = x.reduce((s, xi, i) => s + (xi - mx) * (y[i]! - my), 0);
  const vx = x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
  const vy = y.reduce((s, yi) => s + (yi - my) ** 2, 0);
  return cov / Math.sqrt(vx * vy);
}

describe('daily-return correlation on real bars', () => {
  it('matches a textbook Pearson computation for GOOG vs AAPL over 252 days (r about 0.49 in 2017)', () => {
    const result = returnCorrelation(bars.closes('GOOG', 252)!, bars.closes('AAPL', 252)!, 252);
    expect(result.kind).toBe('OK');
    if (result.kind !== 'OK') return;
    expect(result.observations).toBe(252);
    expect(result.to).toBe('2018-01-19');
    expect(result.correlation).toBeCloseTo(referenceCorrelation(bars.closes('GOOG', 252)!, bars.closes('AAPL', 252)!, 252), 12);
    expect(result.correlation).toBeGreaterThan(0.45);
    expect(result.correlation).toBeLessThan(0.55);
  });

  it('ranks GOOG closer to the S&P 500 than to AAPL over 2,000 days', () => {
    const withSpy = returnCorrelation(bars.closes('GOOG', 2_000)!, bars.closes('SPY', 2_000)!, 2_000);
    const withAapl = returnCorrelation(bars.closes('GOOG', 2_000)!, bars.closes('AAPL', 2_000)!, 2_000);
    expect(withSpy.kind === 'OK' && withAapl.kind === 'OK').toBe(true);
    if (withSpy.kind !== 'OK' || withAapl.kind !== 'OK') return;
    expect(withSpy.correlation).toBeGreaterThan(withAapl.correlation);
  });

  it('aligns by date: SPY (to 2017-12-29) against GOOG (to 2018-01-19) uses only common sessions', () => {
    const result = returnCorrelation(bars.closes('GOOG', 252)!, bars.closes('SPY', 252)!, 252);
    expect(result).toMatchObject({ kind: 'OK', to: '2017-12-29' });
    expect(result.kind === 'OK' && result.correlation).toBeCloseTo(referenceCorrelation(bars.closes('GOOG', 252)!, bars.closes('SPY', 252)!, 252), 12);
  });

  it('finds no correlation between INTC (1995-2004) and GOOG (2004-2018): no common sessions', () => {
    expect(returnCorrelation(bars.closes('GOOG', 252)!, bars.closes('INTC', 252)!, 252)).toMatchObject({ kind: 'INSUFFICIENT', observations: 0 });
  });

  it('gives exactly 1 for two instruments with identical bars', () => {
    expect(returnCorrelation(bars.closes('SPY', 252)!, bars.closes('SPYX', 252)!, 252)).toMatchObject({ kind: 'OK', correlation: 1 });
  });
});

describe('correlation cap', () => {
  const profile = { ...OPEN_PROFILE, correlation: { threshold: 0.45, lookbackDays: 252, action: 'REDUCE' as const, adjustmentBps: 5_000 } };
  const longGoog = [position('GOOG', 100, 1_100 * USD)];
  const buyAapl = riskOrder({ instrumentId: 'AAPL', quantity: 101, limitPrice: 178 * USD });

  it('reduces an order correlated above the threshold with an open position by the adjustment', () => {
    const verdict = new CorrelationCheck(bars).evaluate(riskContext({ profile, positions: longGoog, order: buyAapl }));
    expect(verdict).toMatchObject({ kind: 'REDUCE', quantity: 50, reason: { code: 'CORRELATION_CAP' } });
    expect(verdict.kind === 'REDUCE' && verdict.reason.message).toContain('GOOG (long, r = 0.49 over 252 days)');
  });

  it('denies when the profile says DENY', () => {
    const deny = { ...profile, correlation: { ...profile.correlation, action: 'DENY' as const } };
    expect(new CorrelationCheck(bars).evaluate(riskContext({ profile: deny, positions: longGoog, order: buyAapl }))).toMatchObject({
      kind: 'DENY',
      reason: { code: 'CORRELATION_CAP' },
    });
  });

  it('allows below the threshold (0.7 by default)', () => {
    const strict = { ...profile, correlation: { ...profile.correlation, threshold: 0.7 } };
    expect(new CorrelationCheck(bars).evaluate(riskContext({ profile: strict, positions: longGoog, order: buyAapl }))).toEqual({ kind: 'ALLOW' });
  });

  it('does not cap a hedge: a short against a correlated long', () => {
    const shortAapl = { ...buyAapl, side: 'SELL' as const };
    expect(new CorrelationCheck(bars).evaluate(riskContext({ profile, positions: longGoog, order: shortAapl }))).toEqual({ kind: 'ALLOW' });
  });

  it('denies when the cut leaves no share', () => {
    const one = { ...buyAapl, quantity: 1 };
    expect(new CorrelationCheck(bars).evaluate(riskContext({ profile, positions: longGoog, order: one }))).toMatchObject({ kind: 'DENY' });
  });

  it('allows with a note when bars are missing or do not overlap, never crashing', () => {
    const check = new CorrelationCheck(bars);
    const intc = check.evaluate(riskContext({ profile, positions: longGoog, order: riskOrder({ instrumentId: 'INTC', limitPrice: 30 * USD }) }));
    expect(intc).toMatchObject({ kind: 'ALLOW', note: expect.stringContaining('GOOG (GOOG and INTC have 0 common daily returns') });
    const unknown = check.evaluate(riskContext({ profile, positions: longGoog, order: riskOrder({ instrumentId: 'MSFT' }) }));
    expect(unknown).toMatchObject({ kind: 'ALLOW', note: expect.stringContaining('no daily bars for MSFT') });
    const broken = new CorrelationCheck({ closes: () => { throw new Error('disk gone'); } });
    expect(broken.evaluate(riskContext({ profile, positions: longGoog, order: buyAapl }))).toMatchObject({ kind: 'ALLOW', note: expect.stringContaining('disk gone') });
  });

  it('computes each pair once and reuses it until a new bar arrives', () => {
    const check = new CorrelationCheck(bars);
    const spy = vi.spyOn(Math, 'sqrt');
    const context = riskContext({ profile, positions: longGoog, order: buyAapl });
    check.evaluate(context);
    const afterFirst = spy.mock.calls.length;
    check.evaluate(context);
    check.evaluate(context);
    expect(spy.mock.calls.length).toBe(afterFirst);
    spy.mockRestore();
  });
});
