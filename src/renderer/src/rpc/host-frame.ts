import { z } from 'zod';
import { pushTopics, rpcErrorSchema, type HostFrame } from '../../../shared';

/**
 * Parsing of host -> client frames (src/shared/rpc/contract.ts `HostFrame`). The WebSocket is a trust
 * boundary like any other: a frame that is not JSON or not one of the two shapes is refused with an
 * error naming what was wrong, instead of being half-used.
 */

const topicNames = Object.keys(pushTopics) as [keyof typeof pushTopics, ...(keyof typeof pushTopics)[]];

const hostFrameSchema = z.union([
  z.object({ kind: z.literal('response'), id: z.number().int().nonnegative(), ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('response'), id: z.number().int().nonnegative(), ok: z.literal(false), error: rpcErrorSchema }),
  z.object({ kind: z.literal('push'), topic: z.enum(topicNames), data: z.unknown() }),
]);

/** Thrown when a host frame cannot be understood. */
export class HostFrameError extends Error {
  override readonly name = 'HostFrameError';
}

/**
 * Parses one WebSocket text message into a HostFrame.
 * @throws HostFrameError when the text is not JSON or not a response/push frame.
 */
export function parseHostFrame(text: string): HostFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HostFrameError(`host sent a frame that is not JSON: ${text.slice(0, 80)}`);
  }
  const parsed = hostFrameSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new HostFrameError(
      `host sent an unexpected frame (${first ? `${first.path.join('.') || 'frame'}: ${first.message}` : 'invalid'})`,
    );
  }
  return parsed.data as HostFrame;
}
