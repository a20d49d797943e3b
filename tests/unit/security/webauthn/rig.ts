import type Database from 'better-sqlite3';
import { openLedgerDatabase, closeLedgerDatabase } from '../../../../src/main/ledger';
import { WebAuthnCredentialRepository } from '../../../../src/main/ledger/webauthn-credential-repository';
import { ChallengeStore, RelyingParty, type SecurityEventDetails, type SecurityEventSink, type SecurityEventType } from '../../../../src/main/security/webauthn';

/** The origin the rig's relying party expects (the host's origin with its port). */
export const ORIGIN = 'http://localhost:48213';

/** A security-event sink that keeps what it was told, for assertions. */
export class RecordingSink implements SecurityEventSink {
  readonly events: { type: SecurityEventType; details: SecurityEventDetails }[] = [];
  record(type: SecurityEventType, details: SecurityEventDetails): void {
    this.events.push({ type, details });
  }
}

/** A relying party over an in-memory ledger, with a hand-driven clock (ms for challenges, µs for records). */
export function createRig() {
  const db: Database.Database = openLedgerDatabase(':memory:');
  const clock = { ms: 1_750_000_000_000 };
  const credentials = new WebAuthnCredentialRepository(db);
  const events = new RecordingSink();
  const challenges = new ChallengeStore({ now: () => clock.ms * 1000 });
  const rp = new RelyingParty({
    origin: ORIGIN,
    credentials,
    userId: new Uint8Array(32).fill(7),
    events,
    clock: { now: () => clock.ms * 1000 },
    challenges,
  });
  return { db, clock, credentials, events, challenges, rp, close: () => closeLedgerDatabase(db) };
}
