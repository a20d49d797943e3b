import { Encoder } from '@stoqey/ib/dist/core/io/encoder.js';

/**
 * The fields @stoqey/ib 1.6.10's own Encoder writes for requests at `serverVersion`, exactly as its
 * socket puts them on the wire (nested arrays flattened, booleans as 1/0, undefined/null as "").
 * Returns one string[] per message; errors the encoder raised instead of sending are thrown.
 */
export function encodeWithClient(serverVersion: number, write: (encoder: Encoder) => void): string[][] {
  const messages: string[][] = [];
  const errors: string[] = [];
  const encoder = new Encoder({
    get serverVersion() {
      return serverVersion;
    },
    sendMsg: (tokens: unknown[]) => messages.push(wire(tokens)),
    emitError: (message: string) => errors.push(message),
  } as unknown as ConstructorParameters<typeof Encoder>[0]);
  write(encoder);
  if (errors.length > 0) throw new Error(`the client refused to encode at server version ${serverVersion}: ${errors.join('; ')}`);
  return messages;
}

function wire(tokens: unknown[]): string[] {
  return (tokens.flat(Infinity) as unknown[]).map((v) => (v === undefined || v === null ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v)));
}
