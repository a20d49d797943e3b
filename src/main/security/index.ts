/**
 * Security: the CredentialStores (OS keychain, key file), the terminal's signing key, the store
 * choice, and the sink that records security events in the signed chain. Sub-components with their
 * own surfaces: api-auth (the signed automation API), webauthn (the relying party), interlock.
 */
export { assertCredentialAccount, CredentialStoreUnavailableError, FLOOR_KEYCHAIN_SERVICE, KeyringCredentialStore, type CredentialStore, type KeyringEntry, type KeyringEntryFactory } from './credential-store';
export { FileCredentialStore, KEY_FILE, platformFilePermissions, type FilePermissions } from './file-credential-store';
export { chooseClientKeyStore, chooseKeyStore, keychainName, keychainProblem, type KeyStore, type KeyStoreChoice, type KeyStoreInputs } from './key-store';
export { loadOrCreateTerminalKey, terminalKeyAccount, TerminalKeyMismatchError, TerminalKeyMissingError, TerminalSigningKey, type LoadedTerminalKey } from './terminal-key';
export { chainSecurityEvents, type SignedFactRecorder } from './chain-security-events';
