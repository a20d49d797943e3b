import { Entry } from '@napi-rs/keyring';
import { messageOf } from '../../shared';

/**
 * The service name every Floor secret is filed under in the OS keychain (macOS Keychain "where",
 * Windows Credential Manager target prefix, Secret Service attribute `service`).
 */
export const FLOOR_KEYCHAIN_SERVICE = 'Floor';

/**
 * Secrets of the service "Floor", one per account name (for example
 * `terminal-signing-key:<ledger id>`): the OS keychain (KeyringCredentialStore) or, on a machine
 * without one, the data folder's key file (FileCredentialStore; see security/key-store.ts for which).
 *
 * Every method throws CredentialStoreUnavailableError when the store cannot be used; no store ever
 * falls back to another by itself.
 */
export interface CredentialStore {
  /** The secret stored for `account`, or null when there is none. */
  get(account: string): string | null;
  /** Stores (or replaces) the secret of `account`. */
  set(account: string, secret: string): void;
  /** Removes the secret of `account`; true when one was removed, false when there was none. */
  delete(account: string): boolean;
}

/**
 * The OS keychain could not be used. `message` says what is missing and how to fix it; `cause` is
 * the platform's own error.
 */
export class CredentialStoreUnavailableError extends Error {
  override readonly name = 'CredentialStoreUnavailableError';
  constructor(
    readonly operation: 'get' | 'set' | 'delete',
    readonly account: string,
    message: string,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/** The part of @napi-rs/keyring's `Entry` this store uses (a seam for tests of the error path). */
export interface KeyringEntry {
  getPassword(): string | null;
  setPassword(password: string): void;
  deleteCredential(): boolean;
}

/** Creates the keyring entry of (service, account). */
export type KeyringEntryFactory = (service: string, account: string) => KeyringEntry;

/**
 * On Linux the entry is pinned to the Secret Service (gnome-keyring, KWallet 5.97+, KeePassXC).
 * @napi-rs/keyring's default would otherwise fall back to the kernel keyring (keyutils), which is
 * wiped at reboot: the terminal's signing key would vanish and its ledger could never be extended
 * again. Other platforms ignore the option (macOS Keychain, Windows Credential Manager).
 */
const defaultEntryFactory: KeyringEntryFactory = (service, account) =>
  new Entry(service, account, { linux: { store: 'secret-service' } });

/** Longest account name accepted: keychains cap attribute sizes, and ours are short identifiers. */
const MAX_ACCOUNT_LENGTH = 256;

/**
 * CredentialStore over the OS keychain through @napi-rs/keyring (keyring-rs): macOS Keychain,
 * Windows Credential Manager, or the freedesktop Secret Service on Linux.
 *
 * It never falls back by itself: when the keychain is unreachable (on Linux: no D-Bus session bus, no
 * Secret Service daemon, or a locked collection) every call throws CredentialStoreUnavailableError
 * explaining what to install or unlock; chooseKeyStore decides whether a new ledger uses the key file.
 */
export class KeyringCredentialStore implements CredentialStore {
  /**
   * @param service Keychain service name; Floor always uses FLOOR_KEYCHAIN_SERVICE (tests may isolate themselves with another).
   * @param platform `process.platform`, used to word the fix in errors.
   * @param createEntry Keyring entry factory; the real keychain unless a test replaces it.
   */
  constructor(
    private readonly service: string = FLOOR_KEYCHAIN_SERVICE,
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly createEntry: KeyringEntryFactory = defaultEntryFactory,
  ) {
    if (typeof service !== 'string' || service.length === 0) {
      throw new TypeError(`keychain service must be a non-empty string, got ${JSON.stringify(service)}`);
    }
  }

  /** @throws TypeError on an invalid account name; CredentialStoreUnavailableError when the keychain cannot be read. */
  get(account: string): string | null {
    return this.call('get', account, (entry) => entry.getPassword());
  }

  /** @throws TypeError on an invalid account name or an empty secret; CredentialStoreUnavailableError when the keychain cannot be written. */
  set(account: string, secret: string): void {
    if (typeof secret !== 'string' || secret.length === 0) {
      throw new TypeError(`keychain secret for account ${JSON.stringify(account)} must be a non-empty string`);
    }
    this.call('set', account, (entry) => entry.setPassword(secret));
  }

  /** @throws TypeError on an invalid account name; CredentialStoreUnavailableError when the keychain cannot be written. */
  delete(account: string): boolean {
    return this.call('delete', account, (entry) => entry.deleteCredential());
  }

  private call<T>(operation: 'get' | 'set' | 'delete', account: string, work: (entry: KeyringEntry) => T): T {
    assertCredentialAccount(account);
    try {
      return work(this.createEntry(this.service, account));
    } catch (cause) {
      throw new CredentialStoreUnavailableError(operation, account, describeFailure(operation, this.service, account, this.platform, cause), { cause });
    }
  }
}

/**
 * Checks an account name for any CredentialStore: a string of 1..256 characters.
 * @throws TypeError naming the value and what was expected.
 */
export function assertCredentialAccount(account: string): void {
  if (typeof account !== 'string' || account.length === 0 || account.length > MAX_ACCOUNT_LENGTH) {
    throw new TypeError(`credential account must be a string of 1..${MAX_ACCOUNT_LENGTH} characters, got ${JSON.stringify(account)}`);
  }
}

/** The user-facing explanation of a keychain failure: what failed, the platform's words, and the fix. */
function describeFailure(operation: string, service: string, account: string, platform: NodeJS.Platform, cause: unknown): string {
  const detail = messageOf(cause);
  const what = `cannot ${operation} the secret "${service}/${account}" in the OS keychain (${detail})`;
  if (platform === 'linux') {
    return (
      `${what}. Fix: install and unlock gnome-keyring (apt install gnome-keyring) or KWallet, and run Floor inside a D-Bus ` +
      'session (a desktop login provides one; on a headless machine use `dbus-run-session -- <command>` and unlock ' +
      'the keyring with `gnome-keyring-daemon --unlock`). A ledger whose key was made in the OS keychain is never ' +
      'signed from a file instead.'
    );
  }
  if (platform === 'darwin') return `${what}. Fix: unlock the login keychain (Keychain Access) and allow Floor to use it.`;
  if (platform === 'win32') return `${what}. Fix: make sure Windows Credential Manager is available for this user.`;
  return `${what}. Fix: make an OS keychain available to this user.`;
}
