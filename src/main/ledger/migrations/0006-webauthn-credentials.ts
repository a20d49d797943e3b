import type { Migration } from './migration';

/**
 * Schema version 6: `webauthn_credentials`, the authenticators (Windows Hello, Touch ID, security
 * keys) registered with the terminal's WebAuthn relying party (src/main/security/webauthn).
 *
 * - `id`: the credential id, base64url (WebAuthn §6.1: at most 1023 bytes).
 * - `public_key`: the COSE_Key public key from the attested credential data (RFC 9052 §7), kept as
 *   the authenticator sent it; it verifies every later assertion.
 * - `counter`: the signature counter of the last accepted assertion (WebAuthn §6.1.1, 32-bit
 *   unsigned). A trigger refuses lowering it: a counter that goes backwards means a cloned
 *   authenticator (WebAuthn §7.2 step 21), and no code path may "repair" it by writing the lower value.
 * - `transports`: JSON array of AuthenticatorTransport strings the browser reported at registration.
 * - `device_type` / `backed_up`: singleDevice or multiDevice (a synced passkey) and whether it is backed up.
 * - `label`: the trader's name for it; `aaguid`: the authenticator model's AAGUID (all zeros for 'none' attestation).
 * - `created_at`, `last_used_at`: Unix epoch µs, wall clock (NULL last use = never used to unlock).
 */
export const migration0006: Migration = {
  version: 6,
  description: 'webauthn_credentials: authenticators registered for the interlock',
  up: `
CREATE TABLE webauthn_credentials (
  id           TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 1366),
  public_key   BLOB NOT NULL CHECK (length(public_key) BETWEEN 1 AND 16384),
  counter      INTEGER NOT NULL CHECK (counter BETWEEN 0 AND 4294967295),
  transports   TEXT NOT NULL CHECK (json_valid(transports) AND json_type(transports) = 'array'),
  device_type  TEXT NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  backed_up    INTEGER NOT NULL CHECK (backed_up IN (0, 1)),
  label        TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 64),
  aaguid       TEXT NOT NULL CHECK (length(aaguid) = 36),
  created_at   INTEGER NOT NULL CHECK (created_at >= 0),
  last_used_at INTEGER CHECK (last_used_at IS NULL OR last_used_at >= 0)
) STRICT;

CREATE TRIGGER webauthn_credentials_counter_never_decreases BEFORE UPDATE OF counter ON webauthn_credentials
WHEN NEW.counter < OLD.counter
BEGIN
  SELECT RAISE(ABORT, 'webauthn_credentials.counter cannot decrease: a lower signature counter means a cloned authenticator');
END;
`,
};
