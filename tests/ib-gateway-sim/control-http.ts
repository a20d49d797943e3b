import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runControlCommand } from './commands';
import type { GatewayControl } from './control';

/**
 * The CLI's fault-injection commands over HTTP on 127.0.0.1, for tests that do not own the
 * simulator's stdin: `POST /<command>` with the command's arguments as the body text, e.g.
 * `curl -X POST localhost:<port>/restart -d '1 2000'`. Answers 200 with "ok: ..." or 400 with
 * "error: ...". Test tooling only: no authentication, loopback only.
 */
export async function startControlServer(control: GatewayControl, port: number, host = '127.0.0.1'): Promise<http.Server & { readonly port: number }> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405, { 'content-type': 'text/plain', allow: 'POST' }).end('error: use POST /<command>\n');
      return;
    }
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 4096) request.destroy();
    });
    request.on('end', () => {
      const command = decodeURIComponent((request.url ?? '/').slice(1).split('?')[0] ?? '');
      const answer = runControlCommand(control, `${command} ${body}`);
      response.writeHead(answer.startsWith('ok') ? 200 : 400, { 'content-type': 'text/plain' }).end(`${answer}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return Object.defineProperty(server, 'port', { get: () => (server.address() as AddressInfo).port }) as http.Server & { readonly port: number };
}
