import { randomUUID } from 'node:crypto';
import type { Alert, Clock, UnixMicros } from '../../../shared';

/** Security event types. CRITICAL_SECURITY_BREACH: a request to the automation API failed authentication. */
export const SECURITY_EVENT_TYPES = ['CRITICAL_SECURITY_BREACH'] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

/** Figures of a security event: flat, JSON-safe values (the alert and ledger formats). */
export type SecurityEventDetails = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Where security events go. The signed ledger chain records them as chain entries; the alert sink
 * below raises them to the trader. The caller never awaits: `record` must not throw for a well-formed
 * event (a sink that can fail reports it itself), because it runs on the request path of an attack.
 */
export interface SecurityEventSink {
  record(type: SecurityEventType, details: SecurityEventDetails): void;
}

/** Several sinks as one, in order; a throwing sink is reported to `onError` and does not stop the others. */
export function fanOutSecurityEvents(sinks: readonly SecurityEventSink[], onError: (error: unknown) => void): SecurityEventSink {
  return {
    record(type, details) {
      for (const sink of sinks) {
        try {
          sink.record(type, details);
        } catch (error) {
          onError(error);
        }
      }
    },
  };
}

/** The CRITICAL alert shown for a CRITICAL_SECURITY_BREACH. `details.reason` and `details.message` come from the verifier. */
export function securityBreachAlert(details: SecurityEventDetails, tsEvent: UnixMicros): Alert {
  const reason = typeof details.reason === 'string' ? details.reason : 'UNKNOWN';
  const what = typeof details.message === 'string' ? details.message : 'the request failed authentication';
  const route = typeof details.path === 'string' ? ` to ${typeof details.method === 'string' ? `${details.method} ` : ''}${details.path}` : '';
  const suppressed = typeof details.suppressed === 'number' && details.suppressed > 0 ? ` ${details.suppressed} similar refusal(s) before this one were counted but not shown.` : '';
  return {
    alertId: randomUUID(),
    severity: 'CRITICAL',
    code: 'CRITICAL_SECURITY_BREACH',
    message: `Security: refused an automation API request${route} (${reason}: ${what}). Nothing was traded. If you did not send it, something on this computer is trying to place orders.${suppressed}`,
    instrumentId: null,
    tsEvent,
    details: { ...details },
  };
}

/**
 * The SecurityEventSink that raises each event as a CRITICAL alert through `raise` (in the terminal:
 * the bus topic risk.alert, which the alerts table records and the host pushes on 'alerts').
 *
 * Flood control: an attacker on the machine can send refused requests as fast as the host answers,
 * and every alert is an append-only row. At most `maxPerWindow` alerts are raised per `windowMs`
 * (default 20 per minute); further events in the window are counted, and the count is carried as
 * `suppressed` in the next alert raised. Every request is still refused.
 *
 * @param clock Unix µs for tsEvent and the window.
 */
export function alertSecurityEvents(
  raise: (alert: Alert) => void,
  clock: Clock,
  limits: { readonly maxPerWindow?: number; readonly windowMs?: number } = {},
): SecurityEventSink {
  const maxPerWindow = limits.maxPerWindow ?? 20;
  const windowMicros = (limits.windowMs ?? 60_000) * 1_000;
  let windowStart = Number.NEGATIVE_INFINITY;
  let raised = 0;
  let suppressed = 0;
  return {
    record(_type, details) {
      const now = clock.now();
      if (now - windowStart >= windowMicros) {
        windowStart = now;
        raised = 0;
      }
      if (raised >= maxPerWindow) {
        suppressed += 1;
        return;
      }
      raised += 1;
      raise(securityBreachAlert(suppressed > 0 ? { ...details, suppressed } : details, now));
      suppressed = 0;
    },
  };
}
