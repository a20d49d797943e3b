/**
 * The circuit breaker, daily-loss guard, kill switch and resume: Floor's safety layer, wired to the
 * event bus (see BreakerController).
 */
export { BreakerController, type BreakerControllerOptions } from './breaker-controller';
export { CircuitBreaker, type BreakerSettings, type BreakerTrigger } from './circuit-breaker';
export { RollingHigh } from './rolling-high';
export { HaltController, type CancelAllVenue, type HaltableEngine, type HaltControllerOptions, type HaltTrigger } from './halt-controller';
export { NothingToResumeError } from './errors';
export {
  ALERT_CODES,
  breakerTrippedAlert,
  dailyLossAlert,
  killSwitchAlert,
  recordAlerts,
  resumedAlert,
} from './alerts';
