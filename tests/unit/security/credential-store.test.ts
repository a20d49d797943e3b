import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CredentialStoreUnavailableError,
  FLOOR_KEYCHAIN_SERVICE,
  KeyringCredentialStore,
  type KeyringEntry,
} from '../../../src/main/security/credential-store';

/** A fake keyring entry backed by a Map, recording which (service, account) pairs were opened. */
function fakeKeyring() {
  const secrets = new Map<string, string>();
  const opened: string[] = [];
  const factory = (service: string, account: string): KeyringEntry => {
    const id = `${service}/${account}`;
    opened.push(id);
    return {
      getPassword: () => secrets.get(id) ?? null,
      setPassword: (p) => void secrets.set(id, p),
      deleteCredential: () => secrets.delete(id),
    };
  };
  return { secrets, opened, factory };
}

/** What @napi-rs/keyring throws on Linux when no session bus exists (observed on this CI image). */
const NO_BUS = new Error('Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead');
const failing = (): KeyringEntry => {
  throw NO_BUS;
};

describe('KeyringCredentialStore', () => {
  it('stores, reads and deletes secrets under the service "Floor"', () => {
    const keyring = fakeKeyring();
    const store = new KeyringCredentialStore(FLOOR_KEYCHAIN_SERVICE, 'linux', keyring.factory);
    expect(store.get('terminal-signing-key:abc')).toBeNull();
    store.set('terminal-signing-key:abc', 'PEM');
    expect(store.get('terminal-signing-key:abc')).toBe('PEM');
    expect(store.delete('terminal-signing-key:abc')).toBe(true);
    expect(store.delete('terminal-signing-key:abc')).toBe(false);
    expect(new Set(keyring.opened)).toEqual(new Set(['Floor/terminal-signing-key:abc']));
  });

  it.each(['get', 'set', 'delete'] as const)('on Linux without a Secret Service, %s fails saying what is missing and how to fix it', (operation) => {
    const store = new KeyringCredentialStore('Floor', 'linux', failing);
    const call = (): unknown => (operation === 'set' ? store.set('acct', 'secret') : store[operation]('acct'));
    expect(call).toThrow(CredentialStoreUnavailableError);
    let error: CredentialStoreUnavailableError | undefined;
    try {
      call();
    } catch (e) {
      error = e as CredentialStoreUnavailableError;
    }
    expect(error!.operation).toBe(operation);
    expect(error!.cause).toBe(NO_BUS);
    expect(error!.message).toContain(`cannot ${operation} the secret "Floor/acct" in the OS keychain (Platform failure: DBus error`);
    expect(error!.message).toMatch(/never signed from a file instead/);
    expect(error!.message).toMatch(/gnome-keyring/);
    expect(error!.message).toMatch(/KWallet/);
    expect(error!.message).toMatch(/dbus-run-session/);
  });

  it('words the fix for macOS and Windows too', () => {
    expect(() => new KeyringCredentialStore('Floor', 'darwin', failing).get('a')).toThrow(/unlock the login keychain/);
    expect(() => new KeyringCredentialStore('Floor', 'win32', failing).get('a')).toThrow(/Windows Credential Manager/);
  });

  it('refuses empty or oversized account names and empty secrets before touching the keychain', () => {
    const keyring = fakeKeyring();
    const store = new KeyringCredentialStore('Floor', 'linux', keyring.factory);
    expect(() => store.get('')).toThrow(/credential account must be a string of 1\.\.256 characters, got ""/);
    expect(() => store.set('x'.repeat(257), 's')).toThrow(/1\.\.256 characters/);
    expect(() => store.set('acct', '')).toThrow(/secret for account "acct" must be a non-empty string/);
    expect(keyring.opened).toEqual([]);
  });
});

describe('KeyringCredentialStore on a Linux machine with no D-Bus session (real @napi-rs/keyring, child process)', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'floor-nokeyring-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('fails every call with the fix and writes no secret anywhere (the keychain store never falls back by itself)', () => {
    const probe = fileURLToPath(new URL('./keychain-probe.ts', import.meta.url));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
      XDG_RUNTIME_DIR: path.join(home, 'run'),
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(home, 'no-such-bus')}`,
    };
    const out = execFileSync(process.execPath, ['--import', 'tsx', probe, 'Floor-test-no-bus'], { env, cwd: process.cwd(), encoding: 'utf8', timeout: 20_000 });
    const results = out.trim().split('\n').map((line) => JSON.parse(line) as { call: string; ok: boolean; name?: string; message?: string });
    expect(results.map((r) => [r.call, r.ok, r.name])).toEqual([
      ['set', false, 'CredentialStoreUnavailableError'],
      ['get', false, 'CredentialStoreUnavailableError'],
      ['delete', false, 'CredentialStoreUnavailableError'],
    ]);
    for (const r of results) expect(r.message).toMatch(/gnome-keyring.*KWallet.*dbus-run-session/s);
    expect(readdirSync(home)).toEqual([]);
  });
});
