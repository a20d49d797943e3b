/**
 * Why a WebAuthn or interlock request was refused. `code` is the RPC error code the host answers
 * with (src/shared/rpc/contract.ts RPC_ERROR_CODES), so the app layer maps it without guessing:
 * - FORBIDDEN: a verification failed, or the interlock does not allow the action now.
 * - NOT_FOUND: no such credential.
 * - CONFLICT: the action contradicts the current state (the last authenticator, a duplicate).
 */
export class InterlockError extends Error {
  override readonly name = 'InterlockError';
  constructor(
    readonly code: 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT',
    message: string,
  ) {
    super(message);
  }
}
