import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileCredentialStore } from '../../../src/main/security/file-credential-store';
import { chooseKeyStore, keychainProblem } from '../../../src/main/security/key-store';
import { MemoryCredentialStore } from './memory-credential-store';

const ACCOUNT = `terminal-signing-key:${'a'.repeat(32)}`;
let dir: string;
let keychain: MemoryCredentialStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'floor-keystore-'));
  keychain = new MemoryCredentialStore();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NO_BUS = new Error('Platform failure: DBus error: set your DBUS_SESSION_BUS_ADDRESS instead');

describe('chooseKeyStore: a ledger keeps the store it was created with', () => {
  it('puts a new ledger key in the OS keychain when it answers a round trip, leaving no probe behind', () => {
    const choice = chooseKeyStore({ recorded: null, dataDir: dir, account: ACCOUNT, keychain });
    expect(choice.keyStore.kind).toBe('KEYCHAIN');
    expect(choice.keyStore.store).toBe(keychain);
    expect(choice.fallbackReason).toBeNull();
    expect(keychain.secrets.size).toBe(0);
  });

  it('puts a new ledger key in the key file when no keychain answers, saying why', () => {
    keychain.unavailable = NO_BUS;
    const choice = chooseKeyStore({ recorded: null, dataDir: dir, account: ACCOUNT, keychain });
    expect(choice.keyStore.kind).toBe('FILE');
    expect(choice.keyStore.location).toBe(path.join(dir, 'floor.keys.json'));
    expect(choice.fallbackReason).toMatch(/DBUS_SESSION_BUS_ADDRESS/);
  });

  it('does not trust a keychain that accepts a secret and keeps nothing', () => {
    keychain.dropWrites = true;
    expect(keychainProblem(keychain)).toBe('it accepted a secret but did not return it');
    expect(chooseKeyStore({ recorded: null, dataDir: dir, account: ACCOUNT, keychain }).keyStore.kind).toBe('FILE');
  });

  it('keeps a FILE ledger on its key file even once a keychain answers', () => {
    expect(chooseKeyStore({ recorded: 'FILE', dataDir: dir, account: ACCOUNT, keychain }).keyStore.kind).toBe('FILE');
  });

  it('never sends a KEYCHAIN ledger to a file, even when the keychain is gone', () => {
    keychain.unavailable = NO_BUS;
    const choice = chooseKeyStore({ recorded: 'KEYCHAIN', dataDir: dir, account: ACCOUNT, keychain });
    expect(choice.keyStore.kind).toBe('KEYCHAIN');
    expect(() => choice.keyStore.store.get(ACCOUNT)).toThrow(NO_BUS);
  });

  it('finds the key of a first start that ended before recording its store in the key file', () => {
    new FileCredentialStore(dir).set(ACCOUNT, 'PEM');
    expect(chooseKeyStore({ recorded: null, dataDir: dir, account: ACCOUNT, keychain }).keyStore.kind).toBe('FILE');
  });
});
