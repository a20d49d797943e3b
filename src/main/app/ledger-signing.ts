import { type Clock } from '../../shared';
import type { Ledger } from '../ledger';
import type { CredentialStore } from '../security';
import { chooseKeyStore, type KeyStore } from '../security';
import { loadOrCreateTerminalKey, terminalKeyAccount, type TerminalSigningKey } from '../security';

/** How the terminal's ledger got signed. */
export interface LedgerSigning {
  readonly key: TerminalSigningKey;
  /** True when the key pair was created now (first run of this ledger). */
  readonly created: boolean;
  /** Where the key lives: the OS keychain or the key file. */
  readonly keyStore: KeyStore;
  /** When a new ledger's key went into the key file: why the OS keychain was not used; otherwise null. */
  readonly fallbackReason: string | null;
}

/**
 * Signs the terminal's ledger with its Ed25519 key. The key lives in the store the ledger recorded
 * for it (chooseKeyStore: the OS keychain, or the key file on a machine without one); on first run
 * the store is chosen, the key pair created there and the public key recorded, and the choice is
 * recorded in `ledger_key_store` with a signed `security.event` KEY_STORE_SELECTED in one
 * transaction. On later runs the store's key must be the one the ledger records.
 *
 * @param keychain the OS keychain (a test may pass its own); the key file is always `<dataDir>/floor.keys.json`.
 * @param clock the wall clock, Unix µs of the record.
 * @throws CredentialStoreUnavailableError when the recorded store cannot be used (its message has the fix);
 *   TerminalKeyMissingError / TerminalKeyMismatchError when the store lost or replaced the key.
 */
export function signLedgerWithTerminalKey(ledger: Ledger, options: { readonly dataDir: string; readonly keychain?: CredentialStore; readonly clock: Clock }): LedgerSigning {
  const identity = ledger.chain.identity();
  const stores = ledger.keyStores;
  const recorded = stores.get();
  const account = terminalKeyAccount(identity.ledgerId);
  const choice = chooseKeyStore({ recorded: recorded?.store ?? null, dataDir: options.dataDir, account, ...(options.keychain === undefined ? {} : { keychain: options.keychain }) });
  const loaded = loadOrCreateTerminalKey(choice.keyStore.store, identity.ledgerId, identity.publicKeyPem, choice.keyStore.location);
  ledger.signWith(loaded.key);
  if (recorded === null) {
    const at = options.clock.now();
    ledger.transaction(() => {
      stores.record(choice.keyStore.kind, at);
      ledger.recordFact('security.event', {
        event: 'KEY_STORE_SELECTED',
        details: { store: choice.keyStore.kind, keyFingerprint: loaded.key.fingerprint, keychainProblem: choice.fallbackReason },
        tsEvent: at,
      });
    });
  }
  return { ...loaded, keyStore: choice.keyStore, fallbackReason: choice.fallbackReason };
}
