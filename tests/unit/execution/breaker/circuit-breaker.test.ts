import { describe, expect, it } from 'vitest';
import { CircuitBreaker, RollingHigh } from '../../../../src/main/execution/breaker';

const SEC = 1_000_000;
const T0 = 1_340_280_000_000_000;
/** $600.00 in micro-dollars. */
const HIGH = 600_000_000;

describe('RollingHigh (monotonic deque)', () => {
  it('returns the highest price within the window, including a tick exactly W old', () => {
    const rolling = new RollingHigh(300 * SEC);
    rolling.update(T0, 100);
    rolling.update(T0 + 10 * SEC, 90);
    expect(rolling.update(T0 + 300 * SEC, 80)).toBe(100);
    expect(rolling.update(T0 + 300 * SEC + 1, 70)).toBe(90);
  });

  it('keeps only candidates: a new high evicts every lower tick', () => {
    const rolling = new RollingHigh(60 * SEC, 8);
    for (let i = 0; i < 20; i++) rolling.update(T0 + i, 100 - i);
    expect(rolling.size).toBe(20);
    expect(rolling.update(T0 + 21, 200)).toBe(200);
    expect(rolling.size).toBe(1);
  });

  it('grows past its initial capacity and still reports the right high after wrap-around', () => {
    const rolling = new RollingHigh(1_000, 8);
    let high = 0;
    for (let i = 0; i < 5_000; i++) {
      // steadily falling prices: every tick in the window stays a candidate, so the ring must grow
      const price = 1_000_000 - i;
      high = rolling.update(T0 + i, price);
      const expected = 1_000_000 - Math.max(0, i - 1_000);
      expect(high).toBe(expected);
    }
  });

  it('restarts the window when the clock goes backwards (a replay seek)', () => {
    const rolling = new RollingHigh(300 * SEC);
    rolling.update(T0 + 100 * SEC, 500);
    expect(rolling.update(T0, 400)).toBe(400);
  });

  it('rejects a window that is not a positive whole number of microseconds', () => {
    expect(() => new RollingHigh(0)).toThrow(/positive whole number of microseconds/);
    expect(() => new RollingHigh(1.5)).toThrow(RangeError);
  });
});

describe('CircuitBreaker', () => {
  const settings = { dropBps: 1_000, windowSeconds: 300 };

  it('trips at exactly a 10% drop from the rolling high', () => {
    const breaker = new CircuitBreaker(settings);
    expect(breaker.onTrade('GOOG', HIGH, T0)).toBeNull();
    const trip = breaker.onTrade('GOOG', 540_000_000, T0 + 60 * SEC);
    expect(trip).toEqual({ instrumentId: 'GOOG', triggerPrice: 540_000_000, rollingHigh: HIGH, dropBps: 1_000, tsEvent: T0 + 60 * SEC });
    expect(breaker.isArmed).toBe(false);
  });

  it('does not trip one micro-dollar above the threshold, nor one tick above it', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.onTrade('GOOG', HIGH, T0);
    expect(breaker.onTrade('GOOG', 540_000_001, T0 + 1)).toBeNull();
    expect(breaker.onTrade('GOOG', 540_010_000, T0 + 2)).toBeNull();
    expect(breaker.isArmed).toBe(true);
  });

  it('does not trip on a 10% drop spread over more than the window', () => {
    const breaker = new CircuitBreaker(settings);
    // $600 falling to $540 in 1-cent steps over 400 s: within any 300 s the drop stays under 10%.
    const steps = 6_000;
    for (let i = 0; i <= steps; i++) {
      const price = HIGH - i * 10_000;
      const time = T0 + Math.round((i * 400 * SEC) / steps);
      expect(breaker.onTrade('GOOG', price, time)).toBeNull();
    }
    expect(breaker.rollingHigh('GOOG')).toBeLessThan(HIGH);
  });

  it('trips when the same drop happens inside the window', () => {
    const breaker = new CircuitBreaker(settings);
    let trip = null;
    for (let i = 0; i <= 6_000 && trip === null; i++) trip = breaker.onTrade('GOOG', HIGH - i * 10_000, T0 + i * 40_000);
    expect(trip?.triggerPrice).toBe(540_000_000);
  });

  it('keeps a separate window per instrument', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.onTrade('GOOG', HIGH, T0);
    breaker.onTrade('AAPL', 100_000_000, T0);
    // AAPL at $90 is 10% below AAPL's high, but GOOG's high does not matter to it and vice versa.
    expect(breaker.onTrade('GOOG', 90_000_000 + 500_000_000, T0 + 1)).toBeNull();
    const trip = breaker.onTrade('AAPL', 90_000_000, T0 + 2);
    expect(trip?.instrumentId).toBe('AAPL');
    expect(trip?.rollingHigh).toBe(100_000_000);
  });

  it('stays disarmed after a trip until rearm(), which starts fresh windows', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.onTrade('GOOG', HIGH, T0);
    expect(breaker.onTrade('GOOG', 500_000_000, T0 + 1)).not.toBeNull();
    expect(breaker.onTrade('GOOG', 400_000_000, T0 + 2)).toBeNull();
    breaker.rearm();
    expect(breaker.rollingHigh('GOOG')).toBeNull();
    expect(breaker.onTrade('GOOG', 400_000_000, T0 + 3)).toBeNull();
    expect(breaker.onTrade('GOOG', 360_000_000, T0 + 4)?.rollingHigh).toBe(400_000_000);
  });

  it('forgets one instrument on resetInstrument (a seek) without touching the others', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.onTrade('GOOG', HIGH, T0);
    breaker.onTrade('AAPL', 100_000_000, T0);
    breaker.resetInstrument('GOOG');
    expect(breaker.onTrade('GOOG', 500_000_000, T0 + 1)).toBeNull();
    expect(breaker.rollingHigh('AAPL')).toBe(100_000_000);
  });

  it('compares exactly for prices too large for plain integer arithmetic', () => {
    const breaker = new CircuitBreaker(settings);
    const high = 2_000_000_000_000; // $2,000,000
    breaker.onTrade('BRK.A', high, T0);
    expect(breaker.onTrade('BRK.A', high * 0.9 + 1, T0 + 1)).toBeNull();
    expect(breaker.onTrade('BRK.A', high * 0.9, T0 + 2)?.dropBps).toBe(1_000);
  });

  it('applies a new window and threshold from configure()', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.onTrade('GOOG', HIGH, T0);
    breaker.configure({ dropBps: 500, windowSeconds: 10 });
    expect(breaker.onTrade('GOOG', 570_000_000, T0 + 11 * SEC)).toBeNull();
    breaker.onTrade('GOOG', HIGH, T0 + 12 * SEC);
    expect(breaker.onTrade('GOOG', 570_000_000, T0 + 13 * SEC)?.dropBps).toBe(500);
    expect(() => breaker.configure({ dropBps: 0, windowSeconds: 10 })).toThrow(/dropBps/);
  });
});
