/**
 * Round trip through a real OS keychain: on Linux the freedesktop Secret Service (gnome-keyring).
 * Run it through scripts/with-secret-service.sh, which provides a private D-Bus session with an
 * unlocked throwaway keyring (`npm test` and .ci/run do). Without a reachable Secret Service this
 * test fails, on purpose: a keychain Floor cannot reach is a broken install, not a reason to skip.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { CredentialStoreUnavailableError, FLOOR_KEYCHAIN_SERVICE, KeyringCredentialStore } from '../../src/main/security/credential-store';
import { loadOrCreateTerminalKey, terminalKeyAccount } from '../../src/main/security/terminal-key';

const HOW_TO_RUN = 'run it inside scripts/with-secret-service.sh, e.g. `scripts/with-secret-service.sh npx vitest run tests/integration/keychain-roundtrip.test.ts`';

const store = new KeyringCredentialStore(FLOOR_KEYCHAIN_SERVICE);
const account = `test-roundtrip:${randomBytes(8).toString('hex')}`;
const ledgerId = randomBytes(16).toString('hex');

/** Runs `work` against the real keychain, turning "no keychain" into a failure that says how to run this test. */
function real<T>(work: () => T): T {
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(`no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset), so no Secret Service is reachable: ${HOW_TO_RUN}`);
  }
  try {
    return work();
  } catch (error) {
    if (error instanceof CredentialStoreUnavailableError) throw new Error(`the OS keychain is not reachable: ${HOW_TO_RUN}. ${error.message}`, { cause: error });
    throw error;
  }
}

afterAll(() => {
  // Leave the keychain as found; errors here are already reported by the tests themselves.
  for (const name of [account, terminalKeyAccount(ledgerId)]) {
    try {
      store.delete(name);
    } catch {
      /* the keychain was unreachable: nothing was written */
    }
  }
});

describe('keychain round trip (real Secret Service)', () => {
  it('stores, reads back, replaces and deletes a secret of service "Floor"', () => {
    real(() => {
      expect(store.get(account)).toBeNull();
      store.set(account, 'first secret ✓ with unicode');
      expect(store.get(account)).toBe('first secret ✓ with unicode');
      store.set(account, 'second');
      expect(store.get(account)).toBe('second');
      expect(store.delete(account)).toBe(true);
      expect(store.get(account)).toBeNull();
      expect(store.delete(account)).toBe(false);
    });
  });

  it('creates the terminal signing key on first run and loads the same key from the keychain afterwards', () => {
    real(() => {
      const first = loadOrCreateTerminalKey(store, ledgerId, null);
      expect(first.created).toBe(true);
      expect(store.get(terminalKeyAccount(ledgerId))).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      const second = loadOrCreateTerminalKey(new KeyringCredentialStore(FLOOR_KEYCHAIN_SERVICE), ledgerId, first.key.publicKeyPem);
      expect(second.created).toBe(false);
      expect(second.key.publicKeyPem).toBe(first.key.publicKeyPem);
      const message = Buffer.from('ab'.repeat(32), 'hex');
      expect(second.key.sign(message)).toBe(first.key.sign(message));
    });
  });
});
