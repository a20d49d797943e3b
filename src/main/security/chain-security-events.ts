import type { Clock } from '../../shared';
import type { ChainEntry, ChainEntryType, ChainPayload } from '../ledger/chain';

/** Flat figures of a security event, as both event families (api-auth, webauthn) carry them. */
type Details = Readonly<Record<string, string | number | boolean | null>>;

/** What the sink writes to: the ledger's `recordFact` (Ledger satisfies this). */
export interface SignedFactRecorder {
  recordFact(type: ChainEntryType, payload: ChainPayload): ChainEntry | undefined;
}

/**
 * A security-event sink that records each event in the signed ledger chain as a `security.event`
 * entry `{event, details, tsEvent}` (tsEvent wall-clock Unix µs). It serves both the automation
 * API's sink (CRITICAL_SECURITY_BREACH, every refused request) and the interlock's (WebAuthn
 * counter regression, authenticator added or removed), whose `record(type, details)` shapes agree.
 *
 * Every event is recorded, unlike the throttled alerts: the chain is the evidence. A details value
 * that JSON cannot carry exactly (NaN, an unsafe integer) throws TypeError and writes nothing.
 */
export function chainSecurityEvents<T extends string>(ledger: SignedFactRecorder, clock: Clock): { record(type: T, details: Details): void } {
  return {
    record(type, details) {
      ledger.recordFact('security.event', { event: type, details: { ...details }, tsEvent: clock.now() });
    },
  };
}
