/**
 * The signed ledger chain (issue 5): an append-only SHA-256 hash chain of every order intent, risk
 * decision, approval, venue event, mode switch and security event, each entry signed with the
 * terminal's Ed25519 key, plus a signed head checkpoint that catches truncation.
 */
export { CHAIN_ENTRY_TYPES, isChainEntryType, type ChainEntryType } from './entry-types';
export {
  ZERO_HASH,
  assertChainPayload,
  canonicalPayload,
  entryHash,
  entryHashInput,
  headMessage,
  nextSignatureDigest,
  type ChainJson,
  type ChainPayload,
} from './canonical';
export { readChainHead, readChainIdentity, type ChainHead, type ChainIdentity } from './chain-state';
export { ChainKeyMismatchError, ChainWriter, type ChainEntry, type ChainSigner, type ChainWriterOptions } from './chain-writer';
export { verifyChain, type ChainFailureKind, type ChainVerification, type VerifyChainOptions } from './verify-chain';
export { parsePublicKey, publicKeyFingerprint, verifyEd25519 } from './ed25519';
export { LedgerChain } from './ledger-chain';
