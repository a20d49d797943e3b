import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Root of the repository (tests/support/..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared data folder beside the repository (never copied into it). */
export const sharedData = path.resolve(repoRoot, '../shared/data');
/** The 2,000-row GOOG level-10 excerpt (about 6 minutes from 09:30). */
export const GOOG_EXCERPT = path.join(sharedData, 'lobster/excerpts/GOOG_2012-06-21_34200000_57600000_message_10_first2000.csv');
/** The full GOOG level-10 day. */
export const GOOG_FULL_DAY = path.join(sharedData, 'lobster/GOOG_2012-06-21_34200000_57600000_message_10.csv');

/** A `floor serve` child process and how to reach it. */
export interface ServeProcess {
  readonly child: ChildProcess;
  /** The one-time launch URL it printed. */
  readonly launchUrl: string;
  readonly port: number;
  /** `http://localhost:<port>` */
  readonly origin: string;
  readonly dataDir: string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then resolves with the exit code (rejects after 10 s). */
  stop(): Promise<number | null>;
}

export interface ServeOptions {
  replay?: string;
  speed?: number;
  /** Reuse a data folder (restart tests); a fresh temp folder otherwise. */
  dataDir?: string;
  /** `--symbol`: the stock to trade when the data folder's gateway settings choose Interactive Brokers. */
  symbol?: string;
}

const READY = /^Floor ready: (http:\/\/localhost:(\d+)\/\?token=\S+)$/;

/**
 * Starts the built terminal (`node bin/floor.mjs serve --port 0 ...`) and resolves once it printed
 * its ready line. Needs `npm run build` first (`npm test` does it).
 * @throws Error with the child's stderr when it exits, stays silent for 30 s, or prints anything but
 *   the ready line (the child is killed then, never left running).
 */
export async function startServe(options: ServeOptions = {}): Promise<ServeProcess> {
  if (!existsSync(path.join(repoRoot, 'out/main/cli.js'))) {
    throw new Error('out/main/cli.js is missing: run `npm run build` before the end-to-end tests (npm test does)');
  }
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'floor-e2e-'));
  const args = ['bin/floor.mjs', 'serve', '--port', '0', '--data-dir', dataDir];
  if (options.replay) args.push('--replay', options.replay);
  if (options.speed !== undefined) args.push('--speed', String(options.speed));
  if (options.symbol !== undefined) args.push('--symbol', options.symbol);
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const fail = (error: Error): void => {
      if (child.exitCode === null) child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`floor serve printed no ready line in 30 s; stderr:\n${stderr}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`floor serve exited with ${code} before it was ready; stderr:\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = READY.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      } else {
        clearTimeout(timer);
        fail(new Error(`floor serve wrote something other than the ready line to stdout: ${line}`));
      }
    });
  });
  const port = Number(ready[2]);
  return {
    child,
    launchUrl: ready[1]!,
    port,
    origin: `http://localhost:${port}`,
    dataDir,
    stderr: () => stderr,
    stop: () =>
      new Promise((resolve, reject) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => reject(new Error('floor serve did not exit within 10 s of SIGTERM')), 10_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Ends an end-to-end test's browser, then its `floor serve`, then removes its temp folder, each even
 * when the one before failed (any of them may be missing after a failed start).
 */
export async function shutDown(browser: { close(): Promise<void> } | undefined, serve: ServeProcess | undefined, dir: string | undefined): Promise<void> {
  try {
    await browser?.close();
  } finally {
    try {
      await serve?.stop();
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }
}

/**
 * The `floor serve` processes of one test file, for tests that each start their own: `start` runs
 * startServe in the given data folder (a restart) or in a fresh temp folder of the scope's own;
 * `dispose` (from afterEach) stops them all and removes those folders, even when a start failed.
 */
export class ServeScope {
  private readonly serves: ServeProcess[] = [];
  private readonly dataDirs: string[] = [];

  async start(options: ServeOptions = {}): Promise<ServeProcess> {
    let dataDir = options.dataDir;
    if (dataDir === undefined) {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'floor-e2e-'));
      this.dataDirs.push(dataDir);
    }
    const serve = await startServe({ ...options, dataDir });
    this.serves.push(serve);
    return serve;
  }

  /** Stops every serve started (SIGTERM; rejects if one does not exit) and removes the fresh data folders. */
  async dispose(): Promise<void> {
    try {
      for (const serve of this.serves.splice(0)) await serve.stop();
    } finally {
      for (const dataDir of this.dataDirs.splice(0)) removeDataDir(dataDir);
    }
  }
}

/** Removes a temporary data folder made by startServe. */
export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Exchanges the one-time launch token for the session cookie, as a browser would.
 * @returns the `Cookie` header value (`name=value`).
 */
export function sessionCookie(launchUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(launchUrl, (res) => {
        res.resume();
        const setCookie = res.headers['set-cookie']?.[0];
        if (res.statusCode !== 303 || !setCookie) return reject(new Error(`token exchange answered ${res.statusCode}, no cookie`));
        resolve(setCookie.split(';')[0]!);
      })
      .on('error', reject);
  });
}
