import { mkdtempSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { GOOG_EXCERPT, removeDataDir, startServe, type ServeProcess } from '../support/serve-process';

// End to end (issue 2, points 3 and 8): a real `floor serve` process, probed with node:http and `ws`
// the way a hostile page or a local process would: no cookie, a reused launch token, a DNS-rebinding
// Host header, a cross-site WebSocket. Each refusal has a twin request that differs only in the
// checked header and succeeds, so a host that refused everything would fail too.

interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** GET `path` from the serve on 127.0.0.1 with exactly the given Host (and optional Cookie) header. */
function get(port: number, path: string, headers: { host: string; cookie?: string }): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path, headers: { Host: headers.host, ...(headers.cookie ? { Cookie: headers.cookie } : {}) } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    request.on('error', reject);
    request.setTimeout(5_000, () => request.destroy(new Error(`GET ${path} got no answer in 5 s`)));
  });
}

/** Result of a WebSocket upgrade: the refusal's HTTP status, or the open socket. */
type Upgrade = { readonly refused: number } | { readonly socket: WebSocket };

/** Opens ws://127.0.0.1:<port>/ws with exactly the given Host, Origin and Cookie headers. */
function upgrade(port: number, headers: { host: string; origin: string; cookie?: string }): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
      origin: headers.origin,
      headers: { Host: headers.host, ...(headers.cookie ? { Cookie: headers.cookie } : {}) },
      handshakeTimeout: 5_000,
    });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ refused: res.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

/** Request id of the probe call (any non-negative integer; one call per socket). */
const PROBE_ID = 1;

/** Sends one RPC request on an open socket and resolves with its response frame (push frames are skipped). */
function call(socket: WebSocket, method: string, params: unknown): Promise<{ ok: boolean; result?: unknown }> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const frame = JSON.parse(String(data)) as { kind: string; id?: number; ok?: boolean; result?: unknown };
      if (frame.kind !== 'response' || frame.id !== PROBE_ID) return;
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve({ ok: frame.ok === true, result: frame.result });
    };
    const timer = setTimeout(() => {
      socket.off('message', onMessage);
      reject(new Error(`${method} got no response in 5 s`));
    }, 5_000);
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ id: PROBE_ID, method, params }));
  });
}

function closeSocket(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) return resolve();
    socket.once('close', () => resolve());
    socket.close();
  });
}

describe('floor serve refuses requests that are not from its own page', () => {
  let serve: ServeProcess | undefined;
  let dataDir: string | undefined;
  let port = 0;
  let localhost = '';
  /** The answer to the first use of the printed launch URL. */
  let exchange: HttpAnswer;
  /** `floor_session_<port>=<secret>` from that exchange. */
  let cookie = '';

  beforeAll(async () => {
    // Our own temp folder, so afterAll removes it even when the serve fails to start.
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'floor-e2e-'));
    serve = await startServe({ replay: GOOG_EXCERPT, speed: 1, dataDir });
    port = serve.port;
    localhost = `localhost:${port}`;
    const launch = new URL(serve.launchUrl);
    exchange = await get(port, `${launch.pathname}${launch.search}`, { host: localhost });
    cookie = String(exchange.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  }, 60_000);

  afterAll(async () => {
    try {
      if (serve) expect(await serve.stop(), 'exit code after SIGTERM').toBe(0);
    } finally {
      if (dataDir) removeDataDir(dataDir);
    }
  }, 30_000);

  it('turns the launch token into an httpOnly SameSite=Strict session cookie, and only once', async () => {
    expect(exchange.status).toBe(303);
    expect(exchange.headers.location, 'redirects to the page without the token').toBe('/');
    const setCookie = exchange.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(new RegExp(`^floor_session_${port}=[A-Za-z0-9_-]{43};`));
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);

    const launch = new URL(serve!.launchUrl);
    const reuse = await get(port, `${launch.pathname}${launch.search}`, { host: localhost });
    expect(reuse.status, 'the same launch URL a second time').toBe(401);
    expect(reuse.headers['set-cookie']).toBeUndefined();
    const forged = await get(port, `/?token=${'A'.repeat(43)}`, { host: localhost });
    expect(forged.status, 'a made-up token').toBe(401);
  }, 15_000);

  it('answers 401 to HTTP requests and WebSocket upgrades without the session cookie', async () => {
    for (const path of ['/', '/index.html', '/ws']) {
      const answer = await get(port, path, { host: localhost });
      expect(answer.status, `GET ${path} without a cookie`).toBe(401);
      expect(answer.body).not.toContain('<script');
    }
    expect((await get(port, '/', { host: localhost, cookie: `floor_session_${port}=${'x'.repeat(43)}` })).status, 'a made-up cookie').toBe(401);
    expect(await upgrade(port, { host: localhost, origin: `http://${localhost}` })).toEqual({ refused: 401 });
  }, 15_000);

  it('serves the terminal with the cookie under both localhost and 127.0.0.1, with a strict CSP', async () => {
    for (const host of [localhost, `127.0.0.1:${port}`]) {
      const answer = await get(port, '/', { host, cookie });
      expect(answer.status, `GET / with Host ${host}`).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.body).toContain('<div id="root">');
      const csp = String(answer.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
    }
  }, 15_000);

  it('refuses a forged Host header with 403 even with a valid cookie', async () => {
    for (const host of [`evil.example:${port}`, 'localhost:1', `localhost:${port + 1}`, 'localhost', `127.0.0.2:${port}`]) {
      const answer = await get(port, '/', { host, cookie });
      expect(answer.status, `GET / with Host ${host}`).toBe(403);
      expect(answer.body).not.toContain('<script');
      expect(await upgrade(port, { host, origin: `http://${localhost}`, cookie }), `WebSocket with Host ${host}`).toEqual({ refused: 403 });
    }
  }, 15_000);

  it('refuses a WebSocket from a foreign Origin with 403 even with a valid cookie, and accepts its own page', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, 'http://localhost:1', 'null']) {
      expect(await upgrade(port, { host: localhost, origin, cookie }), `WebSocket from Origin ${origin}`).toEqual({ refused: 403 });
    }

    for (const origin of [`http://${localhost}`, `http://127.0.0.1:${port}`]) {
      const opened = await upgrade(port, { host: localhost, origin, cookie });
      if (!('socket' in opened)) throw new Error(`the app's own origin ${origin} was refused with ${opened.refused}`);
      const answer = await call(opened.socket, 'session.describe', {});
      expect(answer.ok).toBe(true);
      expect(answer.result).toMatchObject({ instrument: { instrumentId: 'GOOG' } });
      await closeSocket(opened.socket);
    }
  }, 15_000);
});
