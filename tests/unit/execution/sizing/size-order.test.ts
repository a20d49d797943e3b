import { describe, expect, it } from 'vitest';
import { applyBpsFloor, kellyFraction, sizeOrder, type SizingInput } from '../../../../src/main/execution/sizing';
import { formatMoneyExact } from '../../../../src/shared';
import { DEFAULT_RISK_PROFILE, type RiskProfile } from '../../../../src/shared';

const USD = 1_000_000;

/** $100,000 capital, 1% / $1,000 max risk, 25% max position, $50,000 max trade, quarter Kelly. */
const PROFILE: RiskProfile = { ...DEFAULT_RISK_PROFILE };

function input(overrides: Partial<SizingInput>): SizingInput {
  return {
    method: 'RISK',
    side: 'BUY',
    entry: 100 * USD,
    stop: 98 * USD,
    capital: 100_000 * USD,
    availableCash: 100_000 * USD,
    profile: PROFILE,
    ...overrides,
  };
}

function sized(overrides: Partial<SizingInput>): number {
  const result = sizeOrder(input(overrides));
  if (result.kind !== 'SIZED') throw new Error(`expected SIZED, got ${JSON.stringify(result)}`);
  return result.quantity;
}

function noTradeCode(overrides: Partial<SizingInput>): string {
  const result = sizeOrder(input(overrides));
  if (result.kind !== 'NO_TRADE') throw new Error(`expected NO_TRADE, got ${JSON.stringify(result)}`);
  return result.reason.code;
}

describe('fixed sizing', () => {
  it('keeps the quantity the trader entered', () => {
    expect(sized({ method: 'FIXED', quantity: 37 })).toBe(37);
  });
  it('refuses to trade without a quantity', () => {
    expect(noTradeCode({ method: 'FIXED' })).toBe('SIZING_NO_QUANTITY');
  });
});

describe('risk-based sizing', () => {
  it('sizes a long by the risk budget: $1,000 / $2.00 per share = 500 shares', () => {
    const result = sizeOrder(input({}));
    expect(result).toMatchObject({ kind: 'SIZED', quantity: 250 });
    // 25% of $100,000 = $25,000 / $100 = 250 shares caps the 500 the risk budget allows.
    expect(result.kind === 'SIZED' && result.explanation).toContain('$1,000.00');
    expect(sized({ profile: { ...PROFILE, maxPositionBps: 10_000 } })).toBe(500);
  });

  it('takes the smaller of the percentage and the dollar risk cap', () => {
    // 1% of $100,000 = $1,000, but the dollar cap is $300: 300 / 2 = 150 shares.
    expect(sized({ profile: { ...PROFILE, maxRiskPerTrade: 300 * USD, maxPositionBps: 10_000 } })).toBe(150);
  });

  it('sizes a short with the stop above the entry', () => {
    expect(sized({ side: 'SELL', stop: 104 * USD, profile: { ...PROFILE, maxPositionBps: 10_000 } })).toBe(250);
  });

  it('rounds down so the risk never exceeds the budget', () => {
    // $1,000 / $3.00 = 333.33 -> 333 shares, risk $999.
    const quantity = sized({ stop: 97 * USD, profile: { ...PROFILE, maxPositionBps: 100_000 } });
    expect(quantity).toBe(333);
    expect(quantity * 3 * USD).toBeLessThanOrEqual(1_000 * USD);
  });

  it('gives no trade when the stop equals the entry', () => {
    expect(noTradeCode({ stop: 100 * USD })).toBe('SIZING_STOP_EQUALS_ENTRY');
  });

  it('gives no trade for a stop on the wrong side of the entry', () => {
    expect(noTradeCode({ side: 'BUY', stop: 101 * USD })).toBe('SIZING_STOP_WRONG_SIDE');
    expect(noTradeCode({ side: 'SELL', stop: 99 * USD })).toBe('SIZING_STOP_WRONG_SIDE');
  });

  it('gives no trade without a stop', () => {
    expect(noTradeCode({ stop: undefined })).toBe('SIZING_NO_STOP');
  });

  it('gives no trade instead of one share when tiny capital cannot afford the risk', () => {
    // $50 capital: 1% = $0.50 of risk, less than the $2.00 a single share risks.
    const result = sizeOrder(input({ capital: 50 * USD }));
    expect(result.kind).toBe('NO_TRADE');
    expect(result.kind === 'NO_TRADE' && result.reason.code).toBe('SIZING_ZERO_SHARES');
    expect(result.kind === 'NO_TRADE' && result.reason.message).toContain('$0.50');
  });

  it('gives no trade when capital is zero or negative', () => {
    expect(noTradeCode({ capital: 0 })).toBe('SIZING_NO_CAPITAL');
    expect(noTradeCode({ capital: -5 * USD })).toBe('SIZING_NO_CAPITAL');
  });
});

