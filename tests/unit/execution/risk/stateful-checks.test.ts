import { describe, expect, it } from 'vitest';
import { DuplicateSignalCheck, OrderRateCheck } from '../../../../src/main/execution/risk';
import { OPEN_PROFILE, WEDNESDAY_10AM, riskContext, riskOrder } from './risk-fixtures';

describe('order-rate throttle', () => {
  const profile = { ...OPEN_PROFILE, maxOrdersPerSecond: 3 };
  it('allows up to the limit in the trailing second and denies the next', () => {
    const check = new OrderRateCheck();
    for (let i = 0; i < 3; i += 1) {
      expect(check.evaluate(riskContext({ profile, now: WEDNESDAY_10AM + i * 1_000 }))).toEqual({ kind: 'ALLOW' });
      check.recordSubmitted(WEDNESDAY_10AM + i * 1_000);
    }
    expect(check.evaluate(riskContext({ profile, now: WEDNESDAY_10AM + 5_000 }))).toMatchObject({ kind: 'DENY', reason: { code: 'ORDER_RATE' } });
  });
  it('allows again once the oldest order leaves the one-second window', () => {
    const check = new OrderRateCheck();
    for (let i = 0; i < 3; i += 1) check.recordSubmitted(WEDNESDAY_10AM + i * 100_000);
    expect(check.evaluate(riskContext({ profile, now: WEDNESDAY_10AM + 999_999 }))).toMatchObject({ kind: 'DENY' });
    expect(check.evaluate(riskContext({ profile, now: WEDNESDAY_10AM + 1_000_000 }))).toEqual({ kind: 'ALLOW' });
  });
  it('holds 45 orders per second by default under IB pacing', () => {
    const check = new OrderRateCheck();
    const defaults = { ...OPEN_PROFILE, maxOrdersPerSecond: 45 };
    for (let i = 0; i < 45; i += 1) check.recordSubmitted(WEDNESDAY_10AM + i * 10_000);
    expect(check.evaluate(riskContext({ profile: defaults, now: WEDNESDAY_10AM + 450_000 }))).toMatchObject({ kind: 'DENY' });
  });
});

describe('duplicate signal id', () => {
  it('denies a signal id already in the ledger', () => {
    const check = new DuplicateSignalCheck(['sig-7']);
    const order = riskOrder({ signal: { signalId: 'sig-7', stop: 1 } });
    expect(check.evaluate(riskContext({ order }))).toMatchObject({ kind: 'DENY', reason: { code: 'DUPLICATE_SIGNAL' } });
  });
  it('allows a new id once and denies it after the order was allowed', () => {
    const check = new DuplicateSignalCheck([]);
    const context = riskContext({ order: riskOrder({ signal: { signalId: 'sig-8' }, clientOrderId: 'F-1' }) });
    expect(check.evaluate(context)).toEqual({ kind: 'ALLOW' });
    check.recordAllowed(context);
    const again = riskContext({ order: riskOrder({ signal: { signalId: 'sig-8' }, clientOrderId: 'F-2' }) });
    expect(check.evaluate(again)).toMatchObject({ kind: 'DENY', reason: { message: expect.stringContaining('F-1') } });
  });
  it('does not call the re-check of the same staged order a duplicate', () => {
    const check = new DuplicateSignalCheck([{ signalId: 'sig-9', clientOrderId: 'F-3' }]);
    expect(check.evaluate(riskContext({ order: riskOrder({ signal: { signalId: 'sig-9' }, clientOrderId: 'F-3' }) }))).toEqual({ kind: 'ALLOW' });
    expect(check.evaluate(riskContext({ order: riskOrder({ signal: { signalId: 'sig-9' }, clientOrderId: 'F-4' }) }))).toMatchObject({ kind: 'DENY' });
  });
  it('allows orders without a signal id', () => {
    expect(new DuplicateSignalCheck(['x']).evaluate(riskContext())).toEqual({ kind: 'ALLOW' });
  });
});
