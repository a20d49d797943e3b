import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signLedgerWithTerminalKey } from '../../../src/main/app/ledger-signing';
import { Ledger } from '../../../src/main/ledger';
import { verifyChain } from '../../../src/main/ledger/chain';
import { CredentialStoreUnavailableError } from '../../../src/main/security/credential-store';
import { MemoryCredentialStore } from '../security/memory-credential-store';
import { rawDatabase } from '../../../src/main/ledger/raw-database';

const NO_BUS = new Error('Platform failure: DBus error: set your DBUS_SESSION_BUS_ADDRESS instead');
let dir: string;
let keychain: MemoryCredentialStore;
const now = () => 1_765_000_000_000_000;
const open = () => Ledger.open(path.join(dir, 'floor.sqlite'));

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'floor-signing-'));
  keychain = new MemoryCredentialStore();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('signing the ledger where its key lives', () => {
  it('on a machine with no keychain, signs a new ledger with a key in the 0600 key file and records that in the chain', () => {
    keychain.unavailable = NO_BUS;
    const ledger = open();
    const signing = signLedgerWithTerminalKey(ledger, { dataDir: dir, keychain, clock: { now } });
    expect(signing).toMatchObject({ created: true, keyStore: { kind: 'FILE' } });
    expect(signing.fallbackReason).toMatch(/DBUS_SESSION_BUS_ADDRESS/);
    expect(statSync(path.join(dir, 'floor.keys.json')).mode & 0o777).toBe(0o600);
    expect(ledger.keyStores.get()?.store).toBe('FILE');
    const entry = rawDatabase(ledger).prepare("SELECT payload FROM ledger_chain WHERE type = 'security.event'").pluck().get() as string;
    expect(JSON.parse(entry)).toMatchObject({ event: 'KEY_STORE_SELECTED', details: { store: 'FILE', keyFingerprint: signing.key.fingerprint } });
    expect(verifyChain(rawDatabase(ledger), signing.key.publicKeyPem).ok).toBe(true);
    ledger.close();
  });

  it('keeps a FILE ledger on its key file after a keychain appears, with the same key', () => {
    keychain.unavailable = NO_BUS;
    const first = open();
    const fingerprint = signLedgerWithTerminalKey(first, { dataDir: dir, keychain, clock: { now } }).key.fingerprint;
    first.close();
    keychain.unavailable = null;
    const second = open();
    const signing = signLedgerWithTerminalKey(second, { dataDir: dir, keychain, clock: { now } });
    expect(signing).toMatchObject({ created: false, keyStore: { kind: 'FILE' } });
    expect(signing.key.fingerprint).toBe(fingerprint);
    expect(keychain.secrets.size).toBe(0);
    expect(rawDatabase(second).prepare("SELECT count(*) FROM ledger_chain WHERE type = 'security.event'").pluck().get()).toBe(1);
    second.close();
  });

  it('never signs a KEYCHAIN ledger from a file: with the keychain gone it stops, writing no key file', () => {
    const first = open();
    expect(signLedgerWithTerminalKey(first, { dataDir: dir, keychain, clock: { now } }).keyStore.kind).toBe('KEYCHAIN');
    first.close();
    keychain.unavailable = new CredentialStoreUnavailableError('get', 'x', 'cannot get the secret: no Secret Service', { cause: NO_BUS });
    const second = open();
    expect(() => signLedgerWithTerminalKey(second, { dataDir: dir, keychain, clock: { now } })).toThrow(/no Secret Service/);
    expect(() => statSync(path.join(dir, 'floor.keys.json'))).toThrow(/ENOENT/);
    second.close();
  });

  it('names the key file when the key it should hold is gone', () => {
    keychain.unavailable = NO_BUS;
    const first = open();
    signLedgerWithTerminalKey(first, { dataDir: dir, keychain, clock: { now } });
    first.close();
    rmSync(path.join(dir, 'floor.keys.json'));
    const second = open();
    expect(() => signLedgerWithTerminalKey(second, { dataDir: dir, keychain, clock: { now } })).toThrow(/but .*floor\.keys\.json has no private key under "terminal-signing-key:[0-9a-f]{32}"/);
    second.close();
  });
});
