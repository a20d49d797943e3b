import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';

/** Writes a short plain-text response (errors, redirects) with `headers` (the security headers) added. */
export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string>,
  extra: Record<string, string> = {},
): void {
  const bytes = Buffer.from(`${body}\n`, 'utf8');
  res.writeHead(status, {
    ...headers,
    ...extra,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(bytes.length),
    'Cache-Control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : bytes);
}

/**
 * Refuses a WebSocket upgrade with a plain HTTP response on the raw socket (the `ws` server never
 * sees it), then closes the socket. Browsers report the status to the page as a failed connection.
 */
export function refuseUpgrade(socket: Duplex, status: number, body: string, headers: Record<string, string>): void {
  const bytes = Buffer.from(`${body}\n`, 'utf8');
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    ...Object.entries({ ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(bytes.length), Connection: 'close' }).map(
      ([name, value]) => `${name}: ${value}`,
    ),
    '',
    '',
  ];
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), bytes]));
}
