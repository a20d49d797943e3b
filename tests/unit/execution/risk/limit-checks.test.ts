import { describe, expect, it } from 'vitest';
import {
  dailyLossCheck,
  grossExposureCheck,
  maxNotionalCheck,
  maxOpenPositionsCheck,
  maxOrderQuantityCheck,
  maxPositionCheck,
  maxRiskCheck,
  priceCollarCheck,
  tradingStateCheck,
} from '../../../../src/main/execution/risk';
import { OPEN_PROFILE, USD, position, riskContext, riskOrder, workingOrder } from './risk-fixtures';

describe('trading state', () => {
  it('denies every order while HALTED', () => {
    expect(tradingStateCheck.evaluate(riskContext({ tradingState: 'HALTED' }))).toMatchObject({ kind: 'DENY', reason: { code: 'TRADING_HALTED' } });
  });
  it('allows a reducing order while REDUCING', () => {
    const context = riskContext({ tradingState: 'REDUCING', order: riskOrder({ side: 'SELL', quantity: 50 }), positions: [position('GOOG', 100, 100 * USD)] });
    expect(tradingStateCheck.evaluate(context)).toEqual({ kind: 'ALLOW' });
  });
  it('reduces a REDUCING-mode sell to what the position and working sells leave', () => {
    const context = riskContext({
      tradingState: 'REDUCING',
      order: riskOrder({ side: 'SELL', quantity: 80 }),
      positions: [position('GOOG', 100, 100 * USD)],
      openOrders: [workingOrder('GOOG', 'SELL', 30, 101 * USD)],
    });
    expect(tradingStateCheck.evaluate(context)).toMatchObject({ kind: 'REDUCE', quantity: 70, reason: { code: 'TRADING_REDUCING' } });
  });
  it('denies an order that opens or adds while REDUCING', () => {
    const context = riskContext({ tradingState: 'REDUCING', positions: [position('GOOG', 100, 100 * USD)] });
    expect(tradingStateCheck.evaluate(context)).toMatchObject({ kind: 'DENY', reason: { code: 'TRADING_REDUCING' } });
  });
});

describe('max order quantity', () => {
  it('allows up to the cap and reduces beyond it', () => {
    const profile = { ...OPEN_PROFILE, maxOrderQuantity: 100 };
    expect(maxOrderQuantityCheck.evaluate(riskContext({ profile }))).toEqual({ kind: 'ALLOW' });
    expect(maxOrderQuantityCheck.evaluate(riskContext({ profile, order: riskOrder({ quantity: 250 }) }))).toMatchObject({
      kind: 'REDUCE',
      quantity: 100,
      reason: { code: 'MAX_ORDER_QUANTITY' },
    });
  });
});

describe('max notional', () => {
  const profile = { ...OPEN_PROFILE, maxTradeNotional: 5_000 * USD };
  it('allows an order within the max trade size at its limit price', () => {
    expect(maxNotionalCheck.evaluate(riskContext({ profile, order: riskOrder({ quantity: 50 }) }))).toEqual({ kind: 'ALLOW' });
  });
  it('reduces to the shares the max trade size buys, with the numbers in the reason', () => {
    const verdict = maxNotionalCheck.evaluate(riskContext({ profile, order: riskOrder({ quantity: 80, limitPrice: 120 * USD }) }));
    expect(verdict).toMatchObject({ kind: 'REDUCE', quantity: 41, reason: { code: 'MAX_NOTIONAL' } });
    expect(verdict.kind === 'REDUCE' && verdict.reason.message).toContain('$9,600.00');
  });
  it('values a market order at the mid', () => {
    const order = riskOrder({ orderType: 'MARKET', limitPrice: null, quantity: 60 });
    expect(maxNotionalCheck.evaluate(riskContext({ profile, order, mid: 250 * USD }))).toMatchObject({ kind: 'REDUCE', quantity: 20 });
  });
  it('denies when not one share fits, and when there is no price at all', () => {
    expect(maxNotionalCheck.evaluate(riskContext({ profile, order: riskOrder({ limitPrice: 6_000 * USD }) }))).toMatchObject({ kind: 'DENY' });
    const market = riskOrder({ orderType: 'MARKET', limitPrice: null });
    expect(maxNotionalCheck.evaluate(riskContext({ order: market, mid: null }))).toMatchObject({ kind: 'DENY', reason: { code: 'NO_PRICE' } });
  });
});

