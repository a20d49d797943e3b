import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHost, LAUNCH_TOKEN_TTL_MS, type Host } from '../../../src/main/host';
import { connectWs, httpGet, makeRendererBuild, signIn, testHandlers } from './helpers';

const build = makeRendererBuild();
let host: Host;

beforeAll(async () => {
  host = await createHost({ staticDir: build.staticDir, rpc: testHandlers(), log: () => {} });
});
afterAll(async () => {
  await host.close();
  build.cleanup();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('host session', () => {
  it('binds 127.0.0.1 on a random free port and reports its localhost origin', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.origin).toBe(`http://localhost:${host.port}`);
    expect(host.launchUrl()).toMatch(new RegExp(`^http://localhost:${host.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('refuses an HTTP request without the session cookie with 401 and points to the launch URL', async () => {
    const res = await httpGet(host.port, '/');
    expect(res.status).toBe(401);
    expect(res.body).toContain('launch URL');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a WebSocket upgrade without the session cookie with 401', async () => {
    const handshake = await connectWs(host.port, { origin: host.origin });
    expect(handshake).toEqual({ ok: false, status: 401 });
  });

  it('exchanges a launch token for an httpOnly SameSite=Strict cookie and redirects to the same URL without the token', async () => {
    const token = host.mintLaunchToken();
    const res = await httpGet(host.port, `/history?tab=fills&token=${token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/history?tab=fills');
    const setCookie = (res.headers['set-cookie'] ?? [])[0] ?? '';
    expect(setCookie).toMatch(new RegExp(`^floor_session_${host.port}=[A-Za-z0-9_-]{43}; `));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    const cookie = setCookie.split(';')[0] ?? '';
    const page = await httpGet(host.port, '/history?tab=fills', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Floor</title>');
  });

  it('accepts a launch token only once', async () => {
    const token = host.mintLaunchToken();
    expect((await httpGet(host.port, `/?token=${token}`)).status).toBe(303);
    const replayed = await httpGet(host.port, `/?token=${token}`);
    expect(replayed.status).toBe(401);
    expect(replayed.body).toContain('used or expired');
  });

  it('rejects a launch token after it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = host.mintLaunchToken();
    vi.setSystemTime(Date.now() + LAUNCH_TOKEN_TTL_MS + 1);
    expect((await httpGet(host.port, `/?token=${token}`)).status).toBe(401);
  });

  it('rejects a guessed token and a forged cookie value', async () => {
    expect((await httpGet(host.port, `/?token=${'A'.repeat(43)}`)).status).toBe(401);
    expect((await httpGet(host.port, '/', { cookie: `floor_session_${host.port}=${'A'.repeat(43)}` })).status).toBe(401);
  });

  it('drops a stale token from the URL for a browser that already has a session', async () => {
    const cookie = await signIn(host);
    const res = await httpGet(host.port, `/?token=stale`, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('accepts a cookie minted for the Electron shell directly', async () => {
    const { name, value } = host.mintSessionCookie();
    expect((await httpGet(host.port, '/', { cookie: `${name}=${value}` })).status).toBe(200);
  });
});

describe('host origin checks', () => {
  it('refuses a forged Host header with 403 even with a valid cookie (DNS rebinding)', async () => {
    const cookie = await signIn(host);
    const res = await httpGet(host.port, '/', { cookie, host: `evil.example:${host.port}` });
    expect(res.status).toBe(403);
    expect(res.body).toContain(`localhost:${host.port}`);
    expect((await httpGet(host.port, '/', { cookie, host: `localhost:${host.port + 1}` })).status).toBe(403);
  });

  it('checks the Host header before redeeming a launch token', async () => {
    const token = host.mintLaunchToken();
    expect((await httpGet(host.port, `/?token=${token}`, { host: 'evil.example' })).status).toBe(403);
    expect((await httpGet(host.port, `/?token=${token}`)).status).toBe(303);
  });

  it('accepts 127.0.0.1:<port> as Host and origin', async () => {
    const cookie = await signIn(host);
    expect((await httpGet(host.port, '/', { cookie, host: `127.0.0.1:${host.port}` })).status).toBe(200);
    const handshake = await connectWs(host.port, { cookie, origin: `http://127.0.0.1:${host.port}` });
    expect(handshake.ok).toBe(true);
    if (handshake.ok) handshake.ws.close();
  });

  it('refuses a WebSocket from a foreign Origin with 403 even with a valid cookie', async () => {
    const cookie = await signIn(host);
    expect(await connectWs(host.port, { cookie, origin: 'http://evil.example' })).toEqual({ ok: false, status: 403 });
    expect(await connectWs(host.port, { cookie, origin: `https://localhost:${host.port}` })).toEqual({ ok: false, status: 403 });
    expect(await connectWs(host.port, { cookie })).toEqual({ ok: false, status: 403 });
  });

  it('refuses a WebSocket with a forged Host header with 403', async () => {
    const cookie = await signIn(host);
    const handshake = await connectWs(host.port, { cookie, origin: host.origin, host: `evil.example:${host.port}` });
    expect(handshake).toEqual({ ok: false, status: 403 });
  });

  it('checks Origin before the cookie on the WebSocket upgrade', async () => {
    expect(await connectWs(host.port, { origin: 'http://evil.example' })).toEqual({ ok: false, status: 403 });
  });

  it('accepts the WebSocket only on /ws', async () => {
    const cookie = await signIn(host);
    expect(await connectWs(host.port, { cookie, origin: host.origin, path: '/socket' })).toEqual({ ok: false, status: 404 });
  });
});

describe('host lifecycle', () => {
  it('refuses to start without a renderer build, naming the missing index.html', async () => {
    await expect(createHost({ staticDir: `${build.root}/nowhere`, rpc: testHandlers() })).rejects.toThrow(/index\.html.*npm run build/);
  });

  it('refuses an out-of-range port', async () => {
    await expect(createHost({ port: 70_000, staticDir: build.staticDir, rpc: testHandlers() })).rejects.toThrow(/0\.\.65535/);
  });

  it('reports a port already in use clearly', async () => {
    await expect(createHost({ port: host.port, staticDir: build.staticDir, rpc: testHandlers() })).rejects.toThrow(/already in use/);
  });

  it('closes open WebSockets with 1001 and frees the port', async () => {
    const other = await createHost({ staticDir: build.staticDir, rpc: testHandlers(), log: () => {} });
    const cookie = await signIn(other);
    const handshake = await connectWs(other.port, { cookie, origin: other.origin });
    if (!handshake.ok) throw new Error('handshake refused');
    const closed = new Promise<number>((resolve) => handshake.ws.once('close', (code) => resolve(code)));
    await other.close();
    expect(await closed).toBe(1001);
    await other.close();
    const again = await createHost({ port: other.port, staticDir: build.staticDir, rpc: testHandlers() });
    expect(again.port).toBe(other.port);
    await again.close();
  });
});
