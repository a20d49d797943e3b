import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { parsePublicKey, publicKeyFingerprint, verifyEd25519 } from '../ledger/chain';
import type { CredentialStore } from './credential-store';

/** Keychain account of the terminal signing key of one ledger: `terminal-signing-key:<ledger id>`. */
export function terminalKeyAccount(ledgerId: string): string {
  if (typeof ledgerId !== 'string' || !/^[0-9a-f]{32}$/.test(ledgerId)) {
    throw new TypeError(`ledger id must be 32 lowercase hex characters, got ${JSON.stringify(ledgerId)}`);
  }
  return `terminal-signing-key:${ledgerId}`;
}

/**
 * The terminal's Ed25519 signing key (RFC 8032). The private half lives only in memory and in the
 * OS keychain; the public half is recorded in the ledger so anyone can verify without the keychain.
 */
export class TerminalSigningKey {
  /** SPKI PEM of the public key, as recorded in the ledger. */
  readonly publicKeyPem: string;
  /** See publicKeyFingerprint. */
  readonly fingerprint: string;

  private readonly publicKey: KeyObject;

  private constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    this.publicKeyPem = this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.fingerprint = publicKeyFingerprint(this.publicKeyPem);
  }

  /** A new random key pair (node:crypto, OpenSSL's CSPRNG). */
  static generate(): TerminalSigningKey {
    return new TerminalSigningKey(generateKeyPairSync('ed25519').privateKey);
  }

  /**
   * The key from its PKCS#8 PEM (as kept in the keychain).
   * @throws TypeError when `pem` is not an Ed25519 private key.
   */
  static fromPrivatePem(pem: string): TerminalSigningKey {
    let key: KeyObject;
    try {
      key = createPrivateKey(pem);
    } catch (cause) {
      throw new TypeError('terminal signing key is not a PKCS#8 PEM private key', { cause });
    }
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new TypeError(`terminal signing key must be Ed25519, got ${key.asymmetricKeyType ?? 'unknown'}`);
    }
    return new TerminalSigningKey(key);
  }

  /** PKCS#8 PEM of the private key: only for storing it in the keychain. */
  privateKeyPem(): string {
    return this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  /** Ed25519 signature of `message`, base64 (88 characters). Deterministic (RFC 8032 §5.1.6). */
  sign(message: Uint8Array): string {
    return sign(null, message, this.privateKey).toString('base64');
  }

  /** True when `signatureBase64` is this key's signature of `message`. */
  verify(message: Uint8Array, signatureBase64: string): boolean {
    return verifyEd25519(this.publicKey, message, signatureBase64);
  }
}

/** The key store holds no private key for a ledger that is already signed by one. */
export class TerminalKeyMissingError extends Error {
  override readonly name = 'TerminalKeyMissingError';
  /** @param storeName where the key was looked for, e.g. "the OS keychain (Secret Service)" or the key file's path. */
  constructor(
    readonly account: string,
    readonly recordedFingerprint: string,
    storeName = 'the OS keychain',
  ) {
    super(
      `the ledger is signed by terminal key ${recordedFingerprint}, but ${storeName} has no private key under ` +
        `"${account}". Restore that entry (for example from a backup) or start Floor with a new ` +
        'data folder; Floor will not sign this ledger with a different key.',
    );
  }
}

/** The key store's private key does not belong to the public key recorded in the ledger. */
export class TerminalKeyMismatchError extends Error {
  override readonly name = 'TerminalKeyMismatchError';
  /** @param storeName where the key was found, e.g. "the OS keychain (Secret Service)" or the key file's path. */
  constructor(
    readonly account: string,
    readonly recordedFingerprint: string,
    readonly keychainFingerprint: string,
    storeName = 'the OS keychain',
  ) {
    super(
      `the ledger is signed by terminal key ${recordedFingerprint}, but the entry "${account}" in ${storeName} holds key ` +
        `${keychainFingerprint}. Restore the original entry; Floor will not sign this ledger with a different key.`,
    );
  }
}

/** What loadOrCreateTerminalKey found or did. */
export interface LoadedTerminalKey {
  readonly key: TerminalSigningKey;
  /** True when this call generated the key pair and stored it in the keychain (first run). */
  readonly created: boolean;
}

/**
 * The terminal signing key of ledger `ledgerId`, creating it on first run.
 *
 * - Keychain has the key: it is returned, after checking it matches `recordedPublicKeyPem` (when the
 *   ledger has recorded one).
 * - Keychain is empty and the ledger records no key (first run): a new key pair is generated, its
 *   private key stored in the keychain and read back (a keychain that silently drops writes is
 *   caught here, not after the first signature). The caller then records the public key.
 * - Keychain is empty but the ledger records a key: TerminalKeyMissingError. Creating a new key
 *   would fork the chain's signer, so Floor stops instead.
 *
 * @param recordedPublicKeyPem the SPKI PEM recorded in the ledger, or null when none is yet.
 * @param storeName how errors name `store` (the OS keychain, or the key file's path).
 * @throws CredentialStoreUnavailableError when `store` cannot be used (no store falls back by itself).
 * @throws TerminalKeyMissingError, TerminalKeyMismatchError as described above.
 * @throws TypeError when the keychain entry is not an Ed25519 PKCS#8 key or `ledgerId` is malformed.
 */
export function loadOrCreateTerminalKey(store: CredentialStore, ledgerId: string, recordedPublicKeyPem: string | null, storeName = 'the OS keychain'): LoadedTerminalKey {
  const account = terminalKeyAccount(ledgerId);
  const stored = store.get(account);
  if (stored !== null) {
    const key = TerminalSigningKey.fromPrivatePem(stored);
    if (recordedPublicKeyPem !== null && !samePublicKey(recordedPublicKeyPem, key.publicKeyPem)) {
      throw new TerminalKeyMismatchError(account, publicKeyFingerprint(recordedPublicKeyPem), key.fingerprint, storeName);
    }
    return { key, created: false };
  }
  if (recordedPublicKeyPem !== null) throw new TerminalKeyMissingError(account, publicKeyFingerprint(recordedPublicKeyPem), storeName);
  const key = TerminalSigningKey.generate();
  const pem = key.privateKeyPem();
  store.set(account, pem);
  if (store.get(account) !== pem) {
    throw new Error(`${storeName} did not keep the terminal signing key written under "${account}"; check it and try again`);
  }
  return { key, created: true };
}

function samePublicKey(a: string, b: string): boolean {
  const der = (pem: string): Buffer => parsePublicKey(pem).export({ type: 'spki', format: 'der' });
  return der(a).equals(der(b));
}
