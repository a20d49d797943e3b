import type { Ledger } from '../ledger';
import { readChainIdentity } from '../ledger/chain';
import type { CredentialStore } from '../security/credential-store';
import { loadOrCreateTerminalKey, type TerminalSigningKey } from '../security/terminal-key';

/**
 * Signs the terminal's ledger with its Ed25519 key from the OS keychain: on first run the key pair
 * is created, its private key stored in the keychain and its public key recorded in the ledger; on
 * later runs the keychain's key must be the one the ledger records.
 * @returns the key (for the health monitor's fingerprint) and whether it was created now.
 * @throws CredentialStoreUnavailableError when the keychain cannot be used (no plaintext fallback);
 *   TerminalKeyMissingError / TerminalKeyMismatchError when the keychain lost or replaced the key.
 */
export function signLedgerWithTerminalKey(ledger: Ledger, store: CredentialStore): { readonly key: TerminalSigningKey; readonly created: boolean } {
  const identity = readChainIdentity(ledger.db);
  const loaded = loadOrCreateTerminalKey(store, identity.ledgerId, identity.publicKeyPem);
  ledger.signWith(loaded.key);
  return loaded;
}
