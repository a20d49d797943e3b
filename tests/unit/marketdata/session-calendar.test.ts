import { describe, expect, it } from 'vitest';
import { SessionCalendar, localDate } from '../../../src/main/marketdata';

const H = 3_600_000_000_000;

describe('SessionCalendar', () => {
  it('maps 09:30 New York to 13:30 UTC in summer (EDT) and 14:30 UTC in winter (EST)', () => {
    expect(new SessionCalendar('2012-06-21').toUnixMicros(9.5 * H)).toBe(Date.UTC(2012, 5, 21, 13, 30) * 1000);
    expect(new SessionCalendar('2012-12-21').toUnixMicros(9.5 * H)).toBe(Date.UTC(2012, 11, 21, 14, 30) * 1000);
  });

  it('uses the right offset on both sides of a DST switch day (2024-03-10, 02:00 EST -> 03:00 EDT)', () => {
    const cal = new SessionCalendar('2024-03-10');
    expect(cal.toUnixMicros(1 * H)).toBe(Date.UTC(2024, 2, 10, 6, 0) * 1000);
    expect(cal.toUnixMicros(9.5 * H)).toBe(Date.UTC(2024, 2, 10, 13, 30) * 1000);
  });

  it('keeps sub-millisecond precision down to the microsecond', () => {
    expect(new SessionCalendar('2012-06-21').toUnixMicros(34_200_015_105_074)).toBe(Date.UTC(2012, 5, 21, 13, 30) * 1000 + 15_105);
  });

  it('converts back from Unix ms to session nanoseconds', () => {
    const cal = new SessionCalendar('2012-06-21');
    expect(cal.fromUnixMillis(Date.UTC(2012, 5, 21, 13, 30))).toBe(9.5 * H);
  });

  it('rejects impossible dates and times outside the day', () => {
    expect(() => new SessionCalendar('2012-02-30')).toThrow(/not a calendar date/);
    expect(() => new SessionCalendar('2012-06-21').toUnixMicros(-1)).toThrow(/not within the day/);
  });

  it('gives the New York date of an instant', () => {
    // 02:00 UTC on 22 June is still 21 June in New York.
    expect(localDate(Date.UTC(2012, 5, 22, 2, 0))).toBe('2012-06-21');
  });
});
