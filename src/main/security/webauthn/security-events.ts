import { randomUUID } from 'node:crypto';
import type { Alert, Clock } from '../../../shared';
import type { AlertRepository } from '../../ledger';

/**
 * Security events the WebAuthn relying party and the interlock report, each with the alert
 * severity it deserves and the sentence the trader reads.
 * - WEBAUTHN_COUNTER_REGRESSION: an assertion carried a signature counter at or below the stored
 *   one (both not zero): WebAuthn §7.2 step 21 says the authenticator may have been cloned. CRITICAL.
 * - WEBAUTHN_CREDENTIAL_ADDED / _REMOVED: the set of keys that can unlock trading changed; worth a
 *   record even when it was the trader, because an unexpected one is how a takeover shows.
 * - AUTOMATION_ARMED / _DISARMED: automated orders may (no longer) be sent without a live session.
 */
export const SECURITY_EVENT_TYPES = {
  WEBAUTHN_COUNTER_REGRESSION: { severity: 'CRITICAL', message: 'An authenticator presented a signature counter that went backwards: it may have been cloned. The unlock was refused.' },
  WEBAUTHN_CREDENTIAL_ADDED: { severity: 'INFO', message: 'An authenticator was registered for the interlock.' },
  WEBAUTHN_CREDENTIAL_REMOVED: { severity: 'INFO', message: 'An authenticator was removed from the interlock.' },
  AUTOMATION_ARMED: { severity: 'INFO', message: 'Automation was armed: API and algo orders are sent without a live interlock session until it ends.' },
  AUTOMATION_DISARMED: { severity: 'INFO', message: 'Automation was disarmed: API and algo orders wait for the trader again.' },
} as const satisfies Record<string, { severity: Alert['severity']; message: string }>;
export type SecurityEventType = keyof typeof SECURITY_EVENT_TYPES;

/** Flat figures of a security event (ids, counters, labels); the same value types an alert's details take. */
export type SecurityEventDetails = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Where security events go. One method, so the signed hash chain (issue 5 point 2) can implement
 * it by appending a `SECURITY_EVENT` entry {type, details} to the chain, and a composite can feed
 * both the chain and the alerts table.
 */
export interface SecurityEventSink {
  /**
   * Records one event. Must not throw for a well-formed event: a security fact that cannot be
   * written is itself an incident, so implementations log and rethrow only storage failures.
   */
  record(type: SecurityEventType, details: SecurityEventDetails): void;
}

/**
 * The sink used until the signed ledger lands: each event becomes an alert in the `alerts` table
 * (append-only, migration 0004) with the severity of SECURITY_EVENT_TYPES, and is handed to
 * `onAlert` so the host can push it to the renderer's alert banner at once.
 */
export class AlertSecurityEventSink implements SecurityEventSink {
  /**
   * @param alerts the ledger's alerts repository.
   * @param clock wall clock, Unix µs (security events are stamped with real time, not replay time).
   * @param onAlert called after the alert is stored (e.g. host.publish('alerts', [alert])).
   */
  constructor(
    private readonly alerts: AlertRepository,
    private readonly clock: Clock,
    private readonly onAlert: (alert: Alert) => void = () => undefined,
  ) {}

  /** Appends the alert, then notifies. @throws the repository's errors (a malformed detail, a storage failure). */
  record(type: SecurityEventType, details: SecurityEventDetails): void {
    const { severity, message } = SECURITY_EVENT_TYPES[type];
    const alert: Alert = { alertId: randomUUID(), severity, code: type, message, instrumentId: null, tsEvent: this.clock.now(), details: { ...details } };
    this.alerts.append(alert);
    this.onAlert(alert);
  }
}
