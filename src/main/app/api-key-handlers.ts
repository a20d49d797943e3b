import type { ApiKey, Clock, UnixMicros } from '../../shared';
import { RpcError, type RpcHandlers } from '../host';
import type { ApiKeyRecord, ApiKeyRepository, Ledger } from '../ledger';
import { apiKeyId, publicKeyFingerprint } from '../security/api-auth';

/** The automation API key methods (src/shared/rpc/contract.ts `apikeys.*`). */
export type ApiKeyHandlers = Pick<RpcHandlers, 'apikeys.list' | 'apikeys.register' | 'apikeys.revoke'>;

function toApiKey(record: ApiKeyRecord): ApiKey {
  return {
    keyId: record.keyId,
    label: record.label,
    fingerprint: publicKeyFingerprint(Buffer.from(record.publicKey, 'base64')),
    registeredAt: record.createdAt,
    revokedAt: record.revokedAt,
  };
}

/**
 * Handlers of the `apikeys.*` methods over the ledger's api_keys table. Requests arrive validated
 * (the contract's schemas: a 32-byte key in standard base64, a 1..100 character label), and the
 * interlock is the host's business (order-gate.ts gates `apikeys.register`), so these only apply
 * the table's rules: a key is registered once, never again after it was revoked, and revoking is
 * one-way. The key is stored in canonical base64 of its 32 bytes, whatever padding it came with.
 * Each registration and revocation is also a signed `security.event` chain entry
 * (API_KEY_REGISTERED / API_KEY_REVOKED with the key id, label and fingerprint), written in the same
 * transaction as the api_keys row.
 * @param clock Unix µs (wall clock) for registration and revocation times.
 * @param ledger the ledger whose transaction and signed chain the rows and their entries share.
 */
export function createApiKeyHandlers(keys: ApiKeyRepository, clock: Clock, ledger: Pick<Ledger, 'transaction' | 'recordFact'>): ApiKeyHandlers {
  const recordKeyEvent = (event: 'API_KEY_REGISTERED' | 'API_KEY_REVOKED', key: ApiKey, tsEvent: UnixMicros): void => {
    ledger.recordFact('security.event', { event, details: { keyId: key.keyId, label: key.label, fingerprint: key.fingerprint }, tsEvent });
  };
  return {
    'apikeys.list': () => ({ keys: keys.list().map(toApiKey) }),
    'apikeys.register': ({ label, publicKey }) => {
      const raw = Buffer.from(publicKey, 'base64');
      const keyId = apiKeyId(raw);
      const existing = keys.find(keyId);
      if (existing !== undefined) {
        throw new RpcError(
          'CONFLICT',
          existing.revokedAt === null
            ? `this public key is registered already, as ${keyId} ("${existing.label}")`
            : `this public key was registered as ${keyId} and revoked; a revoked key stays revoked: create a new one with \`floor apikey create\``,
        );
      }
      const record: ApiKeyRecord = { keyId, label, publicKey: raw.toString('base64'), createdAt: clock.now(), revokedAt: null };
      const key = toApiKey(record);
      ledger.transaction(() => {
        keys.insert(record);
        recordKeyEvent('API_KEY_REGISTERED', key, record.createdAt);
      });
      return { key };
    },
    'apikeys.revoke': ({ keyId }) => {
      const existing = keys.find(keyId);
      if (existing === undefined) throw new RpcError('NOT_FOUND', `no API key ${keyId} is registered with this terminal`);
      if (existing.revokedAt !== null) return { key: toApiKey(existing) };
      // Never before registration (the table's CHECK), even if the wall clock was set back since.
      const revokedAt = Math.max(clock.now(), existing.createdAt);
      const key = toApiKey({ ...existing, revokedAt });
      ledger.transaction(() => {
        keys.revoke(keyId, revokedAt);
        recordKeyEvent('API_KEY_REVOKED', key, revokedAt);
      });
      return { key };
    },
  };
}
