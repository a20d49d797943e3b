import { describe, expect, it } from 'vitest';
import { LiveSessionClock } from '../../../../src/main/venues/ib/live-session-clock';

const utcMicros = (iso: string): number => Date.parse(iso) * 1000;

describe('LiveSessionClock (session time of a live US market)', () => {
  it('gives ns after New York midnight and converts back', () => {
    let now = utcMicros('2026-12-02T14:30:00.123Z') + 456; // 09:30:00.123456 EST
    const clock = new LiveSessionClock({ now: () => now });
    expect(clock.sessionDate).toBe('2026-12-02');
    expect(clock.now()).toBe((9.5 * 3600 * 1e6 + 123_456) * 1000);
    expect(clock.toUnixMicros(clock.now())).toBe(now);
    now = utcMicros('2026-06-15T13:30:00Z'); // 09:30 EDT
    expect(clock.now()).toBe(9.5 * 3600 * 1e9);
  });

  it('rolls over to the next date at New York midnight', () => {
    let now = utcMicros('2026-12-03T04:59:59Z'); // 23:59:59 EST on the 2nd
    const clock = new LiveSessionClock({ now: () => now });
    expect(clock.sessionDate).toBe('2026-12-02');
    now = utcMicros('2026-12-03T05:00:01Z');
    expect(clock.now()).toBe(1e9);
    expect(clock.sessionDate).toBe('2026-12-03');
  });

  it('keeps wall-clock session time on a DST switch day', () => {
    const now = utcMicros('2026-03-08T14:30:00Z'); // 10:30 EDT on the spring-forward Sunday
    const clock = new LiveSessionClock({ now: () => now });
    expect(clock.now()).toBe(10.5 * 3600 * 1e9);
    expect(clock.toUnixMicros(clock.now())).toBe(now);
  });
});
