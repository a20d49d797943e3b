import type { ApiKeyRepository } from '../../ledger';
import type { ApiKeyLookup } from './request-verifier';

/** The verifier's key lookup over the ledger's api_keys table: one indexed read per request, so a revocation applies to the next request. */
export function ledgerApiKeys(repository: Pick<ApiKeyRepository, 'find'>): ApiKeyLookup {
  return {
    find(keyId) {
      const record = repository.find(keyId);
      if (record === undefined) return undefined;
      return { keyId: record.keyId, publicKey: Buffer.from(record.publicKey, 'base64'), revoked: record.revokedAt !== null };
    },
  };
}
