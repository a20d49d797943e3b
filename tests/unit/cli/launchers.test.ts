import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/**
 * A throw-away project with copies of bin/floor.mjs and scripts/start.mjs, so the launchers run
 * against a known layout: no build, a fake `floor` CLI, and an electron package that is missing its
 * binary or points at a fake one.
 */
function project(electron: 'missing-binary' | 'installed' | 'none'): string {
  const root = mkdtempSync(path.join(tmpdir(), 'floor-launch-'));
  roots.push(root);
  mkdirSync(path.join(root, 'bin'));
  mkdirSync(path.join(root, 'scripts'));
  copyFileSync(path.join(repoRoot, 'scripts/start.mjs'), path.join(root, 'scripts/start.mjs'));
  copyFileSync(path.join(repoRoot, 'bin/floor.mjs'), path.join(root, 'bin/real-floor.mjs'));
  writeFileSync(
    path.join(root, 'bin/floor.mjs'),
    [
      // The handler goes in before the line the test waits for, so the SIGTERM it then sends cannot arrive first.
      "process.on('SIGTERM', () => { process.stdout.write('floor got SIGTERM\\n'); process.exit(7); });",
      "process.stdout.write('floor ' + process.argv.slice(2).join(' ') + '\\n');",
      "if (process.argv.includes('--wait')) setInterval(() => {}, 1000); else process.exit(3);",
    ].join('\n'),
  );
  const pkg = path.join(root, 'node_modules/electron');
  if (electron !== 'none') {
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }));
  }
  if (electron === 'missing-binary') {
    writeFileSync(path.join(pkg, 'index.js'), "throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');");
  }
  if (electron === 'installed') {
    writeFileSync(path.join(pkg, 'index.js'), "module.exports = require('path').join(__dirname, 'fake-electron');");
    writeFileSync(path.join(pkg, 'fake-electron'), '#!/bin/sh\necho "electron $*"\nexit 4\n');
    chmodSync(path.join(pkg, 'fake-electron'), 0o755);
  }
  return root;
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runNode(script: string, args: string[], onSpawn?: (pid: number, stdout: () => string) => void): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    if (child.pid !== undefined) onSpawn?.(child.pid, () => stdout);
  });
}

describe('bin/floor.mjs', () => {
  it('tells a fresh clone to run `npm run build` and exits 1 when the CLI bundle is missing', async () => {
    const root = project('none');
    const result = await runNode(path.join(root, 'bin/real-floor.mjs'), ['serve']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('npm run build');
    expect(result.stdout).toBe('');
  });
});

describe('npm start launcher (scripts/start.mjs)', () => {
  it('runs floor serve with the given args when Electron was installed without its binary, explaining why in one paragraph', async () => {
    const root = project('missing-binary');
    const result = await runNode(path.join(root, 'scripts/start.mjs'), ['--port', '0']);
    expect(result.stdout).toBe('floor serve --port 0\n');
    expect(result.code).toBe(3);
    const paragraph = result.stderr.trim();
    expect(paragraph.split('\n')).toHaveLength(1);
    expect(paragraph).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD=1');
    expect(paragraph).toContain('floor serve');
    expect(paragraph).toContain('Chromium-based browser');
    expect(paragraph).toContain('node node_modules/electron/install.js');
  });

  it('falls back to floor serve when the electron package is absent altogether', async () => {
    const root = project('none');
    const result = await runNode(path.join(root, 'scripts/start.mjs'), []);
    expect(result.stdout).toBe('floor serve\n');
    expect(result.stderr).toContain('Electron runtime is not installed');
  });

  it('launches the Electron binary on the project root when it is installed, passing args and its exit code', async () => {
    const root = project('installed');
    const result = await runNode(path.join(root, 'scripts/start.mjs'), ['--inspect']);
    expect(result.stdout).toBe(`electron ${root} --inspect\n`);
    expect(result.code).toBe(4);
    expect(result.stderr).toBe('');
  });

  it('forwards SIGTERM to floor serve and exits with its code', async () => {
    const root = project('missing-binary');
    const result = await runNode(path.join(root, 'scripts/start.mjs'), ['--wait'], (pid, stdout) => {
      const poll = setInterval(() => {
        if (stdout().includes('floor serve --wait')) {
          clearInterval(poll);
          process.kill(pid, 'SIGTERM');
        }
      }, 10);
    });
    expect(result.stdout).toContain('floor got SIGTERM');
    expect(result.code).toBe(7);
  });
});
