/**
 * The byte pipe under the RPC client. Abstracted so the client's correlation, timeout and reconnect
 * logic runs under plain Node in tests with a fake transport, and over the browser's WebSocket in the app.
 */

/** Callbacks a transport reports to. Exactly one `onClose` per transport, after which it is dead. */
export interface RpcTransportHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  /** `reason` is human-readable (close code and reason, or the construction error). */
  onClose(reason: string): void;
}

/** An open (or opening) connection. `send` is only called after `onOpen`. */
export interface RpcTransport {
  send(text: string): void;
  close(): void;
}

/** Opens a transport to `url`; must report through `handlers` (never throw after returning). */
export type RpcTransportFactory = (url: string, handlers: RpcTransportHandlers) => RpcTransport;

/**
 * A transport over the browser's WebSocket. The session cookie set by the host rides along
 * automatically (same origin); a refused upgrade (401/403) surfaces as close code 1006.
 */
export const browserWebSocketTransport: RpcTransportFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  let closed = false;
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event: MessageEvent) => {
    if (typeof event.data === 'string') handlers.onMessage(event.data);
  };
  socket.onclose = (event: CloseEvent) => {
    if (closed) return;
    closed = true;
    handlers.onClose(`WebSocket closed (code ${event.code}${event.reason ? `: ${event.reason}` : ''})`);
  };
  // An error is always followed by a close event, which is where recovery happens.
  socket.onerror = () => undefined;
  return {
    send: (text) => socket.send(text),
    close: () => socket.close(1000, 'client closing'),
  };
};

/** The host's WebSocket endpoint for the page's own origin: ws(s)://<host>/ws. */
export function hostSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
