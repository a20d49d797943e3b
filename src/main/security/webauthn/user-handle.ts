import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { UnixMicros } from '../../../shared';
import type { SettingsRepository } from '../../ledger';

/** Settings key of the trader's WebAuthn user handle (base64url of 32 random bytes). */
export const USER_HANDLE_SETTING = 'interlock.webauthn.userHandle';

const userHandleSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected 32 bytes as base64url');

/**
 * The terminal's WebAuthn user handle (user.id), created on first use and kept in settings.
 * It must stay the same across registrations: a platform authenticator keeps one discoverable
 * credential per (rpID, user.id), and WebAuthn §14.6.1 asks for a random handle with no personal data.
 * @throws LedgerRowError when the stored value is not 32 bytes of base64url.
 */
export function loadOrCreateUserHandle(settings: SettingsRepository, now: UnixMicros): Uint8Array {
  const stored = settings.get(USER_HANDLE_SETTING, userHandleSchema);
  if (stored !== undefined) return new Uint8Array(Buffer.from(stored, 'base64url'));
  const handle = randomBytes(32);
  settings.set(USER_HANDLE_SETTING, handle.toString('base64url'), now);
  return new Uint8Array(handle);
}
