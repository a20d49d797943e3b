import { Decoder } from '@stoqey/ib/dist/core/io/decoder.js';
import { fieldText, type Field } from '../../ib-gateway-sim/framing';

/** What @stoqey/ib's own Decoder made of one message. */
export interface Decoded {
  readonly events: Array<{ name: string; args: unknown[] }>;
  /** Errors the decoder raised (code 505 = decode error: underrun or unprocessed fields). */
  readonly errors: Array<{ message: string; code: number; reqId?: number; advanced?: unknown }>;
  readonly infos: Array<{ message: string; code: number }>;
}

/** Feeds one simulator message to the real client's Decoder at `serverVersion`. */
export function decodeWithClient(fields: readonly Field[], serverVersion: number): Decoded {
  return clientStreamDecoder(serverVersion)(fields);
}

/**
 * One @stoqey/ib Decoder kept across messages (for long streams): `decode` feeds one message and
 * returns what it made of it.
 */
export function clientStreamDecoder(serverVersion: number): (fields: readonly Field[]) => Decoded {
  let out: Decoded = { events: [], errors: [], infos: [] };
  const decoder = new Decoder({
    get serverVersion() {
      return serverVersion;
    },
    emitEvent: (name: string, ...args: unknown[]) => out.events.push({ name, args }),
    emitError: (message: string, code: number, reqId?: number, advanced?: unknown) => out.errors.push({ message, code, reqId, advanced }),
    emitInfo: (message: string, code: number) => out.infos.push({ message, code }),
  } as unknown as ConstructorParameters<typeof Decoder>[0]);
  return (fields) => {
    out = { events: [], errors: [], infos: [] };
    decoder.enqueueMessage(fields.map(fieldText));
    decoder.process();
    return out;
  };
}
