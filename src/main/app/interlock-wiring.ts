import { wallClock, type Alert } from '../../shared';
import type { Ledger } from '../ledger';
import { Interlock, loadSessionDurations, type InterlockMode } from '../security/interlock';
import { chainSecurityEvents } from '../security';
import { AlertSecurityEventSink, loadOrCreateUserHandle, RelyingParty, type SecurityEventSink, type SecurityEventType } from '../security/webauthn';

/**
 * Holds the terminal's interlock once it exists. The relying party needs the host's origin (its
 * port) and the host needs the RPC handlers, so the handlers reach the interlock through this slot,
 * filled right after the host is bound (before any client can connect and call).
 */
export class InterlockSlot {
  private interlock: Interlock | undefined;

  /** Fills the slot. @throws Error when it is already filled. */
  set(interlock: Interlock): void {
    if (this.interlock !== undefined) throw new Error('the interlock slot is already filled');
    this.interlock = interlock;
  }

  /** The interlock. @throws Error when called before the host was bound (a wiring bug, never a client's doing). */
  get(): Interlock {
    if (this.interlock === undefined) throw new Error('the interlock is not ready: the host is still starting');
    return this.interlock;
  }
}

/** What the terminal's interlock is built from. */
export interface TerminalInterlockOptions {
  readonly ledger: Ledger;
  /** The host's origin, http://localhost:<port>: the only origin WebAuthn responses are accepted from. */
  readonly origin: string;
  /** The terminal's trading mode now. */
  readonly mode: () => InterlockMode;
  /** Pushes a security alert to the renderer (host.publish('alerts', [alert])). */
  readonly publishAlert: (alert: Alert) => void;
}

/**
 * The terminal's interlock: relying party on the ledger's webauthn_credentials (migration 0006),
 * the trader's user handle from settings, session lengths from the `interlock.sessionMinutes`
 * setting, security events as alerts. All times on the wall clock, never the replay's.
 */
export function createTerminalInterlock(options: TerminalInterlockOptions): Interlock {
  const { ledger } = options;
  const credentials = ledger.webauthnCredentials;
  // Each event is a signed `security.event` chain entry first (the evidence), then an alert.
  const chain = chainSecurityEvents<SecurityEventType>(ledger, wallClock);
  const alerts = new AlertSecurityEventSink(ledger.alerts, wallClock, options.publishAlert);
  const events: SecurityEventSink = {
    record(type, details) {
      chain.record(type, details);
      alerts.record(type, details);
    },
  };
  const relyingParty = new RelyingParty({
    origin: options.origin,
    credentials,
    userId: loadOrCreateUserHandle(ledger.settings, wallClock.now()),
    events,
    clock: wallClock,
  });
  return new Interlock({
    relyingParty,
    credentials,
    events,
    clock: wallClock,
    mode: options.mode,
    durations: () => loadSessionDurations(ledger.settings),
  });
}
