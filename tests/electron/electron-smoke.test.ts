import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf } from '../../src/shared';
import { DESKTOP_BRIDGE_FUNCTIONS } from '../../src/shared/desktop-bridge';

// End to end (issue 5, point 4): the real Electron shell, driven by Playwright's `_electron`, checked
// from inside its window: the page runs on the host's localhost origin, sees exactly the preload's
// named functions and no Node, and cannot navigate or open a window elsewhere.
//
// It needs the Electron binary, so it is not part of `npm test` (build machines install with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1, DESIGN.md): `npm run test:electron` runs it where the binary is
// installed, and fails with the reason where it is not or where there is no display (on Linux,
// DISPLAY or WAYLAND_DISPLAY; use `xvfb-run` on a headless machine). It builds first.

const repoRoot = path.resolve(import.meta.dirname, '../..');
const mainBundle = path.join(repoRoot, 'out/main/index.js');

/**
 * The Electron binary's path.
 * @throws Error saying why this machine cannot run the smoke test (binary not installed, no display).
 */
function electronBinary(): string {
  let binary: unknown;
  try {
    // The electron package exports the binary's path, and throws when its postinstall download was skipped.
    binary = createRequire(import.meta.url)('electron');
  } catch (error) {
    throw new Error(`Electron binary not installed (require('electron') threw "${messageOf(error)}"; npm install ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or the download failed; fetch it with \`node node_modules/electron/install.js\`)`);
  }
  if (typeof binary !== 'string' || !existsSync(binary)) throw new Error(`Electron binary not installed (require('electron') points to ${String(binary)}, which does not exist)`);
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error('no display on this Linux machine (DISPLAY and WAYLAND_DISPLAY unset); run the test under xvfb-run');
  }
  return binary;
}

describe('Electron shell smoke test', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;
  let stderr = '';

  beforeAll(async () => {
    if (!existsSync(mainBundle)) throw new Error(`${mainBundle} is missing: run \`npx electron-vite build\` before the Electron smoke test`);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'floor-electron-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
    // The repo root launches package.json's "main", out/main/index.js, the way `npm start` does; the
    // data folder is a fresh one, never the trader's.
    app = await _electron.launch({ executablePath: electronBinary(), args: [repoRoot, `--user-data-dir=${dataDir}`], env, timeout: 60_000 });
    app.process().stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    page = await app.firstWindow();
    await page.waitForFunction(() => location.origin.startsWith('http://localhost:'), undefined, { timeout: 60_000 });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the window from the host on http://localhost:<port>', async () => {
    expect(await page.evaluate(() => location.origin)).toMatch(/^http:\/\/localhost:\d{1,5}$/);
  });

  it('gives the page exactly the named bridge functions, and nothing else from Electron', async () => {
    const bridge = await page.evaluate(() => {
      const api = (window as unknown as { floorDesktop?: Record<string, unknown> }).floorDesktop;
      return api === undefined ? null : Object.keys(api).sort().map((name) => [name, typeof api[name]]);
    });
    expect(bridge).toEqual(DESKTOP_BRIDGE_FUNCTIONS.map((name) => [name, 'function']));
  });

  it('runs the page without Node: no require, no process', async () => {
    expect(await page.evaluate(() => [typeof require, typeof process])).toEqual(['undefined', 'undefined']);
  });

  it('blocks navigation to another origin and keeps the page on the host', async () => {
    const origin = await page.evaluate(() => location.origin);
    await page.evaluate(() => {
      location.href = 'https://example.invalid/phish';
    });
    // The main process logs each blocked navigation: wait for that line rather than for a fixed time.
    await expect.poll(() => stderr, { timeout: 10_000 }).toContain('navigation to https://example.invalid/phish blocked');
    expect(await page.evaluate(() => location.origin)).toBe(origin);
  });

  it('denies window.open, leaving Floor with one window', async () => {
    expect(await page.evaluate(() => window.open('https://example.invalid/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
