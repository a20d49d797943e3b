import { RpcError } from '../host';

/**
 * Maps the typed errors of the engine and the feeds (each carries an RPC error `code`, and may carry
 * per-field `issues`) to RpcError so the renderer gets NOT_FOUND / CONFLICT / BAD_REQUEST with their
 * own sentence instead of a masked INTERNAL. Anything else is returned as it is.
 */
export function asRpcError(error: unknown): unknown {
  if (error instanceof Error && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (code === 'BAD_REQUEST' || code === 'NOT_FOUND' || code === 'CONFLICT') {
      const issues = 'issues' in error ? (error as { issues: { path: string; message: string }[] }).issues : undefined;
      return new RpcError(code, error.message, issues);
    }
  }
  return error;
}
