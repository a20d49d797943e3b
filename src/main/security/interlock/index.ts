/**
 * The interlock: sessions opened by a WebAuthn check, the gate order-sending entry points call,
 * and the session-length setting (issue 5 point 1).
 */
export { Interlock, FRESH_CHECK_MICROS, RESUME_NEEDS_CHECK, type InterlockOptions } from './interlock';
export { InterlockGate } from './interlock-gate';
export { InterlockSession, type LiveSession } from './interlock-session';
export {
  DEFAULT_SESSION_DURATIONS,
  loadSessionDurations,
  saveSessionDurations,
  SESSION_DURATIONS_SETTING,
  sessionDurationsSchema,
  sessionMicros,
  type InterlockMode,
  type SessionDurations,
} from './session-durations';