describe('Kelly sizing', () => {
  it('computes f* = p - (1 - p) / b', () => {
    expect(kellyFraction(0.6, 1)).toBeCloseTo(0.2, 12);
    expect(kellyFraction(0.5, 2)).toBeCloseTo(0.25, 12);
  });

  it('bets the profile fraction of the Kelly bet: p 0.55, b 1.5 -> f* 0.25, quarter Kelly 6.25% of $100,000', () => {
    // f* = 0.55 - 0.45 / 1.5 = 0.25; bet = $100,000 x 0.25 x 0.25 = $6,250 -> 62 shares at $100.
    expect(sized({ method: 'KELLY', stop: undefined, winProbability: 0.55, payoffRatio: 1.5 })).toBe(62);
  });

  it('gives no trade when p x b <= 1 - p, naming p, b and f*', () => {
    const result = sizeOrder(input({ method: 'KELLY', winProbability: 0.4, payoffRatio: 1.5 }));
    // 0.4 x 1.5 = 0.6 = 1 - 0.4: f* = 0 exactly.
    expect(result.kind).toBe('NO_TRADE');
    if (result.kind !== 'NO_TRADE') return;
    expect(result.reason.code).toBe('SIZING_NO_EDGE');
    expect(result.reason.message).toContain('0.4');
    expect(result.reason.message).toContain('1.5');
    expect(result.reason.message).toMatch(/= -?0 <= 0/);
    expect(noTradeCode({ method: 'KELLY', winProbability: 0.3, payoffRatio: 1 })).toBe('SIZING_NO_EDGE');
  });

  it('never exceeds the max trade size', () => {
    // Full Kelly at f* 0.8 would bet $80,000; the $50,000 max trade size allows 500 shares.
    const profile = { ...PROFILE, kellyFraction: 1 };
    expect(sized({ method: 'KELLY', stop: undefined, winProbability: 0.9, payoffRatio: 9, profile })).toBe(500);
  });

  it('never exceeds the max risk per trade when a stop is given', () => {
    // $1,000 risk budget / $5.00 per share = 200 shares, below the Kelly bet of 625.
    const profile = { ...PROFILE, kellyFraction: 1 };
    expect(sized({ method: 'KELLY', stop: 95 * USD, winProbability: 0.55, payoffRatio: 1.5, profile })).toBe(200);
  });

  it('never exceeds the available cash', () => {
    expect(sized({ method: 'KELLY', stop: undefined, winProbability: 0.55, payoffRatio: 1.5, availableCash: 1_234 * USD })).toBe(12);
  });

  it('gives no trade when the cash cannot buy one share', () => {
    const result = sizeOrder(input({ method: 'KELLY', stop: undefined, winProbability: 0.55, payoffRatio: 1.5, availableCash: 50 * USD }));
    expect(result.kind === 'NO_TRADE' && result.reason.message).toContain('available cash');
  });

  it('gives no trade with tiny capital rather than rounding up to one share', () => {
    expect(noTradeCode({ method: 'KELLY', stop: undefined, winProbability: 0.55, payoffRatio: 1.5, capital: 1_000 * USD })).toBe(
      'SIZING_ZERO_SHARES',
    );
  });

  it('gives no trade without p and b, and for an unusable stop', () => {
    expect(noTradeCode({ method: 'KELLY' })).toBe('SIZING_NO_KELLY_INPUTS');
    expect(noTradeCode({ method: 'KELLY', winProbability: 0.6, payoffRatio: 2, stop: 100 * USD })).toBe('SIZING_STOP_EQUALS_ENTRY');
    expect(noTradeCode({ method: 'KELLY', winProbability: 0.6, payoffRatio: 2, stop: 101 * USD })).toBe('SIZING_STOP_WRONG_SIDE');
  });

  it('rejects malformed inputs with a clear error', () => {
    expect(() => sizeOrder(input({ method: 'KELLY', winProbability: 1.2, payoffRatio: 2 }))).toThrow(/win probability/);
    expect(() => sizeOrder(input({ entry: 100.5 }))).toThrow(/entry price/);
    expect(() => sizeOrder(input({ entry: 0 }))).toThrow(/entry price must be above/);
  });
});

describe('basis-point arithmetic', () => {
  it('is exact for amounts near the safe-integer limit', () => {
    expect(applyBpsFloor(9_000_000_000_000_000, 100)).toBe(90_000_000_000_000);
    expect(applyBpsFloor(12_345, 3)).toBe(3);
    expect(applyBpsFloor(100_000 * USD, 250)).toBe(2_500 * USD);
  });
  it('formats dollars for traders', () => {
    expect(formatMoneyExact(1_234_560_000)).toBe('$1,234.56');
    expect(formatMoneyExact(2_500)).toBe('$0.0025');
    expect(formatMoneyExact(-5 * USD)).toBe('-$5.00');
  });
});
