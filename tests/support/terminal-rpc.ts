import type { WebSocket } from 'ws';
import type { Host } from '../../src/main/host';
import { connectWs, rawCall, signIn } from '../unit/host/helpers';
import { registerAndUnlockOverRpc, type RpcCall } from './interlock-rpc';
import { sessionCookie, type ServeProcess } from './serve-process';
import type { SoftAuthenticator } from './soft-authenticator';

/** A signed-in RPC connection to a running terminal's host. */
export interface TerminalRpc {
  /** One RPC call; resolves with the result, rejects with the error frame's code and message. */
  readonly call: RpcCall;
  close(): void;
}

/**
 * Signs in to `host` as the renderer does (launch token -> cookie -> WebSocket) and returns an RPC
 * caller. Rejects with `<code>: <message>` on an error frame.
 */
export async function connectRpc(host: Host): Promise<TerminalRpc> {
  return openRpc(host.port, host.origin, await signIn(host));
}

/**
 * Signs in to a running `floor serve` with its launch URL, as a browser would (the one-time token is
 * used up: open the terminal in a browser from the next serve's URL), and returns an RPC caller.
 */
export async function connectServeRpc(serve: ServeProcess): Promise<TerminalRpc> {
  return openRpc(serve.port, serve.origin, await sessionCookie(serve.launchUrl));
}

async function openRpc(port: number, origin: string, cookie: string): Promise<TerminalRpc> {
  const handshake = await connectWs(port, { cookie, origin });
  if (!handshake.ok) throw new Error(`websocket refused with ${handshake.status}`);
  const ws: WebSocket = handshake.ws;
  let id = 0;
  return {
    call: async (method, params) => {
      const frame = (await rawCall(ws, JSON.stringify({ id: ++id, method, params }))) as { ok: boolean; result?: unknown; error?: { code: string; message: string } };
      if (!frame.ok) throw new Error(`${frame.error?.code}: ${frame.error?.message}`);
      return frame.result;
    },
    close: () => ws.close(),
  };
}

/** Registers a software authenticator on `host` and opens an interlock session with it. */
export function unlockTerminal(rpc: TerminalRpc, host: Host): Promise<SoftAuthenticator> {
  return registerAndUnlockOverRpc(rpc.call, host.origin);
}