describe('max position % of capital', () => {
  // 10% of $100,000 = $10,000 = 100 shares at $100.
  const profile = { ...OPEN_PROFILE, maxPositionBps: 1_000 };
  it('allows a post-trade position within the cap', () => {
    expect(maxPositionCheck.evaluate(riskContext({ profile, positions: [position('GOOG', 0, 100 * USD)] }))).toEqual({ kind: 'ALLOW' });
  });
  it('reduces an add to what the cap leaves, counting working orders on the same side', () => {
    const context = riskContext({
      profile,
      order: riskOrder({ quantity: 60 }),
      positions: [position('GOOG', 40, 100 * USD)],
      openOrders: [workingOrder('GOOG', 'BUY', 20, 100 * USD)],
    });
    expect(maxPositionCheck.evaluate(context)).toMatchObject({ kind: 'REDUCE', quantity: 40, reason: { code: 'MAX_POSITION' } });
  });
  it('denies an add when the position is already at the cap', () => {
    expect(maxPositionCheck.evaluate(riskContext({ profile, positions: [position('GOOG', 100, 100 * USD)] }))).toMatchObject({ kind: 'DENY' });
  });
  it('always allows an order that shrinks an oversized position', () => {
    const context = riskContext({ profile, order: riskOrder({ side: 'SELL', quantity: 50 }), positions: [position('GOOG', 300, 100 * USD)] });
    expect(maxPositionCheck.evaluate(context)).toEqual({ kind: 'ALLOW' });
  });
  it('reduces a flip that would leave a short beyond the cap', () => {
    const context = riskContext({ profile, order: riskOrder({ side: 'SELL', quantity: 400 }), positions: [position('GOOG', 150, 100 * USD)] });
    expect(maxPositionCheck.evaluate(context)).toMatchObject({ kind: 'REDUCE', quantity: 250 });
  });
});

describe('max risk per trade', () => {
  // 1% of $100,000 = $1,000 budget; stop $1.00 below a $100 entry -> 1,000 shares.
  const profile = { ...OPEN_PROFILE, maxRiskPerTradeBps: 100, maxRiskPerTrade: 5_000 * USD };
  it('allows risk within the budget', () => {
    expect(maxRiskCheck.evaluate(riskContext({ profile, order: riskOrder({ quantity: 1_000 }) }))).toEqual({ kind: 'ALLOW' });
  });
  it('reduces to the budget', () => {
    expect(maxRiskCheck.evaluate(riskContext({ profile, order: riskOrder({ quantity: 1_500 }) }))).toMatchObject({
      kind: 'REDUCE',
      quantity: 1_000,
      reason: { code: 'MAX_RISK_PER_TRADE' },
    });
  });
  it('uses the dollar cap when it is the smaller', () => {
    const tight = { ...profile, maxRiskPerTrade: 250 * USD };
    expect(maxRiskCheck.evaluate(riskContext({ profile: tight, order: riskOrder({ quantity: 1_000 }) }))).toMatchObject({ kind: 'REDUCE', quantity: 250 });
  });
  it("uses the order's stop price when the signal has none", () => {
    const order = riskOrder({ side: 'SELL', orderType: 'STOP_LIMIT', limitPrice: 100 * USD, stopPrice: 102 * USD, signal: undefined, quantity: 800 });
    expect(maxRiskCheck.evaluate(riskContext({ profile, order }))).toMatchObject({ kind: 'REDUCE', quantity: 500 });
  });
  it('denies an opening order without a stop when the profile requires stops', () => {
    const order = riskOrder({ signal: undefined });
    const strict = { ...profile, requireStop: true };
    expect(maxRiskCheck.evaluate(riskContext({ profile: strict, order }))).toMatchObject({ kind: 'DENY', reason: { code: 'NO_STOP' } });
  });
  it('allows an opening order without a stop with a note when stops are not required', () => {
    const order = riskOrder({ signal: undefined });
    const lenient = { ...profile, requireStop: false };
    const verdict = maxRiskCheck.evaluate(riskContext({ profile: lenient, order }));
    expect(verdict.kind).toBe('ALLOW');
    expect(verdict).toMatchObject({ note: expect.stringMatching(/^no stop: .* max trade size, max position and gross exposure bound it$/) });
  });
  it('denies a stop on the wrong side of the entry', () => {
    const order = riskOrder({ signal: { stop: 101 * USD } });
    expect(maxRiskCheck.evaluate(riskContext({ profile, order }))).toMatchObject({ kind: 'DENY', reason: { code: 'STOP_INVALID' } });
  });
  it('allows a closing order without a stop', () => {
    const order = riskOrder({ side: 'SELL', signal: undefined, quantity: 100 });
    expect(maxRiskCheck.evaluate(riskContext({ profile, order, positions: [position('GOOG', 100, 100 * USD)] }))).toEqual({ kind: 'ALLOW' });
  });
});

