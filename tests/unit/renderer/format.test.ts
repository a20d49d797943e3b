import { formatMoney, formatPrice, formatShares } from '../../../src/shared';
import { describe, expect, it } from 'vitest';
import { formatSessionNanos, formatUnixMicrosEt, isCancelable, isWorking, orderStatusDisplay, parseClockToSessionNanos } from '../../../src/renderer/src/format';

describe('replay clock', () => {
  it('shows nanoseconds after midnight as HH:MM:SS.mmm, truncating below the millisecond', () => {
    expect(formatSessionNanos(34_200_000_000_000)).toBe('09:30:00.000');
    expect(formatSessionNanos(57_599_999_999_999)).toBe('15:59:59.999');
    expect(formatSessionNanos(34_200_123_456_789)).toBe('09:30:00.123');
  });

  it('refuses a market time outside the day with a message naming the value', () => {
    expect(() => formatSessionNanos(-1)).toThrow(/non-negative/);
    expect(() => formatSessionNanos(86_400_000_000_000)).toThrow(/less than 24h/);
  });

  it('parses a typed seek time into nanoseconds after midnight', () => {
    expect(parseClockToSessionNanos('10:30')).toBe(37_800_000_000_000);
    expect(parseClockToSessionNanos(' 9:30:15 ')).toBe(34_215_000_000_000);
  });

  it('rejects seek text that is not a 24-hour time', () => {
    expect(() => parseClockToSessionNanos('10.30')).toThrow(/10:30/);
    expect(() => parseClockToSessionNanos('25:00')).toThrow(/24-hour/);
  });

  it('shows Unix times on the exchange clock, daylight saving included', () => {
    // 2012-06-21 14:30:00 UTC is 10:30 EDT; 2012-01-03 14:30:00 UTC is 09:30 EST.
    expect(formatUnixMicrosEt(Date.UTC(2012, 5, 21, 14, 30, 0) * 1000)).toBe('10:30:00');
    expect(formatUnixMicrosEt(Date.UTC(2012, 0, 3, 14, 30, 0) * 1000)).toBe('09:30:00');
  });
});

describe('money on screen', () => {
  it('shows prices in cents at or above $1 and in hundredths of a cent below', () => {
    expect(formatPrice(585_330_000)).toBe('585.33');
    expect(formatPrice(512_300)).toBe('0.5123');
    expect(formatPrice(null)).toBe('');
  });

  it('groups thousands and signs P&L without float arithmetic', () => {
    expect(formatMoney(1_234_567_890_000)).toBe('$1,234,567.89');
    expect(formatMoney(-2_500_000)).toBe('-$2.50');
    expect(formatMoney(2_500_000, true)).toBe('+$2.50');
    expect(formatMoney(4_000, true)).toBe('$0.00');
    expect(formatMoney(-4_000)).toBe('$0.00');
  });

  it('shows signed share counts with separators', () => {
    expect(formatShares(-12_500)).toBe('-12,500');
    expect(formatShares(100)).toBe('100');
  });
});

describe('order status labels', () => {
  it('uses the design vocabulary: Staged, Pending with fill progress, Filled', () => {
    expect(orderStatusDisplay({ status: 'STAGED', filledQty: 0, quantity: 100 })).toEqual({ label: 'Staged', tone: 'staged' });
    expect(orderStatusDisplay({ status: 'SUBMITTED', filledQty: 0, quantity: 100 })).toEqual({ label: 'Pending (0/100)', tone: 'pending' });
    expect(orderStatusDisplay({ status: 'PARTIALLY_FILLED', filledQty: 40, quantity: 100 }).label).toBe('Pending (40/100)');
    expect(orderStatusDisplay({ status: 'FILLED', filledQty: 100, quantity: 100 })).toEqual({ label: 'Filled', tone: 'filled' });
  });

  it('gives every terminal state its own tone', () => {
    const tones = (['CANCELED', 'REJECTED', 'DENIED', 'EXPIRED', 'FILLED', 'STAGED'] as const).map(
      (status) => orderStatusDisplay({ status, filledQty: 0, quantity: 1 }).tone,
    );
    expect(new Set(tones).size).toBe(tones.length);
  });

  it('treats only orders resting at the venue as working, and not-yet-canceling ones as cancelable', () => {
    expect(isWorking('ACCEPTED')).toBe(true);
    expect(isWorking('PENDING_CANCEL')).toBe(true);
    expect(isWorking('STAGED')).toBe(false);
    expect(isWorking('FILLED')).toBe(false);
    expect(isCancelable('PENDING_CANCEL')).toBe(false);
    expect(isCancelable('PARTIALLY_FILLED')).toBe(true);
  });
});
