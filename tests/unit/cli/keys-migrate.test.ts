import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signLedgerWithTerminalKey } from '../../../src/main/app/ledger-signing';
import { migrateKeysToKeychain } from '../../../src/main/cli/keys-migrate';
import { Ledger } from '../../../src/main/ledger';
import { readChainIdentity, verifyChain } from '../../../src/main/ledger/chain';
import { FileCredentialStore } from '../../../src/main/security/file-credential-store';
import { chooseClientKeyStore } from '../../../src/main/security/key-store';
import { MemoryCredentialStore } from '../security/memory-credential-store';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

const NO_BUS = new Error('Platform failure: DBus error: set your DBUS_SESSION_BUS_ADDRESS instead');
const now = () => 1_765_000_000_000_000;
let dir: string;
let keychain: MemoryCredentialStore;
let fingerprint: string;

/** A data folder whose ledger was made on a machine with no keychain, plus one CLI API key in its key file. */
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'floor-migrate-'));
  keychain = new MemoryCredentialStore();
  keychain.unavailable = NO_BUS;
  const ledger = Ledger.open(path.join(dir, 'floor.sqlite'));
  fingerprint = signLedgerWithTerminalKey(ledger, { dataDir: dir, keychain, clock: { now } }).key.fingerprint;
  ledger.close();
  expect(chooseClientKeyStore(dir, keychain).kind).toBe('FILE');
  new FileCredentialStore(dir).set('api-key:default', 'fk_0123456789abcdef');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('floor keys migrate', () => {
  it('refuses while the terminal runs on the folder, changing nothing', () => {
    keychain.unavailable = null;
    const outcome = migrateKeysToKeychain(dir, keychain, { pid: 4242 });
    expect(outcome).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/Floor is running on .* \(pid 4242\); stop it first/) });
    expect(keychain.secrets.size).toBe(0);
    expect(new FileCredentialStore(dir).accounts()).toHaveLength(2);
  });

  it('refuses when no keychain answers, saying so, and leaves the key file as it was', () => {
    const outcome = migrateKeysToKeychain(dir, keychain, null);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stderr).toMatch(/does not answer \(.*DBUS_SESSION_BUS_ADDRESS.*\); install and unlock one/);
    expect(new FileCredentialStore(dir).accounts()).toHaveLength(2);
  });

  it('moves every secret into the keychain, records the move in the signed chain, removes the file; the next start signs from the keychain', () => {
    keychain.unavailable = null;
    const outcome = migrateKeysToKeychain(dir, keychain, null);
    expect(outcome).toMatchObject({ exitCode: 0, stdout: expect.stringContaining(`moved 2 secret(s) into`) });
    expect(outcome.stdout).toContain(fingerprint);
    expect(existsSync(path.join(dir, 'floor.keys.json'))).toBe(false);
    expect([...keychain.secrets.keys()].sort()).toEqual(['api-key:default', expect.stringMatching(/^terminal-signing-key:[0-9a-f]{32}$/)]);

    const ledger = Ledger.open(path.join(dir, 'floor.sqlite'));
    expect(ledger.keyStores.get()?.store).toBe('KEYCHAIN');
    const events = rawDatabase(ledger).prepare("SELECT payload FROM ledger_chain WHERE type = 'security.event' ORDER BY seq").pluck().all() as string[];
    expect(events.map((e) => JSON.parse(e).event)).toEqual(['KEY_STORE_SELECTED', 'KEY_STORE_MIGRATED']);
    expect(verifyChain(rawDatabase(ledger), readChainIdentity(rawDatabase(ledger)).publicKeyPem!).ok).toBe(true);
    const again = signLedgerWithTerminalKey(ledger, { dataDir: dir, keychain, clock: { now } });
    expect(again).toMatchObject({ created: false, keyStore: { kind: 'KEYCHAIN' } });
    expect(again.key.fingerprint).toBe(fingerprint);
    ledger.close();
    expect(chooseClientKeyStore(dir, keychain).kind).toBe('KEYCHAIN');
    expect(migrateKeysToKeychain(dir, keychain, null)).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/already in .*nothing to move/) });
  });

  it('moves nothing when the keychain drops what it is given', () => {
    keychain.unavailable = null;
    const dropping = new MemoryCredentialStore();
    dropping.dropWrites = true;
    expect(migrateKeysToKeychain(dir, dropping, null)).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/did not return it/) });
    expect(new FileCredentialStore(dir).accounts()).toHaveLength(2);
  });
});
