import type { z } from 'zod';
import {
  rpcMethods,
  rpcRequestFrameSchema,
  type HostFrame,
  type RpcError as RpcErrorBody,
  type RpcErrorCode,
  type RpcMethodName,
  type RpcParams,
  type RpcResult,
} from '../../shared/rpc';
import { messageOf, stackOf } from '../../shared';

/**
 * The host's implementation of every RPC method of src/shared/rpc/contract.ts. A handler receives
 * params already validated (and defaulted) by the method's zod request schema. To fail with a
 * meaningful code, throw `RpcError`; anything else thrown becomes INTERNAL.
 */
export type RpcHandlers = {
  [M in RpcMethodName]: (params: RpcParams<M>) => RpcResult<M> | Promise<RpcResult<M>>;
};

/** One per-field problem of a BAD_REQUEST: dot-joined path ('' for the params object itself) and message. */
export interface RpcIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * An error a handler throws on purpose; its code and message reach the client unchanged
 * (e.g. `new RpcError('NOT_FOUND', 'no order with clientOrderId abc')`).
 */
export class RpcError extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly issues?: readonly RpcIssue[],
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/**
 * Frame id used when the client's frame is unusable (not JSON, not an object with a numeric id):
 * there is no request id to answer, and a live client never waits on -1.
 */
export const UNPARSEABLE_FRAME_ID = -1;

const INTERNAL_MESSAGE = 'internal error in the terminal; details are in its log';

function errorFrame(id: number, error: RpcErrorBody): HostFrame {
  return { kind: 'response', id, ok: false, error };
}

function issuesOf(error: z.ZodError): RpcIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function describeIssues(issues: readonly RpcIssue[]): string {
  return issues.map((issue) => `${issue.path === '' ? 'params' : issue.path}: ${issue.message}`).join('; ');
}

function isMethodName(name: string): name is RpcMethodName {
  return Object.hasOwn(rpcMethods, name);
}

/**
 * Turns one client text frame into the response frame to send back. Never throws and never rejects:
 * every failure becomes an error response.
 *
 * - Not JSON, or not `{ id, method, params }`: BAD_REQUEST (id UNPARSEABLE_FRAME_ID when no id can be read).
 * - Unknown method name: UNKNOWN_METHOD.
 * - params failing the method's zod request schema: BAD_REQUEST with one issue per field.
 * - Handler throws RpcError: its code, message and issues. Anything else: INTERNAL with a generic
 *   message; the real error goes to `log` (it may name files or internals the page should not see).
 */
export async function dispatchRpc(text: string, handlers: RpcHandlers, log: (line: string) => void): Promise<HostFrame> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return errorFrame(UNPARSEABLE_FRAME_ID, { code: 'BAD_REQUEST', message: 'frame is not valid JSON' });
  }
  const frame = rpcRequestFrameSchema.safeParse(raw);
  if (!frame.success) {
    const rawId = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    const id = typeof rawId === 'number' && Number.isInteger(rawId) && rawId >= 0 ? rawId : UNPARSEABLE_FRAME_ID;
    const issues = issuesOf(frame.error);
    return errorFrame(id, {
      code: 'BAD_REQUEST',
      message: `frame must be { id: non-negative integer, method: string, params }: ${describeIssues(issues)}`,
      issues,
    });
  }
  const { id, method } = frame.data;
  if (!isMethodName(method)) {
    return errorFrame(id, {
      code: 'UNKNOWN_METHOD',
      message: `unknown method "${method}"; known methods: ${Object.keys(rpcMethods).join(', ')}`,
    });
  }
  const params = rpcMethods[method].request.safeParse(frame.data.params);
  if (!params.success) {
    const issues = issuesOf(params.error);
    return errorFrame(id, { code: 'BAD_REQUEST', message: `invalid ${method} request: ${describeIssues(issues)}`, issues });
  }
  try {
    // The map type pairs each name with its own params; TypeScript cannot follow the correlation through an index.
    const handler = handlers[method] as (params: unknown) => unknown;
    const result = await handler(params.data);
    return { kind: 'response', id, ok: true, result };
  } catch (error) {
    if (error instanceof RpcError) {
      return errorFrame(id, {
        code: error.code,
        message: error.message,
        ...(error.issues === undefined ? {} : { issues: [...error.issues] }),
      });
    }
    log(`rpc ${method} (id ${id}) failed: ${stackOf(error)}`);
    return errorFrame(id, { code: 'INTERNAL', message: INTERNAL_MESSAGE });
  }
}

/** JSON for a frame; a result that cannot be serialised (BigInt, cycle) becomes an INTERNAL error frame. */
export function encodeFrame(frame: HostFrame, log: (line: string) => void): string {
  try {
    return JSON.stringify(frame);
  } catch (error) {
    const id = frame.kind === 'response' ? frame.id : UNPARSEABLE_FRAME_ID;
    log(`cannot serialise host frame (id ${id}): ${messageOf(error)}`);
    return JSON.stringify(errorFrame(id, { code: 'INTERNAL', message: INTERNAL_MESSAGE }));
  }
}
