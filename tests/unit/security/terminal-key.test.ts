import { describe, expect, it } from 'vitest';
import { CredentialStoreUnavailableError } from '../../../src/main/security/credential-store';
import { parsePublicKey, publicKeyFingerprint, verifyEd25519 } from '../../../src/main/ledger/chain';
import {
  loadOrCreateTerminalKey,
  TerminalKeyMismatchError,
  TerminalKeyMissingError,
  TerminalSigningKey,
  terminalKeyAccount,
} from '../../../src/main/security/terminal-key';
import { MemoryCredentialStore } from './memory-credential-store';

const LEDGER = '0123456789abcdef0123456789abcdef';
const ACCOUNT = `terminal-signing-key:${LEDGER}`;

describe('loadOrCreateTerminalKey', () => {
  it('creates an Ed25519 key on first run and keeps its private key (PKCS#8 PEM) only in the credential store', () => {
    const store = new MemoryCredentialStore();
    const { key, created } = loadOrCreateTerminalKey(store, LEDGER, null);
    expect(created).toBe(true);
    expect([...store.secrets.keys()]).toEqual([ACCOUNT]);
    expect(store.secrets.get(ACCOUNT)).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(key.publicKeyPem).not.toContain(store.secrets.get(ACCOUNT)!.split('\n')[1]);
  });

  it('loads the same key on the next run', () => {
    const store = new MemoryCredentialStore();
    const first = loadOrCreateTerminalKey(store, LEDGER, null).key;
    const second = loadOrCreateTerminalKey(store, LEDGER, first.publicKeyPem);
    expect(second.created).toBe(false);
    expect(second.key.publicKeyPem).toBe(first.publicKeyPem);
  });

  it('keeps one key per ledger', () => {
    const store = new MemoryCredentialStore();
    const a = loadOrCreateTerminalKey(store, LEDGER, null).key;
    const b = loadOrCreateTerminalKey(store, 'f'.repeat(32), null).key;
    expect(a.fingerprint).not.toBe(b.fingerprint);
    expect(store.secrets.size).toBe(2);
  });

  it('refuses to create a new key when the ledger is already signed by one the keychain lost', () => {
    const store = new MemoryCredentialStore();
    const recorded = TerminalSigningKey.generate();
    expect(() => loadOrCreateTerminalKey(store, LEDGER, recorded.publicKeyPem)).toThrow(TerminalKeyMissingError);
    expect(() => loadOrCreateTerminalKey(store, LEDGER, recorded.publicKeyPem)).toThrow(
      new RegExp(`signed by terminal key ${recorded.fingerprint}.*no private key under "${ACCOUNT}"`),
    );
    expect(store.secrets.size).toBe(0);
  });

  it('refuses a keychain key that does not match the ledger\'s recorded public key', () => {
    const store = new MemoryCredentialStore();
    const inKeychain = loadOrCreateTerminalKey(store, LEDGER, null).key;
    const recorded = TerminalSigningKey.generate();
    const attempt = (): unknown => loadOrCreateTerminalKey(store, LEDGER, recorded.publicKeyPem);
    expect(attempt).toThrow(TerminalKeyMismatchError);
    expect(attempt).toThrow(new RegExp(`holds key ${inKeychain.fingerprint}`));
  });

  it('propagates an unavailable keychain and never generates a key it could not store', () => {
    const store = new MemoryCredentialStore();
    store.unavailable = new CredentialStoreUnavailableError('get', ACCOUNT, 'no Secret Service', { cause: null });
    expect(() => loadOrCreateTerminalKey(store, LEDGER, null)).toThrow(CredentialStoreUnavailableError);
    expect(store.secrets.size).toBe(0);
  });

  it('notices a keychain that accepts the write but keeps nothing', () => {
    const store = new MemoryCredentialStore();
    store.dropWrites = true;
    expect(() => loadOrCreateTerminalKey(store, LEDGER, null)).toThrow(/did not keep the terminal signing key/);
  });

  it('refuses a keychain entry that is not an Ed25519 private key', () => {
    const store = new MemoryCredentialStore();
    store.secrets.set(ACCOUNT, 'not a key');
    expect(() => loadOrCreateTerminalKey(store, LEDGER, null)).toThrow(/not a PKCS#8 PEM private key/);
  });

  it('refuses a malformed ledger id', () => {
    expect(() => terminalKeyAccount('../../etc')).toThrow(/ledger id must be 32 lowercase hex characters/);
  });
});

describe('TerminalSigningKey', () => {
  it('signs deterministically (RFC 8032) and verifies only the exact message and signature', () => {
    const key = TerminalSigningKey.generate();
    const message = Buffer.from('a'.repeat(64), 'hex');
    const signature = key.sign(message);
    expect(signature).toHaveLength(88);
    expect(key.sign(message)).toBe(signature);
    const publicKey = parsePublicKey(key.publicKeyPem);
    expect(verifyEd25519(publicKey, message, signature)).toBe(true);
    expect(verifyEd25519(publicKey, Buffer.from('b'.repeat(64), 'hex'), signature)).toBe(false);
    const flipped = Buffer.from(signature, 'base64');
    flipped[10]! ^= 1;
    expect(verifyEd25519(publicKey, message, flipped.toString('base64'))).toBe(false);
    expect(verifyEd25519(publicKey, message, `${signature.slice(0, 80)}!!!!!!==`)).toBe(false);
    expect(verifyEd25519(publicKey, message, '')).toBe(false);
    expect(verifyEd25519(parsePublicKey(TerminalSigningKey.generate().publicKeyPem), message, signature)).toBe(false);
  });

  it('round-trips through its PKCS#8 PEM', () => {
    const key = TerminalSigningKey.generate();
    const again = TerminalSigningKey.fromPrivatePem(key.privateKeyPem());
    expect(again.publicKeyPem).toBe(key.publicKeyPem);
    expect(again.fingerprint).toBe(publicKeyFingerprint(key.publicKeyPem));
    expect(key.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses non-Ed25519 keys', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => TerminalSigningKey.fromPrivatePem(ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(/must be Ed25519, got ec/);
    expect(() => parsePublicKey(ec.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toThrow(/must be Ed25519, got ec/);
  });
});
