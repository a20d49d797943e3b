import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { createHost, type Host, type RpcHandlers } from '../../../src/main/host';
import type { HostFrame } from '../../../src/shared/rpc';

/** A renderer build in a temp folder, with a secret file beside it that traversal must never reach. */
export function makeRendererBuild(): { root: string; staticDir: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'floor-host-'));
  const staticDir = path.join(root, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Floor</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("floor");');
  writeFileSync(path.join(staticDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(staticDir, 'assets', 'inter.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(path.join(staticDir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(root, 'secret.txt'), 'ledger signing key');
  return { root, staticDir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** RPC handlers for host tests: only the ones a test calls do anything meaningful. */
export function testHandlers(overrides: Partial<RpcHandlers> = {}): RpcHandlers {
  const fail = (): never => {
    throw new Error('not used in this test');
  };
  return {
    'host.ping': () => ({ serverTime: 0 }),
    'session.describe': fail,
    'orders.submit': fail,
    'orders.cancel': fail,
    'orders.list': () => ({ orders: [] }),
    'fills.list': fail,
    'positions.list': fail,
    'market.book': fail,
    'market.trades': fail,
    'replay.control': fail,
    'replay.files': fail,
    'replay.open': fail,
    'risk.profile.get': fail,
    'risk.profile.set': fail,
    'approvals.approve': fail,
    'approvals.reject': fail,
    'risk.killSwitch': fail,
    'risk.resume': fail,
    'alerts.list': () => ({ alerts: [] }),
    'bars.import': fail,
    'interlock.status': () => ({ registered: 0, verified: false, expiresAt: null, reason: null, automationArmedUntil: null }),
    'interlock.registration.options': fail,
    'interlock.registration.verify': fail,
    'interlock.authentication.options': fail,
    'interlock.authentication.verify': fail,
    'interlock.credentials.list': fail,
    'interlock.credentials.remove': fail,
    'interlock.automation.arm': fail,
    'interlock.automation.disarm': fail,
    'apikeys.list': () => ({ keys: [] }),
    'apikeys.register': fail,
    'apikeys.revoke': fail,
    'gateway.settings.get': fail,
    'gateway.settings.set': fail,
    'ledger.health': fail,
    'ledger.verify': fail,
    'mode.liveCheck': fail,
    'mode.switch': fail,
    ...overrides,
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request to 127.0.0.1:port with full control over Host and Cookie (fetch forbids setting Host). */
export function httpGet(
  port: number,
  pathAndQuery: string,
  options: { host?: string; cookie?: string; method?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: pathAndQuery,
        method: options.method ?? 'GET',
        headers: { Host: options.host ?? `localhost:${port}`, ...(options.cookie === undefined ? {} : { Cookie: options.cookie }) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Redeems a fresh launch token and returns the `name=value` cookie pair. */
export async function signIn(host: Host): Promise<string> {
  const res = await httpGet(host.port, `/?token=${host.mintLaunchToken()}`);
  const setCookie = res.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : undefined;
  if (res.status !== 303 || first === undefined) throw new Error(`sign-in failed with ${res.status}`);
  return first.split(';')[0] ?? '';
}

/** Outcome of a WebSocket handshake: the open socket, or the HTTP status it was refused with. */
export type Handshake = { ok: true; ws: WebSocket } | { ok: false; status: number };

export function connectWs(
  port: number,
  options: { cookie?: string; origin?: string; host?: string; path?: string } = {},
): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.cookie !== undefined) headers.Cookie = options.cookie;
    if (options.host !== undefined) headers.Host = options.host;
    const ws = new WebSocket(`ws://127.0.0.1:${port}${options.path ?? '/ws'}`, {
      headers,
      ...(options.origin === undefined ? {} : { origin: options.origin }),
    });
    ws.once('open', () => resolve({ ok: true, ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ ok: false, status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

/** Every frame the host sent on a WebSocket since collectFrames, and a way to wait for the ones a test expects. */
export interface FrameLog {
  readonly frames: HostFrame[];
  /**
   * Resolves once `check(frames)` holds, tested now and on every frame that arrives; rejects after
   * `timeoutMs` (default 5 s) naming `what` and the frames that did arrive.
   */
  until(check: (frames: readonly HostFrame[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
}

/** Collects every frame the host sends on `ws` from now on. */
export function collectFrames(ws: WebSocket): FrameLog {
  const frames: HostFrame[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as HostFrame);
    for (const check of [...waiters]) check();
  });
  return {
    frames,
    until: (check, what, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(test);
          reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(frames.map((f) => (f.kind === 'push' ? f.topic : f.kind)))}`));
        }, timeoutMs);
        const test = (): void => {
          if (!check(frames)) return;
          clearTimeout(timer);
          waiters.delete(test);
          resolve();
        };
        waiters.add(test);
        test();
      }),
  };
}

/** Sends a raw text frame and resolves with the next response frame. */
export function rawCall(ws: WebSocket, text: string): Promise<HostFrame> {
  return new Promise((resolve) => {
    const onMessage = (data: unknown): void => {
      const frame = JSON.parse(String(data)) as HostFrame;
      if (frame.kind === 'response') {
        ws.off('message', onMessage);
        resolve(frame);
      }
    };
    ws.on('message', onMessage);
    ws.send(text);
  });
}

/** A host with the test build, signed in, with an authenticated WebSocket. */
export async function startSignedIn(
  rpc: RpcHandlers,
  staticDir: string,
  log: (line: string) => void = () => {},
): Promise<{ host: Host; cookie: string; ws: WebSocket }> {
  const host = await createHost({ staticDir, rpc, log });
  const cookie = await signIn(host);
  const handshake = await connectWs(host.port, { cookie, origin: host.origin });
  if (!handshake.ok) throw new Error(`websocket refused with ${handshake.status}`);
  return { host, cookie, ws: handshake.ws };
}
