import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../../src/main/host';
import { httpGet, makeRendererBuild, signIn, testHandlers, type RawResponse } from './helpers';

const build = makeRendererBuild();
let host: Host;
let cookie: string;

beforeAll(async () => {
  host = await createHost({ staticDir: build.staticDir, rpc: testHandlers(), log: () => {} });
  cookie = await signIn(host);
});
afterAll(async () => {
  await host.close();
  build.cleanup();
});

/** Sends the request path byte for byte (no client-side normalisation of `..`). */
function rawPath(path: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { Host: `localhost:${host.port}`, Cookie: cookie }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('security headers', () => {
  it('sends the strict CSP and hardening headers on pages, assets and errors alike', async () => {
    const responses = [await httpGet(host.port, '/', { cookie }), await httpGet(host.port, '/assets/app.js', { cookie }), await httpGet(host.port, '/')];
    expect(responses.map((res) => res.status)).toEqual([200, 200, 401]);
    for (const res of responses) {
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
          `connect-src 'self' ws://localhost:${host.port} ws://127.0.0.1:${host.port}; base-uri 'none'; form-action 'none'; ` +
          "frame-ancestors 'none'; object-src 'none'",
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    }
  });

  it('marks HTML no-store and hashed assets immutable', async () => {
    expect((await httpGet(host.port, '/', { cookie })).headers['cache-control']).toBe('no-store');
    expect((await httpGet(host.port, '/assets/app.js', { cookie })).headers['cache-control']).toContain('immutable');
  });
});

describe('static files', () => {
  it('serves each file type with its MIME type', async () => {
    const cases: [string, string][] = [
      ['/', 'text/html; charset=utf-8'],
      ['/index.html', 'text/html; charset=utf-8'],
      ['/assets/app.js', 'text/javascript; charset=utf-8'],
      ['/assets/app.css', 'text/css; charset=utf-8'],
      ['/assets/inter.woff2', 'font/woff2'],
      ['/logo.svg', 'image/svg+xml'],
    ];
    for (const [path, type] of cases) {
      const res = await httpGet(host.port, path, { cookie });
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toBe(type);
    }
    expect((await httpGet(host.port, '/assets/app.js', { cookie })).body).toBe('console.log("floor");');
  });

  it('falls back to index.html for client-side routes but 404s a missing asset', async () => {
    const route = await httpGet(host.port, '/history/fills', { cookie });
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Floor</title>');
    expect((await httpGet(host.port, '/assets/missing.js', { cookie })).status).toBe(404);
    expect((await httpGet(host.port, '/favicon.ico', { cookie })).status).toBe(404);
  });

  it('never serves a file outside the renderer folder, however the path is written', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5c%2e%2e%5csecret.txt',
      '/%00../secret.txt',
      '/%E0%A4%A',
    ];
    for (const attempt of attempts) {
      const res = await rawPath(attempt);
      expect(res.body, attempt).not.toContain('ledger signing key');
      expect([200, 400, 404], attempt).toContain(res.status);
      if (res.status === 200) expect(res.body, attempt).toContain('<title>Floor</title>');
    }
  });

  it('answers HEAD with headers only and refuses other methods with 405', async () => {
    const head = await httpGet(host.port, '/assets/app.js', { cookie, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String('console.log("floor");'.length));
    expect(head.body).toBe('');
    const post = await httpGet(host.port, '/', { cookie, method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});
