import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { PushPayload, PushTopic } from '../../shared/rpc';
import { API_PREFIX, type ApiRoutes } from './api-routes';
import { refuseUpgrade, sendText } from './http-responses';
import { isAllowedHost, isAllowedOrigin } from './origin-checks';
import { PushConflator } from './push-conflation';
import { dispatchRpc, encodeFrame, UNPARSEABLE_FRAME_ID, type RpcHandlers } from './rpc-dispatch';
import { securityHeaders } from './security-headers';
import { SessionStore, type SessionCookie } from './session';
import { StaticFiles } from './static-files';
import { stackOf } from '../../shared';

/** Largest client frame accepted, in bytes. Bigger frames close the socket with 1009 (RFC 6455 "message too big") before being buffered whole. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Path of the RPC WebSocket. */
export const WS_PATH = '/ws';

/** How long close() lets clients answer the WebSocket close handshake before cutting them off. */
const CLOSE_GRACE_MS = 500;

/** Options of createHost. */
export interface HostOptions {
  /** TCP port on 127.0.0.1, 0..65535; 0 or undefined picks a free port. */
  readonly port?: number;
  /** Directory of the built renderer (index.html + assets). */
  readonly staticDir: string;
  /** Implementation of every RPC method. */
  readonly rpc: RpcHandlers;
  /** Diagnostic sink, one line per call (no trailing newline). Default: stderr. Never receives secrets. */
  readonly log?: (line: string) => void;
  /**
   * The signed automation API (api-routes.ts). Paths under /api/ go to it after the Host check and
   * without the session cookie (automation clients are not browsers; they sign each request instead).
   * Undefined: /api/ paths are treated like any other path.
   */
  readonly api?: ApiRoutes;
}