describe('max open positions', () => {
  const profile = { ...OPEN_PROFILE, maxOpenPositions: 2 };
  const two = [position('AAPL', 10, 100 * USD), position('INTC', -5, 30 * USD), position('SPY', 0, 400 * USD)];
  it('denies a new instrument beyond the cap', () => {
    expect(maxOpenPositionsCheck.evaluate(riskContext({ profile, positions: two }))).toMatchObject({ kind: 'DENY', reason: { code: 'MAX_OPEN_POSITIONS' } });
  });
  it('allows adding to an open instrument at the cap', () => {
    const order = riskOrder({ instrumentId: 'AAPL' });
    expect(maxOpenPositionsCheck.evaluate(riskContext({ profile, order, positions: two }))).toEqual({ kind: 'ALLOW' });
  });
  it('counts working orders in flat instruments as positions about to open', () => {
    const context = riskContext({ profile, positions: [position('AAPL', 10, 100 * USD)], openOrders: [workingOrder('SPY', 'BUY', 5, 400 * USD)] });
    expect(maxOpenPositionsCheck.evaluate(context)).toMatchObject({ kind: 'DENY' });
    expect(maxOpenPositionsCheck.evaluate({ ...context, profile: { ...profile, maxOpenPositions: 3 } })).toEqual({ kind: 'ALLOW' });
  });
});

describe('gross exposure', () => {
  // Others: AAPL 100 x $150 = $15,000 + working INTC 100 x $30 = $3,000 -> $18,000.
  const positions = [position('AAPL', 100, 150 * USD)];
  const openOrders = [workingOrder('INTC', 'BUY', 100, 30 * USD)];
  const profile = { ...OPEN_PROFILE, maxGrossExposure: 25_000 * USD };
  it('allows a post-trade gross within the max', () => {
    expect(grossExposureCheck.evaluate(riskContext({ profile, positions, openOrders, order: riskOrder({ quantity: 70 }) }))).toEqual({ kind: 'ALLOW' });
  });
  it('reduces to the room left: $7,000 at the $100 mid = 70 shares', () => {
    expect(grossExposureCheck.evaluate(riskContext({ profile, positions, openOrders, order: riskOrder({ quantity: 100 }) }))).toMatchObject({
      kind: 'REDUCE',
      quantity: 70,
      reason: { code: 'MAX_GROSS_EXPOSURE' },
    });
  });
  it('denies when nothing is left, and allows reductions whatever the gross', () => {
    const full = { ...profile, maxGrossExposure: 18_000 * USD };
    expect(grossExposureCheck.evaluate(riskContext({ profile: full, positions, openOrders }))).toMatchObject({ kind: 'DENY' });
    const sell = riskOrder({ instrumentId: 'AAPL', side: 'SELL', quantity: 10 });
    expect(grossExposureCheck.evaluate(riskContext({ profile: full, positions, openOrders, order: sell, mid: 150 * USD }))).toEqual({ kind: 'ALLOW' });
  });
});

describe('daily loss limit', () => {
  const profile = { ...OPEN_PROFILE, dailyLossLimit: 2_000 * USD };
  it('allows orders while the loss is within the limit', () => {
    expect(dailyLossCheck.evaluate(riskContext({ profile, dailyPnl: -1_999 * USD }))).toEqual({ kind: 'ALLOW' });
  });
  it('denies opening orders once the limit is reached', () => {
    expect(dailyLossCheck.evaluate(riskContext({ profile, dailyPnl: -2_000 * USD }))).toMatchObject({
      kind: 'DENY',
      reason: { code: 'DAILY_LOSS_LIMIT' },
    });
  });
  it('allows reducing orders after the breach and reduces an order that would flip', () => {
    const positions = [position('GOOG', 100, 100 * USD)];
    const sell = (quantity: number) => riskContext({ profile, dailyPnl: -3_000 * USD, positions, order: riskOrder({ side: 'SELL', quantity }) });
    expect(dailyLossCheck.evaluate(sell(100))).toEqual({ kind: 'ALLOW' });
    expect(dailyLossCheck.evaluate(sell(150))).toMatchObject({ kind: 'REDUCE', quantity: 100 });
  });
});

describe('price collar', () => {
  const profile = { ...OPEN_PROFILE, priceCollarBps: 500 };
  it('allows a limit within 5% of the mid', () => {
    expect(priceCollarCheck.evaluate(riskContext({ profile, order: riskOrder({ limitPrice: 105 * USD }) }))).toEqual({ kind: 'ALLOW' });
  });
  it('denies a fat-fingered limit price', () => {
    const verdict = priceCollarCheck.evaluate(riskContext({ profile, order: riskOrder({ limitPrice: 1_000 * USD }) }));
    expect(verdict).toMatchObject({ kind: 'DENY', reason: { code: 'PRICE_COLLAR' } });
    expect(verdict.kind === 'DENY' && verdict.reason.message).toContain('900.00% from the GOOG mid $100.00');
  });
  it('denies a stop price outside the collar', () => {
    const order = riskOrder({ orderType: 'STOP_MARKET', limitPrice: null, stopPrice: 94 * USD });
    expect(priceCollarCheck.evaluate(riskContext({ profile, order }))).toMatchObject({ kind: 'DENY' });
  });
  it('allows with a note when there is no mid to compare with', () => {
    expect(priceCollarCheck.evaluate(riskContext({ profile, mid: null }))).toMatchObject({ kind: 'ALLOW', note: expect.stringContaining('no two-sided') });
  });
});
