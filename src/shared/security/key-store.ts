import { z } from 'zod';

/**
 * Where the terminal's signing key lives. KEYCHAIN: the OS keychain (macOS Keychain, Windows
 * Credential Manager, a freedesktop Secret Service). FILE: `floor.keys.json` in the data folder,
 * private to the user, for machines without a keychain; paper trading only (live refuses it).
 */
export const KEY_STORE_KINDS = ['KEYCHAIN', 'FILE'] as const;
export type KeyStoreKind = (typeof KEY_STORE_KINDS)[number];
export const keyStoreKindSchema = z.enum(KEY_STORE_KINDS);