/** A running host: HTTP + WebSocket on 127.0.0.1:`port`, serving the renderer and the RPC. */
export interface Host {
  /** The bound TCP port. */
  readonly port: number;
  /** `http://localhost:<port>`: the origin the renderer runs under. */
  readonly origin: string;
  /** A fresh single-use launch token (32 random bytes, base64url), redeemable for 2 minutes. */
  mintLaunchToken(): string;
  /** `http://localhost:<port>/?token=<fresh launch token>`: opening it in a browser starts a session. */
  launchUrl(): string;
  /**
   * A fresh session cookie `{ name, value }` for a shell that can set cookies itself (Electron:
   * `session.cookies.set({ url: host.origin, name, value, httpOnly: true, sameSite: 'strict' })`).
   */
  mintSessionCookie(): SessionCookie;
  /** Pushes `data` on `topic` to every connected client, conflated per frame (see push-conflation.ts). */
  publish<T extends PushTopic>(topic: T, data: PushPayload<T>): void;
  /** Closes every WebSocket (code 1001) and the HTTP server. Idempotent; resolves when the port is free. */
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${port} on 127.0.0.1 is already in use (choose another with --port, or 0 for a free one)`
          : error.code === 'EACCES'
            ? `not allowed to listen on port ${port} on 127.0.0.1`
            : error.message;
      reject(new Error(`cannot start the host: ${reason}`));
    };
    server.once('error', onError);
    server.listen({ host: '127.0.0.1', port }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts the host on 127.0.0.1 (never another interface: the terminal places orders).
 *
 * Every HTTP request is checked in this order: Host header (403), then session cookie (401), except
 * that `?token=<launch token>` on a GET is exchanged for the cookie with a 303 to the same URL
 * without the token. The WebSocket upgrade on /ws is checked for Host (403), Origin (403), then
 * cookie (401). Static files are GET/HEAD only (405 otherwise). Every response carries the
 * security headers of security-headers.ts. With `options.api`, paths under /api/ are answered by
 * the signed automation API right after the Host check (api-routes.ts), with no cookie.
 *
 * @throws Error when `staticDir` has no index.html, when `port` is out of range, or when the port cannot be bound.
 */
export async function createHost(options: HostOptions): Promise<Host> {
  const requestedPort = options.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65_535) {
    throw new Error(`port must be an integer 0..65535 (0 = any free port), got ${String(options.port)}`);
  }
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const files = new StaticFiles(options.staticDir);
  const clients = new Map<WebSocket, PushConflator>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });

  // Filled in once bound; no request can arrive before (connections are accepted after 'listening').
  let port = 0;
  // eslint-disable-next-line prefer-const -- assigned once the port is known; the handlers below close over it
  let sessions: SessionStore | undefined;
  let headers: Record<string, string> = {};
  const launchHint = (): string =>
    `Unauthorized: open Floor with the one-time launch URL it printed at start-up (http://localhost:${port}/?token=...).`;

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (sessions === undefined) return sendText(res, 503, 'Floor is starting.', {});
    if (!isAllowedHost(req.headers.host, port)) {
      return sendText(res, 403, `Forbidden: the Host header must be localhost:${port} or 127.0.0.1:${port}.`, headers);
    }
    const url = new URL(req.url ?? '/', `http://localhost:${port}`);
    if (options.api !== undefined && url.pathname.startsWith(API_PREFIX)) return options.api.handle(req, res, { port, headers });
    const token = url.searchParams.get('token');
    if (token !== null) {
      url.searchParams.delete('token');
      const location = `${url.pathname}${url.search}`;
      const isRead = req.method === 'GET' || req.method === 'HEAD';
      if (isRead && sessions.redeemLaunchToken(token)) {
        const cookie = sessions.mintSessionCookie();
        return sendText(res, 303, 'Signed in.', headers, { Location: location, 'Set-Cookie': sessions.setCookieHeader(cookie) });
      }
      // A used or expired token from a browser that already has a session: just drop it from the URL.
      if (isRead && sessions.isValidSession(req.headers.cookie)) return sendText(res, 303, 'See other.', headers, { Location: location });
      return sendText(res, 401, `${launchHint()} This launch token is used or expired.`, headers);
    }
    if (!sessions.isValidSession(req.headers.cookie)) return sendText(res, 401, launchHint(), headers);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'Method not allowed: only GET and HEAD.', headers, { Allow: 'GET, HEAD' });
    }
    if (url.pathname === WS_PATH) return sendText(res, 426, `${WS_PATH} is the RPC WebSocket.`, headers, { Upgrade: 'websocket' });
    const target = await files.lookup(url.pathname);
    if (target.kind === 'bad-path' || target.kind === 'not-found') return sendText(res, 404, 'Not found.', headers);
    await files.send(req, res, target, headers);
  };

  const onConnection = (ws: WebSocket): void => {
    const conflator = new PushConflator(ws);
    clients.set(ws, conflator);
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.send(
          JSON.stringify({
            kind: 'response',
            id: UNPARSEABLE_FRAME_ID,
            ok: false,
            error: { code: 'BAD_REQUEST', message: 'binary frames are not accepted; send JSON text frames' },
          }),
        );
        return;
      }
      const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
      void dispatchRpc(text, options.rpc, log).then((frame) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(encodeFrame(frame, log));
      });
    });
    // ws reports oversized and malformed frames here, then closes the socket (1009 / 1002); the host keeps running.
    ws.on('error', (error) => log(`websocket client error: ${error.message}`));
    ws.on('close', () => {
      conflator.dispose();
      clients.delete(ws);
    });
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    if (sessions === undefined) return refuseUpgrade(socket, 503, 'Floor is starting.', {});
    if (!isAllowedHost(req.headers.host, port)) {
      return refuseUpgrade(socket, 403, `Forbidden: the Host header must be localhost:${port} or 127.0.0.1:${port}.`, headers);
    }
    if (!isAllowedOrigin(req.headers.origin, port)) {
      return refuseUpgrade(socket, 403, `Forbidden: WebSocket Origin must be http://localhost:${port} or http://127.0.0.1:${port}.`, headers);
    }
    if (!sessions.isValidSession(req.headers.cookie)) return refuseUpgrade(socket, 401, launchHint(), headers);
    if (new URL(req.url ?? '/', `http://localhost:${port}`).pathname !== WS_PATH) {
      return refuseUpgrade(socket, 404, `Not found: the RPC WebSocket is ${WS_PATH}.`, headers);
    }
    wss.handleUpgrade(req, socket, head, onConnection);
  };

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      log(`http ${req.method ?? '?'} ${req.url ?? '?'} failed: ${stackOf(error)}`);
      if (!res.headersSent) sendText(res, 500, 'Internal error; details are in the terminal log.', headers);
      else res.destroy();
    });
  });
  server.on('upgrade', handleUpgrade);

  port = await listen(server, requestedPort);
  sessions = new SessionStore(port);
  headers = securityHeaders(port);
  const store = sessions;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const sockets = [...clients.keys()];
      for (const conflator of clients.values()) conflator.dispose();
      await Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === WebSocket.CLOSED) return resolve();
              const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
              ws.once('close', () => {
                clearTimeout(timer);
                resolve();
              });
              ws.close(1001, 'Floor host shutting down');
            }),
        ),
      );
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    })();
    return closing;
  };

  return {
    port,
    origin: `http://localhost:${port}`,
    mintLaunchToken: () => store.mintLaunchToken(),
    launchUrl: () => `http://localhost:${port}/?token=${store.mintLaunchToken()}`,
    mintSessionCookie: () => store.mintSessionCookie(),
    publish: (topic, data) => {
      for (const conflator of clients.values()) conflator.offer(topic, data);
    },
    close,
  };
}
