import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialStoreUnavailableError } from '../../../src/main/security/credential-store';
import { FileCredentialStore, KEY_FILE } from '../../../src/main/security/file-credential-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'floor-keyfile-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FileCredentialStore (the key file of a machine without an OS keychain)', () => {
  it('keeps secrets across instances in floor.keys.json, readable and writable by its owner only (mode 0600)', () => {
    const store = new FileCredentialStore(dir);
    expect(store.get('terminal-signing-key:abc')).toBeNull();
    store.set('terminal-signing-key:abc', 'PEM-1');
    store.set('api-key:default', 'fk_1');
    expect(store.file).toBe(path.join(dir, KEY_FILE));
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    const again = new FileCredentialStore(dir);
    expect(again.get('terminal-signing-key:abc')).toBe('PEM-1');
    expect(again.accounts().sort()).toEqual(['api-key:default', 'terminal-signing-key:abc']);
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toEqual({ version: 1, secrets: { 'terminal-signing-key:abc': 'PEM-1', 'api-key:default': 'fk_1' } });
  });

  it('replaces the file atomically: no temporary file is left beside it', () => {
    const store = new FileCredentialStore(dir);
    for (let i = 0; i < 5; i += 1) store.set(`account-${i}`, `secret-${i}`);
    expect(readdirSync(dir)).toEqual([KEY_FILE]);
  });

  it('removes the file with its last secret, and says false for an account it does not hold', () => {
    const store = new FileCredentialStore(dir);
    store.set('a', '1');
    expect(store.delete('b')).toBe(false);
    expect(store.delete('a')).toBe(true);
    expect(store.exists()).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a key file other users can read, with the chmod that fixes it (as ssh does)', () => {
    const store = new FileCredentialStore(dir);
    store.set('a', '1');
    chmodSync(store.file, 0o644);
    expect(() => store.get('a')).toThrow(CredentialStoreUnavailableError);
    expect(() => store.get('a')).toThrow(/can be read by other users \(mode 644\); restrict it with `chmod 600 .*floor\.keys\.json`/);
    expect(() => store.set('b', '2')).toThrow(/mode 644/);
    chmodSync(store.file, 0o600);
    expect(store.get('a')).toBe('1');
  });

  it('names the file and the problem when it is not a Floor key file', () => {
    const file = path.join(dir, KEY_FILE);
    writeFileSync(file, '{"version":1,', { mode: 0o600 });
    expect(() => new FileCredentialStore(dir).get('a')).toThrow(/the key file .*floor\.keys\.json is not valid JSON/);
    writeFileSync(file, JSON.stringify({ version: 2, secrets: {} }), { mode: 0o600 });
    expect(() => new FileCredentialStore(dir).get('a')).toThrow(/is not a Floor key file: version/);
    writeFileSync(file, JSON.stringify({ version: 1, secrets: { a: '' } }), { mode: 0o600 });
    expect(() => new FileCredentialStore(dir).get('a')).toThrow(/is not a Floor key file: secrets\.a/);
  });

  it('refuses empty secrets and bad account names before writing anything', () => {
    const store = new FileCredentialStore(dir);
    expect(() => store.set('a', '')).toThrow(/secret for account "a" must be a non-empty string/);
    expect(() => store.get('')).toThrow(/credential account must be a string of 1\.\.256 characters/);
    expect(store.exists()).toBe(false);
  });

  it('asks the platform to restrict every new file before it replaces the old one', () => {
    const restricted: string[] = [];
    const store = new FileCredentialStore(dir, { restrict: (file) => void restricted.push(path.basename(file)), assertPrivate: () => undefined });
    store.set('a', '1');
    expect(restricted).toHaveLength(1);
    expect(restricted[0]).toMatch(/^floor\.keys\.json\.[0-9a-f]{12}\.tmp$/);
  });
});
