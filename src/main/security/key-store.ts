import { randomBytes } from 'node:crypto';
import { messageOf, type KeyStoreKind } from '../../shared';
import { KeyringCredentialStore, type CredentialStore } from './credential-store';
import { FileCredentialStore } from './file-credential-store';

/** A CredentialStore with what it is and where, for the header, the start-up line and errors. */
export interface KeyStore {
  readonly kind: KeyStoreKind;
  readonly store: CredentialStore;
  /** "the OS keychain (Secret Service)" or the key file's path. */
  readonly location: string;
}

/** The chosen store and, when it is the key file although no ledger asked for it, why the keychain was not used. */
export interface KeyStoreChoice {
  readonly keyStore: KeyStore;
  /** Why the OS keychain did not answer (FILE chosen for a new ledger); null otherwise. */
  readonly fallbackReason: string | null;
}

/** What the OS keychain is called on `platform`. */
export function keychainName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'the OS keychain (Secret Service)';
}

/**
 * Whether `keychain` really stores secrets: a round trip (set, get, delete) of a random probe secret
 * under a random account, so a keychain that answers reads but refuses or drops writes (a locked
 * collection, a read-only Secret Service) is found before the terminal key is trusted to it.
 * @returns null when it answers, else the reason (the keychain's own words).
 */
export function keychainProblem(keychain: CredentialStore): string | null {
  const account = `probe:${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  try {
    keychain.set(account, secret);
    const back = keychain.get(account);
    keychain.delete(account);
    return back === secret ? null : 'it accepted a secret but did not return it';
  } catch (error) {
    return messageOf(error);
  }
}

/** What chooseKeyStore decides from. */
export interface KeyStoreInputs {
  /** The store the ledger recorded for its key (ledger_key_store), or null before its key exists. */
  readonly recorded: KeyStoreKind | null;
  /** The terminal's data folder (where the key file lives). */
  readonly dataDir: string;
  /** The keychain account of the ledger's terminal key (terminalKeyAccount). */
  readonly account: string;
  /** The OS keychain; KeyringCredentialStore unless a test passes its own. */
  readonly keychain?: CredentialStore;
}

/**
 * The store the terminal key of a ledger lives in. A ledger keeps the store it was created with:
 * - recorded KEYCHAIN: the OS keychain (if it is gone, using it fails with the fix; Floor never
 *   falls back to a file for a key that was made in a keychain);
 * - recorded FILE: the key file, even once a keychain exists (`floor keys migrate` moves it);
 * - nothing recorded (a new ledger): the key file when it already holds this ledger's key (a first
 *   start that ended before it recorded its choice), else the OS keychain when it answers a round
 *   trip, else the key file, with the keychain's reason.
 */
export function chooseKeyStore(inputs: KeyStoreInputs): KeyStoreChoice {
  const keychain: KeyStore = { kind: 'KEYCHAIN', store: inputs.keychain ?? new KeyringCredentialStore(), location: keychainName() };
  const fileStore = new FileCredentialStore(inputs.dataDir);
  const file: KeyStore = { kind: 'FILE', store: fileStore, location: fileStore.file };
  if (inputs.recorded === 'KEYCHAIN') return { keyStore: keychain, fallbackReason: null };
  if (inputs.recorded === 'FILE') return { keyStore: file, fallbackReason: null };
  if (fileStore.exists() && fileStore.get(inputs.account) !== null) return { keyStore: file, fallbackReason: null };
  const problem = keychainProblem(keychain.store);
  return problem === null ? { keyStore: keychain, fallbackReason: null } : { keyStore: file, fallbackReason: problem };
}

/**
 * The store for the `floor` CLI's own API keys on this data folder: the key file when the data
 * folder has one (its terminal key lives there: a machine without a keychain), else the OS keychain
 * when it answers, else the key file. `floor keys migrate` moves the file's keys into the keychain
 * and removes the file, so the CLI follows.
 */
export function chooseClientKeyStore(dataDir: string, keychain: CredentialStore = new KeyringCredentialStore()): KeyStore {
  const fileStore = new FileCredentialStore(dataDir);
  const file: KeyStore = { kind: 'FILE', store: fileStore, location: fileStore.file };
  if (fileStore.exists()) return file;
  return keychainProblem(keychain) === null ? { kind: 'KEYCHAIN', store: keychain, location: keychainName() } : file;
}
