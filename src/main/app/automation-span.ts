import type { RiskProfile, UnixMicros } from '../../shared';
import { localDate, SessionCalendar, US_EQUITY_TIME_ZONE } from '../marketdata';

/** The regular session's close, 16:00 New York time, as nanoseconds after midnight. */
const SESSION_CLOSE_NANOS = 16 * 3600 * 1e9;

/**
 * When an arming of automation made at `now` (Unix µs, wall clock) ends: `now` plus the risk
 * profile's automationArmMinutes, or, when that is null (the default), today's regular session
 * close, 16:00 America/New_York (NYSE/Nasdaq core hours). Past the close it is `now` (nothing to arm
 * for: the Interlock refuses with CONFLICT and says to set a span).
 */
export function automationArmUntil(now: UnixMicros, profile: Pick<RiskProfile, 'automationArmMinutes'>): UnixMicros {
  if (profile.automationArmMinutes !== null) return now + profile.automationArmMinutes * 60_000_000;
  const today = new SessionCalendar(localDate(Math.floor(now / 1000), US_EQUITY_TIME_ZONE), US_EQUITY_TIME_ZONE);
  return Math.max(now, today.toUnixMicros(SESSION_CLOSE_NANOS));
}
