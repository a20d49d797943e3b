import { describe, expect, it } from 'vitest';
import { RiskEngine, createRiskEngine, type RiskCheck } from '../../../../src/main/execution/risk';
import { CsvBarsProvider, OPEN_PROFILE, USD, WEDNESDAY_10AM, account, fill, position, riskContext, riskOrder, riskDeps } from './risk-fixtures';

const bars = new CsvBarsProvider({ GOOG: 'GOOG_daily.csv', AAPL: 'AAPL_daily.csv' });

function quietEngine(checks: RiskCheck[]) {
  const warnings: string[] = [];
  return { engine: new RiskEngine({ checks, ...riskDeps(), logger: { warn: (m) => warnings.push(m) } }), warnings };
}

const reduceTo = (name: string, quantity: number): RiskCheck => ({
  name,
  evaluate: (c) => (c.order.quantity > quantity ? { kind: 'REDUCE', quantity, reason: { code: name.toUpperCase(), message: `${name} cap` } } : { kind: 'ALLOW' }),
});

describe('RiskEngine', () => {
  it('runs the default checks in the documented order', () => {
    const engine = createRiskEngine({ bars, knownSignalIds: [], fills: [], ...riskDeps() });
    expect(engine.checkNames).toEqual([
      'known-instrument', 'tick-grid', 'trading-state', 'duplicate-signal', 'order-rate', 'price-collar', 'daily-loss', 'pdt', 'max-open-positions',
      'max-order-quantity', 'max-notional', 'max-position', 'max-risk-per-trade', 'gross-exposure', 'correlation',
    ]);
  });

  it('allows an order every check passes, at its quantity', () => {
    const engine = createRiskEngine({ bars, knownSignalIds: [], fills: [], ...riskDeps() });
    expect(engine.evaluate(riskContext())).toEqual({ kind: 'ALLOW', quantity: 100, adjustments: [] });
  });

  it('applies reductions in order and re-checks the reduced quantity with the remaining checks', () => {
    const seen: number[] = [];
    const spy: RiskCheck = { name: 'spy', evaluate: (c) => (seen.push(c.order.quantity), { kind: 'ALLOW' }) };
    const { engine } = quietEngine([reduceTo('first', 80), spy, reduceTo('second', 50)]);
    const decision = engine.evaluate(riskContext());
    expect(decision).toMatchObject({
      kind: 'ALLOW',
      quantity: 50,
      adjustments: [
        { check: 'first', fromQuantity: 100, toQuantity: 80 },
        { check: 'second', fromQuantity: 80, toQuantity: 50 },
      ],
    });
    expect(seen).toEqual([80]);
  });

  it('turns a reduction into a denial when the profile does not reduce to fit', () => {
    const { engine } = quietEngine([reduceTo('first', 80)]);
    expect(engine.evaluate(riskContext({ profile: { ...OPEN_PROFILE, reduceToFit: false } }))).toMatchObject({
      kind: 'DENY',
      check: 'first',
      reason: { code: 'FIRST' },
    });
  });

  it('denies with the first denying check and keeps the reductions made before it', () => {
    const denyAll: RiskCheck = { name: 'no', evaluate: () => ({ kind: 'DENY', reason: { code: 'NO', message: 'no' } }) };
    const never: RiskCheck = { name: 'never', evaluate: () => { throw new Error('must not run'); } };
    const { engine } = quietEngine([reduceTo('first', 80), denyAll, never]);
    expect(engine.evaluate(riskContext())).toMatchObject({ kind: 'DENY', check: 'no', adjustments: [{ toQuantity: 80 }] });
  });

  it('fails closed when a check throws', () => {
    const broken: RiskCheck = { name: 'broken', evaluate: () => { throw new Error('bug'); } };
    const { engine, warnings } = quietEngine([broken]);
    expect(engine.evaluate(riskContext())).toMatchObject({ kind: 'DENY', check: 'broken', reason: { code: 'RISK_CHECK_FAILED' } });
    expect(warnings[0]).toContain('bug');
  });

  it('denies an order of 0 shares', () => {
    const { engine } = quietEngine([]);
    expect(engine.evaluate(riskContext({ order: riskOrder({ quantity: 0 }) }))).toMatchObject({ kind: 'DENY', reason: { code: 'NO_QUANTITY' } });
  });

  it('collects notes into the decision and logs each distinct note once', () => {
    const { engine, warnings } = quietEngine([{ name: 'noted', evaluate: () => ({ kind: 'ALLOW', note: 'no bars' }) }]);
    expect(engine.evaluate(riskContext())).toMatchObject({ kind: 'ALLOW', notes: [{ check: 'noted', message: 'no bars' }] });
    engine.evaluate(riskContext());
    expect(warnings).toEqual(['risk noted: no bars']);
  });

  it('throttles from recordSubmitted and refuses a reused signal id once an allowed decision is recorded, not before', () => {
    const engine = createRiskEngine({ bars, knownSignalIds: ['old'], fills: [], ...riskDeps() });
    const profile = { ...OPEN_PROFILE, maxOrdersPerSecond: 2 };
    expect(engine.evaluate(riskContext({ order: riskOrder({ signal: { signalId: 'old', stop: 99 * USD } }) }))).toMatchObject({ check: 'duplicate-signal' });
    const fresh = riskContext({ profile, order: riskOrder({ signal: { signalId: 'new', stop: 99 * USD }, clientOrderId: 'F-1' }) });
    expect(engine.evaluate(fresh).kind).toBe('ALLOW');
    // Deciding remembers nothing: the order may never be recorded (its transaction may fail).
    expect(engine.evaluate({ ...fresh, order: { ...fresh.order, clientOrderId: 'F-2' } }).kind).toBe('ALLOW');
    engine.recordDecision(fresh, 100);
    expect(engine.evaluate({ ...fresh, order: { ...fresh.order, clientOrderId: 'F-2' } })).toMatchObject({ check: 'duplicate-signal' });
    engine.recordSubmitted(WEDNESDAY_10AM - 10);
    engine.recordSubmitted(WEDNESDAY_10AM - 5);
    expect(engine.evaluate(riskContext({ profile }))).toMatchObject({ kind: 'DENY', check: 'order-rate' });
  });

  it('counts day trades from recordFill', () => {
    const engine = createRiskEngine({ bars, knownSignalIds: [], fills: [], ...riskDeps() });
    const dayTrades = ['AAPL', 'INTC', 'SPY'].flatMap((id, i) => [
      fill(`${i}b`, id, 'BUY', 10, '2024-03-06T09:40:00-05:00'),
      fill(`${i}s`, id, 'SELL', 10, '2024-03-06T09:50:00-05:00'),
    ]);
    for (const f of [...dayTrades, fill('g', 'GOOG', 'BUY', 10, '2024-03-06T09:55:00-05:00')]) engine.recordFill(f);
    const context = riskContext({
      profile: { ...OPEN_PROFILE, pdtEnforcement: true },
      account: account({ equity: 24_999 * USD }),
      positions: [position('GOOG', 10, 100 * USD)],
      order: riskOrder({ side: 'SELL', quantity: 10, signal: undefined }),
    });
    expect(engine.evaluate(context)).toMatchObject({ kind: 'DENY', check: 'pdt' });
  });
});
