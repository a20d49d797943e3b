import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type TestBrowser } from '../support/chromium';
import { repoRoot } from '../support/serve-process';
import { openTerminal, waitForLiveTerminal } from '../support/terminal-page';

// Issue 9, point 1: a new user on a machine with no OS keychain (no D-Bus session, no desktop, a
// fresh HOME: any headless Linux box, container or fresh VM) runs the README's second command,
// `npm start`, and gets a paper terminal. The project is copied (node_modules linked) so that this
// `npm start`'s build does not rewrite the out/ folder the other end-to-end tests are running from.

const READY = /^Floor ready: (http:\/\/localhost:\d+\/\?token=\S+)$/m;
const PROJECT_FILES = ['package.json', 'electron.vite.config.ts', 'tsconfig.json', 'src', 'scripts', 'bin', 'resources'];

describe('npm start on a fresh machine with no OS keychain', () => {
  let work: string;
  let child: ChildProcess | undefined;
  let stdout = '';
  let stderr = '';
  let launchUrl: string;
  let browser: TestBrowser | undefined;

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'floor-newcomer-'));
    const project = path.join(work, 'floor');
    for (const entry of PROJECT_FILES) cpSync(path.join(repoRoot, entry), path.join(project, entry), { recursive: true });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    const home = path.join(work, 'home');
    // Nothing but PATH and a HOME nobody used: no DBUS_SESSION_BUS_ADDRESS, no XDG folders, no keyring.
    child = spawn('npm', ['start'], { cwd: project, env: { PATH: process.env.PATH, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    launchUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no ready line in 120 s; stderr:\n${stderr}`)), 120_000);
      child!.once('exit', (code) => reject(new Error(`npm start exited with ${code}; stdout:\n${stdout}\nstderr:\n${stderr}`)));
      createInterface({ input: child!.stdout! }).on('line', (line) => {
        stdout += `${line}\n`;
        const match = READY.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    browser = await launchChromium();
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    rmSync(work, { recursive: true, force: true });
  }, 30_000);

  it('prints the ready line and says on stderr that the keys are in a file, and why', () => {
    expect(launchUrl).toMatch(/^http:\/\/localhost:\d+\/\?token=/);
    expect(stderr).toContain('the Electron runtime is not installed');
    expect(stderr).toMatch(/floor: Keys: file\. The signing key is in .*\/home\/\.config\/Floor\/floor\.keys\.json because no OS keychain answered \(.*DBUS_SESSION_BUS_ADDRESS/);
    expect(stderr).not.toMatch(/CredentialStoreUnavailable|cannot get the secret/);
  });

  it('keeps the key in a file in the default data folder that only its owner can read', () => {
    const keyFile = path.join(work, 'home/.config/Floor/floor.keys.json');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('serves a working paper terminal whose header says "Keys: file" with what that protects', async () => {
    const { page, problems } = await openTerminal(browser!, launchUrl);
    await waitForLiveTerminal(page);
    const badge = page.getByTestId('header-key-store');
    await expect.poll(() => badge.textContent()).toBe('Keys: file');
    expect(await badge.getAttribute('title')).toMatch(/other users of this machine cannot sign as this terminal.*does not protect against anything that can read your files.*floor keys migrate/s);
    expect(problems.errors).toEqual([]);
  });
});
