import path from 'node:path';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRiskEngine } from '../../../../src/main/execution/risk';
import { riskBudget, sizeOrder } from '../../../../src/main/execution/sizing';
import { DEFAULT_RISK_PROFILE, LOBSTER_PRICE_TO_MICROS, type RiskProfile, type SizingMethod } from '../../../../src/shared';
import { CsvBarsProvider, REPO_ROOT, USD, account, position, riskContext, riskOrder, riskDeps } from './risk-fixtures';

/** Prices of the first 2,000 GOOG messages of 2012-06-21 (LOBSTER level 10, dollars x 10,000), as micro-dollars. */
const GOOG_MESSAGES = path.resolve(REPO_ROOT, '../shared/data/lobster/excerpts/GOOG_2012-06-21_34200000_57600000_message_10_first2000.csv');
const GOOG_PRICES = [
  ...new Set(
    readFileSync(GOOG_MESSAGES, 'utf8')
      .trim()
      .split('\n')
      .map((line) => Number(line.split(',')[4]) * LOBSTER_PRICE_TO_MICROS),
  ),
];

const bars = new CsvBarsProvider({ GOOG: 'GOOG_daily.csv', AAPL: 'AAPL_daily.csv', SPY: 'SPY_daily.csv' });

const profileArb: fc.Arbitrary<RiskProfile> = fc.record({
  maxRiskPerTradeBps: fc.integer({ min: 1, max: 1_000 }),
  maxRiskPerTrade: fc.integer({ min: 1, max: 20_000 }).map((d) => d * USD),
  maxPositionBps: fc.integer({ min: 1, max: 20_000 }),
  maxTradeNotional: fc.integer({ min: 100, max: 500_000 }).map((d) => d * USD),
  maxOrderQuantity: fc.integer({ min: 1, max: 10_000 }),
  kellyFraction: fc.double({ min: 0.05, max: 1, noNaN: true }),
  reduceToFit: fc.boolean(),
  correlationThreshold: fc.double({ min: 0.45, max: 1, noNaN: true }),
}).map(({ correlationThreshold, ...limits }) => ({
  ...DEFAULT_RISK_PROFILE,
  ...limits,
  maxOpenPositions: 1_000,
  maxGrossExposure: 1_000_000 * USD * 1_000,
  pdtEnforcement: false,
  correlation: { ...DEFAULT_RISK_PROFILE.correlation, threshold: correlationThreshold },
}));

const tradeArb = fc.record({
  profile: profileArb,
  entry: fc.constantFrom(...GOOG_PRICES),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  /** Stop distance in bp of the entry, 1 bp to 20%. */
  stopBps: fc.integer({ min: 1, max: 2_000 }),
  method: fc.constantFrom<SizingMethod>('FIXED', 'RISK', 'KELLY'),
  fixedQuantity: fc.integer({ min: 1, max: 5_000 }),
  winProbability: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  payoffRatio: fc.double({ min: 0.1, max: 10, noNaN: true }),
  capital: fc.integer({ min: 1_000, max: 2_000_000 }).map((d) => d * USD),
  heldElsewhere: fc.subarray(['AAPL', 'SPY']),
});

describe('sizing + risk on 1,000 random paper trades at GOOG replay prices', () => {
  it('never lets an approved order exceed the max dollar risk per trade or the max trade size', () => {
    expect(GOOG_PRICES.length).toBeGreaterThan(100);
    let approved = 0;
    let reduced = 0;
    fc.assert(
      fc.property(tradeArb, (t) => {
        const distance = Math.max(10_000, Math.floor((t.entry * t.stopBps) / 10_000 / 10_000) * 10_000);
        const stop = t.side === 'BUY' ? t.entry - distance : t.entry + distance;
        const sized = sizeOrder({
          method: t.method,
          side: t.side,
          quantity: t.fixedQuantity,
          entry: t.entry,
          stop,
          winProbability: t.winProbability,
          payoffRatio: t.payoffRatio,
          capital: t.capital,
          availableCash: t.capital,
          profile: t.profile,
        });
        if (sized.kind === 'NO_TRADE') return;
        const engine = createRiskEngine({ bars, knownSignalIds: [], fills: [], ...riskDeps() });
        const decision = engine.evaluate(
          riskContext({
            profile: t.profile,
            capital: t.capital,
            account: account({ equity: t.capital, cash: t.capital }),
            mid: t.entry,
            positions: t.heldElsewhere.map((id) => position(id, 100, 100 * USD)),
            order: riskOrder({ quantity: sized.quantity, limitPrice: t.entry, signal: { entry: t.entry, stop } }),
          }),
        );
        if (decision.kind === 'DENY') return;
        approved += 1;
        if (decision.adjustments.length > 0) reduced += 1;
        expect(decision.quantity).toBeGreaterThan(0);
        expect(decision.quantity * distance).toBeLessThanOrEqual(riskBudget(t.capital, t.profile));
        expect(decision.quantity * t.entry).toBeLessThanOrEqual(t.profile.maxTradeNotional);
        expect(decision.quantity).toBeLessThanOrEqual(t.profile.maxOrderQuantity);
      }),
      { numRuns: 1_000, seed: 20120621 },
    );
    // The property must be exercised, not vacuously true.
    expect(approved).toBeGreaterThan(100);
    expect(reduced).toBeGreaterThan(10);
  });
});
