import type { RpcErrorCode } from '../../../shared';

/**
 * Codes of a failed call: the host's own error codes (src/shared/rpc/contract.ts) plus the
 * client-side failures a caller must tell apart:
 * - TIMEOUT: no answer within the call's timeout (the request may still have been processed).
 * - DISCONNECTED: not connected, or the connection dropped before the answer arrived.
 * - BAD_RESPONSE: the host answered with something that does not match the method's response schema.
 */
export type RpcCallErrorCode = RpcErrorCode | 'TIMEOUT' | 'DISCONNECTED' | 'BAD_RESPONSE';

/** One per-field problem: `path` dot-joined (e.g. "limitPrice"), `message` readable. */
export interface RpcIssue {
  readonly path: string;
  readonly message: string;
}

/** The typed error every failed `RpcClient.call` rejects with. */
export class RpcCallError extends Error {
  override readonly name = 'RpcCallError';

  constructor(
    readonly method: string,
    readonly code: RpcCallErrorCode,
    message: string,
    readonly issues: readonly RpcIssue[] = [],
  ) {
    super(message);
  }
}

/** Narrows an unknown rejection to RpcCallError. */
export function isRpcCallError(error: unknown): error is RpcCallError {
  return error instanceof RpcCallError;
}

/** A readable one-line description of any rejection, for messages on screen. */
export function describeError(error: unknown): string {
  if (error instanceof RpcCallError) {
    const issues = error.issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    return issues.length > 0 ? `${error.message} (${issues.join('; ')})` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
