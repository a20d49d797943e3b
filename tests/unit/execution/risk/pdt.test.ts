import { describe, expect, it } from 'vitest';
import { DayTradeCounter, PdtCheck, isTradingDay, windowStart } from '../../../../src/main/execution/risk';
import { OPEN_PROFILE, USD, account, fill, riskContext, riskOrder } from './risk-fixtures';

const PDT_PROFILE = { ...OPEN_PROFILE, pdtEnforcement: true };
const SMALL = account({ equity: 20_000 * USD });

/** A round trip (buy then sell 10 shares) in `instrumentId` at New York date `date`. */
function roundTrip(id: string, instrumentId: string, date: string) {
  return [fill(`${id}-b`, instrumentId, 'BUY', 10, `${date}T10:00:00-05:00`), fill(`${id}-s`, instrumentId, 'SELL', 10, `${date}T11:00:00-05:00`)];
}

/** Context of an order at New York wall time `iso` selling 10 `instrumentId`. */
function sellAt(iso: string, instrumentId = 'GOOG', equity = SMALL) {
  return riskContext({
    profile: PDT_PROFILE,
    account: equity,
    now: Date.parse(iso) * 1000,
    order: riskOrder({ instrumentId, side: 'SELL', quantity: 10 }),
  });
}

describe('PDT rule (FINRA 4210)', () => {
  // Mon 2024-03-04 .. Fri 2024-03-08: three day trades Mon, Tue, Wed; on Thu GOOG is bought at 09:45.
  const history = [
    ...roundTrip('m', 'AAPL', '2024-03-04'),
    ...roundTrip('t', 'INTC', '2024-03-05'),
    ...roundTrip('w', 'SPY', '2024-03-06'),
    fill('th-b', 'GOOG', 'BUY', 10, '2024-03-07T09:45:00-05:00'),
  ];

  it('counts three day trades and still allows the third', () => {
    const counter = new DayTradeCounter(history.slice(0, 5));
    expect(counter.between('2024-03-04', '2024-03-08').map((t) => t.date)).toEqual(['2024-03-04', '2024-03-05']);
    const check = new PdtCheck(history.slice(0, 5));
    check.recordFill(fill('w-b', 'SPY', 'BUY', 10, '2024-03-06T10:00:00-05:00'));
    const third = sellAt('2024-03-06T11:00:00-05:00', 'SPY');
    expect(check.evaluate(third)).toEqual({ kind: 'ALLOW' });
  });

  it('denies the 4th day trade in 5 business days under $25,000 equity', () => {
    const verdict = new PdtCheck(history).evaluate(sellAt('2024-03-07T14:00:00-05:00'));
    expect(verdict).toMatchObject({ kind: 'DENY', reason: { code: 'PDT' } });
    expect(verdict.kind === 'DENY' && verdict.reason.message).toContain('$20,000.00');
    expect(verdict.kind === 'DENY' && verdict.reason.message).toContain('2024-03-04');
  });

  it('allows the 4th day trade at $25,000 equity or more', () => {
    expect(new PdtCheck(history).evaluate(sellAt('2024-03-07T14:00:00-05:00', 'GOOG', account({ equity: 25_000 * USD })))).toEqual({ kind: 'ALLOW' });
  });

  it('allows when PDT enforcement is off', () => {
    const context = { ...sellAt('2024-03-07T14:00:00-05:00'), profile: { ...PDT_PROFILE, pdtEnforcement: false } };
    expect(new PdtCheck(history).evaluate(context)).toEqual({ kind: 'ALLOW' });
  });

  it('allows an order that opens, or one that sells shares carried overnight', () => {
    const check = new PdtCheck([...history, fill('x', 'MSFT', 'BUY', 10, '2024-03-06T15:00:00-05:00')]);
    const buy = { ...sellAt('2024-03-07T14:00:00-05:00'), order: riskOrder({ side: 'BUY', quantity: 10 }) };
    expect(check.evaluate(buy)).toEqual({ kind: 'ALLOW' });
    expect(check.evaluate(sellAt('2024-03-07T14:00:00-05:00', 'MSFT'))).toEqual({ kind: 'ALLOW' });
  });

  it('drops day trades older than 5 business days, skipping the weekend', () => {
    // Next Monday 2024-03-11: the window is Tue 03-05 .. Mon 03-11, so Monday 03-04's trade falls out.
    expect(windowStart('2024-03-11', 5)).toBe('2024-03-05');
    const check = new PdtCheck([...history, ...roundTrip('th', 'GOOG', '2024-03-07').slice(1), fill('mo-b', 'QQQ', 'BUY', 10, '2024-03-11T09:45:00-04:00')]);
    // Day trades: 03-04, 03-05, 03-06, 03-07 -> in the window from 03-05: three.
    expect(check.evaluate(sellAt('2024-03-11T10:00:00-04:00', 'QQQ'))).toMatchObject({ kind: 'DENY' });
    // Friday 03-08 had none; by Wednesday 03-13 the window starts Thu 03-07: one day trade in it.
    const later = new PdtCheck([...history, ...roundTrip('th', 'GOOG', '2024-03-07').slice(1), fill('we-b', 'QQQ', 'BUY', 10, '2024-03-13T09:45:00-04:00')]);
    expect(later.evaluate(sellAt('2024-03-13T10:00:00-04:00', 'QQQ'))).toEqual({ kind: 'ALLOW' });
  });

  it('counts buy, buy, sell, sell as one day trade and buy, sell, buy, sell as two', () => {
    const one = new DayTradeCounter([
      fill('1', 'GOOG', 'BUY', 10, '2024-03-06T10:00:00-05:00'),
      fill('2', 'GOOG', 'BUY', 10, '2024-03-06T10:01:00-05:00'),
      fill('3', 'GOOG', 'SELL', 10, '2024-03-06T10:02:00-05:00'),
      fill('4', 'GOOG', 'SELL', 10, '2024-03-06T10:03:00-05:00'),
    ]);
    expect(one.between('2024-03-06', '2024-03-06')).toHaveLength(1);
    const two = new DayTradeCounter([
      fill('1', 'GOOG', 'BUY', 10, '2024-03-06T10:00:00-05:00'),
      fill('2', 'GOOG', 'SELL', 10, '2024-03-06T10:01:00-05:00'),
      fill('3', 'GOOG', 'BUY', 10, '2024-03-06T10:02:00-05:00'),
      fill('4', 'GOOG', 'SELL', 10, '2024-03-06T10:03:00-05:00'),
      fill('4', 'GOOG', 'SELL', 10, '2024-03-06T10:03:00-05:00'),
    ]);
    expect(two.between('2024-03-06', '2024-03-06')).toHaveLength(2);
  });

  it('uses New York session dates: an evening fill belongs to that New York day, not the UTC one', () => {
    const counter = new DayTradeCounter([
      fill('1', 'GOOG', 'BUY', 10, '2024-03-06T19:30:00-05:00'),
      fill('2', 'GOOG', 'SELL', 10, '2024-03-07T09:31:00-05:00'),
    ]);
    // 19:30 New York is already 03-07 in UTC, but the buy was Wednesday's: the Thursday sale is not a day trade.
    expect(counter.between('2024-03-01', '2024-03-31')).toHaveLength(0);
  });

  it('knows NYSE holidays and weekends', () => {
    expect(isTradingDay('2024-03-29')).toBe(false); // Good Friday 2024
    expect(isTradingDay('2024-07-04')).toBe(false);
    expect(isTradingDay('2022-06-20')).toBe(false); // Juneteenth observed on Monday
    expect(isTradingDay('2021-12-31')).toBe(true); // New Year's Day on a Saturday is not observed
    expect(isTradingDay('2024-03-09')).toBe(false);
    expect(isTradingDay('2024-03-08')).toBe(true);
    expect(windowStart('2024-04-02', 5)).toBe('2024-03-26'); // Apr 2, Apr 1, (weekend, Good Friday) Mar 28, 27, 26
  });
});
