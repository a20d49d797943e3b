import { z } from 'zod';
import type { TradingMode, UnixMicros } from '../../../shared';
import type { SettingsRepository } from '../../ledger';

/** Settings key of the interlock session lengths. */
export const SESSION_DURATIONS_SETTING = 'interlock.sessionMinutes';

/** Trading mode the session is opened in (TerminalStatus.mode). */
export type InterlockMode = TradingMode;

/**
 * How long an interlock session lasts, minutes, per mode. Live is shorter because a walked-away
 * desk with live orders costs real money; 480 minutes (one trading day with pre- and post-market)
 * is the most either may be set to.
 */
export const sessionDurationsSchema = z
  .object({
    paper: z.number().int().min(1, 'the paper session must last at least 1 minute').max(480, 'the paper session may last at most 480 minutes'),
    live: z.number().int().min(1, 'the live session must last at least 1 minute').max(480, 'the live session may last at most 480 minutes'),
  })
  .strict();
export type SessionDurations = z.infer<typeof sessionDurationsSchema>;

/** Issue 5 defaults: 15 minutes in paper, 5 minutes in live. */
export const DEFAULT_SESSION_DURATIONS: SessionDurations = { paper: 15, live: 5 };

/** The stored session lengths, or the defaults when none are stored. @throws LedgerRowError for a malformed stored value. */
export function loadSessionDurations(settings: SettingsRepository): SessionDurations {
  return settings.get(SESSION_DURATIONS_SETTING, sessionDurationsSchema) ?? DEFAULT_SESSION_DURATIONS;
}

/**
 * Validates and stores new session lengths (they apply from the next unlock).
 * @throws TypeError naming each bad field.
 */
export function saveSessionDurations(settings: SettingsRepository, durations: SessionDurations, now: UnixMicros): SessionDurations {
  const parsed = sessionDurationsSchema.safeParse(durations);
  if (!parsed.success) throw new TypeError(`interlock session lengths: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ')}`);
  settings.set(SESSION_DURATIONS_SETTING, parsed.data, now);
  return parsed.data;
}

/** Session length in µs for `mode`. */
export function sessionMicros(durations: SessionDurations, mode: InterlockMode): number {
  return (mode === 'LIVE' ? durations.live : durations.paper) * 60_000_000;
}
