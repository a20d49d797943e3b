import { z } from 'zod';

/** Why the signed chain failed verification (src/main/ledger/chain/verify-chain.ts, ChainFailureKind). */
export const CHAIN_FAILURE_KINDS = [
  'missing-row',
  'broken-link',
  'tampered-entry',
  'tampered-hash',
  'bad-signature',
  'malformed-row',
  'truncated',
  'head-mismatch',
  'head-forged',
] as const;

/**
 * The signed ledger's health, as the header's badge shows it.
 * - `VERIFIED`: the last full verification (at start-up, or `ledger.verify`) found the chain intact.
 * - `BROKEN`: it found the first bad entry (`failure`); Floor keeps trading on the rows it wrote
 *   itself but the trader must know the file was altered outside Floor.
 * `entries` is the chain's length now (the head's seq); `verifiedEntries` what the last verification
 * covered; times Unix ms (wall clock); `keyFingerprint` the first 16 hex digits of the SHA-256 of the
 * terminal key's SPKI DER (terminal-key.ts publicKeyFingerprint); `durability` the commit durability
 * in force (SQLite synchronous: NORMAL in paper, FULL once the terminal went live).
 */
export const ledgerHealthSchema = z.object({
  status: z.enum(['VERIFIED', 'BROKEN']),
  entries: z.number().int().nonnegative(),
  headHash: z.string(),
  verifiedEntries: z.number().int().nonnegative(),
  verifiedAt: z.number().int().nonnegative(),
  verifyMs: z.number().nonnegative(),
  keyFingerprint: z.string(),
  durability: z.enum(['FULL', 'NORMAL']),
  failure: z.object({ seq: z.number().int().nonnegative(), kind: z.enum(CHAIN_FAILURE_KINDS), reason: z.string() }).nullable(),
});
export type LedgerHealth = z.infer<typeof ledgerHealthSchema>;
