import type { Migration } from './migration';

/**
 * Schema version 7: `api_keys`, the Ed25519 public keys allowed to sign automation API requests
 * (src/main/security/api-auth/signing-scheme.ts).
 *
 * - `key_id`: `fk_` + 22 base64url characters, derived from the key (so one key is registered once).
 * - `label`: the trader's name for the client (1..100 characters).
 * - `public_key`: the raw 32-byte Ed25519 public key, standard base64 (44 characters); whatever form
 *   it was registered in (SPKI PEM or raw), it is stored in this one form.
 * - `created_at`, `revoked_at`: Unix epoch µs; `revoked_at` NULL while the key is valid.
 *
 * A key's history is evidence (which key signed which order), so rows are never deleted, the key
 * itself never changes, and revocation is one-way: the triggers allow only `revoked_at` going from
 * NULL to a time at or after `created_at`.
 */
export const migration0007: Migration = {
  version: 7,
  description: 'api_keys: Ed25519 public keys of the signed automation API',
  up: `
CREATE TABLE api_keys (
  key_id     TEXT PRIMARY KEY CHECK (length(key_id) = 25 AND substr(key_id, 1, 3) = 'fk_'),
  label      TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  public_key TEXT NOT NULL UNIQUE CHECK (length(public_key) = 44),
  created_at INTEGER NOT NULL CHECK (created_at >= 0),
  revoked_at INTEGER CHECK (revoked_at IS NULL OR revoked_at >= created_at)
) STRICT;

CREATE TRIGGER api_keys_revoke_only BEFORE UPDATE ON api_keys
WHEN OLD.key_id IS NOT NEW.key_id OR OLD.label IS NOT NEW.label OR OLD.public_key IS NOT NEW.public_key
  OR OLD.created_at IS NOT NEW.created_at OR OLD.revoked_at IS NOT NULL OR NEW.revoked_at IS NULL
BEGIN
  SELECT RAISE(ABORT, 'api_keys: only revoking a valid key (setting revoked_at once) is allowed');
END;

CREATE TRIGGER api_keys_no_delete BEFORE DELETE ON api_keys
BEGIN
  SELECT RAISE(ABORT, 'api_keys: keys are never deleted, only revoked');
END;
`,
};
