import type { CredentialStore } from '../../../src/main/security/credential-store';

/**
 * Test double of the OS keychain: a CredentialStore kept in a Map, for unit tests that are about
 * what Floor does with secrets rather than about the keychain itself (the real Secret Service round
 * trip is tests/integration/keychain-roundtrip.test.ts). `unavailable` makes every call throw, as the
 * real store does when no keychain is reachable; `dropWrites` imitates a keychain that accepts a
 * write and keeps nothing.
 */
export class MemoryCredentialStore implements CredentialStore {
  readonly secrets = new Map<string, string>();
  unavailable: Error | null = null;
  dropWrites = false;

  get(account: string): string | null {
    this.check();
    return this.secrets.get(account) ?? null;
  }

  set(account: string, secret: string): void {
    this.check();
    if (!this.dropWrites) this.secrets.set(account, secret);
  }

  delete(account: string): boolean {
    this.check();
    return this.secrets.delete(account);
  }

  private check(): void {
    if (this.unavailable !== null) throw this.unavailable;
  }
}
