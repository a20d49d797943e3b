import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  divRoundHalfAwayFromZero,
  dollarsToMicros,
  FixedPointError,
  formatDollars,
  notionalMicros,
  parseDollars,
} from '../../../src/shared/money';

describe('fixed-point money', () => {
  it('parses dollar strings exactly, without binary floats', () => {
    expect(parseDollars('585.33')).toBe(585_330_000);
    expect(parseDollars('0.1')).toBe(100_000);
    expect(parseDollars('-0.005')).toBe(-5_000);
    expect(parseDollars('12')).toBe(12_000_000);
  });

  it('rejects text that is not a plain decimal, naming what it got', () => {
    expect(() => parseDollars('1e3')).toThrow(/expected a dollar amount like 585.33.*"1e3"/);
    expect(() => parseDollars('585.3333333')).toThrow(FixedPointError);
    expect(() => parseDollars('')).toThrow(FixedPointError);
  });

  it('formats micro-dollars with rounding half away from zero', () => {
    expect(formatDollars(585_330_000)).toBe('585.33');
    expect(formatDollars(5_000, 2)).toBe('0.01');
    expect(formatDollars(-5_000, 2)).toBe('-0.01');
    expect(formatDollars(4_999, 2)).toBe('0.00');
    expect(formatDollars(1_234_567, 4)).toBe('1.2346');
  });

  it('round-trips any 6-decimal amount through format and parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9_000_000_000_000, max: 9_000_000_000_000 }), (micros) => {
        expect(parseDollars(formatDollars(micros, 6))).toBe(micros);
      }),
    );
  });

  it('computes notional exactly and refuses an overflow instead of losing precision', () => {
    expect(notionalMicros(585_330_000, 100)).toBe(58_533_000_000);
    expect(() => notionalMicros(1_000_000_000_000, 10_000_000)).toThrow(/notional of 10000000 shares/);
    expect(() => notionalMicros(585.5, 1)).toThrow(/price \(micro-dollars\) must be a safe integer/);
  });

  it('divides with half-away-from-zero rounding for average prices', () => {
    expect(divRoundHalfAwayFromZero(5, 2)).toBe(3);
    expect(divRoundHalfAwayFromZero(-5, 2)).toBe(-3);
    expect(divRoundHalfAwayFromZero(7, 3)).toBe(2);
    expect(() => divRoundHalfAwayFromZero(1, 0)).toThrow(/division by zero/);
  });

  it('converts venue float prices to the nearest micro-dollar', () => {
    expect(dollarsToMicros(190.25)).toBe(190_250_000);
    expect(dollarsToMicros(0.1 + 0.2)).toBe(300_000);
    expect(() => dollarsToMicros(Number.NaN)).toThrow(/finite/);
  });
});
