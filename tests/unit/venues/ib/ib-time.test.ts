import { describe, expect, it } from 'vitest';
import { gatewayUtcOffsetMinutes, IbTimeFormatError, parseIbTime } from '../../../../src/main/venues/ib/ib-time';

const µs = (iso: string): number => Date.parse(iso) * 1000;

describe('parseIbTime: the date-time forms IB gateways write', () => {
  it('reads the zoned form current gateways send, in summer and winter time', () => {
    expect(parseIbTime('20120621 09:31:05 US/Eastern', undefined)).toBe(µs('2012-06-21T13:31:05Z'));
    expect(parseIbTime('20240115 09:31:05 US/Eastern', undefined)).toBe(µs('2024-01-15T14:31:05Z'));
    expect(parseIbTime('20240115 09:31:05 America/New_York', undefined)).toBe(µs('2024-01-15T14:31:05Z'));
    expect(parseIbTime('20240715 14:31:05 Europe/London', undefined)).toBe(µs('2024-07-15T13:31:05Z'));
  });

  it('gets the hours around a daylight-saving change right', () => {
    // New York springs forward at 02:00 local on 2024-03-10: 01:59:59 EST is 06:59:59Z, 03:00:00 EDT is 07:00:00Z.
    expect(parseIbTime('20240310 01:59:59 US/Eastern', undefined)).toBe(µs('2024-03-10T06:59:59Z'));
    expect(parseIbTime('20240310 03:00:00 US/Eastern', undefined)).toBe(µs('2024-03-10T07:00:00Z'));
  });

  it('reads the classic form without a zone (two spaces or one) in the gateway\'s offset', () => {
    expect(parseIbTime('20120621  09:31:05', -240)).toBe(µs('2012-06-21T13:31:05Z'));
    expect(parseIbTime('20120621 09:31:05', -240)).toBe(µs('2012-06-21T13:31:05Z'));
    expect(parseIbTime('20120621  15:31:05', 120)).toBe(µs('2012-06-21T13:31:05Z'));
  });

  it('reads the UTC dash form and epoch seconds', () => {
    expect(parseIbTime('20120621-13:31:05', undefined)).toBe(µs('2012-06-21T13:31:05Z'));
    expect(parseIbTime('20120621-13:31:05Z', undefined)).toBe(µs('2012-06-21T13:31:05Z'));
    expect(parseIbTime('1340285465', undefined)).toBe(µs('2012-06-21T13:31:05Z'));
  });

  it('falls back to the gateway offset for a zone name that is not an IANA zone (EDT), else says what is missing', () => {
    expect(parseIbTime('20120621 09:31:05 EDT', -240)).toBe(µs('2012-06-21T13:31:05Z'));
    expect(() => parseIbTime('20120621 09:31:05 EDT', undefined)).toThrow(/zone "EDT", which is not an IANA zone/);
    expect(() => parseIbTime('20120621  09:31:05', undefined)).toThrow(/no time zone and the gateway's is not known/);
  });

  it('refuses text in none of the forms and impossible dates', () => {
    for (const bad of ['', '2012-06-21 09:31:05', '20120621 9:31:05', 'Submitted', '20120231 09:31:05 US/Eastern', '20120621 24:00:00 US/Eastern']) {
      expect(() => parseIbTime(bad, 0), bad).toThrow(IbTimeFormatError);
    }
  });
});

describe('gatewayUtcOffsetMinutes: the gateway\'s zone from its connection time', () => {
  const at = Date.parse('2024-01-15T14:31:05Z');
  it('is the wall-clock difference rounded to the quarter hour', () => {
    expect(gatewayUtcOffsetMinutes('20240115 09:31:05 EST', at)).toBe(-300);
    expect(gatewayUtcOffsetMinutes('20240115 09:33:50 EST', at)).toBe(-300); // a clock a few minutes off
    expect(gatewayUtcOffsetMinutes('20240115 20:01:05 India Standard Time', at)).toBe(330);
    expect(gatewayUtcOffsetMinutes('20240115 14:31:05 GMT', at)).toBe(0);
  });

  it('is undefined for text that is no wall time or an offset beyond ±14 h', () => {
    expect(gatewayUtcOffsetMinutes('', at)).toBeUndefined();
    expect(gatewayUtcOffsetMinutes('20240117 09:31:05 EST', at)).toBeUndefined();
  });
});
